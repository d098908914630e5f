// SQL for the invoices behind a chart element: each returns (seq, what the invoice adds) in the
// order the list shows them.
import type { Sql } from '../../db/sql';

export interface ContributionDbRow {
  seq: number;
  contribution: number;
}

const FINAL = "status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL";

interface Range {
  currency: string;
  from: string;
  to: string;
  customerId?: string;
  excludeCustomerIds?: string[];
}

function customerFilter(range: Range, column: string): string {
  return [
    range.customerId ? `AND ${column} = @customerId` : '',
    range.excludeCustomerIds?.length ? `AND ${column} NOT IN (SELECT value FROM json_each(@exclude))` : '',
  ].join(' ');
}

/**
 * The same filter where the column holds the customer's seq, not its id (invoices, migration 26;
 * payments, migration 27). A row whose customer has not arrived (seq NULL) is among the others, as it
 * was by id.
 */
function customerSeqFilter(range: Range, column: string): string {
  return [
    range.customerId ? `AND ${column} = (SELECT seq FROM customers WHERE id = @customerId)` : '',
    range.excludeCustomerIds?.length ? `AND ifnull(${column}, 0) NOT IN (SELECT seq FROM customers WHERE id IN (SELECT value FROM json_each(@exclude)))` : '',
  ].join(' ');
}

const params = (range: Range) => ({
  currency: range.currency, from: range.from, to: range.to,
  ...(range.customerId ? { customerId: range.customerId } : {}),
  ...(range.excludeCustomerIds?.length ? { exclude: JSON.stringify(range.excludeCustomerIds) } : {}),
});

/** Invoices issued in the range (+ total) and invoices credited in it (− the credit), oldest first. */
export function billedContributions(sql: Sql, range: Range): ContributionDbRow[] {
  return sql
    .prepare(
      `SELECT seq, sum(amount) AS contribution FROM (
         SELECT seq, issue_date, total_minor AS amount FROM invoices INDEXED BY invoices_final_by_issue
         WHERE ${FINAL} AND issue_date BETWEEN @from AND @to AND currency = @currency ${customerSeqFilter(range, 'customer_seq')}
         UNION ALL
         SELECT i.seq, i.issue_date, -cn.amount_minor FROM credit_notes cn JOIN invoices i ON i.id = cn.invoice_id
         WHERE cn.deleted_at IS NULL AND cn.issue_date BETWEEN @from AND @to AND cn.currency = @currency ${customerFilter(range, 'cn.customer_id')}
       ) GROUP BY seq ORDER BY min(issue_date), seq`,
    )
    .all(params(range)) as ContributionDbRow[];
}

/** Whether any credit note issued in the range counts against the billed figure. */
export function creditedInRange(sql: Sql, range: Range): boolean {
  return sql
    .prepare(
      `SELECT 1 FROM credit_notes cn WHERE cn.deleted_at IS NULL AND cn.issue_date BETWEEN @from AND @to AND cn.currency = @currency
       ${customerFilter(range, 'cn.customer_id')} LIMIT 1`,
    )
    .get(params(range)) !== undefined;
}

const BILLED = (range: Range) =>
  `FROM invoices INDEXED BY invoices_final_by_issue
   WHERE ${FINAL} AND issue_date BETWEEN @from AND @to AND currency = @currency ${customerSeqFilter(range, 'customer_seq')}`;

/**
 * billedContributions for a range without credit notes, a page at a time: the index gives issue
 * date order and SQLite sorts only each day's ties by seq, stopping once the page is full, where
 * the whole query groups and sorts every invoice of the range twice.
 */
export function billedPage(sql: Sql, range: Range, offset: number, limit: number): ContributionDbRow[] {
  return sql
    .prepare(`SELECT seq, total_minor AS contribution ${BILLED(range)} ORDER BY issue_date, seq LIMIT @limit OFFSET @offset`)
    .all({ ...params(range), limit, offset }) as ContributionDbRow[];
}

/** How many invoices billedPage pages through, and what they add up to. */
export function billedTotals(sql: Sql, range: Range): { count: number; sum: number } {
  return sql.prepare(`SELECT count(*) AS count, coalesce(sum(total_minor), 0) AS sum ${BILLED(range)}`).get(params(range)) as { count: number; sum: number };
}

/** What the named customers were billed in the range (the top customers the "others" slice leaves out). */
export function billedTotalsOfCustomers(sql: Sql, range: Range, customerIds: readonly string[]): { count: number; sum: number } {
  return sql
    .prepare(
      `SELECT count(*) AS count, coalesce(sum(total_minor), 0) AS sum FROM invoices INDEXED BY invoices_final_by_customer_amount
       WHERE ${FINAL} AND customer_seq IN (SELECT seq FROM customers WHERE id IN (SELECT value FROM json_each(@ids))) AND currency = @currency AND issue_date BETWEEN @from AND @to`,
    )
    .get({ currency: range.currency, from: range.from, to: range.to, ids: JSON.stringify(customerIds) }) as { count: number; sum: number };
}

/** Invoices that payments received in the range were applied to (applications still standing). */
export function collectedContributions(sql: Sql, range: Range): ContributionDbRow[] {
  return sql
    .prepare(
      `SELECT i.seq, sum(a.applied_minor) AS contribution
       FROM payments p INDEXED BY payments_completed_by_date
       JOIN payment_allocations a ON a.payment_seq = p.seq AND a.reversed_at IS NULL
       JOIN invoices i ON i.seq = a.invoice_seq
       WHERE p.status = 'completed' AND p.paid_on BETWEEN @from AND @to AND p.currency = @currency ${customerSeqFilter(range, 'p.customer_seq')}
       GROUP BY i.seq ORDER BY min(i.issue_date), i.seq`,
    )
    .all(params(range)) as ContributionDbRow[];
}

/** Money received in the range that is not applied to any invoice (the customers' credit). */
export function unappliedInRange(sql: Sql, range: Range): number {
  const row = sql
    .prepare(
      `SELECT coalesce(sum(amount_minor - allocated_minor), 0) AS unapplied FROM payments
       WHERE status = 'completed' AND paid_on BETWEEN @from AND @to AND currency = @currency ${customerSeqFilter(range, 'customer_seq')}`,
    )
    .get(params(range)) as { unapplied: number };
  return row.unapplied;
}

const PAID = `FROM invoices INDEXED BY invoices_paid_by_paid_on
   WHERE status = 'paid' AND deleted_at IS NULL AND paid_on BETWEEN @from AND @to AND paid_minor > 0 AND currency = @currency`;

/**
 * Invoices paid in full in the range that received a payment (what average days to pay is over),
 * a page at a time: the index gives paid-on order and SQLite sorts only each day's ties by seq.
 */
export function paidPage(sql: Sql, range: Range, offset: number, limit: number): ContributionDbRow[] {
  return sql
    .prepare(`SELECT seq, paid_minor AS contribution ${PAID} ORDER BY paid_on, seq LIMIT @limit OFFSET @offset`)
    .all({ ...params(range), limit, offset }) as ContributionDbRow[];
}

/** How many invoices paidPage pages through, and what they add up to. */
export function paidTotals(sql: Sql, range: Range): { count: number; sum: number } {
  return sql.prepare(`SELECT count(*) AS count, coalesce(sum(paid_minor), 0) AS sum ${PAID}`).get(params(range)) as { count: number; sum: number };
}
