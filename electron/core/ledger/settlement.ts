// What an invoice has been paid and credited, and what is left: recomputed from the allocations and
// credit notes inside the transaction that changed them, so the stored figures are never out of step.
import type { Sql } from '../db/sql';

interface SettlementRow {
  status: string;
  total_minor: number;
  credited: number;
  last_credit: string | null;
}

/**
 * Refreshes one invoice's paid, credited, balance, status and paid-on date, and what each of its
 * allocations really settles. Credit notes come first; allocations then settle in the order they
 * were made (created_at, then id: the same on every device), each up to what is still owed, so two
 * devices that over-paid one invoice offline agree on the result: the excess stays the later
 * payment's credit. Returns the payments whose settled amount moved.
 */
export function refreshInvoiceSettlement(sql: Sql, invoiceId: string, now: string): string[] {
  const row = sql
    .prepare(
      `SELECT i.status, i.total_minor,
         coalesce((SELECT sum(amount_minor) FROM credit_notes WHERE invoice_id = i.id AND deleted_at IS NULL), 0) AS credited,
         (SELECT max(issue_date) FROM credit_notes WHERE invoice_id = i.id AND deleted_at IS NULL) AS last_credit
       FROM invoices i WHERE i.id = ?`,
    )
    .get(invoiceId) as SettlementRow | undefined;
  if (!row) return [];
  const final = row.status !== 'draft' && row.status !== 'void';
  const credited = final ? Math.min(row.credited, row.total_minor) : 0;
  let owed = final ? row.total_minor - credited : 0;
  const allocations = sql
    // By the invoice's seq: the allocations' index holds it, not the id (migration 27).
    .prepare(`SELECT id, payment_id, amount_minor, applied_minor, allocated_on FROM payment_allocations
      WHERE invoice_seq = (SELECT seq FROM invoices WHERE id = ?) AND reversed_at IS NULL ORDER BY created_at, id`)
    .all(invoiceId) as { id: string; payment_id: string; amount_minor: number; applied_minor: number; allocated_on: string }[];
  const moved = new Set<string>();
  let paid = 0;
  let lastPaid: string | null = null;
  const setApplied = sql.prepare('UPDATE payment_allocations SET applied_minor = ? WHERE id = ?');
  for (const a of allocations) {
    const applied = Math.min(a.amount_minor, owed);
    owed -= applied;
    paid += applied;
    if (applied > 0 && (lastPaid === null || a.allocated_on > lastPaid)) lastPaid = a.allocated_on;
    if (applied !== a.applied_minor) {
      setApplied.run(applied, a.id);
      moved.add(a.payment_id);
    }
  }
  // A payment whose allocation now settles more or less has that much less or more credit.
  for (const paymentId of moved) refreshAllocated(sql, paymentId, now);
  if (!final) return [...moved];
  const balance = row.total_minor - paid - credited;
  const status = balance === 0 ? 'paid' : paid + credited > 0 ? 'partially_paid' : 'open';
  const paidOn = balance === 0 ? [lastPaid, row.last_credit].filter((d): d is string => d !== null).sort().at(-1) ?? null : null;
  sql
    .prepare(
      `UPDATE invoices SET paid_minor = ?, credited_minor = ?, balance_minor = ?, status = ?, paid_on = ?, updated_at = ?, version = version + 1
       WHERE id = ? AND (paid_minor, credited_minor, balance_minor, status, paid_on) IS NOT (?, ?, ?, ?, ?)`,
    )
    .run(paid, credited, balance, status, paidOn, now, invoiceId, paid, credited, balance, status, paidOn);
  return [...moved];
}

/**
 * A payment's allocated amount, again from what its live allocations settle. Written only when it
 * moved: sync calls this for every payment of a pulled page. A reversed payment keeps its zero.
 */
export function refreshAllocated(sql: Sql, paymentId: string, now: string): void {
  sql
    .prepare(
      `UPDATE payments SET allocated_minor = applied, updated_at = @now, version = version + 1
         FROM (SELECT coalesce(sum(applied_minor), 0) AS applied FROM payment_allocations
               WHERE payment_seq = (SELECT seq FROM payments WHERE id = @id) AND reversed_at IS NULL)
         WHERE id = @id AND status = 'completed' AND allocated_minor <> applied`,
    )
    .run({ id: paymentId, now });
}
