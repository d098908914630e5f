// Import the open invoices of another tool: they keep their number, age from their own dates and
// are paid like Billbook's own.
import { invoke } from '../../../api';
import type { InvoiceImportPreview } from '../../../../shared/channels/invoiceImport';
import type { ImportResultBase } from '../../../../shared/domain/imports';
import { CsvImport, type CsvImportConfig } from '../../../components/import/CsvImport';
import { formatDate, plural } from '../../../lib/format';
import { paths } from '../../../lib/router';
import { toast } from '../../../stores/toasts';

type Result = ImportResultBase & { skipped: number; payments: number };

function Skipped({ preview }: { preview: InvoiceImportPreview }) {
  if (preview.skipped.length === 0) return null;
  return (
    <section>
      <h3 id="invoice-skipped">Not imported: not open, or already here</h3>
      <table className="data-table" aria-labelledby="invoice-skipped">
        <thead><tr><th scope="col">Line</th><th scope="col">Invoice</th><th scope="col">Why</th></tr></thead>
        <tbody>
          {preview.skipped.slice(0, 200).map((s) => (
            <tr key={s.line}><td className="num">{s.line}</td><td>{s.number}</td><td>{s.reason}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Sample({ preview }: { preview: InvoiceImportPreview }) {
  if (preview.sample.length === 0) return null;
  return (
    <section>
      <h3 id="invoice-sample">First invoices, as they will be in Billbook</h3>
      <table className="data-table" aria-labelledby="invoice-sample">
          <thead>
            <tr>
              <th scope="col">Line</th><th scope="col">Number</th><th scope="col">Customer</th><th scope="col">Issued</th><th scope="col">Due</th>
              <th scope="col" className="amount">Total</th><th scope="col" className="amount">Paid before</th><th scope="col" className="amount">Owed</th>
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((s) => (
              <tr key={s.line}>
                <td className="num">{s.line}</td><td>{s.number}</td><td>{s.customer}</td><td>{formatDate(s.issueDate)}</td><td>{formatDate(s.dueDate)}</td>
                <td className="amount">{s.total}</td><td className="amount">{s.paid}</td><td className="amount">{s.balance}</td>
              </tr>
            ))}
          </tbody>
      </table>
    </section>
  );
}

const CONFIG: CsvImportConfig<InvoiceImportPreview, Result> = {
  what: 'open invoices',
  one: 'invoice',
  idPrefix: 'invoice-import',
  action: 'invoices.finalize',
  fields: [
    { key: 'number', label: 'Invoice number', required: true, hint: 'Kept as it is; Billbook’s own numbers never repeat it' },
    { key: 'customer', label: 'Customer name', required: true, hint: 'Matched to a customer of the same name' },
    { key: 'customerEmail', label: 'Customer email', hint: 'Matched first, when two customers share a name' },
    { key: 'issueDate', label: 'Issue date', required: true },
    { key: 'dueDate', label: 'Due date', hint: 'Empty: from the customer’s payment terms' },
    { key: 'total', label: 'Invoice total', required: true, hint: 'With VAT, as the customer was billed' },
    { key: 'lineTotal', label: 'Line total (added up per invoice)', hint: 'For exports with no invoice total (FreshBooks)' },
    { key: 'paid', label: 'Amount paid' },
    { key: 'balance', label: 'Balance due', hint: 'Paid = total − balance, when there is no amount paid' },
    { key: 'currency', label: 'Currency', hint: 'Must be the customer’s' },
    { key: 'status', label: 'Status', hint: 'Drafts, paid and void invoices are left out' },
    { key: 'type', label: 'Document type', hint: 'Credit notes and payments in the list are left out' },
    { key: 'paidOn', label: 'Last payment date' },
  ],
  hints: (
    <>
      <p>
        Bring in the invoices your customers still owe on, from <strong>Zoho Invoice, Wave, FreshBooks, QuickBooks, Xero and Invoice Ninja</strong>
        {' '}or a spreadsheet. Import your customers first: each invoice is matched to one by name or email.
      </p>
      <ul className="hints">
        <li>Each invoice keeps its number and dates, so it is overdue, reminded and paid like one made here.</li>
        <li>It has one line for its total (the items and VAT stay on the original, in the other tool).</li>
        <li>What was already paid becomes a payment “paid before import”; drafts, paid and void invoices are left out.</li>
        <li>Importing the same file again adds nothing twice.</li>
      </ul>
    </>
  ),
  preview: (input) => invoke('invoices.import.preview', input),
  commit: ({ csvText, fileName, mapping }) => invoke('invoices.import.commit', { csvText, fileName, mapping }),
  counts: (p) => [['Not open or already here', p.skipped.length]],
  review: (preview) => (
    <>
      <Skipped preview={preview} />
      <Sample preview={preview} />
    </>
  ),
  commitLabel: (p) => `Import ${plural(p.acceptedRows, 'open invoice')}`,
  canCommit: (p) => p.acceptedRows > 0,
  result: (r) => {
    toast.success(`Import finished: ${plural(r.created, 'invoice')} imported`);
    return {
      counts: [['Invoices imported', r.created], ['Earlier payments recorded', r.payments], ['Left out', r.skipped], ['Rejected', r.rejected]],
      note: 'The imported invoices are in the invoice list, on their customers’ pages and in the aging report.',
    };
  },
  done: { href: paths.invoices(), label: 'View invoices' },
};

export function InvoiceImport() {
  return (
    <section className="screen screen-import">
      <p className="breadcrumb"><a href={paths.invoices()}>Invoices</a></p>
      <h1>Import open invoices</h1>
      <CsvImport config={CONFIG} />
    </section>
  );
}
