import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { readRows, writeRow } from '../../electron/core/sync/rows';
import { call, makeCore, tempDir } from '../helpers/core';
import { rewindBooks } from '../helpers/olderBooks';
import { withPreparedSql } from '../helpers/preparedSql';

// The customer list filtered by a tag and sorted by name reads the tag's rows in name order
// (customer_tags keeps each customer's seq and name, migration 23). It must list what the list by
// name lists, whichever way a customer, its name or its tags were written.
const NAMES = ['Wanjiku Traders', 'amani stores', 'Baraka Hardware', 'BARAKA hardware', 'Otieno Agencies', 'zawadi salon', 'Kamau & Sons'];

async function customers(core: Core, count: number) {
  const made = [];
  for (let i = 0; i < count; i++) {
    // Names repeat in other cases (ties go by key); a customer has one tag, two, or none.
    const tags = [['wholesale'], ['retail', 'wholesale'], ['retail'], []][i % 4]!;
    made.push(await call(core, 'customers.create', { name: `${NAMES[i % NAMES.length]}${i % 3 === 0 ? '' : ` ${i % 5}`}`, tags }));
  }
  const lines = ['Name,Tags'];
  for (let i = 0; i < 12; i++) lines.push(`${NAMES[(i * 3) % NAMES.length]} Import ${i % 4},${i % 2 ? 'wholesale;vip' : 'retail'}`);
  const csvText = lines.join('\n');
  const preview = await call(core, 'customers.import.preview', { csvText, fileName: 'tags.csv' });
  await call(core, 'customers.import.commit', { csvText, fileName: 'tags.csv', mapping: preview.mapping, duplicateActions: {} });
  return made;
}

/** The list by name (no tag), then the customers holding the tag: what a tag's page must show. */
async function expected(core: Core, tag: string, direction: 'asc' | 'desc', includeArchived: boolean): Promise<string[]> {
  const all = await call(core, 'customers.list', { sort: 'name', direction, includeArchived, limit: 500 });
  expect(all.total).toBeLessThan(500);
  return all.rows.filter((r) => r.tags.includes(tag)).map((r) => r.code);
}

async function expectTagPagesAsListByName(core: Core) {
  for (const tag of ['wholesale', 'retail', 'vip', 'nobody']) {
    for (const direction of ['asc', 'desc'] as const) {
      for (const includeArchived of [false, true]) {
        const want = await expected(core, tag, direction, includeArchived);
        for (const offset of [0, 3, Math.max(0, want.length - 2)]) {
          const page = await call(core, 'customers.list', { tag, sort: 'name', direction, includeArchived, offset, limit: 5 });
          expect({ tag, direction, includeArchived, offset, codes: page.rows.map((r) => r.code) })
            .toEqual({ tag, direction, includeArchived, offset, codes: want.slice(offset, offset + 5) });
          expect(page.total).toBe(want.length);
        }
      }
    }
  }
}

describe('customer list filtered by a tag', () => {
  it('lists a tag\'s customers as the list by name does, after renames, tag changes, archiving and rows from another computer', async () => {
    const { core } = makeCore();
    const made = await customers(core, 40);
    await expectTagPagesAsListByName(core);

    // Renamed on the form (to the front and the back of the order), tags changed, archived, restored.
    const get = (id: string) => call(core, 'customers.get', { id });
    for (const [i, name] of [[5, 'Aaron Wholesalers'], [6, 'zzz Last Shop'], [9, 'aaron wholesalers']] as const) {
      const c = await get(made[i]!.id);
      await call(core, 'customers.update', { id: c.id, version: c.version, customer: { name, tags: c.tags } });
    }
    const retagged = await get(made[2]!.id);
    await call(core, 'customers.update', { id: retagged.id, version: retagged.version, customer: { name: retagged.name, tags: ['wholesale', 'vip'] } });
    await call(core, 'customers.archive', { id: made[0]!.id });
    await call(core, 'customers.archive', { id: made[1]!.id });
    await call(core, 'customers.restore', { id: made[1]!.id });

    // From another computer: a rename with new tags, and a customer this one has not seen.
    const sql = core.context.sql;
    const synced = readRows(sql, 'customers', [made[4]!.id]).get(made[4]!.id)!;
    sql.transaction(() => writeRow(sql, { table: 'customers', id: made[4]!.id, data: { ...synced, name: 'AAA First Traders', tags: '["wholesale"]' }, stamps: { '*': '2' } }, '2026-11-21T10:00:00.000Z'));
    const other = readRows(sql, 'customers', [made[7]!.id]).get(made[7]!.id)!;
    const newId = '01JGZZZZZZZZZZZZZZZZZZZZZZ';
    sql.transaction(() => writeRow(sql, { table: 'customers', id: newId, data: { ...other, id: newId, code: 'CUST-9999', name: 'Middle Road Retail', tags: '["retail","vip"]' }, stamps: { '*': '1' } }, '2026-11-21T10:00:00.000Z'));
    // A rename by any other writer reaches the tag rows too (the books' own trigger).
    sql.prepare("UPDATE customers SET name = 'mmm Renamed Elsewhere' WHERE id = ?").run(made[8]!.id);

    const codes = (await call(core, 'customers.list', { tag: 'wholesale', limit: 500 })).rows.map((r) => r.code);
    expect(codes[0]).toBe((await get(made[4]!.id)).code);
    expect(codes).not.toContain((await get(made[0]!.id)).code);
    await expectTagPagesAsListByName(core);
  });

  it('reads a first page from the tag\'s rows in name order, not by walking every customer', async () => {
    const { core } = makeCore();
    await customers(core, 24);
    const sql = core.context.sql;
    const { sources } = await withPreparedSql(core, () => call(core, 'customers.list', { tag: 'wholesale', limit: 5 }));
    const plans = sources.map((s) => (sql.db.prepare(`EXPLAIN QUERY PLAN ${s}`).all(...(s.includes('@tag') ? [{ tag: 'wholesale', limit: 5, offset: 0 }] : s.includes('?') ? [[]] : [])) as { detail: string }[]).map((r) => r.detail).join('\n'));
    // The page, and the count read the same index.
    expect(plans.filter((p) => p.includes('customer_tags_by_name'))).toHaveLength(2);
    expect(plans.filter((p) => /customers_by_name|TEMP B-TREE/.test(p))).toEqual([]);
  });

  it('keeps every tag through the upgrade, each with its customer\'s seq and name', async () => {
    const dir = tempDir();
    const before = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 }).core;
    await customers(before, 20);
    const pages = [];
    for (const tag of ['wholesale', 'retail', 'vip']) pages.push(await call(before, 'customers.list', { tag, limit: 500 }));
    before.close();
    rewindBooks(path.join(dir, 'billbook.db'), 21);

    const { core } = makeCore('2026-11-22T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const sql = core.context.sql;
    expect(sql.prepare('SELECT count(*) FROM customer_tags t JOIN customers c ON c.seq = t.customer_seq AND c.id = t.customer_id AND c.name = t.name').pluck().get())
      .toBe(sql.prepare('SELECT count(*) FROM customer_tags').pluck().get());
    expect(sql.prepare('SELECT count(*) FROM customer_tags').pluck().get()).toBe(sql.prepare('SELECT sum(json_array_length(tags)) FROM customers').pluck().get());
    const after = [];
    for (const tag of ['wholesale', 'retail', 'vip']) after.push(await call(core, 'customers.list', { tag, limit: 500 }));
    expect(after).toEqual(pages);
    core.close();
  });
});
