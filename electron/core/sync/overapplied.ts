// Money applied beyond what it covers, by two computers before they synced: the same credit put on
// two invoices, or credit applied from a payment another computer reversed. Settlement gives it to
// the allocations made first, the same on every computer (ledger/settlement.ts); this says so, on the
// invoice left open, under Sync problems, for as long as it stays true.
import { formatMoney, type CurrencyCode } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { Shortfall } from '../ledger/settlement';
import type { Sql } from '../db/sql';
import { recordProblem } from './problems';
import { readMetaValue, writeMeta } from './state';

/** Allocations found short by applied rows, told once the pull is whole; kept in the books so a pull that fails halfway loses none. */
const PENDING_KEY = 'sync.overapplied_pending';

/** Called inside the transaction that applied the rows. */
export function holdShortfalls(sql: Sql, shortfalls: readonly Shortfall[]): void {
  if (shortfalls.length === 0) return;
  const held = JSON.parse(readMetaValue(sql, PENDING_KEY) ?? '[]') as string[];
  writeMeta(sql, PENDING_KEY, JSON.stringify([...new Set([...held, ...shortfalls.map((s) => s.allocationId)])]));
}

/**
 * After a whole pull: tells what is still short of what was held, and forgets it. A first download
 * tells nothing (it would list every conflict the organisation ever had); open problems are brought
 * up to date either way.
 */
export function tellHeldShortfalls(ctx: CoreContext, tell: boolean): void {
  const held = JSON.parse(readMetaValue(ctx.sql, PENDING_KEY) ?? '[]') as string[];
  if (held.length > 0) writeMeta(ctx.sql, PENDING_KEY, null);
  if (tell) tellShortAllocations(ctx, held);
  else refreshOverappliedProblems(ctx);
}

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

const SHORT = `SELECT a.amount_minor, a.applied_minor, p.number AS payment_number, p.status AS payment_status,
     i.id AS invoice_id, i.number AS invoice_number, i.balance_minor, i.currency
   FROM payment_allocations a JOIN invoices i ON i.seq = a.invoice_seq LEFT JOIN payments p ON p.seq = a.payment_seq
   WHERE a.reversed_at IS NULL AND a.applied_minor < a.amount_minor AND i.balance_minor > 0`;

function describe(a: ShortAllocation): string {
  const money = (minor: number) => formatMoney(minor, a.currency as CurrencyCode);
  const payment = a.payment_number ?? 'A payment';
  const why = a.payment_status === 'reversed'
    ? `${payment} was reversed on one computer and its credit applied on another before they synced, so there was no credit left to apply.`
    : `${payment}’s credit was applied to more invoices than it covers, on two computers before they synced. It goes to the invoices it was applied to first, the same on every computer.`;
  return `${why} ${a.invoice_number ?? 'The invoice'} keeps ${money(a.applied_minor)} of the ${money(a.amount_minor)} applied to it, and owes ${money(a.balance_minor)} again.`;
}

/** Lists the allocations that are still short once settled (a later page may have settled them). */
export function tellOverapplied(ctx: CoreContext, shortfalls: readonly Shortfall[]): void {
  tellShortAllocations(ctx, shortfalls.map((s) => s.allocationId));
}

function tellShortAllocations(ctx: CoreContext, allocationIds: readonly string[]): void {
  const ids = [...new Set(allocationIds)];
  const read = ctx.sql.prepare(`${SHORT} AND a.id = ?`);
  const open = ctx.sql.prepare("SELECT id FROM sync_problems WHERE kind = 'overapplied' AND entity_id = ? AND resolved_at IS NULL");
  const update = ctx.sql.prepare('UPDATE sync_problems SET message = ?, at = ? WHERE id = ?');
  for (const id of ids) {
    // Not short any more, or short only because the invoice was already paid: nothing to tell.
    const a = read.get(id) as ShortAllocation | undefined;
    if (!a) continue;
    const held = open.get(a.invoice_id) as { id: number } | undefined;
    if (held) update.run(describe(a), ctx.clock.now().toISOString(), held.id);
    else recordProblem(ctx, { kind: 'overapplied', code: 'overapplied', message: describe(a), mutation: null, entity: 'invoices', entityId: a.invoice_id });
  }
  refreshOverappliedProblems(ctx);
}

/**
 * The open problems of this kind against the books as they are now: one whose invoice has no short
 * allocation left (the first was taken off, money came) is resolved; the others say today's figures.
 */
export function refreshOverappliedProblems(ctx: CoreContext): void {
  const open = ctx.sql.prepare("SELECT id, entity_id, message FROM sync_problems WHERE kind = 'overapplied' AND resolved_at IS NULL").all() as
    { id: number; entity_id: string; message: string }[];
  if (open.length === 0) return;
  const shortOn = ctx.sql.prepare(`${SHORT} AND a.invoice_seq = (SELECT seq FROM invoices WHERE id = ?) ORDER BY a.created_at DESC, a.id DESC LIMIT 1`);
  const now = ctx.clock.now().toISOString();
  for (const problem of open) {
    const a = shortOn.get(problem.entity_id) as ShortAllocation | undefined;
    if (!a) {
      ctx.sql.prepare('UPDATE sync_problems SET resolved_at = ? WHERE id = ?').run(now, problem.id);
      continue;
    }
    const message = describe(a);
    if (message !== problem.message) ctx.sql.prepare('UPDATE sync_problems SET message = ? WHERE id = ?').run(message, problem.id);
  }
}
