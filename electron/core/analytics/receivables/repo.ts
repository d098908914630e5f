// SQL for receivables as of past days: the invoices that may have owed something on one of them,
// and the dated events (allocations, credit notes) that settled them. Every statement reads a
// covering index (migration 0004): on a large book a row lookup per invoice is what costs.
import type { Sql } from '../../db/sql';
import { customerIdsBySeq, customerIdWithoutSeq } from '../../db/customerSeq';

export interface HoldingFilter {
  /** The earliest day asked about: invoices paid in full on or before it owed nothing on any day asked. */
  first: string;
  /** The latest day asked about: nothing issued or dated after it matters. */
  last: string;
  currency?: string;
  customerId?: string;
}

/** seq, customer_id, currency, issue_date, due_date, total_minor: arrays, not objects, as thousands come back. */
export type CandidateDbRow = [number, string, string, string, string, number];

/**
 * The invoice's seq (null: a credit note whose invoice is not in the books), day, the day an
 * allocation was reversed (it counts before that day) or null, amount.
 */
export type EventDbRow = [number | null, string, string | null, number];

function conditions(filter: HoldingFilter): string {
  return [filter.currency ? 'AND currency = @currency' : '', filter.customerId ? 'AND customer_seq = (SELECT seq FROM customers WHERE id = @customerId)' : ''].join(' ');
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
  // The indexes hold the customer's seq (migration 26): made the id here, once per customer.
  const customer = `customer_seq, ${customerIdWithoutSeq('invoices')}`;
  const rows = sql
    .prepare(
      `SELECT seq, ${customer}, currency, issue_date, due_date, total_minor FROM invoices INDEXED BY invoices_unpaid_by_issue
       WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL AND issue_date <= @last ${extra}
       UNION ALL
       SELECT seq, ${customer}, currency, issue_date, due_date, total_minor FROM invoices INDEXED BY invoices_paid_by_paid_on
       WHERE status = 'paid' AND deleted_at IS NULL AND paid_on > @first AND issue_date <= @last ${extra}`,
    )
    .raw(true)
    .all(params(filter)) as [number, number | null, string | null, string, string, string, number][];
  const idOf = customerIdsBySeq(sql);
  return rows.map(([seq, customerSeq, withoutSeq, currency, issueDate, dueDate, total]) => [seq, idOf(customerSeq, withoutSeq), currency, issueDate, dueDate, total]);
}

/** What an allocation settled while it stood: all of it, unless offline payments from two devices over-paid the invoice. */
const SETTLED_AMOUNT = 'CASE WHEN reversed_at IS NULL THEN applied_minor ELSE amount_minor END';
const SETTLED = `${SETTLED_AMOUNT} AS amount_minor`;

/** Every allocation dated in [first, last], reversed ones included: one pass over a date index. */
export function allocationsBetween(sql: Sql, first: string, last: string): EventDbRow[] {
  return sql
    .prepare(
      `SELECT invoice_seq, allocated_on AS "on", reversed_on AS until, ${SETTLED}
       FROM payment_allocations INDEXED BY payment_allocations_by_date WHERE allocated_on BETWEEN ? AND ?`,
    )
    .raw(true)
    .all(first, last) as EventDbRow[];
}

/** The allocations of these invoices dated before `before`: one seek per invoice. */
export function allocationsBefore(sql: Sql, invoiceSeqs: readonly number[], before: string): EventDbRow[] {
  if (invoiceSeqs.length === 0) return [];
  return sql
    .prepare(
      `SELECT invoice_seq, allocated_on AS "on", reversed_on AS until, ${SETTLED}
       FROM payment_allocations INDEXED BY payment_allocations_by_invoice_date
       WHERE invoice_seq IN (SELECT value FROM json_each(?)) AND allocated_on < ?`,
    )
    .raw(true)
    .all(JSON.stringify(invoiceSeqs), before) as EventDbRow[];
}

/**
 * Credit notes dated by `last` (few: every one is read, and matched to the invoices in hand). They
 * name their invoice by id; its seq comes from the id's own index, one seek per credit note.
 */
export function creditsUpTo(sql: Sql, last: string): EventDbRow[] {
  return sql
    .prepare(
      `SELECT (SELECT seq FROM invoices WHERE id = n.invoice_id), issue_date AS "on", NULL AS until, amount_minor FROM credit_notes n INDEXED BY credit_notes_by_issue
       WHERE deleted_at IS NULL AND issue_date <= ?`,
    )
    .raw(true)
    .all(last) as EventDbRow[];
}

export interface ReceivablesPageFilter {
  /** The day asked about. */
  asOf: string;
  currency: string;
  /** Due dates kept (an aging bucket is a span of due dates); null for no bound. */
  dueFrom: string | null;
  dueTo: string | null;
}

/** seq, due date, balance at the end of the day. */
export type ReceivableDbRow = [number, string, number];

/**
 * One page of the invoices that owed something at the end of `asOf`, by due date then seq, with
 * what each owed: the same invoices and balances as loadHoldings and balancesOn for that one day
 * (first = last = asOf), without rebuilding every invoice's balance. The candidates come in due-date
 * order (the unpaid ones from their due-date index, merged with those paid in full later), and each
 * one's allocations and credit notes up to the day are summed as it is read, until the page is full.
 * LIMIT -1 keeps the middle query a co-routine of its own, so each balance is worked out once, not
 * once for the filter and again for the result. The order is the inner query's, which SQLite's
 * co-routines hand on as they read: an outer ORDER BY would work out every candidate's balance and
 * sort them all (2.0 ms against 0.3 for outstanding today at 100,000 invoices). Credit notes name
 * their invoice by id: the unpaid candidates bring it from their row (their index does not cover
 * what is read anyway); the paid ones' index holds no id, so theirs is looked up by seq, only for
 * the candidates read.
 * drilldown-receivables-pages.test.ts pins the order, ties included.
 */
export function receivablesPage(sql: Sql, filter: ReceivablesPageFilter, offset: number, limit: number): ReceivableDbRow[] {
  const due = [filter.dueFrom !== null ? 'AND due_date >= @dueFrom' : '', filter.dueTo !== null ? 'AND due_date <= @dueTo' : ''].join(' ');
  return sql
    .prepare(
      `SELECT seq, due_date, balance FROM (
         SELECT c.seq, c.due_date, c.total_minor
           - coalesce((SELECT sum(${SETTLED_AMOUNT}) FROM payment_allocations a INDEXED BY payment_allocations_by_invoice_date
               WHERE a.invoice_seq = c.seq AND a.allocated_on <= @asOf AND (a.allocated_on = @asOf OR c.issue_date < @asOf)
                 AND (a.reversed_on IS NULL OR a.reversed_on > @asOf)), 0)
           - coalesce((SELECT sum(n.amount_minor) FROM credit_notes n INDEXED BY credit_notes_by_invoice WHERE n.invoice_id = coalesce(c.id, (SELECT id FROM invoices WHERE seq = c.seq)) AND n.deleted_at IS NULL AND n.issue_date <= @asOf), 0) AS balance
         FROM (
           SELECT seq, id, issue_date, due_date, total_minor FROM invoices INDEXED BY invoices_unpaid_by_due
           WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL AND currency = @currency AND issue_date <= @asOf ${due}
           UNION ALL
           SELECT seq, NULL, issue_date, due_date, total_minor FROM invoices INDEXED BY invoices_paid_by_paid_on
           WHERE status = 'paid' AND deleted_at IS NULL AND paid_on > @asOf AND currency = @currency AND issue_date <= @asOf ${due}
           ORDER BY due_date, seq
         ) c LIMIT -1
       ) WHERE balance > 0 LIMIT @limit OFFSET @offset`,
    )
    .raw(true)
    .all({
      asOf: filter.asOf, currency: filter.currency, limit, offset,
      ...(filter.dueFrom !== null ? { dueFrom: filter.dueFrom } : {}),
      ...(filter.dueTo !== null ? { dueTo: filter.dueTo } : {}),
    }) as ReceivableDbRow[];
}
