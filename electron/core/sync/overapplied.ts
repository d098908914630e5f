// Money applied beyond what it covers, by two computers before they synced: the same credit put on
// two invoices, or credit applied from a payment another computer reversed. Settlement gives it to
// the allocations made first, the same on every computer (ledger/settlement.ts); this says so, on the
// invoice left open, under Sync problems.
import { formatMoney, type CurrencyCode } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { Shortfall } from '../ledger/settlement';
import { recordProblem } from './problems';

interface ShortAllocation {
  amount_minor: number;
  applied_minor: number;
  payment_number: string | null;
  payment_status: string | null;
  invoice_id: string;
  invoice_number: string | null;
  balance_minor: number;
  currency: string;
}

/**
 * `earlier`: found when books synced by an older Billbook were settled again (ledger/settleAgain.ts):
 * that Billbook could show a synced payment's credit as more than it was, and it was applied.
 */
export function tellOverapplied(ctx: CoreContext, shortfalls: readonly Shortfall[], cause: 'sync' | 'earlier' = 'sync'): void {
  const ids = [...new Set(shortfalls.map((s) => s.allocationId))];
  if (ids.length === 0) return;
  const read = ctx.sql.prepare(
    `SELECT a.amount_minor, a.applied_minor, p.number AS payment_number, p.status AS payment_status,
       i.id AS invoice_id, i.number AS invoice_number, i.balance_minor, i.currency
     FROM payment_allocations a JOIN invoices i ON i.seq = a.invoice_seq LEFT JOIN payments p ON p.seq = a.payment_seq
     WHERE a.id = ? AND a.reversed_at IS NULL`,
  );
  const open = ctx.sql.prepare("SELECT id FROM sync_problems WHERE code = 'overapplied' AND entity_id = ? AND resolved_at IS NULL");
  const update = ctx.sql.prepare('UPDATE sync_problems SET message = ?, at = ? WHERE id = ?');
  for (const id of ids) {
    const a = read.get(id) as ShortAllocation | undefined;
    // Settled in full after all (a later page brought what was missing), or short only because the
    // invoice was already paid: nothing to tell.
    if (!a || a.applied_minor >= a.amount_minor || a.balance_minor === 0) continue;
    const money = (minor: number) => formatMoney(minor, a.currency as CurrencyCode);
    const payment = a.payment_number ?? 'A payment';
    const why = a.payment_status === 'reversed'
      ? `${payment} was reversed on one computer and its credit applied on another before they synced, so there was no credit left to apply.`
      : cause === 'earlier'
        ? `${payment}’s credit was applied to more invoices than it covers: an earlier Billbook could show a synced payment’s credit as more than it was. It goes to the invoices it was applied to first, the same on every computer.`
        : `${payment}’s credit was applied to more invoices than it covers, on two computers before they synced. It goes to the invoices it was applied to first, the same on every computer.`;
    const message = `${why} ${a.invoice_number ?? 'The invoice'} keeps ${money(a.applied_minor)} of the ${money(a.amount_minor)} applied to it, and owes ${money(a.balance_minor)} again.`;
    const held = open.get(a.invoice_id) as { id: number } | undefined;
    if (held) update.run(message, ctx.clock.now().toISOString(), held.id);
    else recordProblem(ctx, { kind: 'overapplied', code: 'overapplied', message, mutation: null, entity: 'invoices', entityId: a.invoice_id });
  }
}
