// Migration 28: invoices written before the smaller bill-to and tax summary (db/invoiceForms.ts) take
// it, with every read the same, nothing noted for sync, the frozen-content rule back, and the file compacted.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { readRows } from '../../electron/core/sync/rows';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

type TestCore = ReturnType<typeof makeCore>['core'];

async function readsOf(core: TestCore, ids: string[]) {
  return {
    invoices: await Promise.all(ids.map((id) => call(core, 'invoices.get', { id }))),
    vat: await call(core, 'reports.tax', { from: '2026-01-01', to: '2026-11-30' }),
    byRate: await call(core, 'reports.run', { rows: 'invoices', groupBy: ['taxRate'], measures: ['count', 'sum'] }),
    synced: [...readRows(core.context.sql, 'invoices', ids).entries()].sort(([a], [b]) => a.localeCompare(b)),
  };
}

const triggersOf = (db: Database.Database) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'invoices' ORDER BY name").all();

describe('migration 28: smaller invoice bill-to and tax summary', () => {
  it('rewrites the object forms, reads the same, notes nothing for sync, keeps the rules, and compacts', async () => {
    const dir = tempDir();
    const { core: before } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const wanjiku = await customer(before, { name: 'Wanjiku "Mama Mboga" Traders ✓', taxId: 'P051234567X', address: { street: 'Kenyatta Ave 4', city: 'Nakuru', postalCode: '20100', country: 'KE' } });
    const baraka = await customer(before, { name: 'Baraka Ltd', email: 'b@baraka.co.ke', phone: '' });
    const mixed = await invoice(before, wanjiku.id, { lines: [line('Cement', 3, 100_000, 1600), line('Flour', 2, 50_000, 800), line('Training', 1, 20_000, null)] });
    const simple = await invoice(before, baraka.id, { lines: [line('Sand', 1, 50_000, 0)] });
    const voided = await invoice(before, baraka.id, { lines: [line('Nails', 1, 10_000, 1600)] });
    await call(before, 'invoices.void', { id: voided.id, reason: 'Wrong customer' });
    const open = await draft(before, wanjiku.id, { lines: [line('Later', 1, 5_000, 1600)] });
    const ids = [mixed.id, simple.id, voided.id, open.id];
    const reads = await readsOf(before, ids);
    before.close();

    rewindBooks(path.join(dir, 'billbook.db'), 27);
    const older = new Database(path.join(dir, 'billbook.db'));
    const stored = () => older.prepare('SELECT id, bill_to, tax_summary FROM invoices ORDER BY seq').all() as { id: string; bill_to: string | null; tax_summary: string }[];
    // As a Billbook before this version wrote them: objects. A draft holding a bill-to that would not read back the same keeps it.
    expect(stored().filter((r) => r.bill_to !== null).every((r) => r.bill_to!.startsWith('{') && r.tax_summary.startsWith('[{'))).toBe(true);
    const unusual = '{"name":"Baraka Ltd","branch":"Westlands"}';
    older.prepare('UPDATE invoices SET bill_to = ? WHERE id = ?').run(unusual, open.id);
    const triggers = triggersOf(older);
    const noted = older.prepare("SELECT count(*) FROM sync_dirty WHERE tbl = 'invoices'").pluck().get();
    older.close();

    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const sql = core.context.sql;
    expect(core.migration).toMatchObject({ from: 27, to: MIGRATIONS.at(-1)!.version, compacted: true });
    const after = sql.prepare('SELECT id, bill_to, tax_summary FROM invoices ORDER BY seq').all() as { id: string; bill_to: string | null; tax_summary: string }[];
    for (const row of after.filter((r) => r.id !== open.id)) {
      expect(row.bill_to!.startsWith('[')).toBe(true);
      expect(row.tax_summary.startsWith('[[')).toBe(true);
    }
    expect(after.find((r) => r.id === open.id)!.bill_to).toBe(unusual);
    expect(sql.prepare("SELECT count(*) FROM sync_dirty WHERE tbl = 'invoices'").pluck().get()).toBe(noted);
    expect(triggersOf(sql.db)).toEqual(triggers);
    expect(() => sql.prepare("UPDATE invoices SET bill_to = '[]' WHERE id = ?").run(mixed.id)).toThrow(/never changes/);
    sql.prepare("UPDATE invoices SET bill_to = NULL WHERE id = ?").run(open.id);
    expect(await readsOf(core, ids)).toEqual(reads);
  });
});
