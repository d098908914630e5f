// SQL for saved report definitions.
import type { Sql } from '../../db/sql';
import type { SavedReportsTable } from '../../db/schema';

export type SavedReportRow = Omit<SavedReportsTable, 'seq'> & { seq: number };

export function listSaved(sql: Sql): SavedReportRow[] {
  return sql.all(
    sql.qb.selectFrom('saved_reports').selectAll().where('deleted_at', 'is', null).orderBy(({ ref }) => ref('name'), 'asc').orderBy('seq'),
  ) as SavedReportRow[];
}

export function getSaved(sql: Sql, id: string): SavedReportRow | undefined {
  return sql.get(sql.qb.selectFrom('saved_reports').selectAll().where('id', '=', id).where('deleted_at', 'is', null)) as SavedReportRow | undefined;
}

/** A live saved report with this name (any case), other than `exceptId`. */
export function findByName(sql: Sql, name: string, exceptId?: string): SavedReportRow | undefined {
  return sql
    .prepare('SELECT * FROM saved_reports WHERE deleted_at IS NULL AND name = ? COLLATE NOCASE AND id IS NOT ? LIMIT 1')
    .get(name, exceptId ?? null) as SavedReportRow | undefined;
}

export function insertSaved(sql: Sql, row: Omit<SavedReportRow, 'seq'>): void {
  sql.run(sql.qb.insertInto('saved_reports').values(row));
}

export function updateSaved(sql: Sql, id: string, name: string, definition: string, at: string): void {
  sql.run(sql.qb.updateTable('saved_reports').set((eb) => ({ name, definition, updated_at: at, version: eb('version', '+', 1) })).where('id', '=', id));
}

export function tombstoneSaved(sql: Sql, id: string, at: string): void {
  sql.run(sql.qb.updateTable('saved_reports').set((eb) => ({ deleted_at: at, updated_at: at, version: eb('version', '+', 1) })).where('id', '=', id));
}
