// A large import writes its customers without their search entries, which follow just after it, a
// slice at a time (issue 17: the entries were about a quarter of a 100,000-customer import's
// commit). The customers still to be entered are kept in `meta` as a range of seqs, written in the
// import's own transaction, so no customer can go missing from the search:
// - every reader of the search index catches up first (catchUpSearch), so a search finds every
//   customer the books hold; a writer does when its customer is one still to be entered
//   (catchUpSearchFor), so an entry is never written twice. Whatever empties the index must forget
//   the backlog (forgetSearchBacklog): clearing the books does; a future migration that fills the
//   index again with indexEveryCustomer must too (none before it can meet a backlog);
// - the backend catches up in the background after the import and whenever the books open
//   (startSearchCatchUp), and finishes what is left before it closes them. Its slices go in with
//   FTS5's merging off (withSearchMergeLater); it then merges the index's segments a step at a
//   time, as the import's one merge at its end did (withSearchMergedOnce);
// - a crash leaves the range for the next start.
import { withSearchMergeLater } from '../db/bulkIndexes';
import type { Sql } from '../db/sql';
import { searchDocumentOfRow, type IndexedCustomerRow } from './search';

const KEY = 'customers.search_backlog';

/** Customers with seq > after and <= through have no search entry yet. */
interface Backlog {
  after: number;
  through: number;
}

/** How many customers a background slice enters: about 40 ms on the 2-core bench machine. */
const SLICE = 2_000;

/** How many pages of the index a background merge step writes: up to about 20 ms there. */
const MERGE_PAGES = 200;

function readBacklog(sql: Sql): Backlog | null {
  const value = (sql.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined)?.value;
  if (value === undefined) return null;
  const [after, through] = value.split(':').map(Number);
  return Number.isInteger(after) && Number.isInteger(through) && through! > after! ? { after: after!, through: through! } : null;
}

function writeBacklog(sql: Sql, backlog: Backlog | null): void {
  if (backlog === null || backlog.after >= backlog.through) sql.prepare('DELETE FROM meta WHERE key = ?').run(KEY);
  else sql.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, `${backlog.after}:${backlog.through}`);
}

/** The search entry of one customer new to the index; the caller holds the transaction. */
export function insertSearchEntry(sql: Sql, seq: number, doc: ReturnType<typeof searchDocumentOfRow>): void {
  sql
    .prepare('INSERT INTO customer_search (rowid, name, email, phone, code, tax_id, state) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(seq, doc.name, doc.email, doc.phone, doc.code, doc.tax_id, doc.state);
}

/**
 * Leaves the search entries of customers `firstSeq` to `lastSeq` (a bulk insert's, just written)
 * for later; the caller holds the transaction. Any older backlog is caught up first, so there is
 * only ever one range.
 */
export function holdSearchEntries(sql: Sql, firstSeq: number, lastSeq: number): void {
  catchUpSearch(sql);
  writeBacklog(sql, { after: firstSeq - 1, through: lastSeq });
}

/** How many customers are still held back, or 0. */
const heldCount = (backlog: Backlog | null) => (backlog === null ? 0 : backlog.through - backlog.after);

/**
 * Writes the search entries still held back, at most `limit` of them, in one transaction (its own,
 * or the caller's). Returns how many are still held. Books holding none (nearly always) are only
 * read, so a search takes no write lock. Read-only books cannot be written: their search leaves out
 * the customers still held (only a crash just after a large import leaves some).
 */
export function catchUpSearch(sql: Sql, limit = Number.POSITIVE_INFINITY): number {
  const backlog = readBacklog(sql);
  return backlog === null || sql.db.readonly ? heldCount(backlog) : writeHeld(sql, limit);
}

/**
 * Before the search entry of customer `seq` is written or removed: catches up when that customer's
 * entry is one still held back, so it is not written twice (or written again after its removal).
 * Any other customer's entry is independent of the backlog (a large import that also updates
 * existing customers keeps its own held back).
 */
export function catchUpSearchFor(sql: Sql, seq: number): void {
  const backlog = readBacklog(sql);
  if (backlog !== null && seq > backlog.after && seq <= backlog.through && !sql.db.readonly) writeHeld(sql, Number.POSITIVE_INFINITY);
}

/** catchUpSearch's writing, with the backlog read again under the write lock: another process on the same books (a second window, `npm run web`) may have written some of it since. */
function writeHeld(sql: Sql, limit: number): number {
  return sql.transaction(() => {
    const backlog = readBacklog(sql);
    if (backlog === null) return 0;
    const rows = sql
      .prepare(
        `SELECT seq, name, email, secondary_email, phone, secondary_phone, code, tax_id, status, deleted_at FROM customers
         WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
      )
      .all(backlog.after, backlog.through, Number.isFinite(limit) ? limit : -1) as (IndexedCustomerRow & { seq: number })[];
    const write = () => {
      for (const row of rows) insertSearchEntry(sql, row.seq, searchDocumentOfRow(row));
    };
    // A slice leaves its segments to the runner's merge steps; all at once (a search, a write, a
    // close waits on it) merges as FTS5 does by itself, so the next search reads few segments.
    if (Number.isFinite(limit)) withSearchMergeLater(sql.db, 'customer_search', write);
    else write();
    // Fewer rows than asked for: none is left in the range (a customer removed since leaves a gap).
    const done = !Number.isFinite(limit) || rows.length < limit;
    const left = { after: done ? backlog.through : rows.at(-1)!.seq, through: backlog.through };
    writeBacklog(sql, left);
    return heldCount(left);
  });
}

/**
 * One step of merging the index's segments into one: entries written in slices leave many small
 * ones, which a search reads one by one. A negative page count merges any level holding two or
 * more (FTS5's 'merge' command). Returns whether there was anything to merge: FTS5 says so only
 * through the connection's count of changes, which grows by 2 or more when it wrote.
 */
function mergeSearchSegments(sql: Sql): boolean {
  const changes = sql.prepare('SELECT total_changes() AS n');
  const before = (changes.get() as { n: number }).n;
  sql.prepare("INSERT INTO customer_search (customer_search, rank) VALUES ('merge', CAST(? AS INTEGER))").run(-MERGE_PAGES);
  return (changes.get() as { n: number }).n - before >= 2;
}

/** Forgets the held-back entries: for a caller that empties the index or writes every entry itself. */
export function forgetSearchBacklog(sql: Sql): void {
  writeBacklog(sql, null);
}

const runners = new WeakMap<Sql, () => void>();

/**
 * Catches up in the background, a slice at a time between the backend's other work, from now (books
 * that closed with entries held back) and after every import that holds some back (wakeSearchCatchUp).
 * Returns the stop, which finishes what is left: books closed cleanly hold nothing back, for an
 * older Billbook that would not know to catch up.
 */
export function startSearchCatchUp(sql: Sql, log: (message: string, error?: unknown) => void): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  // Merged once the entries are in, whether this runner or a search wrote them.
  let merging = readBacklog(sql) !== null;
  const step = () => {
    timer = null;
    try {
      if (catchUpSearch(sql, SLICE) > 0 || (merging && mergeSearchSegments(sql))) wake();
      else merging = false;
    } catch (error) {
      merging = false;
      log('Could not write the search entries of imported customers; they are written at the next search or start', error);
    }
  };
  const wake = () => {
    if (stopped || timer) return;
    timer = setTimeout(step, 0);
    timer.unref();
  };
  runners.set(sql, () => {
    merging = true;
    wake();
  });
  // Books that closed with entries held back (a crash); others have nothing to do at start.
  if (merging) wake();
  return () => {
    stopped = true;
    runners.delete(sql);
    if (timer) clearTimeout(timer);
    timer = null;
    try {
      catchUpSearch(sql);
    } catch (error) {
      log('Could not write the search entries of imported customers before closing; they are written at the next start', error);
    }
  };
}

/** Starts the background catch-up of books whose backend runs one (after an import). */
export function wakeSearchCatchUp(sql: Sql): void {
  runners.get(sql)?.();
}
