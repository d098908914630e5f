// Invoice lists as each tool exports them. Several export one row per line item, repeating the
// invoice's number, customer, dates and total on each: rows are grouped by number.
import type { SourceProfile } from '../../imports/sources';

export const INVOICE_FIELDS = [
  'number', 'customer', 'customerEmail', 'issueDate', 'dueDate', 'total', 'lineTotal', 'paid', 'balance', 'currency', 'status', 'type', 'paidOn',
] as const;
export type InvoiceField = (typeof INVOICE_FIELDS)[number];

export const INVOICE_FIELD_LABELS: Record<InvoiceField, string> = {
  number: 'Invoice number', customer: 'Customer name', customerEmail: 'Customer email', issueDate: 'Issue date', dueDate: 'Due date',
  total: 'Invoice total', lineTotal: 'Line total (added up per invoice)', paid: 'Amount paid', balance: 'Balance due', currency: 'Currency',
  status: 'Status', type: 'Document type', paidOn: 'Last payment date',
};

export const INVOICE_SOURCES: readonly SourceProfile<InvoiceField>[] = [
  {
    // Zoho Invoice / Books: Invoices → Export (one row per line item).
    source: 'zoho',
    signature: ['Invoice Number', 'Invoice Status', 'Customer Name', 'Balance'],
    columns: {
      number: ['Invoice Number'], customer: ['Customer Name'], customerEmail: ['Primary Contact EmailID'], issueDate: ['Invoice Date'],
      dueDate: ['Due Date'], total: ['Total'], balance: ['Balance'], currency: ['Currency Code'], status: ['Invoice Status'], paidOn: ['Last Payment Date'],
    },
  },
  {
    // Wave: Sales → Invoices → Export.
    source: 'wave',
    signature: ['Invoice Number', 'Invoice Total', 'Invoice Paid'],
    columns: {
      number: ['Invoice Number'], customer: ['Customer Name', 'Customer'], issueDate: ['Invoice Date', 'Transaction Date'], dueDate: ['Due Date'],
      total: ['Invoice Total'], paid: ['Invoice Paid'], currency: ['Currency'], paidOn: ['Last Payment Date'],
    },
  },
  {
    // FreshBooks: Invoices → Export (one row per line item, no invoice total: the line totals add up to it).
    source: 'freshbooks',
    signature: ['Invoice #', 'Client Name', 'Date Issued'],
    columns: {
      number: ['Invoice #'], customer: ['Client Name'], issueDate: ['Date Issued'], dueDate: ['Due Date'], lineTotal: ['Line Total'],
      currency: ['Currency'], status: ['Invoice Status'], paidOn: ['Date Paid'],
    },
  },
  {
    // QuickBooks Online: Sales → Invoices (or the Invoice List report) → Export.
    source: 'quickbooksOnline',
    signature: ['No.', 'Customer', 'Due Date', 'Open Balance'],
    columns: {
      number: ['No.', 'Num'], customer: ['Customer'], issueDate: ['Date'], dueDate: ['Due Date'], total: ['Amount', 'Total'],
      balance: ['Open Balance'], status: ['Status'], type: ['Transaction Type', 'Type'],
    },
  },
  {
    // QuickBooks Desktop: Reports → Customers & Receivables → Open Invoices → Excel (CSV).
    source: 'quickbooksDesktop',
    signature: ['Num', 'Name', 'Aging', 'Open Balance'],
    columns: {
      number: ['Num'], customer: ['Name'], issueDate: ['Date'], dueDate: ['Due Date'], total: ['Amount', 'Open Balance'],
      balance: ['Open Balance'], type: ['Type'],
    },
  },
  {
    // Invoice Ninja: Export → Invoices.
    source: 'invoiceNinja',
    signature: ['Client', 'Invoice Number', 'Amount', 'Paid', 'Invoice Date'],
    columns: {
      number: ['Invoice Number'], customer: ['Client'], customerEmail: ['Email'], issueDate: ['Invoice Date'], dueDate: ['Due Date'],
      total: ['Amount'], paid: ['Paid'], status: ['Status'],
    },
  },
  {
    // Xero: Business → Invoices → Export (one row per line item).
    source: 'xero',
    signature: ['InvoiceNumber', 'ContactName', 'InvoiceAmountDue'],
    columns: {
      number: ['InvoiceNumber'], customer: ['ContactName'], customerEmail: ['EmailAddress'], issueDate: ['InvoiceDate'], dueDate: ['DueDate'],
      total: ['Total'], paid: ['InvoiceAmountPaid'], balance: ['InvoiceAmountDue'], currency: ['Currency'], status: ['Status'], type: ['Type'],
    },
  },
];

export const INVOICE_SYNONYMS: Record<InvoiceField, readonly string[]> = {
  number: ['invoicenumber', 'invoiceno', 'invoice', 'number', 'no', 'num', 'ref', 'reference'],
  customer: ['customername', 'customer', 'clientname', 'client', 'contactname', 'name', 'billto'],
  customerEmail: ['customeremail', 'clientemail', 'email', 'emailaddress'],
  issueDate: ['invoicedate', 'issuedate', 'dateissued', 'date'],
  dueDate: ['duedate', 'due'],
  total: ['total', 'invoicetotal', 'amount', 'invoiceamount', 'totalamount', 'grandtotal'],
  lineTotal: ['linetotal'],
  paid: ['amountpaid', 'paid', 'paidtodate', 'invoicepaid', 'payments'],
  balance: ['balance', 'balancedue', 'openbalance', 'amountdue', 'outstanding'],
  currency: ['currency', 'currencycode'],
  status: ['status', 'invoicestatus'],
  type: ['type', 'transactiontype', 'documenttype'],
  paidOn: ['lastpaymentdate', 'datepaid', 'paiddate', 'paymentdate'],
};
