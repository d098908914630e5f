// SQL for receivables as of past days: the invoices that may have owed something on one of them,
// and the dated events (allocations, credit notes) that settled them. Every statement reads a
// covering index (migration 0004): on a large book a row lookup per invoice is what costs.
import type { Sql } from '../../db/sql';

export interface HoldingFilter {
  /** The earliest day asked about: invoices paid in full on or before it owed nothing on any day asked. */
  first: string;
  /** The latest day asked about: nothing issued or dated after it matters. */
  last: string;
  currency?: string;
  customerId?: string;
}

/** seq, id, customer_id, currency, issue_date, due_date, total_minor: arrays, not objects, as thousands come back. */
export type CandidateDbRow = [number, string, string, string, string, string, number];

/** invoice_id, day, the day an allocation was reversed (it counts before that day) or null, amount. */
export type EventDbRow = [string, string, string | null, number];

function conditions(filter: HoldingFilter): string {
  return [filter.currency ? 'AND currency = @currency' : '', filter.customerId ? 'AND customer_id = @customerId' : ''].join(' ');
}

const params = (filter: HoldingFilter) => ({
  first: filter.first, last: filter.last,
  ...(filter.currency ? { currency: filter.currency } : {}),
  ...(filter.customerId ? { customerId: filter.customerId } : {}),
});

/**
 * Unpaid invoices, and paid ones whose balance reached 0 after `first` (an invoice paid in full by
 * then had every allocation and credit dated on or before it, so it owed nothing on any later day).
 */
export function candidates(sql: Sql, filter: HoldingFilter): CandidateDbRow[] {
  const extra = conditions(filter);
  return sql
    .prepare(
      `SELECT seq, id, customer_id, currency, issue_date, due_date, total_minor FROM invoices INDEXED BY invoices_unpaid_by_issue
       WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL AND issue_date <= @last ${extra}
       UNION ALL
       SELECT seq, id, customer_id, currency, issue_date, due_date, total_minor FROM invoices INDEXED BY invoices_paid_by_paid_on
       WHERE status = 'paid' AND deleted_at IS NULL AND paid_on > @first AND issue_date <= @last ${extra}`,
    )
    .raw(true)
    .all(params(filter)) as CandidateDbRow[];
}

/** What an allocation settled while it stood: all of it, unless offline payments from two devices over-paid the invoice. */
const SETTLED = 'CASE WHEN reversed_at IS NULL THEN applied_minor ELSE amount_minor END AS amount_minor';

/** Every allocation dated in [first, last], reversed ones included: one pass over a date index. */
export function allocationsBetween(sql: Sql, first: string, last: string): EventDbRow[] {
  return sql
    .prepare(
      `SELECT invoice_id, allocated_on AS "on", reversed_on AS until, ${SETTLED}
       FROM payment_allocations INDEXED BY payment_allocations_by_date WHERE allocated_on BETWEEN ? AND ?`,
    )
    .raw(true)
    .all(first, last) as EventDbRow[];
}

/** The allocations of these invoices dated before `before`: one seek per invoice. */
export function allocationsBefore(sql: Sql, invoiceIds: readonly string[], before: string): EventDbRow[] {
  if (invoiceIds.length === 0) return [];
  return sql
    .prepare(
      `SELECT invoice_id, allocated_on AS "on", reversed_on AS until, ${SETTLED}
       FROM payment_allocations INDEXED BY payment_allocations_by_invoice_date
       WHERE invoice_id IN (SELECT value FROM json_each(?)) AND allocated_on < ?`,
    )
    .raw(true)
    .all(JSON.stringify(invoiceIds), before) as EventDbRow[];
}

/** Credit notes dated by `last` (few: every one is read, and matched to the invoices in hand). */
export function creditsUpTo(sql: Sql, last: string): EventDbRow[] {
  return sql
    .prepare(
      `SELECT invoice_id, issue_date AS "on", NULL AS until, amount_minor FROM credit_notes INDEXED BY credit_notes_by_issue
       WHERE deleted_at IS NULL AND issue_date <= ?`,
    )
    .raw(true)
    .all(last) as EventDbRow[];
}
