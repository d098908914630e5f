// Turns what a transaction's writes noted in sync_dirty (the tables' triggers) into the rows its
// outbox entry lists, stamping each touched field with the mutation's clock stamp once the books
// sync. Called by recordMutation inside the writing transaction.
import { SYNCED_TABLES, isSyncedTable, type SyncedTableName } from '../../../shared/sync/tables';
import type { CoreContext } from '../context';
import { withTriggersAway } from '../db/bulkIndexes';
import type { Sql } from '../db/sql';
import { readStamps, writeStamps } from './rows';
import { isSyncing } from './state';

export type TouchedRow = [SyncedTableName, string];

/**
 * Forgets the rows the writes noted, for books that work alone: there takeDirtyRows stamps nothing,
 * and a change with no outbox row has no use for the list (a bulk import makes 100,000 of them).
 */
export function clearDirtyRows(sql: Sql): void {
  sql.prepare('DELETE FROM sync_dirty').run();
}

export function takeDirtyRows(sql: Sql, stamp: string): TouchedRow[] {
  const dirty = sql.prepare('SELECT tbl, row_id, field FROM sync_dirty').all() as { tbl: string; row_id: string; field: string }[];
  if (dirty.length === 0) return [];
  sql.prepare('DELETE FROM sync_dirty').run();
  const byRow = new Map<string, { table: SyncedTableName; id: string; fields: Set<string> }>();
  for (const d of dirty) {
    if (!isSyncedTable(d.tbl)) continue;
    const k = `${d.tbl}\u0000${d.row_id}`;
    let entry = byRow.get(k);
    if (!entry) byRow.set(k, (entry = { table: d.tbl, id: d.row_id, fields: new Set() }));
    entry.fields.add(d.field);
  }
  if (isSyncing(sql)) {
    const byTable = new Map<SyncedTableName, { id: string; fields: Set<string> }[]>();
    for (const e of byRow.values()) {
      const list = byTable.get(e.table) ?? [];
      list.push(e);
      byTable.set(e.table, list);
    }
    for (const [table, entries] of byTable) {
      const held = readStamps(sql, table, entries.map((e) => e.id));
      for (const e of entries) {
        const before = held.get(e.id);
        // A new row (or a per-row table) takes one stamp for all; an edit of master data stamps its fields.
        let stamps: Record<string, string>;
        if (!before || e.fields.has('*') || SYNCED_TABLES[table].merge !== 'field') stamps = { '*': stamp };
        else {
          stamps = { ...before };
          for (const field of e.fields) stamps[field] = stamp;
        }
        writeStamps(sql, table, e.id, stamps);
      }
    }
  }
  return [...byRow.values()].map((e) => [e.table, e.id]);
}

/**
 * Changes to synced rows made outside any mutation (a message's progress on the queue) go out as a
 * change of their own, so nothing is left behind in sync_dirty.
 */
export function recordBackground(ctx: CoreContext): void {
  ctx.sql.transaction(() => {
    const { n } = ctx.sql.prepare('SELECT count(*) AS n FROM sync_dirty').get() as { n: number };
    if (n === 0) return;
    const last = ctx.sql.prepare('SELECT hlc FROM changes ORDER BY counter DESC LIMIT 1').get() as { hlc: string } | undefined;
    const stamp = ctx.nextStamp(last?.hlc);
    const rows = takeDirtyRows(ctx.sql, stamp);
    ctx.sql
      .prepare("INSERT INTO changes (device_id, mutation, entity, entity_id, args, hlc, schema_version, created_at, rows) VALUES (?, 'sync.background', 'sync', '', '{}', ?, ?, ?, ?)")
      .run(ctx.deviceId, stamp, ctx.schemaVersion, ctx.clock.now().toISOString(), JSON.stringify(rows));
  });
}

/**
 * Runs `write` with the AFTER INSERT triggers of `tables` that note new rows in sync_dirty taken
 * away (withSchemaObjectsAway: put back from their own SQL, or by the caller's rollback). Only for
 * writes whose notes would be cleared unread (clearDirtyRows: books that work alone, changes with
 * no outbox row): a 100,000-customer import otherwise writes and deletes two notes per customer,
 * about a fifth of writing the rows. Joining an organisation uploads every synced row as it stands
 * (queueUpload), so nothing relies on those notes.
 */
export function withoutInsertNotes<T>(sql: Sql, tables: readonly SyncedTableName[], write: () => T): T {
  return withTriggersAway(sql.db, tables.map((table) => `${table}_sync_insert`), write);
}
