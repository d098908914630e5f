// The outbox as the push sees it: changes not yet acknowledged, each with the id the Cloud knows it
// by (given when first sent, consecutive, the same on every retry), and their rows as they stand
// now with their stamps. Acknowledged changes are removed, but the newest row stays: it carries the
// change counter the caches watch.
import type { PushMutation } from '../../../shared/sync/protocol';
import type { SyncRow, SyncedTableName } from '../../../shared/sync/tables';
import type { Sql } from '../db/sql';
import { readRows, readStamps } from './rows';
import { cloudLink, NEXT_MUTATION_KEY, readMetaValue, writeMeta } from './state';

interface PendingChange {
  counter: number;
  mutation: string;
  hlc: string;
  rows: string;
  mutation_id: number | null;
}

export function pendingCount(sql: Sql): number {
  return (sql.prepare("SELECT count(*) AS n FROM changes WHERE pushed_at IS NULL AND rows <> '[]'").get() as { n: number }).n;
}

/** Numbers the next changes to send (those not numbered yet), in the order they were made. */
function numberPending(sql: Sql, limit: number): void {
  const unnumbered = sql.prepare("SELECT counter FROM changes WHERE pushed_at IS NULL AND mutation_id IS NULL AND rows <> '[]' ORDER BY counter LIMIT ?").all(limit) as { counter: number }[];
  if (unnumbered.length === 0) return;
  let next = Number(readMetaValue(sql, NEXT_MUTATION_KEY) ?? '1');
  const set = sql.prepare('UPDATE changes SET mutation_id = ? WHERE counter = ?');
  for (const row of unnumbered) set.run(next++, row.counter);
  writeMeta(sql, NEXT_MUTATION_KEY, String(next));
}

/**
 * How much one push carries, besides its count of changes. A first upload's changes name 500 rows
 * each (account.ts), so 500 of them were 250,000 rows: hundreds of megabytes for a 100,000-invoice
 * book, which the Cloud refuses (32 MB), again on every retry. The rows are counted before they
 * are read; their JSON is measured once read. A change is never split: one alone is always sent.
 */
export const PUSH_LIMITS = { rows: 5_000, bytes: 8 * 1024 * 1024 };

/** The next batch to push, with each touched row's current state (a row since removed is left out). */
export function nextBatch(sql: Sql, limit: number, limits: { rows: number; bytes: number } = PUSH_LIMITS): PushMutation[] {
  sql.transaction(() => numberPending(sql, limit));
  const changes = sql
    .prepare("SELECT counter, mutation, hlc, rows, mutation_id FROM changes WHERE pushed_at IS NULL AND rows <> '[]' AND mutation_id IS NOT NULL ORDER BY mutation_id LIMIT ?")
    .all(limit) as PendingChange[];
  const wanted = new Map<SyncedTableName, Set<string>>();
  // The first changes in order, up to the rows a push carries.
  const parsed: { change: PendingChange; rows: [SyncedTableName, string][] }[] = [];
  let rowCount = 0;
  for (const change of changes) {
    const rows = JSON.parse(change.rows) as [SyncedTableName, string][];
    if (parsed.length > 0 && rowCount + rows.length > limits.rows) break;
    rowCount += rows.length;
    parsed.push({ change, rows });
  }
  for (const { rows } of parsed) for (const [table, id] of rows) (wanted.get(table) ?? wanted.set(table, new Set()).get(table)!).add(id);
  const state = new Map<string, SyncRow>();
  for (const [table, ids] of wanted) {
    const data = readRows(sql, table, [...ids]);
    const stamps = readStamps(sql, table, [...ids]);
    for (const [id, d] of data) {
      const s = stamps.get(id);
      if (s) state.set(`${table}\u0000${id}`, { table, id, data: d, stamps: s });
    }
  }
  const batch = parsed.map(({ change, rows }) => ({
    id: change.mutation_id!,
    name: change.mutation,
    stamp: change.hlc,
    rows: rows.flatMap(([table, id]) => {
      const row = state.get(`${table}\u0000${id}`);
      return row ? [row] : [];
    }),
  }));
  let bytes = 0;
  const over = batch.findIndex((m, i) => (bytes += JSON.stringify(m.rows).length) > limits.bytes && i > 0);
  return over === -1 ? batch : batch.slice(0, over);
}

/** The Cloud has applied (or refused) everything up to `lastMutationId`. */
export function acknowledge(sql: Sql, lastMutationId: number, at: string): void {
  sql.transaction(() => {
    sql.prepare('UPDATE changes SET pushed_at = ? WHERE pushed_at IS NULL AND mutation_id IS NOT NULL AND mutation_id <= ?').run(at, lastMutationId);
    compact(sql);
  });
}

/** Removes acknowledged changes but the newest row (the caches' counter). */
export function compact(sql: Sql): void {
  sql.prepare('DELETE FROM changes WHERE pushed_at IS NOT NULL AND counter < (SELECT max(counter) FROM changes)').run();
}

/**
 * The Cloud counts this device's changes from `serverLast` (books restored from a backup, or a
 * lost answer): renumber what is not acknowledged to follow it, so nothing is skipped as done.
 */
export function renumberAfter(sql: Sql, serverLast: number): void {
  sql.transaction(() => {
    const pending = sql.prepare("SELECT counter FROM changes WHERE pushed_at IS NULL AND rows <> '[]' ORDER BY counter").all() as { counter: number }[];
    sql.prepare('UPDATE changes SET mutation_id = NULL WHERE pushed_at IS NULL').run();
    let next = serverLast + 1;
    const set = sql.prepare('UPDATE changes SET mutation_id = ? WHERE counter = ?');
    for (const row of pending) set.run(next++, row.counter);
    writeMeta(sql, NEXT_MUTATION_KEY, String(next));
  });
}

/**
 * Set while changes were removed from the outbox of books that work alone: joining an organisation
 * then uploads the books as they stand (account.ts), as it does for any books with records.
 */
export const SETTLED_ALONE_KEY = 'sync.settled_alone';

/** Books that work alone keep at least this many of their newest changes and fewer than twice as many: every KEPT_ALONE-th write settles the rest. */
export const KEPT_ALONE = 1000;

/** Books that work alone left changes out of their outbox: joining an organisation uploads them as they stand. */
export function noteSettledAlone(sql: Sql): void {
  if (readMetaValue(sql, SETTLED_ALONE_KEY) !== '1') writeMeta(sql, SETTLED_ALONE_KEY, '1');
}

/**
 * Books that work alone never push their outbox change by change: joining an organisation uploads
 * every synced row as it stands (queueUpload), which settles whatever the outbox holds. So their
 * changes are only ever needed until then as the newest row (its counter and stamp), and the older
 * ones are removed: a 100,000-invoice book otherwise keeps ~200 MB of changes nobody will send. The
 * audit log (who did what, when) is a table of its own and is kept whole. Removes at most `limit`
 * rows; returns how many it removed (0 for books in an organisation: theirs go when acknowledged).
 */
export function settleAlone(sql: Sql, limit = Number.MAX_SAFE_INTEGER): number {
  if (cloudLink(sql)) return 0;
  return sql.transaction(() => {
    const { newest } = sql.prepare('SELECT coalesce(max(counter), 0) AS newest FROM changes').get() as { newest: number };
    const removed = sql
      .prepare('DELETE FROM changes WHERE counter IN (SELECT counter FROM changes WHERE counter <= ? ORDER BY counter LIMIT ?)')
      .run(newest - KEPT_ALONE, limit).changes;
    if (removed > 0) noteSettledAlone(sql);
    return removed;
  });
}

/**
 * Books written before settleAlone existed hold every change they ever made; they are settled a
 * while after start, a thousand rows at a time (5,000 measured up to 0.6 s on a cold 860 MB book), so the first screens and the person's clicks
 * never wait behind one long delete.
 */
export function settleAloneAfterStart(sql: Sql, log: (message: string, error?: unknown) => void, firstAfterMs = 5000): () => void {
  let timer: NodeJS.Timeout | null = null;
  const step = () => {
    try {
      timer = settleAlone(sql, 1000) > 0 ? setTimeout(step, 0) : null;
    } catch (error) {
      log('Could not settle the outbox of books that work alone', error);
      timer = null;
    }
    timer?.unref();
  };
  timer = setTimeout(step, firstAfterMs);
  timer.unref();
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
