// The outbox as the push sees it: changes not yet acknowledged, each with the id the Cloud knows it
// by (given when first sent, consecutive, the same on every retry), and their rows as they stand
// now with their stamps. Acknowledged changes are removed, but the newest row stays: it carries the
// change counter the caches watch.
import type { PushMutation } from '../../../shared/sync/protocol';
import type { SyncRow, SyncedTableName } from '../../../shared/sync/tables';
import type { Sql } from '../db/sql';
import { readRows, readStamps } from './rows';
import { NEXT_MUTATION_KEY, readMetaValue, writeMeta } from './state';

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

/** The next batch to push, with each touched row's current state (a row since removed is left out). */
export function nextBatch(sql: Sql, limit: number): PushMutation[] {
  sql.transaction(() => numberPending(sql, limit));
  const changes = sql
    .prepare("SELECT counter, mutation, hlc, rows, mutation_id FROM changes WHERE pushed_at IS NULL AND rows <> '[]' AND mutation_id IS NOT NULL ORDER BY mutation_id LIMIT ?")
    .all(limit) as PendingChange[];
  const wanted = new Map<SyncedTableName, Set<string>>();
  const parsed = changes.map((c) => ({ change: c, rows: JSON.parse(c.rows) as [SyncedTableName, string][] }));
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
  return parsed.map(({ change, rows }) => ({
    id: change.mutation_id!,
    name: change.mutation,
    stamp: change.hlc,
    rows: rows.flatMap(([table, id]) => {
      const row = state.get(`${table}\u0000${id}`);
      return row ? [row] : [];
    }),
  }));
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
