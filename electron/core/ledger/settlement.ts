// What an invoice has been paid and credited, and what is left: recomputed from the allocations and
// credit notes inside the transaction that changed them, so the stored figures are never out of step.
import type { Sql } from '../db/sql';

interface SettlementRow {
  seq: number;
  status: string;
  total_minor: number;
  credited: number;
  last_credit: string | null;
}

interface AllocationToSettle {
  id: string;
  payment_id: string;
  payment_seq: number | null;
  /** The payment's amount, or null while sync waits for the payment row. */
  payment_amount: number | null;
  payment_status: string | null;
  amount_minor: number;
  applied_minor: number;
  allocated_on: string;
  created_at: string;
  /** How many live allocations of its payment are on other invoices (most payments pay one). */
  elsewhere: number;
}

/**
 * An allocation that settles less than it says because its payment had no more to give: two
 * computers applied the same money (a payment's credit) offline, or applied money another computer
 * reversed. Sync tells the person (sync/apply.ts).
 */
export interface Shortfall {
  allocationId: string;
  /** Whether this settlement changed what it settles (it settled more before). */
  moved: boolean;
}

/** Where a payment's settlement first moved, so the allocations it made after that are settled again. */
interface Moved {
  createdAt: string;
  id: string;
  /** Whether the payment has allocations on other invoices that may depend on this one. */
  elsewhere: boolean;
}

const earlier = (a: Moved, b: Moved) => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/**
 * Refreshes one invoice's paid, credited, balance, status and paid-on date, and what each of its
 * allocations really settles, then the allocations that depend on those. Returns the payments whose
 * settled amount moved.
 *
 * Every device settles in the same order, so devices that applied money offline agree afterwards:
 * - credit notes come first;
 * - allocations settle in the order they were made (created_at, then id), each up to what the
 *   invoice still owes: when two devices over-paid one invoice, the excess stays the later
 *   payment's credit;
 * - and each up to what its payment has left after its earlier allocations: when two devices
 *   applied the same credit to different invoices, the later allocation settles only what was left,
 *   and its invoice stays open for the rest. A reversed payment settles nothing.
 * An allocation that settles more or less changes what its payment's later allocations can settle
 * on other invoices, so those invoices are settled again, until nothing moves.
 */
export function refreshInvoiceSettlement(sql: Sql, invoiceId: string, now: string, shortfalls?: Shortfall[]): string[] {
  return settleInvoices(sql, [invoiceId], now, shortfalls).payments;
}

/**
 * Several invoices' settlement as one: a payment's allocated amount is written only once all are
 * settled. Settled one by one, a payment whose allocations on the others still held what they
 * settled before (sync wrote the payment after them) could add up to more than its amount.
 */
export function settleInvoices(sql: Sql, invoiceIds: Iterable<string>, now: string, shortfalls?: Shortfall[]): { payments: string[]; invoices: string[] } {
  const moved = new Set<string>();
  const queue = inSettlingOrder(sql, [...new Set(invoiceIds)]);
  const queued = new Set(queue);
  const invoices = new Set(queue);
  const later = sql.prepare(
    `SELECT DISTINCT invoice_id FROM payment_allocations
     WHERE payment_seq = (SELECT seq FROM payments WHERE id = @payment) AND reversed_at IS NULL AND invoice_id <> @invoice
       AND (created_at > @createdAt OR (created_at = @createdAt AND id > @id))`,
  );
  while (queue.length > 0) {
    const id = queue.shift()!;
    queued.delete(id);
    for (const [paymentId, from] of settleInvoice(sql, id, now, shortfalls)) {
      moved.add(paymentId);
      if (!from.elsewhere) continue;
      for (const { invoice_id } of later.all({ payment: paymentId, invoice: id, createdAt: from.createdAt, id: from.id }) as { invoice_id: string }[]) {
        if (!queued.has(invoice_id)) {
          queued.add(invoice_id);
          invoices.add(invoice_id);
          queue.push(invoice_id);
        }
      }
    }
  }
  // After the queue is empty, not between invoices: a payment's allocations add up to its amount at most only once all are settled.
  for (const paymentId of moved) refreshAllocated(sql, paymentId, now);
  return { payments: [...moved], invoices: [...invoices] };
}

/**
 * Invoices by their first live allocation (created_at, id), those without first: settled in that
 * order, an allocation's earlier ones are settled before it, and few invoices are settled twice.
 */
function inSettlingOrder(sql: Sql, ids: string[]): string[] {
  if (ids.length < 2) return ids;
  const firsts = sql
    .prepare(
      `SELECT j.value AS id, (SELECT min(a.created_at || ' ' || a.id) FROM payment_allocations a WHERE a.invoice_seq = i.seq AND a.reversed_at IS NULL) AS first
       FROM json_each(?) j LEFT JOIN invoices i ON i.id = j.value`,
    )
    .all(JSON.stringify(ids)) as { id: string; first: string | null }[];
  return firsts.sort((a, b) => ((a.first ?? '') < (b.first ?? '') ? -1 : (a.first ?? '') > (b.first ?? '') ? 1 : 0)).map((r) => r.id);
}

/**
 * The invoices of a payment's live allocations that settle less than they say. An allocation taken
 * off (or a payment's allocation reversed elsewhere) leaves the settlement it was part of without
 * moving any figure of its own, so whoever takes one off settles these again: they may now settle
 * what it no longer does.
 */
export function shortInvoicesOfPayment(sql: Sql, paymentId: string): string[] {
  // Only those settling less than they say can settle more: a payment over 800 invoices settles a few again, not 800.
  return (sql
    .prepare(`SELECT DISTINCT invoice_id FROM payment_allocations
      WHERE payment_seq = (SELECT seq FROM payments WHERE id = ?) AND reversed_at IS NULL AND applied_minor < amount_minor`)
    .all(paymentId) as { invoice_id: string }[]).map((r) => r.invoice_id);
}

/** One invoice's own settlement; returns, for each payment whose allocation here moved, the first that did. */
function settleInvoice(sql: Sql, invoiceId: string, now: string, shortfalls: Shortfall[] | undefined): Map<string, Moved> {
  const row = sql
    .prepare(
      `SELECT i.seq, i.status, i.total_minor,
         coalesce((SELECT sum(amount_minor) FROM credit_notes WHERE invoice_id = i.id AND deleted_at IS NULL), 0) AS credited,
         (SELECT max(issue_date) FROM credit_notes WHERE invoice_id = i.id AND deleted_at IS NULL) AS last_credit
       FROM invoices i WHERE i.id = ?`,
    )
    .get(invoiceId) as SettlementRow | undefined;
  const moved = new Map<string, Moved>();
  if (!row) return moved;
  const final = row.status !== 'draft' && row.status !== 'void';
  const credited = final ? Math.min(row.credited, row.total_minor) : 0;
  let owed = final ? row.total_minor - credited : 0;
  const allocations = sql
    // By the invoice's seq: the allocations' index holds it, not the id (migration 27).
    .prepare(
      `SELECT a.id, a.payment_id, a.payment_seq, p.amount_minor AS payment_amount, p.status AS payment_status,
         a.amount_minor, a.applied_minor, a.allocated_on, a.created_at,
         (SELECT count(*) FROM payment_allocations b WHERE b.payment_seq = a.payment_seq AND b.reversed_at IS NULL AND b.invoice_seq IS NOT a.invoice_seq) AS elsewhere
       FROM payment_allocations a LEFT JOIN payments p ON p.seq = a.payment_seq
       WHERE a.invoice_seq = ? AND a.reversed_at IS NULL ORDER BY a.created_at, a.id`,
    )
    .all(row.seq) as AllocationToSettle[];
  // What each payment's earlier allocations on other invoices settle; those on this one are counted as the loop goes.
  const settledElsewhere = sql.prepare(
    `SELECT coalesce(sum(applied_minor), 0) AS settled FROM payment_allocations
     WHERE payment_seq = @paymentSeq AND reversed_at IS NULL AND invoice_seq IS NOT @invoiceSeq
       AND (created_at < @createdAt OR (created_at = @createdAt AND id < @id))`,
  );
  const settledHere = new Map<string, number>();
  let paid = 0;
  let lastPaid: string | null = null;
  const setApplied = sql.prepare('UPDATE payment_allocations SET applied_minor = ? WHERE id = ?');
  for (const a of allocations) {
    const wanted = Math.min(a.amount_minor, owed);
    let left = Number.POSITIVE_INFINITY;
    if (a.payment_status === 'reversed') left = 0;
    else if (a.payment_amount !== null && wanted > 0) {
      const before = a.elsewhere === 0 ? 0 : (settledElsewhere.get({ paymentSeq: a.payment_seq, invoiceSeq: row.seq, createdAt: a.created_at, id: a.id }) as { settled: number }).settled;
      left = Math.max(0, a.payment_amount - before - (settledHere.get(a.payment_id) ?? 0));
    }
    const applied = Math.min(wanted, left);
    if (applied < wanted) shortfalls?.push({ allocationId: a.id, moved: applied !== a.applied_minor });
    settledHere.set(a.payment_id, (settledHere.get(a.payment_id) ?? 0) + applied);
    owed -= applied;
    paid += applied;
    if (applied > 0 && (lastPaid === null || a.allocated_on > lastPaid)) lastPaid = a.allocated_on;
    if (applied !== a.applied_minor) {
      setApplied.run(applied, a.id);
      const from = { createdAt: a.created_at, id: a.id, elsewhere: a.elsewhere > 0 };
      const seen = moved.get(a.payment_id);
      if (!seen || earlier(from, seen)) moved.set(a.payment_id, from);
    }
  }
  if (!final) return moved;
  const balance = row.total_minor - paid - credited;
  const status = balance === 0 ? 'paid' : paid + credited > 0 ? 'partially_paid' : 'open';
  const paidOn = balance === 0 ? [lastPaid, row.last_credit].filter((d): d is string => d !== null).sort().at(-1) ?? null : null;
  sql
    .prepare(
      `UPDATE invoices SET paid_minor = ?, credited_minor = ?, balance_minor = ?, status = ?, paid_on = ?, updated_at = ?, version = version + 1
       WHERE id = ? AND (paid_minor, credited_minor, balance_minor, status, paid_on) IS NOT (?, ?, ?, ?, ?)`,
    )
    .run(paid, credited, balance, status, paidOn, now, invoiceId, paid, credited, balance, status, paidOn);
  return moved;
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
