// SQL for the dashboard: sums over date ranges, each read from an index that holds what it sums
// (migration 0004). No rules here: the service decides what the sums mean.
import type { Sql } from '../../db/sql';

/** Finalized invoices. Written exactly as the partial indexes' WHERE, or SQLite will not use them. */
const FINAL = "status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL";

export interface FlowDbRow {
  kind: 'billed' | 'credited' | 'collected' | 'paid';
  currency: string;
  day: string;
  n: number;
  /** billed/credited/collected: minor units; paid: total days from issue to paid. */
  amount: number;
}

/**
 * Billed, credited, collected and paid-in-full per currency and day over [from, to]: one pass in
 * index order (grouped the way each index is sorted, so no sorting), that the service folds into
 * the period, the previous period and the chart's months. Days to pay are summed per paid day as
 * n × paid day - the issue days (julianday parses a date: once per day, not twice per invoice);
 * every julianday of a date ends in .5, so the sum is as exact as the per-invoice differences.
 */
export function flowsByDay(sql: Sql, from: string, to: string): FlowDbRow[] {
  return sql
    .prepare(
      `SELECT 'billed' AS kind, currency, issue_date AS day, count(*) AS n, sum(total_minor) AS amount
         FROM invoices INDEXED BY invoices_final_by_issue WHERE ${FINAL} AND issue_date BETWEEN @from AND @to GROUP BY issue_date, currency
       UNION ALL
       SELECT 'credited', currency, issue_date, count(*), sum(amount_minor)
         FROM credit_notes INDEXED BY credit_notes_by_issue WHERE deleted_at IS NULL AND issue_date BETWEEN @from AND @to GROUP BY issue_date, currency
       UNION ALL
       SELECT 'collected', currency, paid_on, count(*), sum(amount_minor)
         FROM payments INDEXED BY payments_completed_by_date WHERE status = 'completed' AND paid_on BETWEEN @from AND @to GROUP BY paid_on, currency
       UNION ALL
       SELECT 'paid', currency, paid_on, count(*), count(*) * julianday(paid_on) - sum(julianday(issue_date))
         FROM invoices INDEXED BY invoices_paid_by_paid_on
         WHERE status = 'paid' AND deleted_at IS NULL AND paid_on BETWEEN @from AND @to AND paid_minor > 0 GROUP BY paid_on, currency`,
    )
    .all({ from, to }) as FlowDbRow[];
}

export interface CustomerBilledDbRow {
  currency: string;
  customer_id: string;
  invoice_count: number;
  billed_minor: number;
  credited_minor: number;
}

/** Invoices and credit notes issued in [from, to], per currency and customer. */
export function billedByCustomer(sql: Sql, from: string, to: string): CustomerBilledDbRow[] {
  return sql
    .prepare(
      `SELECT currency, customer_id, sum(n) AS invoice_count, sum(billed) AS billed_minor, sum(credited) AS credited_minor FROM (
         SELECT i.currency, c.id AS customer_id, i.n, i.billed, 0 AS credited FROM (
           SELECT currency, customer_seq, count(*) AS n, sum(total_minor) AS billed
             FROM invoices INDEXED BY invoices_final_by_issue WHERE ${FINAL} AND issue_date BETWEEN @from AND @to GROUP BY 1, 2
         ) i JOIN customers c ON c.seq = i.customer_seq
         UNION ALL
         SELECT currency, customer_id, 0, 0, sum(amount_minor)
           FROM credit_notes WHERE deleted_at IS NULL AND issue_date BETWEEN @from AND @to GROUP BY 1, 2
       ) GROUP BY 1, 2`,
    )
    .all({ from, to }) as CustomerBilledDbRow[];
}

export interface FirstInvoiceDbRow {
  customer_id: string;
  issue_date: string;
  currency: string;
  seq: number;
}

/**
 * Each customer's first finalized invoice, when it falls in [from, to]: a few index seeks per
 * customer rather than a pass over every invoice. The month index (migration 14) finds the
 * customer's first month, then the first invoice within it; ties on the day go as they did in the
 * day-ordered index this read used before (currency, status, then seq).
 */
export function firstInvoices(sql: Sql, from: string, to: string, currency?: string): FirstInvoiceDbRow[] {
  const rows = sql
    .prepare(
      `SELECT c.id AS customer_id,
         (SELECT issue_date || '|' || currency || '|' || seq FROM invoices INDEXED BY invoices_final_by_customer_month
          WHERE customer_seq = c.seq AND ${FINAL} AND substr(issue_date, 1, 7) = (
            SELECT substr(issue_date, 1, 7) FROM invoices INDEXED BY invoices_final_by_customer_month
            WHERE customer_seq = c.seq AND ${FINAL} ORDER BY substr(issue_date, 1, 7) LIMIT 1)
          ORDER BY issue_date, currency, status, seq LIMIT 1) AS first
       FROM customers c`,
    )
    .all() as { customer_id: string; first: string | null }[];
  const out: FirstInvoiceDbRow[] = [];
  for (const row of rows) {
    if (row.first === null) continue;
    const [issueDate, cur, seq] = row.first.split('|') as [string, string, string];
    if (issueDate < from || issueDate > to || (currency && cur !== currency)) continue;
    out.push({ customer_id: row.customer_id, issue_date: issueDate, currency: cur, seq: Number(seq) });
  }
  return out;
}

export interface CustomerInfoDbRow {
  id: string;
  code: string;
  name: string;
  currency: string;
  credit_limit_minor: number;
}

export function customersByIds(sql: Sql, ids: readonly string[]): CustomerInfoDbRow[] {
  if (ids.length === 0) return [];
  return sql
    .prepare('SELECT id, code, name, currency, credit_limit_minor FROM customers WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as CustomerInfoDbRow[];
}

export interface UnpaidDbRow {
  customer_id: string;
  currency: string;
  outstanding_minor: number;
  overdue_minor: number;
  /** The earliest due date among the overdue invoices, or null when none is overdue. */
  oldest_overdue_due: string | null;
}

/** Today's unpaid balances per customer and currency, with the part past due. */
export function unpaidByCustomer(sql: Sql, today: string): UnpaidDbRow[] {
  return sql
    .prepare(
      `SELECT c.id AS customer_id, u.currency, u.outstanding_minor, u.overdue_minor, u.oldest_overdue_due FROM (
         SELECT customer_seq, currency, sum(balance_minor) AS outstanding_minor,
           sum(CASE WHEN due_date < @today THEN balance_minor ELSE 0 END) AS overdue_minor,
           min(CASE WHEN due_date < @today THEN due_date END) AS oldest_overdue_due
         FROM invoices INDEXED BY invoices_unpaid_by_customer
         WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL
         GROUP BY customer_seq, currency
       ) u JOIN customers c ON c.seq = u.customer_seq ORDER BY c.id, u.currency`,
    )
    .all({ today }) as UnpaidDbRow[];
}

export interface PayDaysDbRow {
  customer_id: string;
  paid_count: number;
  /** Days from issue to paid over every invoice paid in full (as customer_balances counts them). */
  total_days: number;
  /** The same over the customer's three most recently paid. */
  last3_days: number;
}

/**
 * For customers with at least `minPaid` invoices paid in full: their pay days, all and latest three.
 * `paid_on IS NOT NULL` lets the partial index answer; such a line's days were NULL, which sum skips.
 */
export function payDays(sql: Sql, minPaid: number): PayDaysDbRow[] {
  return sql
    .prepare(
      `SELECT b.customer_id, b.paid_invoice_count AS paid_count, b.days_to_pay_total AS total_days,
         (SELECT sum(d) FROM (
            SELECT max(0, CAST(julianday(paid_on) - julianday(issue_date) AS INTEGER)) AS d
            FROM invoices INDEXED BY invoices_paid_by_customer_paid_on
            WHERE customer_seq = (SELECT seq FROM customers WHERE id = b.customer_id) AND status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL
            ORDER BY paid_on DESC LIMIT 3)) AS last3_days
       FROM customer_balances b WHERE b.paid_invoice_count >= @minPaid`,
    )
    .all({ minPaid }) as PayDaysDbRow[];
}

/** Customers with a credit limit (0 = none). */
export function customersWithCreditLimit(sql: Sql): CustomerInfoDbRow[] {
  return sql
    .prepare('SELECT id, code, name, currency, credit_limit_minor FROM customers WHERE deleted_at IS NULL AND credit_limit_minor > 0')
    .all() as CustomerInfoDbRow[];
}
