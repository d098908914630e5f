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
 * invoices_unpaid_by_issue), named so the rows come in their order whatever the planner thinks of
 * a small book (delayHistories reproduces it), and arrive as arrays of numbers rather than dates: on a
 * 100,000-invoice book the strings, per-row objects and the garbage they leave are what cost.
 */
export function settlementRows(sql: Sql): SettlementRow[] {
  const rows: SettlementRow[] = [];
  const paid = sql
    .prepare(
      `SELECT customer_id, currency, ${day('issue_date')}, ${day('due_date')}, ${day('paid_on')}, total_minor FROM invoices INDEXED BY invoices_paid_by_paid_on
       WHERE status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL`,
    )
    .raw(true)
    .iterate() as IterableIterator<[string, string, number, number, number, number]>;
  for (const [customerId, currency, issueDay, dueDay, paidDay, totalMinor] of paid) rows.push({ customerId, currency, issueDay, dueDay, paidDay, totalMinor });
  const unpaid = sql
    .prepare(`SELECT customer_id, currency, ${day('issue_date')}, ${day('due_date')}, total_minor FROM invoices INDEXED BY invoices_unpaid_by_issue
      WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL`)
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

/** Numbers SQLite joined with commas (group_concat), back as numbers. */
const numbers = (list: string): number[] => list.split(',').map(Number);

/**
 * Every finalized, non-void invoice's amount (optionally one customer's), as the anomaly rules
 * judge them: one row per customer and currency from SQLite, its records' keys, issue days and
 * totals joined, so a 100,000-invoice book crosses into JS as a few thousand rows, grouped in the
 * order of a covering index (invoices_final_by_customer_amount, migration 12). The groups come in
 * the order a scan by issue date first meets them: earliest issue date, currency, customer.
 */
export function amountGroups(sql: Sql, customerId?: string): AmountRow[][] {
  const filter = customerId ? ' AND customer_id = ?' : '';
  const statement = sql
    .prepare(
      `SELECT customer_id, currency, group_concat(seq), group_concat(${day('issue_date')}), group_concat(total_minor)
       FROM invoices INDEXED BY invoices_final_by_customer_amount WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL${filter}
       GROUP BY customer_id, currency ORDER BY min(issue_date), currency, customer_id`,
    )
    .raw(true);
  const groups: AmountRow[][] = [];
  for (const [id, currency, seqs, days, totals] of (customerId ? statement.all(customerId) : statement.all()) as [string, string, string, string, string][]) {
    const keys = numbers(seqs);
    const issueDays = numbers(days);
    const totalMinor = numbers(totals);
    groups.push(keys.map((key, i) => ({ key, customerId: id, currency, issueDay: issueDays[i]!, totalMinor: totalMinor[i]! })));
  }
  return groups;
}

/** A customer's invoices as late-or-not (anomalies.DelayEvent), oldest due first. */
export interface DelayHistory {
  customerId: string;
  dueDays: number[];
  daysLate: number[];
}

/**
 * Per customer: every invoice paid in full with money (days late = paid - due) and every unpaid one
 * past due on `today` (its days overdue so far), oldest due first; among the same due day, paid
 * before unpaid and earlier paid first. The same events, in the same order, as sorting
 * settlementRows by due day; customers in the order those rows first show them. One row per
 * customer: no payment model, and no 100,000 rows, needed.
 */
export function delayHistories(sql: Sql, today: string, todayDay: number, customerId?: string): DelayHistory[] {
  const filter = customerId ? 'AND customer_id = @customerId' : '';
  const order = 'ORDER BY due_day, unpaid, paid_on';
  const rows = sql
    .prepare(
      `SELECT customer_id, group_concat(due_day, ',' ${order}), group_concat(late, ',' ${order}) FROM (
         SELECT customer_id, ${day('due_date')} AS due_day, CAST(julianday(paid_on) - julianday(due_date) AS INTEGER) AS late, 0 AS unpaid, paid_on,
           paid_on || currency || issue_date || printf('%020d', paid_minor) AS seen
         FROM invoices INDEXED BY invoices_paid_by_paid_on
         WHERE status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL ${filter}
         UNION ALL
         SELECT customer_id, ${day('due_date')}, @todayDay - ${day('due_date')}, 1, NULL, char(255) || issue_date || currency
         FROM invoices INDEXED BY invoices_unpaid_by_issue
         WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL AND due_date < @today ${filter}
       ) GROUP BY customer_id ORDER BY min(seen), customer_id`,
    )
    .raw(true)
    .all({ today, todayDay, ...(customerId ? { customerId } : {}) }) as [string, string, string][];
  return rows.map(([id, dueDays, late]) => ({ customerId: id, dueDays: numbers(dueDays), daysLate: numbers(late) }));
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
 * month, void invoices left out, less credit notes by their issue month. Oldest month first. Read
 * from the covering index: left to itself SQLite took the status index and a row lookup per invoice.
 */
export function monthlyBilling(sql: Sql): MonthlyBillingRow[] {
  const billed = sql
    .prepare(
      `SELECT currency, substr(issue_date, 1, 7) AS month, sum(total_minor) AS billed_minor FROM invoices INDEXED BY invoices_final_by_issue
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
