import Database from 'better-sqlite3';
import { registerPackFunctions } from './pack';

export type SqliteDatabase = Database.Database;

/**
 * Opens the books with the pragmas DESIGN.md asks for. `readOnly` opens damaged books for looking
 * only: SQLite itself then refuses every write (SQLITE_READONLY), so nothing reaches the file.
 */
export function openDatabase(file: string, options: { readOnly?: boolean } = {}): SqliteDatabase {
  const readOnly = options.readOnly ?? false;
  const db = new Database(file, readOnly ? { readonly: true, fileMustExist: true } : {});
  // Setting the journal mode writes to the file; a read-only connection reads whatever it is.
  if (!readOnly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A book of 100,000 invoices is most of a gigabyte; SQLite's default 2 MB page cache makes every
  // report read from disk again. 64 MB of cache and memory-mapped reads keep the busy pages at hand.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  registerPackFunctions(db);
  return db;
}
