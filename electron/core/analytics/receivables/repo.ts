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

/** Finalized, not deleted: an invoice that can owe something (as `candidates` reads them). */
const OWES = (row: 'OLD' | 'NEW') => `(${row}.status IN ('open', 'partially_paid', 'paid') AND ${row}.deleted_at IS NULL)`;

/** Moves the earliest changed day back to `day` (an empty string, before every date, when a date is missing). */
const changedFrom = (day: string) =>
  `UPDATE receivables_changes SET from_day = CASE WHEN from_day IS NULL OR ${day} < from_day THEN ${day} ELSE from_day END;`;

/**
 * Temporary triggers that note the earliest day whose receivables this connection's writes may have
 * changed: an invoice that can owe something (from its issue day; a payment in full or its reversal
 * from the day paid), an allocation (from the day it was dated: it counts on no day before, reversed or not) and a credit note (from its issue
 * day). Nothing is written to the books; other processes' commits show in data_version.
 */
export function watchReceivablesChanges(sql: Sql): void {
  const issued = "min(coalesce(OLD.issue_date, ''), coalesce(NEW.issue_date, ''))";
  sql.db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS receivables_changes (from_day TEXT);
    INSERT INTO receivables_changes (from_day) SELECT NULL WHERE NOT EXISTS (SELECT 1 FROM receivables_changes);
    CREATE TEMP TRIGGER IF NOT EXISTS receivables_invoice_insert AFTER INSERT ON main.invoices WHEN ${OWES('NEW')}
      BEGIN ${changedFrom("coalesce(NEW.issue_date, '')")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS receivables_invoice_delete AFTER DELETE ON main.invoices WHEN ${OWES('OLD')}
      BEGIN ${changedFrom("coalesce(OLD.issue_date, '')")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS receivables_invoice_update AFTER UPDATE ON main.invoices
      WHEN (${OWES('OLD')} OR ${OWES('NEW')}) AND (${OWES('OLD')} IS NOT ${OWES('NEW')}
        OR OLD.issue_date IS NOT NEW.issue_date OR OLD.due_date IS NOT NEW.due_date OR OLD.total_minor IS NOT NEW.total_minor
        OR OLD.currency IS NOT NEW.currency OR OLD.customer_id IS NOT NEW.customer_id OR OLD.id IS NOT NEW.id OR OLD.seq IS NOT NEW.seq)
      BEGIN ${changedFrom(issued)} END;
    CREATE TEMP TRIGGER IF NOT EXISTS receivables_invoice_paid AFTER UPDATE OF paid_on ON main.invoices
      WHEN OLD.paid_on IS NOT NEW.paid_on AND (${OWES('OLD')} OR ${OWES('NEW')})
      BEGIN ${changedFrom("min(coalesce(OLD.paid_on, NEW.paid_on), coalesce(NEW.paid_on, OLD.paid_on))")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS receivables_allocation_insert AFTER INSERT ON main.payment_allocations
      BEGIN ${changedFrom("coalesce(NEW.allocated_on, '')")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS receivables_allocation_delete AFTER DELETE ON main.payment_allocations
      BEGIN ${changedFrom("coalesce(OLD.allocated_on, '')")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS receivables_allocation_update AFTER UPDATE ON main.payment_allocations
      BEGIN ${changedFrom("min(coalesce(OLD.allocated_on, ''), coalesce(NEW.allocated_on, ''))")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS receivables_credit_insert AFTER INSERT ON main.credit_notes
      BEGIN ${changedFrom("coalesce(NEW.issue_date, '')")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS receivables_credit_delete AFTER DELETE ON main.credit_notes
      BEGIN ${changedFrom("coalesce(OLD.issue_date, '')")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS receivables_credit_update AFTER UPDATE ON main.credit_notes
      BEGIN ${changedFrom(issued)} END;
  `);
}

/** The earliest day this connection's writes changed since the last call (null: none), and the count of other processes' commits. */
export function takeReceivablesChanges(sql: Sql): { fromDay: string | null; others: number } {
  const fromDay = sql.prepare('SELECT from_day FROM temp.receivables_changes').pluck().get() as string | null;
  if (fromDay !== null) sql.prepare('UPDATE temp.receivables_changes SET from_day = NULL').run();
  const others = (sql.prepare('PRAGMA data_version').get() as { data_version: number }).data_version;
  return { fromDay, others };
}
