import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { pastInvoices } from '../../electron/core/drafting/history';
import { readRows, writeRow } from '../../electron/core/sync/rows';
import type { SyncRow } from '../../shared/sync/tables';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

type TestCore = ReturnType<typeof makeCore>['core'];

const LINE_COLUMNS = `position, description, quantity_milli, unit, unit_price_minor, tax_rate_bp, price_includes_tax, amount_minor, discount_minor, net_minor, tax_minor, item_id`;

/** Every line with its invoice's id, whichever way the table names the invoice. */
function linesOf(db: Database.Database | TestCore['context']['sql']) {
  const columns = (db.prepare("SELECT name FROM pragma_table_info('invoice_lines')").all() as { name: string }[]).map((c) => c.name);
  const query = columns.includes('invoice_seq')
    ? `SELECT i.id AS invoice_id, ${LINE_COLUMNS.split(', ').map((c) => `l.${c}`).join(', ')} FROM invoice_lines l JOIN invoices i ON i.seq = l.invoice_seq ORDER BY i.id, l.position`
    : `SELECT invoice_id, ${LINE_COLUMNS} FROM invoice_lines ORDER BY invoice_id, position`;
  return db.prepare(query).all();
}

const bytesOf = (db: Database.Database, name: string) => db.prepare('SELECT sum(pgsize) FROM dbstat WHERE name = ?').pluck().get(name) as number;

/** Two customers; final, void and draft invoices, lines from the catalog and typed freely. */
async function seed(dir: string) {
  const made = makeCore('2026-10-15T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
  const { core, clock } = made;
  const kamau = await customer(core, { name: 'Kamau Hardware' });
  const atieno = await customer(core, { name: 'Atieno Salon' });
  const cement = await call(core, 'items.create', { name: 'Cement', unit: 'bag', priceMinor: 78_000 });
  const invoices = [];
  for (let i = 0; i < 4; i++) {
    clock.advance(60_000);
    invoices.push(await invoice(core, kamau.id, {
      issueDate: `2026-10-0${i + 1}`,
      lines: [
        { description: 'Cement', quantityMilli: (2 + i) * 1000, unit: 'bag', unitPriceMinor: 78_000, taxRateBp: 1600, itemId: cement.id },
        ...Array.from({ length: i }, (_, k) => line(`Delivery ${k}`, 1, 50_000 + k, k % 2 ? null : 1600)),
      ],
    }));
  }
  const voided = await invoice(core, atieno.id, { issueDate: '2026-10-02', lines: [line('Hair dryer', 1, 300_000)] });
  await call(core, 'invoices.void', { id: voided.id, reason: 'Sent twice' });
  const open = await draft(core, atieno.id, { issueDate: '2026-10-03', lines: [line('Shampoo', 2, 20_000), line('Towels', 3, 5_000, 0)] });
  return { ...made, kamau, atieno, cement, ids: [...invoices.map((i) => i.id), voided.id, open.id], open };
}

describe('migration 20: invoice lines name their invoice by seq', () => {
  it('keeps every line, what the app and sync read, and the rules on lines; new lines are written and synced as before', async () => {
    const dir = tempDir();
    const { core: before, kamau, atieno, ids, open } = await seed(dir);
    const lines = linesOf(before.context.sql);
    expect(lines.length).toBe(4 * 1 + 6 + 1 + 2);
    const pages = await Promise.all(ids.map((id) => call(before, 'invoices.get', { id })));
    const synced = readRows(before.context.sql, 'invoices', ids);
    const history = pastInvoices(before.context.sql, kamau.id, 10);
    const byItem = await call(before, 'analytics.revenueByItem', { period: { preset: 'custom', from: '2026-01-01', to: '2026-12-31' } });
    expect(byItem.currencies[0]!.rows.length).toBeGreaterThan(0);
    before.close();
    rewindBooks(path.join(dir, 'billbook.db'), 19);
    const older = new Database(path.join(dir, 'billbook.db'), { readonly: true });
    expect(linesOf(older)).toEqual(lines);
    older.close();

    const { core, clock } = makeCore('2026-10-16T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const sql = core.context.sql;
    expect(core.migration).toMatchObject({ from: 19, to: MIGRATIONS.at(-1)!.version });
    expect((sql.prepare("SELECT name FROM pragma_table_info('invoice_lines')").all() as { name: string }[]).map((c) => c.name)).not.toContain('invoice_id');
    expect(linesOf(sql)).toEqual(lines);
    expect(await Promise.all(ids.map((id) => call(core, 'invoices.get', { id })))).toEqual(pages);
    expect(readRows(sql, 'invoices', ids)).toEqual(synced);
    expect(pastInvoices(sql, kamau.id, 10)).toEqual(history);
    expect((await call(core, 'analytics.revenueByItem', { period: { preset: 'custom', from: '2026-01-01', to: '2026-12-31' } })).currencies).toEqual(byItem.currencies);
    expect(sql.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'invoice_lines' AND type IN ('index', 'trigger') ORDER BY name").pluck().all()).toEqual([
      'invoice_lines_by_item', 'invoice_lines_frozen_delete', 'invoice_lines_frozen_insert', 'invoice_lines_frozen_update',
      'invoice_lines_sync_delete', 'invoice_lines_sync_insert', 'invoice_lines_sync_update',
    ]);

    // A finalized invoice's lines stay frozen, even from raw SQL.
    const seqOf = (id: string) => sql.prepare('SELECT seq FROM invoices WHERE id = ?').pluck().get(id) as number;
    expect(() => sql.prepare('UPDATE invoice_lines SET unit_price_minor = 1 WHERE invoice_seq = ?').run(seqOf(ids[0]!))).toThrow(/never change/);
    expect(() => sql.prepare('DELETE FROM invoice_lines WHERE invoice_seq = ?').run(seqOf(ids[1]!))).toThrow(/never change/);

    // A draft edited and finalized: its lines replaced, its outbox entry names the invoice by id.
    clock.advance(60_000);
    const edited = await call(core, 'drafts.update', { id: open.id, version: open.draft.version, draft: { customerId: atieno.id, issueDate: '2026-10-03', lines: [line('Conditioner', 1, 12_000)] } });
    expect(edited.lines.map((l) => l.description)).toEqual(['Conditioner']);
    const outbox = JSON.parse(sql.prepare('SELECT rows FROM changes ORDER BY counter DESC LIMIT 1').pluck().get() as string) as [string, string][];
    expect(outbox).toContainEqual(['invoices', open.id]);
    const final = await call(core, 'invoices.finalize', { id: open.id, version: edited.draft.version });
    expect((await call(core, 'invoices.get', { id: open.id })).lines).toEqual(final.lines);
    expect(readRows(sql, 'invoices', [open.id]).get(open.id)!.lines).toEqual([
      { position: 1, description: 'Conditioner', quantity_milli: 1000, unit: 'pieces', unit_price_minor: 12_000, tax_rate_bp: 1600, price_includes_tax: null, amount_minor: 12_000, discount_minor: 0, net_minor: 12_000, tax_minor: 1920, item_id: null },
    ]);

    // An invoice from another computer: written with its lines, read back by sync as it came.
    const fromElsewhere = { ...synced.get(ids[2]!)!, number: 'INV-2026-9001', share_token: null };
    const id = '01a1fd55-7aff-7c30-8e97-36130c0ecdfa';
    const row: SyncRow = { table: 'invoices', id, data: fromElsewhere, stamps: { '*': '1' } };
    sql.transaction(() => writeRow(sql, row, '2026-10-16T10:00:00.000Z'));
    expect(readRows(sql, 'invoices', [id]).get(id)!.lines).toEqual(synced.get(ids[2]!)!.lines);
    expect((await call(core, 'invoices.get', { id })).lines).toEqual(pages[2]!.lines);
    core.close();
  }, 60_000);

  it('keeps the lines in fewer bytes, and an upgraded book ends smaller', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'billbook.db');
    const { core: before } = await seed(dir);
    before.close();
    rewindBooks(file, 19);
    // 30,000 lines as version 19 kept them (each naming its invoice by its 36-character id).
    const older = new Database(file);
    older.exec('DROP TRIGGER invoice_lines_frozen_insert');
    older.prepare(`WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 29999)
      INSERT INTO invoice_lines (invoice_id, position, description, quantity_milli, unit, unit_price_minor, tax_rate_bp, price_includes_tax, amount_minor, discount_minor, net_minor, tax_minor)
      SELECT (SELECT id FROM invoices WHERE seq = 1 + k % 5), 100 + k, 'Cement 50kg', 1000, 'bags', 78000, 1600, NULL, 78000, 0, 78000, 12480 FROM n`).run();
    older.pragma('wal_checkpoint(TRUNCATE)');
    older.exec('VACUUM');
    const linesBytes = bytesOf(older, 'invoice_lines');
    const lines = linesOf(older);
    older.close();
    const sizeBefore = fs.statSync(file).size;

    const { core } = makeCore('2026-10-16T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 19, compacted: true });
    expect(linesOf(core.context.sql)).toEqual(lines);
    core.close();
    const after = new Database(file, { readonly: true });
    // The invoice's seq (1 byte here) instead of its 36-character id, in every line's key.
    expect(bytesOf(after, 'invoice_lines')).toBeLessThan(linesBytes - 30_000 * 30);
    expect(after.pragma('freelist_count', { simple: true })).toBe(0);
    after.close();
    expect(fs.statSync(file).size).toBeLessThan(sizeBefore - 30_000 * 30);
  }, 60_000);
});
