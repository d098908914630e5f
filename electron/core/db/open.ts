import Database from 'better-sqlite3';
import { registerPackFunctions } from './pack';
import { registerSummaryFunctions } from './summaryPack';
import { registerHistoryWordFunctions } from './historyWords';
import { registerInvoiceFormFunctions } from './invoiceForms';

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
  // report read from disk again. 64 MB of cache keeps the busy pages at hand, and the rest comes from
  // the system's file cache. No memory-mapped reads: every mapped page a report touches counts in the
  // app's memory (about 180 MB after a 100,000-customer import, 260 MB on the 100,000-invoice book),
  // and with the cache warm the benches' reports and lists measured no slower without them.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 0');
  // Statement journals (SQLite's copy of the pages one statement changes, kept so that statement
  // alone can be undone inside a longer transaction) in memory. Kept in a file, one that outgrows
  // 64 KB once stays a file until the transaction ends, and every later statement copies its pages
  // out with a write call each: thirty a customer in a 100,000-customer import. Set before anything
  // temporary exists, since changing it drops the connection's temporary tables.
  db.pragma('temp_store = MEMORY');
  registerPackFunctions(db);
  registerSummaryFunctions(db);
  registerHistoryWordFunctions(db);
  registerInvoiceFormFunctions(db);
  return db;
}
