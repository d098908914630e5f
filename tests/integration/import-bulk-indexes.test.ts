import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/app';
import { openDatabase, type SqliteDatabase } from '../../electron/core/db/open';
import { call, makeCore, refused, tempDir } from '../helpers/core';
import { invoice, line } from '../helpers/billing';
import { forceCloudState } from '../../electron/core/sync/apply';

/** Enough new customers, into books that hold fewer, for the import to build the customers' indexes after the rows. */
const MANY = 10_000;

function manyCustomersCsv(count: number, offset = 0): string {
  const lines = ['Name,Email,Phone,KRA PIN,Status,Tags'];
  for (let n = offset; n < offset + count; n++) {
    // Names out of line order, so the name index is not written in order.
    const k = (n * 7919) % 100_000;
    lines.push(`Shop ${String(k).padStart(5, '0')} Ltd,shop${n}@example.co.ke,07${String(10_000_000 + n).slice(-8)},${n % 3 === 0 ? `P${String(n).padStart(9, '0')}X` : ''},${n % 10 === 0 ? 'inactive' : 'active'},${n % 7 === 0 ? 'wholesale' : ''}`);
  }
  return lines.join('\n');
}

const nameColumn = (csvText: string) => csvText.split('\n').slice(1).map((line) => line.split(',')[0]!);

async function importAll(core: Core, csvText: string) {
  const preview = await call(core, 'customers.import.preview', { csvText, fileName: 'many.csv' });
  return call(core, 'customers.import.commit', { csvText, fileName: 'many.csv', mapping: preview.mapping, duplicateActions: {} });
}

/**
 * The customers' and their balances' indexes as the books define them, the planner's statistics
 * about them, and the triggers that note new customers and history lines for sync.
 */
function indexesOf(db: SqliteDatabase) {
  return {
    indexes: db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('customers', 'customer_balances', 'customer_tags') ORDER BY name").all(),
    stats: db.prepare("SELECT idx, stat FROM sqlite_stat1 WHERE tbl IN ('customers', 'customer_balances', 'customer_tags') ORDER BY idx").all(),
    triggers: db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('customers', 'audit_log') ORDER BY name").all(),
  };
}

function withBooks<T>(dir: string, read: (db: SqliteDatabase) => T): T {
  const db = openDatabase(path.join(dir, 'billbook.db'));
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const held = (core: Core) => core.context.sql.db.prepare("SELECT value FROM meta WHERE key = 'customers.search_backlog'").pluck().get();

/** The name the test's file gives its customer `n`. */
const shopName = (n: number) => `Shop ${String((n * 7919) % 100_000).padStart(5, '0')} Ltd`;

/** How many segments the customer search index is in. An FTS5 page's key holds its segment's number above bit 37 (fts5_index.c, FTS5_SEGMENT_ROWID). */
const segments = (db: SqliteDatabase) => db.prepare('SELECT count(DISTINCT rowid >> 37) FROM customer_search_data WHERE rowid >= 1 << 37').pluck().get();

/**
 * How many customers' entries hold each term, read from the index itself (fts5vocab): an entry
 * written twice for one customer counts twice here, where a search would list the customer once.
 */
function entriesHolding(db: SqliteDatabase, terms: string[]): number[] {
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.customer_search_terms USING fts5vocab(main, customer_search, row)');
  const docs = db.prepare('SELECT doc FROM temp.customer_search_terms WHERE term = ?').pluck();
  return terms.map((t) => (docs.get(t) as number | undefined) ?? 0);
}

describe('a large customer import', () => {
  it('leaves every index of the customers and its statistics as they were, holding every new customer', async () => {
    const { core, dir } = makeCore();
    await importAll(core, manyCustomersCsv(50, 1_000_000));
    const before = withBooks(dir, (db) => {
      db.exec('ANALYZE customers; ANALYZE customer_balances; ANALYZE customer_tags');
      return indexesOf(db);
    });
    expect(before.stats.length).toBeGreaterThan(9);
    expect(before.triggers.map((t) => (t as { name: string }).name)).toEqual(expect.arrayContaining(['audit_log_sync_insert', 'customers_sync_insert']));

    expect(await importAll(core, manyCustomersCsv(MANY))).toMatchObject({ created: MANY });

    withBooks(dir, (db) => {
      expect(indexesOf(db)).toEqual(before);
      expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      // Each lookup the app makes still reads its index, and finds the customer.
      const plan = (query: string) => (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
      expect(plan("SELECT id FROM customers WHERE email = 'shop77@example.co.ke' AND email <> ''")).toContain('customers_by_email');
      expect(db.prepare("SELECT name FROM customers WHERE email = 'shop77@example.co.ke'").pluck().get()).toBe(`Shop ${String((77 * 7919) % 100_000).padStart(5, '0')} Ltd`);
      const taxIds = (index: string) => db.prepare(`SELECT count(*) FROM customers ${index} WHERE tax_id <> ''`).pluck().get();
      expect(taxIds('INDEXED BY customers_by_tax_id')).toBe(taxIds('NOT INDEXED'));
      expect(taxIds('NOT INDEXED')).toBe(16 + Math.ceil(MANY / 3));
    });
    // The list in name order walks the name index: every customer, in order.
    const page = await call(core, 'customers.list', { sort: 'name', direction: 'asc', limit: 5 });
    expect(page.total).toBe(MANY + 50);
    const names = [...nameColumn(manyCustomersCsv(50, 1_000_000)), ...nameColumn(manyCustomersCsv(MANY))].sort();
    expect(page.rows.map((r) => r.name)).toEqual(names.slice(0, 5));
    const inactive = await call(core, 'customers.list', { status: 'inactive', sort: 'name', limit: 3 });
    expect(inactive.total).toBe(5 + MANY / 10);
    // The list by tag walks the tag's index built after the rows: every tagged customer, in name order.
    const tagged = [...manyCustomersCsv(50, 1_000_000).split('\n').slice(1), ...manyCustomersCsv(MANY).split('\n').slice(1)]
      .filter((line) => line.endsWith(',wholesale')).map((line) => line.split(',')[0]!).sort();
    const wholesale = await call(core, 'customers.list', { tag: 'wholesale', sort: 'name', direction: 'asc', limit: 5 });
    expect(wholesale.total).toBe(tagged.length);
    expect(wholesale.rows.map((r) => r.name)).toEqual(tagged.slice(0, 5));
  });

  // Halfway: among the rows written without sync notes (books that work alone); last: among those with.
  it.each([['halfway', MANY / 2], ['on its last row', MANY - 1]])('that fails %s leaves the books and their indexes as they were', async (_, failing) => {
    const { core, dir } = makeCore();
    await importAll(core, manyCustomersCsv(50, 1_000_000));
    const before = withBooks(dir, (db) => {
      db.exec('ANALYZE customers; ANALYZE customer_balances; ANALYZE customer_tags');
      // That row fails to write (a damaged page, a full disk).
      db.exec(`CREATE TRIGGER fail_last BEFORE INSERT ON customers WHEN NEW.email = 'shop${failing}@example.co.ke' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;`);
      return indexesOf(db);
    });
    const csvText = manyCustomersCsv(MANY);
    const preview = await call(core, 'customers.import.preview', { csvText });
    expect(preview.acceptedRows).toBe(MANY);
    expect((await refused(core, 'customers.import.commit', { csvText, mapping: preview.mapping })).message).toMatch(/Nothing was changed/);
    withBooks(dir, (db) => {
      expect(indexesOf(db)).toEqual(before);
      expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(50);
    });
    expect((await call(core, 'customers.list', { search: 'shop9998' })).total).toBe(0);
  });

  it('writes the search entries just after the import, one merged segment in the end, and finds every customer meanwhile', async () => {
    const { core, dir } = makeCore();
    await importAll(core, manyCustomersCsv(50, 1_000_000));
    expect(await importAll(core, manyCustomersCsv(MANY))).toMatchObject({ created: MANY });
    // The import's transaction left its customers' entries for later, and said which (a background
    // slice may have written some already).
    expect(held(core)).toMatch(new RegExp(`^\\d+:${50 + MANY}$`));
    // The invoice list's search by customer finds an imported customer's invoice at once.
    const last = (await call(core, 'customers.list', { sort: 'code', direction: 'desc', limit: 1 })).rows[0]!;
    expect(last.name).toBe(shopName(MANY - 1));
    const bill = await invoice(core, last.id, { lines: [line('Delivery', 1, 150_000, 0)] });
    expect((await call(core, 'invoices.list', { search: last.name })).rows.map((r) => r.number)).toEqual([bill.number]);
    expect(held(core)).toBeUndefined();
    // So does the customer list: by name, by a phone fragment from the middle of the number, by email.
    const emails = async (search: string) => (await call(core, 'customers.list', { search })).rows.map((r) => r.email);
    expect(await emails('shop 91900')).toEqual(['shop100@example.co.ke']);
    expect(await emails('710 002 345')).toEqual(['shop2345@example.co.ke']);
    expect(await emails('shop9999@example')).toEqual(['shop9999@example.co.ke']);
    expect((await call(core, 'customers.list', { search: 'shop', status: 'inactive', limit: 1 })).total).toBe(5 + MANY / 10);
    // In the background the entries are merged into one segment; FTS5's merge settings are as they were.
    await vi.waitFor(() => expect(segments(core.context.sql.db)).toBe(1), { timeout: 20_000, interval: 50 });
    withBooks(dir, (db) => {
      expect(db.prepare("SELECT k, v FROM customer_search_config WHERE k IN ('automerge', 'crisismerge') ORDER BY k").all())
        .toEqual([{ k: 'automerge', v: 4 }, { k: 'crisismerge', v: 16 }]);
      db.exec("INSERT INTO customer_search (customer_search, rank) VALUES ('integrity-check', 0)");
      expect(entriesHolding(db, ['shop0', 'shop100', 'shop9999', 'p000009999x'])).toEqual([1, 1, 1, 1]);
    });
    // A customer saved after the import is found.
    await call(core, 'customers.create', { name: 'Wanjiku Greengrocers', email: 'wanjiku@example.co.ke', phone: '+254733000111' });
    expect((await call(core, 'customers.list', { search: '733 000' })).rows.map((r) => r.name)).toEqual(['Wanjiku Greengrocers']);
  });

  it('writes the entries held back when Billbook stopped before it could (a crash), and before it closes', async () => {
    const { core, dir } = makeCore();
    expect(await importAll(core, manyCustomersCsv(MANY))).toMatchObject({ created: MANY });
    // What a crash right after the import leaves: the import committed, its entries (some of them) not written.
    const crashed = tempDir();
    withBooks(dir, (db) => {
      expect(db.prepare("SELECT value FROM meta WHERE key = 'customers.search_backlog'").pluck().get()).toMatch(new RegExp(`^\\d+:${MANY}$`));
      db.exec(`VACUUM INTO '${path.join(crashed, 'billbook.db')}'`);
    });
    const { core: reopened } = makeCore('2026-11-21T10:00:00.000Z', { dataDir: crashed });
    // Written in the background once the books open, with no search asking.
    const indexed = (c: Core) => c.context.sql.db.prepare("SELECT count(*) FROM customer_search WHERE customer_search MATCH 'shop*'").pluck().get();
    await vi.waitFor(() => expect(indexed(reopened)).toBe(MANY), { timeout: 20_000, interval: 50 });
    expect((await call(reopened, 'customers.list', { search: 'shop9999@example' })).rows.map((r) => r.name)).toEqual([shopName(9999)]);
    expect(entriesHolding(reopened.context.sql.db, ['shop0', 'shop5000', 'shop9999'])).toEqual([1, 1, 1]);
    // Closed at once: closing writes what is left, so the books hold none back.
    await importAll(core, manyCustomersCsv(MANY, MANY));
    core.close();
    withBooks(dir, (db) => {
      expect(db.prepare("SELECT value FROM meta WHERE key = 'customers.search_backlog'").pluck().get()).toBeUndefined();
      expect(db.prepare("SELECT count(*) FROM customer_search WHERE customer_search MATCH 'shop*'").pluck().get()).toBe(2 * MANY);
      expect(entriesHolding(db, ['shop0', 'shop9999', 'shop10000', 'shop19999'])).toEqual([1, 1, 1, 1]);
    });
  });

  it('keeps each held-back customer once in the search through an edit, an archive, a removal by sync and an import that updates', async () => {
    const { core } = makeCore();
    expect(await importAll(core, manyCustomersCsv(MANY))).toMatchObject({ created: MANY });
    const byEmail = async (email: string, includeArchived = false) => (await call(core, 'customers.list', { search: email, includeArchived })).rows;
    // Edited before any search: found by its new name alone, once.
    const first = (await call(core, 'customers.list', { sort: 'code', direction: 'asc', limit: 1 })).rows[0]!;
    const edited = await call(core, 'customers.get', { id: first.id });
    await call(core, 'customers.update', { id: edited.id, version: edited.version, customer: { ...edited, name: 'Kilimani Hardware' } });
    expect(held(core)).toBeUndefined();
    expect((await call(core, 'customers.list', { search: 'kilimani' })).rows.map((r) => r.email)).toEqual([edited.email]);
    // Its old name ("Shop 00000 Ltd") is in no entry's name any more.
    expect(core.context.sql.db.prepare(`SELECT count(*) FROM customer_search WHERE customer_search MATCH 'name : "00000"'`).pluck().get()).toBe(0);
    expect(entriesHolding(core.context.sql.db, ['kilimani', 'shop0'])).toEqual([1, 1]);

    // A second large import that also updates one customer of the first keeps its own entries held
    // back; the updated customer is found by its new name, once.
    const more = `${manyCustomersCsv(MANY, MANY)}\nMsa Road Wholesalers,shop1@example.co.ke,,,active,`;
    const preview = await call(core, 'customers.import.preview', { csvText: more, fileName: 'more.csv' });
    expect(preview.duplicates.map((d) => d.line)).toEqual([MANY + 2]);
    await call(core, 'customers.import.commit', { csvText: more, fileName: 'more.csv', mapping: preview.mapping, duplicateActions: { [String(MANY + 2)]: 'update' } });
    expect(held(core)).toMatch(new RegExp(`^\\d+:${2 * MANY}$`));
    // Archived while held back, then searched: found only among the archived.
    const archived = (await call(core, 'customers.list', { sort: 'code', direction: 'desc', limit: 1 })).rows[0]!;
    await call(core, 'customers.archive', { id: archived.id });
    expect(held(core)).toBeUndefined();
    expect(await byEmail(archived.email)).toEqual([]);
    expect((await byEmail(archived.email, true)).map((r) => r.id)).toEqual([archived.id]);
    expect((await call(core, 'customers.list', { search: 'msa road' })).rows.map((r) => r.email)).toEqual(['shop1@example.co.ke']);
    expect(entriesHolding(core.context.sql.db, ['msa', 'shop1', 'shop10001', 'shop19999'])).toEqual([1, 1, 1, 1]);

    // A third import, whose newest customer sync then removes (the Cloud refused it): gone from the search.
    await importAll(core, manyCustomersCsv(MANY, 2 * MANY));
    const removed = (await call(core, 'customers.list', { sort: 'code', direction: 'desc', limit: 1 })).rows[0]!;
    forceCloudState(core.context, [{ table: 'customers', id: removed.id, row: null }]);
    expect(held(core)).toBeUndefined();
    expect(await byEmail(removed.email)).toEqual([]);
    expect(entriesHolding(core.context.sql.db, [removed.email.split('@')[0]!, 'shop20000'])).toEqual([0, 1]);
  });
});
