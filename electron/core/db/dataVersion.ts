import type { Sql } from './sql';

/**
 * SQLite's count that moves when another connection commits to these books (PRAGMA data_version):
 * another window, process or the Cloud applying rows. This connection's own writes do not move it.
 * What a connection keeps in memory is dropped when it moves.
 */
export function othersCommitCount(sql: Sql): number {
  return (sql.prepare('PRAGMA data_version').get() as { data_version: number }).data_version;
}
