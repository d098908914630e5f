import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { call, makeCore } from '../helpers/core';
import type { Core } from '../../electron/core/app';
import * as repo from '../../electron/core/customers/repo';
import { statusDates } from '../../electron/core/customers/service';
import { pageInNameOrder } from '../../electron/core/customers/nameOrder';
import { toMatchExpression, withStateFilter } from '../../electron/core/customers/search';

// A search matching many customers sorts them by the name order kept in memory (nameOrder.ts); it
// must give the rows the SQL sort gives, and follow renames and archiving wherever they happen.
const FIRST = ['Wanjiku', 'wangari', 'Otieno', 'WANDIA', 'Kamau', 'Wambui'];

async function importCustomers(core: Core, count: number) {
  const lines = ['Name,Email'];
  // Names repeat (ties go by key) and differ in case; "wan" matches names and emails.
  for (let i = 0; i < count; i++) lines.push(`${FIRST[i % 6]} ${['Shop', 'stores', 'Agencies'][i % 3]} ${i % 40},${FIRST[(i * 5) % 6]!.toLowerCase()}${i}@example.co.ke`);
  const csvText = lines.join('\n');
  const preview = await call(core, 'customers.import.preview', { csvText, fileName: 'many.csv' });
  await call(core, 'customers.import.commit', { csvText, fileName: 'many.csv', mapping: preview.mapping, duplicateActions: {} });
}

/** The same page by the SQL sort (the path a small result takes). */
function sqlPage(core: Core, search: string, direction: 'asc' | 'desc', offset: number, limit: number): string[] {
  const match = withStateFilter(toMatchExpression(search)!, false, undefined);
  const query = { search, sort: 'name', direction, includeArchived: false } as const;
  const keys = repo.pageCustomerKeys(core.context.sql, query, match, statusDates(core.context), offset, limit);
  return repo.listRowsBySeq(core.context.sql, keys, statusDates(core.context)).map((r) => r.code);
}

async function page(core: Core, search: string, direction: 'asc' | 'desc', offset: number, limit: number): Promise<string[]> {
  return (await call(core, 'customers.list', { search, sort: 'name', direction, offset, limit })).rows.map((r) => r.code);
}

describe('customer search over many matches', () => {
  it('gives the same rows in the same order as sorting the matches in SQL', async () => {
    const { core } = makeCore();
    await importCustomers(core, 900);
    for (const search of ['wan', 'WAN', 'wa', 'shop'] as const) {
      expect((await call(core, 'customers.list', { search })).total).toBeGreaterThan(200);
      for (const direction of ['asc', 'desc'] as const) {
        for (const offset of [0, 50, 550]) {
          const rows = await page(core, search, direction, offset, 50);
          expect(rows).toEqual(sqlPage(core, search, direction, offset, 50));
        }
      }
    }
  });

  it('pages a few keys (sorted) and most keys (marked in name order) alike, archived ones left out', async () => {
    const { core } = makeCore();
    await importCustomers(core, 900);
    const sql = core.context.sql;
    const archived = (await call(core, 'customers.list', { search: 'wambui', limit: 1 })).rows[0]!;
    await call(core, 'customers.archive', { id: archived.id });
    const all = sql.prepare('SELECT seq FROM customers ORDER BY seq').pluck().all() as number[];
    const expected = (keys: number[]) => sql
      .prepare(`SELECT seq FROM customers WHERE deleted_at IS NULL AND seq IN (${keys.join(',')}) ORDER BY name COLLATE NOCASE, seq`)
      .pluck().all() as number[];
    expect(expected(all)).toHaveLength(all.length - 1);
    // 9 keys take the sort; 450 and 900 take the marks (more than a sixteenth of the customers).
    for (const keys of [all.filter((_, i) => i % 100 === 0), all.filter((_, i) => i % 2 === 0), all]) {
      const order = expected(keys);
      for (const direction of ['asc', 'desc'] as const) {
        const want = direction === 'asc' ? order : [...order].reverse();
        for (const [offset, limit] of [[0, 50], [3, 4], [440, 50], [order.length - 1, 5], [order.length, 5]] as const) {
          expect(pageInNameOrder(sql, Int32Array.from(keys), direction, offset, limit)).toEqual(want.slice(offset, offset + limit));
        }
      }
    }
  });

  it('follows a rename and an archive made here, and a rename made by another process', async () => {
    const { core } = makeCore();
    await importCustomers(core, 600);
    const first = await page(core, 'wan', 'asc', 0, 3);
    const last = (await page(core, 'wan', 'desc', 0, 1))[0]!;
    const lastId = (await call(core, 'customers.list', { search: last })).rows[0]!.id;
    const customer = await call(core, 'customers.get', { id: lastId });
    await call(core, 'customers.update', { id: lastId, version: customer.version, customer: { ...customer, name: 'Aaa Wanyama' } });
    expect((await page(core, 'wan', 'asc', 0, 1))[0]).toBe(last);
    expect(await page(core, 'wan', 'asc', 0, 3)).toEqual(sqlPage(core, 'wan', 'asc', 0, 3));

    await call(core, 'customers.archive', { id: lastId });
    expect(await page(core, 'wan', 'asc', 0, 3)).toEqual(first);

    // Another process on the same books (a second window) renames the first customer.
    const other = new Database(core.dbFile);
    other.prepare("UPDATE customers SET name = 'Zzz Wanjiru' WHERE code = ?").run(first[0]);
    other.close();
    expect((await page(core, 'wan', 'desc', 0, 1))[0]).toBe(first[0]);
    expect(await page(core, 'wan', 'asc', 0, 50)).toEqual(sqlPage(core, 'wan', 'asc', 0, 50));
  });
});
