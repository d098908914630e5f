// SQL for the intelligence models: plain reads, no rules. Dates come back as day numbers
// (days since 1970-01-01) where the models do arithmetic on them.
import type { Sql } from '../../db/sql';

/**
 * A finalized invoice's settlement, for fitting and testing the payment model: already in the
 * models' shape, so a 100,000-invoice book is not copied into new objects on the way.
 */
export interface SettlementRow {
  customerId: string;
  currency: string;
  issueDay: number;
  dueDay: number;
  /** The day it was paid in full; null while money is owed. */
  paidDay: number | null;
  totalMinor: number;
}

/** A YYYY-MM-DD column as a day number (days since 1970-01-01), worked out by SQLite. */
const day = (column: string) => `CAST(julianday(${column}) - 2440587.5 AS INTEGER)`;

// Rows are read one at a time (iterate) rather than all at once: each array dies as soon as its
// record is made, instead of 100,000 of them outliving the read and costing the collector.

/**
 * Every finalized, non-void invoice with its payment day when paid in full, in no order. Paid in
 * full counts only when money arrived: an invoice settled by credit notes alone says nothing about
 * how the customer pays. Both reads are served by covering indexes (invoices_paid_by_paid_on,
 * invoices_unpaid_by_issue) when present, and arrive as arrays of numbers rather than dates: on a
 * 100,000-invoice book the strings, per-row objects and the garbage they leave are what cost.
 */
export function settlementRows(sql: Sql): SettlementRow[] {
  const rows: SettlementRow[] = [];
  const paid = sql
    .prepare(
      `SELECT customer_id, currency, ${day('issue_date')}, ${day('due_date')}, ${day('paid_on')}, total_minor FROM invoices
       WHERE status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL`,
    )
    .raw(true)
    .iterate() as IterableIterator<[string, string, number, number, number, number]>;
  for (const [customerId, currency, issueDay, dueDay, paidDay, totalMinor] of paid) rows.push({ customerId, currency, issueDay, dueDay, paidDay, totalMinor });
  const unpaid = sql
    .prepare(`SELECT customer_id, currency, ${day('issue_date')}, ${day('due_date')}, total_minor FROM invoices WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL`)
    .raw(true)
    .iterate() as IterableIterator<[string, string, number, number, number]>;
  for (const [customerId, currency, issueDay, dueDay, totalMinor] of unpaid) rows.push({ customerId, currency, issueDay, dueDay, paidDay: null, totalMinor });
  return rows;
}

export interface OpenInvoiceRow {
  id: string;
  number: string;
  customer_id: string;
  customer_code: string;
  customer_name: string;
  email: string;
  phone: string;
  currency: string;
  issue_date: string;
  due_date: string;
  total_minor: number;
  balance_minor: number;
}

const OPEN_COLUMNS = `i.id, i.number, i.customer_id, c.code AS customer_code, c.name AS customer_name, c.email, c.phone, i.currency,
  i.issue_date, i.due_date, i.total_minor, i.balance_minor`;

/** Invoices with money owing, optionally one customer's, one currency's or only those due before `dueBefore`. */
export function openInvoices(sql: Sql, filter: { customerId?: string; currency?: string; dueBefore?: string } = {}): OpenInvoiceRow[] {
  const where = [`i.status IN ('open', 'partially_paid')`, 'i.deleted_at IS NULL', 'i.balance_minor > 0'];
  const params: Record<string, string> = {};
  if (filter.customerId) { where.push('i.customer_id = @customerId'); params['customerId'] = filter.customerId; }
  if (filter.currency) { where.push('i.currency = @currency'); params['currency'] = filter.currency; }
  // `+` keeps SQLite on the unpaid index: the due-date index would walk every invoice ever due.
  if (filter.dueBefore) { where.push('+i.due_date < @dueBefore'); params['dueBefore'] = filter.dueBefore; }
  return sql
    .prepare(`SELECT ${OPEN_COLUMNS} FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE ${where.join(' AND ')} ORDER BY i.due_date, i.seq`)
    .all(params) as OpenInvoiceRow[];
}

export function invoiceState(sql: Sql, id: string): { number: string | null; status: string; balance_minor: number } | undefined {
  return sql.prepare('SELECT number, status, balance_minor FROM invoices WHERE id = ? AND deleted_at IS NULL').get(id) as
    | { number: string | null; status: string; balance_minor: number }
    | undefined;
}

export function openInvoiceById(sql: Sql, id: string): OpenInvoiceRow | undefined {
  return sql.prepare(`SELECT ${OPEN_COLUMNS} FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.id = ?`).get(id) as OpenInvoiceRow | undefined;
}

/** A finalized invoice's amount, in the shape the anomaly rules judge (anomalies.AmountRecord). */
export interface AmountRow {
  /** The invoice's seq. */
  key: number;
  customerId: string;
  currency: string;
  issueDay: number;
  totalMinor: number;
}

/**
 * Every finalized, non-void invoice's amount (optionally one customer's), in no order: what a new
 * invoice is judged against. Lean rows from a covering index (invoices_final_by_issue) when present;
 * the few flagged ones are named with `invoiceDetails`.
 */
export function amountRows(sql: Sql, customerId?: string): AmountRow[] {
  const filter = customerId ? ' AND customer_id = ?' : '';
  const statement = sql
    .prepare(`SELECT seq, customer_id, currency, ${day('issue_date')}, total_minor FROM invoices WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL${filter}`)
    .raw(true);
  const rows: AmountRow[] = [];
  for (const [key, id, currency, issueDay, totalMinor] of (customerId ? statement.iterate(customerId) : statement.iterate()) as IterableIterator<[number, string, string, number, number]>) {
    rows.push({ key, customerId: id, currency, issueDay, totalMinor });
  }
  return rows;
}

export interface InvoiceDetailRow {
  seq: number;
  id: string;
  number: string;
  issue_date: string;
  customer_name: string;
}

/** Ids, numbers and customer names of invoices by seq, in one statement whatever their number. */
export function invoiceDetails(sql: Sql, seqs: readonly number[]): Map<number, InvoiceDetailRow> {
  const rows = sql
    .prepare(
      `SELECT i.seq, i.id, i.number, i.issue_date, c.name AS customer_name FROM invoices i JOIN customers c ON c.id = i.customer_id
       WHERE i.seq IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(seqs)) as InvoiceDetailRow[];
  return new Map(rows.map((r) => [r.seq, r]));
}

/** Customer names by id, in one statement whatever the number of ids. */
export function customerNames(sql: Sql, ids: readonly string[]): Map<string, string> {
  const rows = sql.prepare('SELECT id, name FROM customers WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...new Set(ids)])) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface MonthlyBillingRow {
  currency: string;
  /** YYYY-MM. */
  month: string;
  billed_minor: number;
}

/**
 * Billed by currency and month as the dashboard counts it: invoice totals (tax included) by issue
 * month, void invoices left out, less credit notes by their issue month. Oldest month first.
 */
export function monthlyBilling(sql: Sql): MonthlyBillingRow[] {
  const billed = sql
    .prepare(
      `SELECT currency, substr(issue_date, 1, 7) AS month, sum(total_minor) AS billed_minor FROM invoices
       WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL GROUP BY currency, month`,
    )
    .all() as MonthlyBillingRow[];
  const credited = sql
    .prepare(`SELECT currency, substr(issue_date, 1, 7) AS month, sum(amount_minor) AS credited_minor FROM credit_notes WHERE deleted_at IS NULL GROUP BY currency, month`)
    .all() as { currency: string; month: string; credited_minor: number }[];
  const byKey = new Map(billed.map((r) => [`${r.currency}|${r.month}`, { ...r }]));
  for (const c of credited) {
    const key = `${c.currency}|${c.month}`;
    const row = byKey.get(key) ?? { currency: c.currency, month: c.month, billed_minor: 0 };
    row.billed_minor -= c.credited_minor;
    byKey.set(key, row);
  }
  return [...byKey.values()].sort((x, y) => x.currency.localeCompare(y.currency) || x.month.localeCompare(y.month));
}
