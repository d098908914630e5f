import type { SqliteDatabase } from './open';
import type { Sql } from './sql';

/** An index or trigger as the schema keeps it: dropped and made again from its own SQL. */
export interface SchemaObject {
  type: 'index' | 'trigger';
  name: string;
  sql: string;
}

/**
 * Runs `write` with `objects` taken away, then makes them again from their own SQL. The caller
 * holds the transaction, so a rollback brings the old ones back; outside one, each DROP would
 * commit alone and a failed write would leave the books without them for good.
 */
export function withSchemaObjectsAway<T>(db: SqliteDatabase, objects: readonly SchemaObject[], write: () => T): T {
  if (!db.inTransaction) throw new Error('Schema objects are taken away only inside the caller\'s transaction');
  for (const o of objects) db.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
  const result = write();
  for (const o of objects) db.exec(o.sql);
  return result;
}

/** Runs `write` with the triggers named `names` taken away (withSchemaObjectsAway); a name the books lack is skipped. */
export function withTriggersAway<T>(db: SqliteDatabase, names: readonly string[], write: () => T): T {
  const triggers = db
    .prepare("SELECT 'trigger' AS type, name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?)) ORDER BY name")
    .all(JSON.stringify(names)) as SchemaObject[];
  return withSchemaObjectsAway(db, triggers, write);
}

/** The planner's statistics tables that hold rows per index (present once ANALYZE has run). */
const STAT_TABLES = ['sqlite_stat1', 'sqlite_stat4'] as const;

/**
 * Runs `write` with the plain (non-unique) indexes of `tables` taken away, then builds them again
 * from their own SQL (withSchemaObjectsAway). A large bulk write into tables its rows will mostly
 * fill inserts each row's entries at random places in every index (a name, an email): building an
 * index afterwards sorts its entries once instead. Unique indexes stay, so every row is still
 * checked as it is written. The planner's statistics for these indexes are kept as they were, as
 * inserting rows one by one would keep them.
 */
export function withIndexesBuiltAfter<T>(sql: Sql, tables: readonly string[], write: () => T): T {
  const indexes = sql.db
    .prepare(
      `SELECT 'index' AS type, name, sql FROM sqlite_schema
       WHERE type = 'index' AND tbl_name IN (SELECT value FROM json_each(?)) AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name`,
    )
    .all(JSON.stringify(tables)) as SchemaObject[];
  if (indexes.length === 0) return write();
  const names = JSON.stringify(indexes.map((i) => i.name));
  const statTables = STAT_TABLES.filter((t) => sql.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(t) !== undefined);
  // DROP INDEX removes the index's statistics with it; they are put back as they were.
  const stats = statTables.map((t) => ({ table: t, rows: sql.db.prepare(`SELECT * FROM ${t} WHERE idx IN (SELECT value FROM json_each(?))`).all(names) as Record<string, unknown>[] }));
  const result = withSchemaObjectsAway(sql.db, indexes, write);
  for (const { table: statTable, rows } of stats) {
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0]!);
    const insert = sql.db.prepare(`INSERT INTO ${statTable} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (const row of rows) insert.run(columns.map((c) => row[c]));
  }
  // The planner reads statistics when it loads the schema; this loads the ones just put back.
  if (stats.some((s) => s.rows.length > 0)) sql.db.exec('ANALYZE sqlite_schema');
  return result;
}

/** FTS5's own defaults for the merge settings withSearchMergeLater changes (fts5.h: FTS5_DEFAULT_AUTOMERGE, _CRISISMERGE). */
const MERGE_DEFAULTS = { automerge: 4, crisismerge: 16 } as const;

/**
 * Runs `write` (inserts into the FTS5 table `table`) with FTS5's merging of its segments turned
 * off, and puts the merge settings back: the segments it writes are left for a merge later (an
 * 'optimize', or 'merge' steps). FTS5 writes what it holds in memory as a new segment every
 * megabyte or so, and by default merges segments again and again as they pile up: for 100,000
 * customers' entries that merging costs more than one merge at the end (2.4 → 1.8 s of CPU). The
 * caller holds the transaction, so a rollback brings back the old settings and segments. A setting
 * never made is left as its default written out: SQLite's defensive mode forbids deleting the row
 * from `<table>_config`, and FTS5 reads either the same way.
 */
export function withSearchMergeLater<T>(db: SqliteDatabase, table: string, write: () => T): T {
  const kept = new Map(
    (db.prepare(`SELECT k, v FROM ${table}_config WHERE k IN ('automerge', 'crisismerge')`).all() as { k: string; v: number }[]).map((r) => [r.k, r.v]),
  );
  // FTS5 takes a setting only as an integer value, and better-sqlite3 binds a number as a real.
  const set = db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES (?, CAST(? AS INTEGER))`);
  set.run('automerge', 0);
  // At this many segments of one level FTS5 merges them whatever automerge says; more than a bulk write makes.
  set.run('crisismerge', 2000);
  const result = write();
  for (const [name, value] of Object.entries(MERGE_DEFAULTS)) set.run(name, kept.get(name) ?? value);
  return result;
}

/**
 * withSearchMergeLater, then all the segments merged into one ('optimize'). Only for writes that
 * make most of the index: 'optimize' rewrites all of it.
 */
export function withSearchMergedOnce<T>(db: SqliteDatabase, table: string, write: () => T): T {
  return withSearchMergeLater(db, table, () => {
    const result = write();
    db.prepare(`INSERT INTO ${table} (${table}) VALUES ('optimize')`).run();
    return result;
  });
}
