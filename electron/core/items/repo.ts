// SQL for the item catalog: no rules, no transactions.
import type { Sql } from '../db/sql';
import type { ItemsTable } from '../db/schema';
import type { ItemSort } from '../../../shared/domain/item';

export type ItemRow = Omit<ItemsTable, 'seq'> & { seq: number };

const COLUMNS = 'id, code, name, unit, price_minor, currency, tax_rate_bp, created_at, updated_at, deleted_at, version';

export function insertItem(sql: Sql, row: Omit<ItemRow, 'seq'>): number {
  const result = sql
    .prepare(
      `INSERT INTO items (${COLUMNS}) VALUES (@id, @code, @name, @unit, @price_minor, @currency, @tax_rate_bp, @created_at, @updated_at, @deleted_at, @version)`,
    )
    .run(row);
  return Number(result.lastInsertRowid);
}

export function updateItemRow(sql: Sql, row: ItemRow): void {
  sql
    .prepare(
      `UPDATE items SET code = @code, name = @name, unit = @unit, price_minor = @price_minor, currency = @currency, tax_rate_bp = @tax_rate_bp,
         updated_at = @updated_at, deleted_at = @deleted_at, version = @version WHERE seq = @seq`,
    )
    .run(row);
}

export function replaceSearch(sql: Sql, seq: number, row: Pick<ItemRow, 'name' | 'code' | 'deleted_at'>, isNew = false): void {
  if (!isNew) sql.prepare('DELETE FROM item_search WHERE rowid = ?').run(seq);
  sql.prepare('INSERT INTO item_search (rowid, name, code, state) VALUES (?, ?, ?, ?)').run(seq, row.name, row.code, row.deleted_at ? 'archived' : 'live');
}

export function getItemRow(sql: Sql, id: string): ItemRow | undefined {
  return sql.prepare(`SELECT seq, ${COLUMNS} FROM items WHERE id = ?`).get(id) as ItemRow | undefined;
}

/** The live item with this code, whatever its case. */
export function liveItemByCode(sql: Sql, code: string): ItemRow | undefined {
  return sql.prepare(`SELECT seq, ${COLUMNS} FROM items WHERE code = ? COLLATE NOCASE AND code <> '' AND deleted_at IS NULL`).get(code) as ItemRow | undefined;
}

/** The oldest live item with this name, whatever its case. */
export function liveItemByName(sql: Sql, name: string): ItemRow | undefined {
  return sql
    .prepare(`SELECT seq, ${COLUMNS} FROM items INDEXED BY items_by_name WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL ORDER BY seq LIMIT 1`)
    .get(name) as ItemRow | undefined;
}

const SORTS: Record<ItemSort, string> = {
  name: 'name COLLATE NOCASE',
  code: "code = '', code COLLATE NOCASE",
  price: 'price_minor IS NULL, price_minor',
  updated: 'updated_at',
};

interface ListQuery {
  match: string | null;
  includeArchived: boolean;
  sort: ItemSort;
  direction: 'asc' | 'desc';
}

function where(query: ListQuery): { clause: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (!query.includeArchived) parts.push('deleted_at IS NULL');
  if (query.match !== null) {
    parts.push('seq IN (SELECT rowid FROM item_search WHERE item_search MATCH ?)');
    params.push(query.match);
  }
  return { clause: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function countItems(sql: Sql, query: ListQuery): number {
  const { clause, params } = where(query);
  return (sql.prepare(`SELECT count(*) AS n FROM items ${clause}`).get(...params) as { n: number }).n;
}

export function pageItems(sql: Sql, query: ListQuery, offset: number, limit: number): ItemRow[] {
  const { clause, params } = where(query);
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  const order = SORTS[query.sort].split(', ').map((c) => `${c} ${direction}`).join(', ');
  return sql
    .prepare(`SELECT seq, ${COLUMNS} FROM items ${clause} ORDER BY ${order}, seq ${direction} LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as ItemRow[];
}

/** The live item with exactly this code. */
export function liveItemWithCode(sql: Sql, code: string): ItemRow | undefined {
  return liveItemByCode(sql, code);
}

/** Live items whose name starts with what was typed, by name: a range of the name index. */
export function liveItemsNamedFrom(sql: Sql, typed: string, limit: number): ItemRow[] {
  return sql
    .prepare(
      `SELECT seq, ${COLUMNS} FROM items INDEXED BY items_by_name WHERE deleted_at IS NULL AND name LIKE ? ESCAPE '\\'
       ORDER BY name COLLATE NOCASE, seq LIMIT ?`,
    )
    .all(`${typed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit) as ItemRow[];
}

/**
 * Live items with a word of the name or the code starting with each typed word: the first `limit`
 * the index gives, so a one-letter search costs as little as a long one.
 */
export function liveItemsMatching(sql: Sql, match: string, limit: number): ItemRow[] {
  return sql
    .prepare(
      `SELECT seq, ${COLUMNS} FROM items WHERE seq IN (SELECT rowid FROM item_search WHERE item_search MATCH ? LIMIT ?) AND deleted_at IS NULL`,
    )
    .all(match, limit) as ItemRow[];
}

export function firstLiveItems(sql: Sql, limit: number): ItemRow[] {
  return sql
    .prepare(`SELECT seq, ${COLUMNS} FROM items INDEXED BY items_by_name WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, seq LIMIT ?`)
    .all(limit) as ItemRow[];
}

export function allLiveItems(sql: Sql): ItemRow[] {
  return sql.prepare(`SELECT seq, ${COLUMNS} FROM items WHERE deleted_at IS NULL ORDER BY seq`).all() as ItemRow[];
}

export function catalogVersion(sql: Sql): string {
  return (sql.prepare("SELECT value FROM meta WHERE key = 'catalog_version'").get() as { value: string } | undefined)?.value ?? '0';
}
