// Reads an invoice list into the open invoices it holds: rows grouped by number, each invoice
// matched to a customer by email or name, its amounts read exactly in the customer's currency.
// Pure reading: nothing is written here.
import type { InvoiceImportSkipped } from '../../../../shared/channels/invoiceImport';
import { fromSpreadsheetSafe } from '../../../../shared/csv';
import type { ImportRejectedRow, ImportSource, ImportWarning } from '../../../../shared/domain/imports';
import { AppError } from '../../../../shared/errors';
import { textProblem } from '../../../../shared/text';
import { formatMoney, type CurrencyCode } from '../../../../shared/money';
import { addDays } from '../../clock';
import type { CoreContext } from '../../context';
import { liveCustomersByEmail, liveCustomersByName, type CustomerRow } from '../../customers/repo';
import { readImportAmount } from '../../imports/amount';
import { dateOrderOf, readImportDate, type DateOrder } from '../../imports/dates';
import type { CsvFile } from '../../customers/import/csv';
import { mapFile, type MappedRecord } from '../../imports/file';
import { today } from '../service';
import { INVOICE_FIELDS, INVOICE_FIELD_LABELS, INVOICE_SOURCES, INVOICE_SYNONYMS, type InvoiceField } from './sources';

export interface PlannedInvoice {
  line: number;
  number: string;
  customer: CustomerRow;
  currency: CurrencyCode;
  issueDate: string;
  dueDate: string;
  totalMinor: number;
  paidMinor: number;
  /** When the amount already paid was received (the last payment, else the issue date). */
  paidOn: string;
}

export interface InvoicePlan {
  source: ImportSource;
  csv: CsvFile;
  mapping: Record<InvoiceField, string | null>;
  invoices: PlannedInvoice[];
  rejected: ImportRejectedRow[];
  skipped: InvoiceImportSkipped[];
  warnings: ImportWarning[];
  totalRows: number;
}

const MAX_NUMBER_LENGTH = 60;

/** Documents in the same list that are not sales invoices: credit notes, payments, estimates. */
const INVOICE_TYPE = /^(invoice|tax invoice|sales invoice|accrec|inv)$/i;

function group(records: MappedRecord<InvoiceField>[]): { number: string; rows: MappedRecord<InvoiceField>[] }[] {
  const byNumber = new Map<string, MappedRecord<InvoiceField>[]>();
  const order: string[] = [];
  for (const record of records) {
    const number = fromSpreadsheetSafe((record.cells.number ?? '').trim());
    const key = number === '' ? `#line ${record.line}` : number;
    const rows = byNumber.get(key);
    if (rows) rows.push(record);
    else {
      byNumber.set(key, [record]);
      order.push(key);
    }
  }
  return order.map((key) => ({ number: key.startsWith('#line ') ? '' : key, rows: byNumber.get(key)! }));
}

function matchCustomer(ctx: CoreContext, name: string, email: string): { customer: CustomerRow } | { reason: string } {
  if (email !== '') {
    const byEmail = liveCustomersByEmail(ctx.sql, email.toLowerCase());
    if (byEmail.length === 1) return { customer: byEmail[0]! };
  }
  if (name === '') return { reason: email ? `No customer has the email ${email}: import your customers first (Customers → Import CSV)` : 'The row names no customer' };
  const byName = liveCustomersByName(ctx.sql, name.replace(/\s+/g, ' '));
  if (byName.length === 1) return { customer: byName[0]! };
  if (byName.length > 1) return { reason: `${byName.length} customers are called “${name}”; map the customer email column so each invoice finds its own` };
  return { reason: `No customer called “${name}”: import your customers first (Customers → Import CSV), or check the name` };
}

/** Why an invoice in this state is not imported; null when it is open. */
function closedReason(status: string, source: ImportSource): string | null {
  const s = status.toLowerCase();
  if (/draft/.test(s)) return `A draft in ${source.label}: only issued invoices are imported`;
  if (/void|deleted|cancel|written[- ]?off/.test(s)) return `${status} in ${source.label}: nothing is owed on it`;
  if (/^paid$|^closed$/.test(s)) return 'Paid in full: only open invoices are imported';
  return null;
}

export function planInvoiceImport(ctx: CoreContext, csvText: string, requested: Record<string, string | null> | undefined): InvoicePlan {
  const file = mapFile(csvText, requested, { fields: INVOICE_FIELDS, synonyms: INVOICE_SYNONYMS, profiles: INVOICE_SOURCES });
  const m = file.mapping;
  const missing: string[] = [];
  if (!m.number) missing.push('the invoice number');
  if (!m.customer && !m.customerEmail) missing.push('the customer');
  if (!m.issueDate) missing.push('the issue date');
  if (!m.total && !m.lineTotal && !m.balance) missing.push('the invoice total');
  if (missing.length > 0) {
    throw new AppError('invalid_input', `Choose which column holds ${missing.join(', ')}: every invoice needs them.`, {
      ...(m.number ? {} : { 'mapping.number': 'Required' }),
      ...(m.customer || m.customerEmail ? {} : { 'mapping.customer': 'Required' }),
      ...(m.issueDate ? {} : { 'mapping.issueDate': 'Required' }),
      ...(m.total || m.lineTotal || m.balance ? {} : { 'mapping.total': 'Required' }),
    });
  }
  const day = today(ctx);
  const dates = file.records.flatMap((r) => [r.cells.issueDate, r.cells.dueDate, r.cells.paidOn]).filter((v): v is string => !!v);
  const order: DateOrder = dateOrderOf(dates) ?? 'dmy';
  const taken = ctx.sql.prepare('SELECT 1 FROM invoices WHERE number = ?');

  const rejected: ImportRejectedRow[] = file.csv.unreadable.map((u) => ({ line: u.line, name: '', reasons: [u.reason], cells: [] }));
  const skipped: InvoiceImportSkipped[] = [];
  const warnings: ImportWarning[] = [];
  const invoices: PlannedInvoice[] = [];

  for (const { number, rows } of group(file.records)) {
    const first = rows[0]!;
    const line = first.line;
    const cell = (field: InvoiceField, row = first) => fromSpreadsheetSafe((row.cells[field] ?? '').trim());
    const reject = (...reasons: string[]) => rejected.push({ line, name: number, reasons, cells: [] });
    const warn = (field: InvoiceField, value: string, reason: string) =>
      warnings.push({ line, name: number, field, value, message: `${INVOICE_FIELD_LABELS[field].toLowerCase()} ${value} left out: ${reason}` });

    const type = cell('type');
    if (type !== '' && !INVOICE_TYPE.test(type)) {
      skipped.push({ line, number, reason: `${type}: only invoices are imported` });
      continue;
    }
    const closed = cell('status') === '' ? null : closedReason(cell('status'), file.source);
    if (closed) {
      skipped.push({ line, number, reason: closed });
      continue;
    }
    if (number === '') {
      reject('Invoice number: this row has none');
      continue;
    }
    if (number.length > MAX_NUMBER_LENGTH || textProblem(number, 'oneLine') !== null) {
      reject(`Invoice number: “${number.slice(0, 40)}” is not one Billbook can keep (at most ${MAX_NUMBER_LENGTH} characters on one line)`);
      continue;
    }
    if (taken.get(number)) {
      skipped.push({ line, number, reason: `Already in Billbook as ${number}` });
      continue;
    }

    const match = matchCustomer(ctx, cell('customer'), cell('customerEmail'));
    if ('reason' in match) {
      reject(`Customer: ${match.reason}`);
      continue;
    }
    const customer = match.customer;
    const currency = customer.currency as CurrencyCode;
    const stated = cell('currency').toUpperCase();
    if (stated !== '' && stated !== currency) {
      reject(`Currency: the invoice is in ${stated}, but ${customer.name} is billed in ${currency}; an invoice is in its customer's currency`);
      continue;
    }

    const amount = (field: InvoiceField, row = first): { minor: number } | { problem: string } | null => {
      const text = cell(field, row);
      if (text === '') return null;
      const read = readImportAmount(text, currency);
      if (!read.ok) return { problem: `${INVOICE_FIELD_LABELS[field]}: “${text}” is ${read.reason}` };
      if (read.minor < 0) return { problem: `${INVOICE_FIELD_LABELS[field]}: “${text}” is negative` };
      return { minor: read.minor };
    };
    const problems: string[] = [];
    const value = (a: ReturnType<typeof amount>) => {
      if (a && 'problem' in a) problems.push(a.problem);
      return a && 'minor' in a ? a.minor : null;
    };
    // The total: the invoice's own (the same on each of its rows), else its lines added up.
    let total = value(amount('total'));
    for (const row of rows.slice(1)) {
      const again = amount('total', row);
      if (total !== null && again && 'minor' in again && again.minor !== total) problems.push(`Invoice total: its rows disagree (line ${row.line})`);
    }
    if (total === null && m.lineTotal) {
      let sum = 0;
      for (const row of rows) sum += value(amount('lineTotal', row)) ?? 0;
      total = sum;
    }
    const balance = value(amount('balance'));
    total ??= balance;
    let paid = value(amount('paid'));
    if (paid === null && balance !== null && total !== null) paid = total - balance;
    paid ??= 0;
    if (problems.length > 0) {
      reject(...problems);
      continue;
    }
    if (total === null || total === 0) {
      reject('Invoice total: none, or 0; there is nothing to collect');
      continue;
    }
    if (paid < 0 || paid > total) {
      reject(`Amount paid: ${formatMoney(paid, currency)} is more than the invoice total of ${formatMoney(total, currency)}`);
      continue;
    }
    if (paid === total) {
      skipped.push({ line, number, reason: 'Paid in full: only open invoices are imported' });
      continue;
    }
    if (/partial/i.test(cell('status')) && paid === 0) {
      warnings.push({
        line, name: number, field: 'status', value: cell('status'),
        message: `status ${cell('status')}: the file does not say how much was paid, so it is imported as unpaid; record what ${customer.name} paid`,
      });
    }

    const issueText = cell('issueDate');
    const issueDate = readImportDate(issueText, order);
    if (!issueDate) {
      reject(`Issue date: “${issueText}” is not a date (write it like 2026-01-28 or 28/01/2026)`);
      continue;
    }
    if (issueDate > day) {
      reject(`Issue date: ${issueDate} is in the future; an open invoice was issued on or before today`);
      continue;
    }
    const byTerms = addDays(issueDate, customer.payment_terms_days);
    let dueDate = byTerms;
    const dueText = cell('dueDate');
    if (dueText !== '') {
      const due = readImportDate(dueText, order);
      if (!due) warn('dueDate', dueText, `not a date; due on ${byTerms} from ${customer.name}'s payment terms`);
      else if (due < issueDate) warn('dueDate', dueText, `before the issue date; due on ${byTerms} from ${customer.name}'s payment terms`);
      else dueDate = due;
    }
    let paidOn = issueDate;
    const paidText = cell('paidOn');
    if (paid > 0 && paidText !== '') {
      const on = readImportDate(paidText, order);
      if (!on || on > day) warn('paidOn', paidText, `not a date up to today; the earlier payment is dated ${issueDate}`);
      else paidOn = on < issueDate ? issueDate : on;
    }
    invoices.push({ line, number, customer, currency, issueDate, dueDate, totalMinor: total, paidMinor: paid, paidOn });
  }
  rejected.sort((a, b) => a.line - b.line);
  return {
    source: file.source, csv: file.csv, mapping: m, invoices, rejected, skipped, warnings,
    totalRows: invoices.length + rejected.length + skipped.length,
  };
}
