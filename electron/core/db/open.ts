import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** Opens the books with the pragmas DESIGN.md asks for. */
export function openDatabase(file: string): SqliteDatabase {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
