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

/** Every allocation, by id, and each payment's invoice numbers worked out again from them. */
const allocationsOf = (db: Database.Database | TestCore['context']['sql']) => db.prepare(`SELECT ${ALLOCATION_COLUMNS} FROM payment_allocations ORDER BY id`).all();
const numbersOf = (db: Database.Database | TestCore['context']['sql']) =>
  db.prepare('SELECT id, invoice_numbers, (SELECT group_concat(DISTINCT i.number ORDER BY a.id) FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = p.id) AS again FROM payments p ORDER BY seq').all();
const ALLOCATION_COLUMNS = 'id, payment_id, invoice_id, amount_minor, allocated_on, from_credit, created_at, reversed_at, reversed_on, applied_minor';

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
  // One payment over three invoices (allocations in one millisecond), one paid in part, one reversed.
  const [a, b, c] = invoices;
  const paid = await call(core, 'payments.record', {
    customerId: kamau.id, amountMinor: 300_000, paidOn: '2026-10-10', method: 'bank',
    allocations: [{ invoiceId: c!.id, amountMinor: 100_000 }, { invoiceId: a!.id, amountMinor: 100_000 }, { invoiceId: b!.id, amountMinor: 100_000 }],
  });
  clock.advance(60_000);
  const reversed = await call(core, 'payments.record', { customerId: kamau.id, amountMinor: 40_000, paidOn: '2026-10-11', method: 'cash', allocations: [{ invoiceId: a!.id, amountMinor: 40_000 }] });
  await call(core, 'payments.reverse', { id: reversed.id, reason: 'Bounced' });
  const payments = [paid.id, reversed.id, (await call(core, 'payments.record', { customerId: kamau.id, amountMinor: 25_000, paidOn: '2026-10-12', method: 'mpesa', reference: 'QAB1234567' })).id];
  return { ...made, kamau, atieno, cement, ids: [...invoices.map((i) => i.id), voided.id, open.id], open, payments };
}

describe('migration 20: invoice lines name their invoice by seq, payment allocations get a seq', () => {
  it('keeps every line and allocation, what the app and sync read, and the rules on them; new ones are written and synced as before', async () => {
    const dir = tempDir();
    const { core: before, kamau, atieno, ids, open, payments } = await seed(dir);
    const lines = linesOf(before.context.sql);
    const allocations = allocationsOf(before.context.sql);
    expect(allocations.length).toBeGreaterThanOrEqual(3 + 1 + 1);
    const allocationIds = (allocations as { id: string }[]).map((a) => a.id);
    const syncedAllocations = readRows(before.context.sql, 'payment_allocations', allocationIds);
    const paymentPages = await Promise.all(payments.map((id) => call(before, 'payments.get', { id })));
    const paymentList = await call(before, 'payments.list', { customerId: kamau.id });
    const aging = await call(before, 'invoices.aging', {});
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
    // Each payment's invoice numbers as version 19 works them out (in allocation id order), from its own table.
    const numbers = numbersOf(older);
    expect(numbers[0]).toMatchObject({ invoice_numbers: expect.stringContaining(',') });
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

    // Allocations: every row, what sync reads, the payments and their invoice numbers, worked out again the same.
    expect(allocationsOf(sql)).toEqual(allocations);
    expect(readRows(sql, 'payment_allocations', allocationIds)).toEqual(syncedAllocations);
    expect(await Promise.all(payments.map((id) => call(core, 'payments.get', { id })))).toEqual(paymentPages);
    expect(numbersOf(sql)).toEqual(numbers);
    expect(await call(core, 'payments.list', { customerId: kamau.id })).toEqual(paymentList);
    expect(await call(core, 'invoices.aging', {})).toEqual(aging);
    expect(sql.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%payment_allocations%' ORDER BY name").pluck().all()).toEqual([
      // payment_allocations_seqs_left_out came with migration 27: allocations inserted without their seqs get them.
      'payment_allocations_seqs_left_out', 'payment_allocations_sync_insert', 'payment_allocations_sync_update', 'payments_invoice_numbers_delete', 'payments_invoice_numbers_insert',
      'payments_invoice_numbers_invoice_arrived', 'payments_invoice_numbers_invoice_removed', 'payments_invoice_numbers_numbered',
      'payments_invoice_numbers_payment_arrived', 'payments_invoice_numbers_update',
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

    // A payment recorded after the upgrade: its allocations, numbers and outbox entry as before.
    clock.advance(60_000);
    const later = await call(core, 'payments.record', {
      customerId: kamau.id, amountMinor: 20_000, paidOn: '2026-10-16', method: 'cash',
      allocations: [{ invoiceId: ids[3]!, amountMinor: 10_000 }, { invoiceId: ids[2]!, amountMinor: 10_000 }],
    });
    const laterAllocations = sql.prepare('SELECT id, invoice_id FROM payment_allocations WHERE payment_id = ? ORDER BY seq').all(later.id) as { id: string; invoice_id: string }[];
    expect(laterAllocations.map((a) => a.invoice_id)).toEqual([ids[3], ids[2]]);
    const laterOutbox = JSON.parse(sql.prepare('SELECT rows FROM changes ORDER BY counter DESC LIMIT 1').pluck().get() as string) as [string, string][];
    for (const a of laterAllocations) expect(laterOutbox).toContainEqual(['payment_allocations', a.id]);
    // Its invoice numbers in allocation id order, as version 19 kept them (not in the order this computer wrote them).
    const laterNumbers = numbersOf(sql).at(-1) as { id: string; invoice_numbers: string; again: string };
    const byId = sql.prepare('SELECT i.number FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = ? ORDER BY a.id').pluck().all(later.id);
    expect(laterNumbers.invoice_numbers).toBe(byId.join(','));
    expect(laterNumbers).toEqual({ id: later.id, invoice_numbers: laterNumbers.again, again: expect.any(String) });
    expect(laterNumbers.invoice_numbers.split(',').sort()).toEqual(later.allocations.map((a) => a.invoiceNumber).sort());
    // An allocation from another computer, for an invoice here: written once, read back by sync as it came.
    const elsewhere = { ...syncedAllocations.get(allocationIds[0]!)!, amount_minor: 5_000 };
    const allocationId = '01a1fd55-7aff-7c30-8e97-36130c0ecdfb';
    for (let i = 0; i < 2; i++) sql.transaction(() => writeRow(sql, { table: 'payment_allocations', id: allocationId, data: elsewhere, stamps: { '*': '1' } }, '2026-10-16T10:00:00.000Z'));
    expect(readRows(sql, 'payment_allocations', [allocationId]).get(allocationId)).toEqual(elsewhere);
    expect(sql.prepare('SELECT count(*) FROM payment_allocations WHERE id = ?').pluck().get(allocationId)).toBe(1);
    core.close();
  }, 60_000);

  it('upgrades books holding allocations whose payment or invoice has not arrived yet (a download cut off between pages)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'billbook.db');
    const { core: before, ids, payments } = await seed(dir);
    before.close();
    rewindBooks(file, 19);
    // Sync writes each pulled page with foreign keys off: an allocation can be kept before its
    // payment (or its invoice) arrives on a later page. Two such rows, as a cut-off download leaves them.
    const older = new Database(file);
    older.pragma('foreign_keys = OFF');
    const waiting = [
      { id: '01a1fd55-7aff-7c30-8e97-000000000001', payment_id: '01a1fd55-7aff-7c30-8e97-0000000000aa', invoice_id: ids[0]! },
      { id: '01a1fd55-7aff-7c30-8e97-000000000002', payment_id: payments[2]!, invoice_id: '01a1fd55-7aff-7c30-8e97-0000000000bb' },
    ];
    for (const row of waiting) {
      older.prepare(`INSERT INTO payment_allocations (id, payment_id, invoice_id, amount_minor, allocated_on, from_credit, created_at, reversed_at, reversed_on, applied_minor)
        VALUES (?, ?, ?, 10000, '2026-10-12', 0, '2026-10-12T09:00:00.000Z', NULL, NULL, 0)`).run(row.id, row.payment_id, row.invoice_id);
    }
    const allocations = allocationsOf(older);
    older.close();

    const { core } = makeCore('2026-10-16T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 19, to: MIGRATIONS.at(-1)!.version });
    expect(allocationsOf(core.context.sql)).toEqual(allocations);
    // The rules on allocations stand again once the books are open.
    expect(core.context.sql.db.pragma('foreign_keys', { simple: true })).toBe(1);
    core.close();
  }, 60_000);

  it('keeps the lines and the allocations in fewer bytes, and an upgraded book ends smaller', async () => {
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
    // 10,000 allocations as version 19 kept them: each of their three indexes repeated the 36-character id.
    older.exec('DROP TRIGGER payments_invoice_numbers_insert');
    older.prepare(`WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 9999)
      INSERT INTO payment_allocations (id, payment_id, invoice_id, amount_minor, allocated_on, from_credit, created_at, reversed_at, reversed_on, applied_minor)
      SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
        (SELECT id FROM payments ORDER BY seq LIMIT 1), (SELECT id FROM invoices WHERE seq = 1 + k % 5), 100, '2026-10-10', 0, '2026-10-10T09:00:00.000Z', NULL, NULL, 0 FROM n`).run();
    older.pragma('wal_checkpoint(TRUNCATE)');
    older.exec('VACUUM');
    const linesBytes = bytesOf(older, 'invoice_lines');
    const allocationIndexBytes = ['payment_allocations_by_payment', 'payment_allocations_by_invoice_date', 'payment_allocations_by_date'].map((name) => bytesOf(older, name));
    const allocationBytes = bytesOf(older, 'payment_allocations') + allocationIndexBytes.reduce((a, b) => a + b, 0);
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
    // Each allocation index holds the allocation's seq instead of its id; the id is kept once more, in its own index.
    ['payment_allocations_by_payment', 'payment_allocations_by_invoice_date', 'payment_allocations_by_date'].forEach((name, i) =>
      expect(bytesOf(after, name)).toBeLessThan(allocationIndexBytes[i]! - 10_000 * 30));
    const allocationBytesAfter = ['payment_allocations', 'sqlite_autoindex_payment_allocations_1', 'payment_allocations_by_payment', 'payment_allocations_by_invoice_date', 'payment_allocations_by_date']
      .map((name) => bytesOf(after, name)).reduce((a, b) => a + b, 0);
    expect(allocationBytesAfter).toBeLessThan(allocationBytes - 10_000 * 40);
    expect(after.pragma('freelist_count', { simple: true })).toBe(0);
    after.close();
    expect(fs.statSync(file).size).toBeLessThan(sizeBefore - 30_000 * 30);
  }, 60_000);
});
