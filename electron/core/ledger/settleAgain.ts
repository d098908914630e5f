// Settles every invoice and payment of books that synced once, when an older Billbook settled them
// by an older rule. Before this release, sync could leave a payment's settled amount wrong (a payment
// pulled after its allocations showed its whole amount as credit; an allocation taken off elsewhere
// kept its payment allocated), and the same credit applied on two computers stopped every pull. The
// figures are worked out again from the synced facts, as every computer now works them out.
import type { CoreContext } from '../context';
import type { SqliteDatabase } from '../db/open';
import { writeMeta } from '../sync/state';
import { refreshCustomerBalance } from './balances';
import { settleInvoices } from './settlement';

const RULE_KEY = 'ledger.settlement_rule';
/** 2: allocations settle up to what their payment has left (ledger/settlement.ts). */
const RULE = '2';

interface InvoiceFigures {
  id: string;
  customer_id: string;
  figures: string;
}

/** What opening these books does about the rule: nothing (noted already), note it (never synced), or settle again. */
function ruleAhead(db: SqliteDatabase): 'none' | 'note' | 'settle' {
  const rule = db.prepare('SELECT value FROM meta WHERE key = ?').get(RULE_KEY) as { value: string } | undefined;
  if (rule?.value === RULE) return 'none';
  return db.prepare('SELECT 1 FROM sync_stamps LIMIT 1').get() === undefined ? 'note' : 'settle';
}

/**
 * Whether opening these books will settle them again (settleAgainUnderNewRule). Reads only, on books
 * at the newest schema (the update notice asks before the books open); false when it cannot tell.
 */
export function settlesAgainOnOpen(db: SqliteDatabase): boolean {
  try {
    return ruleAhead(db) === 'settle';
  } catch {
    return false;
  }
}

/** Books that never synced were always settled by one computer's own writes: they only note the rule. */
export function settleAgainUnderNewRule(ctx: CoreContext): { invoices: number; payments: number } | null {
  const sql = ctx.sql;
  const ahead = ruleAhead(sql.db);
  if (ahead === 'none') return null;
  return sql.transaction(() => {
    writeMeta(sql, RULE_KEY, RULE);
    if (ahead === 'note') return null;
    const now = ctx.clock.now().toISOString();
    const figures = () => sql.prepare(
      `SELECT id, customer_id, status || ',' || paid_minor || ',' || balance_minor || ',' || coalesce(paid_on, '') AS figures FROM invoices`,
    ).all() as InvoiceFigures[];
    const before = new Map(figures().map((r) => [r.id, r.figures]));
    // An older Billbook refused to apply more than a payment held, so nothing here settles short
    // for want of its payment: what the rule changes is told by sync as the other computers' rows come.
    settleInvoices(sql, before.keys(), now);
    const customers = new Set<string>();
    let invoices = 0;
    for (const r of figures()) {
      if (before.get(r.id) === r.figures) continue;
      invoices++;
      customers.add(r.customer_id);
    }
    const payments = sql
      .prepare(
        `UPDATE payments SET allocated_minor = settled.amount, updated_at = @now, version = version + 1
         FROM (SELECT p.seq, coalesce((SELECT sum(applied_minor) FROM payment_allocations a WHERE a.payment_seq = p.seq AND a.reversed_at IS NULL), 0) AS amount
               FROM payments p WHERE p.status = 'completed') AS settled
         WHERE payments.seq = settled.seq AND payments.allocated_minor <> settled.amount
         RETURNING customer_id`,
      )
      .all({ now }) as { customer_id: string }[];
    for (const p of payments) customers.add(p.customer_id);
    const exists = sql.prepare('SELECT 1 FROM customer_balances WHERE customer_id = ?');
    for (const id of customers) if (exists.get(id)) refreshCustomerBalance(sql, id);
    return { invoices, payments: payments.length };
  });
}
