// Applies rows from the Cloud to this device's books: each merged with what is here by the same
// rules the Cloud uses (shared/sync/merge.ts), then everything derived from them worked out again
// in the same transaction (settlement, balances, search, M-Pesa duplicates), and the change counter
// the caches watch moved on (server/PROTOCOL.md).
import { mergeRow } from '../../../shared/sync/merge';
import { SYNCED_TABLES, type SyncRow, type SyncedTableName } from '../../../shared/sync/tables';
import type { CoreContext } from '../context';
import type { Sql } from '../db/sql';
import { refreshCustomerBalance } from '../ledger/balances';
import { shortInvoicesOfPayment, refreshAllocated, settleInvoices, type Shortfall } from '../ledger/settlement';
import { keyIs, readRows, readStamps, writeRow, writeStamps } from './rows';
import { holdShortfalls } from './overapplied';
import { catchUpSearchFor } from '../customers/searchBacklog';

export interface Applied {
  rows: number;
  customers: Set<string>;
  invoices: Set<string>;
  /**
   * Allocations that settle less than they say because their payment had no more to give, written or
   * moved by these rows. The next page may settle them (a reversal's rows come apart), so sync tells
   * the person after the whole pull (sync/overapplied.ts).
   */
  shortfalls: Shortfall[];
}

/** Runs `work` with foreign keys off: rows stream in by version, so a child may come before its parent. */
function withoutForeignKeys<T>(ctx: CoreContext, work: () => T): T {
  const db = ctx.sql.db;
  db.pragma('foreign_keys = OFF');
  try {
    return work();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** Marks every payment with one M-Pesa code after the first (by when it was made, then id) as its probable duplicate. */
export function flagMpesaDuplicates(sql: Sql, references: Iterable<string>): void {
  const list = sql.prepare("SELECT id FROM payments WHERE method = 'mpesa' AND status = 'completed' AND reference = ? ORDER BY created_at, id");
  const set = sql.prepare('UPDATE payments SET duplicate_of = ? WHERE id = ? AND duplicate_of IS NOT ?');
  const clear = sql.prepare("UPDATE payments SET duplicate_of = NULL WHERE reference = ? AND method = 'mpesa' AND duplicate_of IS NOT NULL AND status = 'reversed'");
  for (const reference of references) {
    if (!reference) continue;
    const ids = (list.all(reference) as { id: string }[]).map((r) => r.id);
    ids.forEach((id, i) => set.run(i === 0 ? null : ids[0]!, id, i === 0 ? null : ids[0]!));
    clear.run(reference);
  }
}

interface Derived {
  invoices: Set<string>;
  customers: Set<string>;
  mpesa: Set<string>;
  /** Payments written (stored with nothing allocated, whatever their allocations say) or whose allocations were. */
  payments: Set<string>;
  /** Allocations written: one that arrives settling less than it says is news to this computer. */
  allocations: Set<string>;
}

/** What the written rows change downstream. */
function noteDerived(sql: Sql, row: SyncRow, derived: Derived): void {
  const d = row.data;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  switch (row.table) {
    case 'customers': derived.customers.add(row.id); break;
    case 'invoices': derived.invoices.add(row.id); if (text(d.customer_id)) derived.customers.add(text(d.customer_id)!); break;
    case 'payments':
      derived.payments.add(row.id);
      if (text(d.customer_id)) derived.customers.add(text(d.customer_id)!);
      if (d.method === 'mpesa' && text(d.reference)) derived.mpesa.add(text(d.reference)!);
      for (const a of sql.prepare('SELECT invoice_id FROM payment_allocations WHERE payment_seq = (SELECT seq FROM payments WHERE id = ?)').all(row.id) as { invoice_id: string }[]) derived.invoices.add(a.invoice_id);
      break;
    // An allocation changes what its payment has applied (taken off an invoice elsewhere, the Cloud
    // sends the allocation alone): the payment is settled again below, as one written here would be.
    case 'payment_allocations':
      derived.allocations.add(row.id);
      if (text(d.payment_id)) derived.payments.add(text(d.payment_id)!);
      if (text(d.invoice_id)) derived.invoices.add(text(d.invoice_id)!);
      break;
    case 'credit_notes': if (text(d.invoice_id)) derived.invoices.add(text(d.invoice_id)!); break;
    // A refund takes from the customer's credit.
    case 'refunds': if (text(d.customer_id)) derived.customers.add(text(d.customer_id)!); break;
    default: break;
  }
}

function recompute(ctx: CoreContext, derived: Derived, now: string): Shortfall[] {
  const sql = ctx.sql;
  const customerOf = sql.prepare('SELECT customer_id FROM invoices WHERE id = ?');
  const shortfalls: Shortfall[] = [];
  // A payment row written brought all its invoices already (noteDerived); an allocation taken off
  // elsewhere frees its payment for its allocations that settle less than they say.
  const toSettle = new Set(derived.invoices);
  for (const id of derived.payments) for (const invoiceId of shortInvoicesOfPayment(sql, id)) toSettle.add(invoiceId);
  for (const id of settleInvoices(sql, toSettle, now, shortfalls).invoices) {
    const row = customerOf.get(id) as { customer_id: string } | undefined;
    if (row) derived.customers.add(row.customer_id);
  }
  // The Cloud pages rows in its own order, so a payment can arrive after its allocations were settled
  // (or an allocation alone): the invoices' settlement above then moves nothing and leaves the payment
  // as it was stored, as credit the customer does not have. Settle it from its allocations.
  for (const id of derived.payments) refreshAllocated(sql, id, now);
  flagMpesaDuplicates(sql, derived.mpesa);
  const exists = sql.prepare('SELECT 1 FROM customer_balances WHERE customer_id = ?');
  for (const id of derived.customers) if (exists.get(id)) refreshCustomerBalance(sql, id);
  // What is news here: an allocation that arrived short, or one that settled more before.
  return shortfalls.filter((s) => s.moved || derived.allocations.has(s.allocationId));
}

/** Keeps whatever this process's own writes noted before, and drops what applying remote rows noted. */
function preservingDirt<T>(sql: Sql, work: () => T): T {
  const before = sql.prepare('SELECT tbl, row_id, field FROM sync_dirty').all() as { tbl: string; row_id: string; field: string }[];
  const result = work();
  sql.prepare('DELETE FROM sync_dirty').run();
  const put = sql.prepare('INSERT INTO sync_dirty (tbl, row_id, field) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  for (const d of before) put.run(d.tbl, d.row_id, d.field);
  return result;
}

/** The counter the list and analytics caches watch moves on; this row is never pushed. */
function noteApplied(ctx: CoreContext, count: number, now: string): void {
  const last = ctx.sql.prepare('SELECT hlc FROM changes ORDER BY counter DESC LIMIT 1').get() as { hlc: string } | undefined;
  ctx.sql
    .prepare("INSERT INTO changes (device_id, mutation, entity, entity_id, args, hlc, schema_version, created_at, pushed_at, rows) VALUES (?, 'sync.apply', 'sync', '', ?, ?, ?, ?, ?, '[]')")
    .run(ctx.deviceId, JSON.stringify({ rows: count }), ctx.nextStamp(last?.hlc), ctx.schemaVersion, now, now);
}

/**
 * The clock's receive step: a change made here after these rows arrived is stamped after them, even
 * when this computer's clock runs behind the one that wrote them (by seconds is enough to lose an
 * edit to a field another computer only created).
 */
function observeStamps(ctx: CoreContext, rows: readonly SyncRow[]): void {
  let newest = '';
  for (const row of rows) for (const stamp of Object.values(row.stamps)) if (stamp > newest) newest = stamp;
  if (newest) ctx.nextStamp(newest);
}

function byRank(rows: readonly SyncRow[]): SyncRow[] {
  return [...rows].sort((a, b) => SYNCED_TABLES[a.table].rank - SYNCED_TABLES[b.table].rank);
}

function held(sql: Sql, rows: readonly SyncRow[]): Map<string, SyncRow> {
  const out = new Map<string, SyncRow>();
  const byTable = new Map<SyncedTableName, string[]>();
  for (const r of rows) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.id]);
  for (const [table, ids] of byTable) {
    const data = readRows(sql, table, ids);
    const stamps = readStamps(sql, table, ids);
    for (const [id, d] of data) out.set(`${table}\u0000${id}`, { table, id, data: d, stamps: stamps.get(id) ?? { '*': '' } });
  }
  return out;
}

const REVERSIBLE = new Set<SyncedTableName>(['payments', 'payment_allocations', 'refunds']);

/**
 * A reversed payment, allocation or refund taking another computer's (earlier) reversal: the books
 * keep a reversed row as it is, so it is removed and written again.
 */
function replacesReversal(table: SyncedTableName, held: SyncRow['data'], next: SyncRow['data']): boolean {
  return REVERSIBLE.has(table) && Boolean(held.reversed_at) && held.reversed_at !== next.reversed_at;
}

/**
 * Merges pulled rows into the books. A row whose local version is ahead (a change not pushed yet)
 * keeps it: the push that follows carries it up.
 */
export function applyPulledRows(ctx: CoreContext, rows: readonly SyncRow[]): Applied {
  observeStamps(ctx, rows);
  const now = ctx.clock.now().toISOString();
  const derived: Derived = { invoices: new Set(), customers: new Set(), mpesa: new Set(), payments: new Set(), allocations: new Set() };
  let written = 0;
  let shortfalls: Shortfall[] = [];
  withoutForeignKeys(ctx, () =>
    ctx.sql.transaction(() =>
      preservingDirt(ctx.sql, () => {
        const local = held(ctx.sql, rows);
        for (const incoming of byRank(rows)) {
          const k = `${incoming.table}\u0000${incoming.id}`;
          const held = local.get(k) ?? null;
          const outcome = mergeRow(held, incoming);
          if (outcome.kind !== 'store') continue;
          if (held && replacesReversal(incoming.table, held.data, outcome.row.data)) removeLocal(ctx.sql, incoming.table, incoming.id, derived);
          writeRow(ctx.sql, outcome.row, now);
          writeStamps(ctx.sql, incoming.table, incoming.id, outcome.row.stamps);
          local.set(k, outcome.row);
          noteDerived(ctx.sql, outcome.row, derived);
          written += 1;
        }
        shortfalls = recompute(ctx, derived, now);
        holdShortfalls(ctx.sql, shortfalls);
        if (written > 0) noteApplied(ctx, written, now);
      }),
    ),
  );
  return { rows: written, customers: derived.customers, invoices: derived.invoices, shortfalls };
}

function removeLocal(sql: Sql, table: SyncedTableName, id: string, derived: Derived): void {
  if (table === 'invoices') {
    const row = sql.prepare('SELECT seq, customer_id FROM invoices WHERE id = ?').get(id) as { seq: number; customer_id: string } | undefined;
    if (!row) return;
    derived.customers.add(row.customer_id);
    sql.prepare('DELETE FROM invoice_search WHERE rowid = ?').run(row.seq);
    // A final invoice's lines are frozen by trigger; putting it back to the Cloud's state means
    // letting it be a draft for the moment it takes to remove it.
    sql.prepare('DELETE FROM invoices WHERE id = ?').run(id);
    sql.prepare('DELETE FROM invoice_lines WHERE invoice_seq = ?').run(row.seq);
    return;
  }
  if (table === 'customers') {
    const row = sql.prepare('SELECT seq FROM customers WHERE id = ?').get(id) as { seq: number } | undefined;
    if (row) {
      // When its entry is one an import held back, those go in first, or it would be written after its removal.
      catchUpSearchFor(sql, row.seq);
      sql.prepare('DELETE FROM customer_search WHERE rowid = ?').run(row.seq);
    }
    // Its payments wait for it again (migration 27): written back, it has a new seq (rows.ts writeCustomer).
    if (row) sql.prepare('UPDATE payments SET customer_seq = NULL WHERE customer_seq = ?').run(row.seq);
    sql.prepare('DELETE FROM customer_tags WHERE customer_id = ?').run(id);
  }
  if (table === 'payments' || table === 'refunds') {
    const row = sql.prepare(`SELECT customer_id FROM ${table} WHERE id = ?`).get(id) as { customer_id: string } | undefined;
    if (row) derived.customers.add(row.customer_id);
  }
  // A payment's allocations wait for it again (migration 27): written back, it has a new seq, and its
  // arrival fills them (an invoice's do the same by trigger). Not a trigger: clearing the books removes
  // every payment before their allocations.
  if (table === 'payments') sql.prepare('UPDATE payment_allocations SET payment_seq = NULL WHERE payment_seq = (SELECT seq FROM payments WHERE id = ?)').run(id);
  if (table === 'payment_allocations' || table === 'credit_notes') {
    const row = sql.prepare(`SELECT invoice_id FROM ${table} WHERE id = ?`).get(id) as { invoice_id: string } | undefined;
    if (row) derived.invoices.add(row.invoice_id);
  }
  sql.prepare(`DELETE FROM ${table} WHERE ${keyIs(table, '@id')}`).run({ id });
}

/**
 * Puts rows back to the Cloud's state after it refused a change (a role that may not, a fact that
 * may not change): the Cloud's version (and stamps) replaces this device's, whatever their stamps;
 * a row the Cloud does not have is removed.
 */
export function forceCloudState(ctx: CoreContext, entries: readonly { table: SyncedTableName; id: string; row: SyncRow | null }[]): Applied {
  observeStamps(ctx, entries.flatMap((e) => (e.row ? [e.row] : [])));
  const now = ctx.clock.now().toISOString();
  const derived: Derived = { invoices: new Set(), customers: new Set(), mpesa: new Set(), payments: new Set(), allocations: new Set() };
  withoutForeignKeys(ctx, () =>
    ctx.sql.transaction(() =>
      preservingDirt(ctx.sql, () => {
        // Children first when removing, parents first when writing back.
        const ordered = [...entries].sort((a, b) => SYNCED_TABLES[b.table].rank - SYNCED_TABLES[a.table].rank);
        for (const entry of ordered) {
          const local = readRows(ctx.sql, entry.table, [entry.id]).get(entry.id);
          if (local) noteDerived(ctx.sql, { table: entry.table, id: entry.id, data: local, stamps: {} }, derived);
          const mustRemove = !entry.row || (entry.table === 'invoices' && local && (local.lifecycle !== entry.row.data.lifecycle || local.number !== entry.row.data.number)) ||
            (entry.table === 'payments' && local && local.status !== entry.row.data.status) ||
            (entry.table === 'refunds' && local && local.status !== entry.row.data.status) ||
            (local && replacesReversal(entry.table, local, entry.row.data)) ||
            // A decided or converted quote cannot go back by an update (the table holds it): it is written again.
            (entry.table === 'quotes' && local && (local.state !== entry.row.data.state || (local.invoice_id ?? null) !== (entry.row.data.invoice_id ?? null))) ||
            (entry.table === 'recurring_runs' && local && JSON.stringify(local) !== JSON.stringify(entry.row.data)) ||
            (entry.table === 'payment_allocations' && local && local.reversed_at !== entry.row.data.reversed_at);
          if (mustRemove) removeLocal(ctx.sql, entry.table, entry.id, derived);
          if (!entry.row) ctx.sql.prepare('DELETE FROM sync_stamps WHERE tbl = ? AND row_id = ?').run(entry.table, entry.id);
        }
        for (const entry of byRank(entries.flatMap((e) => (e.row ? [e.row] : [])))) {
          writeRow(ctx.sql, entry, now);
          writeStamps(ctx.sql, entry.table, entry.id, entry.stamps);
          noteDerived(ctx.sql, entry, derived);
        }
        holdShortfalls(ctx.sql, recompute(ctx, derived, now));
        noteApplied(ctx, entries.length, now);
      }),
    ),
  );
  return { rows: entries.length, customers: derived.customers, invoices: derived.invoices, shortfalls: [] };
}
