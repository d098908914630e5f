import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { firstInvoices, payDays } from '../../electron/core/analytics/dashboard/repo';
import { CUSTOMER_ACTIVITY_SQL } from '../../electron/core/audit/repo';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { uuidText } from '../../electron/core/db/uuidKey';
import type { SyncRow } from '../../shared/sync/tables';
import { keyIs, readRows, writeRow } from '../../electron/core/sync/rows';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

type TestCore = ReturnType<typeof makeCore>['core'];

const plan = (core: TestCore, query: string) =>
  (core.context.sql.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

/** Every history line as sync and the Activity tab see it, ids as text. */
const historyOf = (core: TestCore) =>
  core.context.sql.prepare(`SELECT id, at, history_word(entity) AS entity, ${uuidText('entity_id')} AS entity_id, history_word(action) AS action, summary, coalesce(details, '{}') AS details, ${uuidText('sync_id')} AS sync_id, actor, device_name FROM audit_log ORDER BY id`).all() as
    { id: number; sync_id: string }[];

/** Two customers; Kamau pays three invoices in full on different days, Atieno part of one. */
async function seed(dir: string) {
  const made = makeCore('2026-10-15T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
  const { core, clock } = made;
  const kamau = await customer(core, { name: 'Kamau Hardware' });
  const atieno = await customer(core, { name: 'Atieno Salon' });
  const paidOn = ['2026-10-03', '2026-10-09', '2026-10-06', '2026-10-12'];
  for (let i = 0; i < 4; i++) {
    clock.advance(60_000);
    const made = await invoice(core, kamau.id, { issueDate: `2026-10-0${i + 1}`, lines: [line('Cement 50kg', 2 + i, 75_000)] });
    await call(core, 'payments.record', { customerId: kamau.id, amountMinor: made.totals.totalMinor, paidOn: paidOn[i]!, method: 'cash', allocations: [{ invoiceId: made.id, amountMinor: made.totals.totalMinor }] });
  }
  const owed = await invoice(core, atieno.id, { issueDate: '2026-10-02', lines: [line('Hair dryer', 1, 300_000)] });
  await call(core, 'payments.record', { customerId: atieno.id, amountMinor: 100_000, paidOn: '2026-10-05', method: 'mpesa', reference: 'QAB1234567', allocations: [{ invoiceId: owed.id, amountMinor: 100_000 }] });
  // Atieno's first day holds two invoices: the later one, paid, comes first in the day's order (status before seq).
  const sameDay = await invoice(core, atieno.id, { issueDate: '2026-10-02', lines: [line('Shampoo', 1, 20_000)] });
  await call(core, 'payments.record', { customerId: atieno.id, amountMinor: sameDay.totals.totalMinor, paidOn: '2026-10-06', method: 'cash', allocations: [{ invoiceId: sameDay.id, amountMinor: sameDay.totals.totalMinor }] });
  return { ...made, customers: [kamau, atieno], sameDay };
}

describe('migration 18: history ids as 16 bytes, two invoice indexes fewer', () => {
  it('keeps every history line, its sync id and what sync reads and writes; pay days and first invoices read the same through other indexes', async () => {
    const dir = tempDir();
    const { core: before, customers, sameDay } = await seed(dir);
    const lines = historyOf(before);
    const ids = lines.map((l) => l.sync_id);
    const synced = readRows(before.context.sql, 'audit_log', ids);
    const days = payDays(before.context.sql, 1);
    const firsts = firstInvoices(before.context.sql, '2026-01-01', '2026-12-31');
    const seqOf = (id: string) => (before.context.sql.prepare('SELECT seq FROM invoices WHERE id = ?').get(id) as { seq: number }).seq;
    expect(firsts.find((f) => f.customer_id === customers[1]!.id)).toEqual({ customer_id: customers[1]!.id, issue_date: '2026-10-02', currency: 'KES', seq: seqOf(sameDay.id) });
    const activity = await Promise.all(customers.map((c) => call(before, 'customers.activity', { id: c.id })));
    expect(lines.length).toBeGreaterThan(20);
    expect(days.find((d) => d.customer_id === customers[0]!.id)).toMatchObject({ paid_count: 4 });
    before.close();
    rewindBooks(path.join(dir, 'billbook.db'), 17);

    const { core } = makeCore('2026-10-16T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const sql = core.context.sql;
    expect(core.migration).toMatchObject({ from: 17, to: MIGRATIONS.at(-1)!.version });
    // Same lines, same ids as text; each stored in 16 bytes.
    expect(historyOf(core)).toEqual(lines);
    expect(sql.prepare('SELECT typeof(sync_id) AS type, min(length(sync_id)) AS shortest, max(length(sync_id)) AS longest, count(*) AS n FROM audit_log GROUP BY 1').all())
      .toEqual([{ type: 'blob', shortest: 16, longest: 16, n: lines.length }]);
    // What each line is about: ids in 16 bytes, anything else (a report's name, '') as it was.
    expect(sql.prepare("SELECT count(*) FROM audit_log WHERE typeof(entity_id) = 'blob'").pluck().get()).toBe(lines.filter((l) => /^[0-9a-f-]{36}$/.test((l as unknown as { entity_id: string }).entity_id)).length);
    expect(sql.prepare("SELECT count(*) FROM audit_log WHERE typeof(entity_id) = 'blob'").pluck().get()).toBeGreaterThan(20);
    expect(plan(core, CUSTOMER_ACTIVITY_SQL.replaceAll('@id', `'${customers[0]!.id}'`).replace('@limit', '100'))).toBe('SEARCH audit_log USING INDEX audit_log_by_customer (entity_id=?)');
    expect(readRows(sql, 'audit_log', ids)).toEqual(synced);
    // Found by 8 of its id's bytes since migration 29 (db/uuidKey.ts, historyIdKey), then by the whole id.
    expect(plan(core, `SELECT 1 FROM audit_log WHERE ${keyIs('audit_log', "'01234567-89ab-cdef-0123-456789abcdef'")}`)).toBe('SEARCH audit_log USING INDEX audit_log_by_sync_id (<expr>=?)');
    expect(await Promise.all(customers.map((c) => call(core, 'customers.activity', { id: c.id })))).toEqual(activity);

    // Pay days and new customers: the same answers, read through the indexes of migration 14.
    expect(sql.prepare("SELECT name FROM sqlite_master WHERE name IN ('invoices_paid_by_customer', 'invoices_final_by_customer_issue')").all()).toEqual([]);
    expect(firstInvoices(sql, '2026-01-01', '2026-12-31')).toEqual(firsts);
    expect(firstInvoices(sql, '2026-10-02', '2026-10-02')).toEqual(firsts.filter((f) => f.issue_date === '2026-10-02'));
    expect(payDays(sql, 1)).toEqual(days);
    expect(plan(core, "SELECT paid_on FROM invoices INDEXED BY invoices_paid_by_customer_paid_on WHERE customer_seq = 1 AND status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL ORDER BY paid_on DESC LIMIT 3"))
      .toBe('SEARCH invoices USING COVERING INDEX invoices_paid_by_customer_paid_on (customer_seq=? AND paid_on>?)');

    // A new line: its outbox entry names it by its text id, which sync reads back.
    await call(core, 'customers.update', { id: customers[1]!.id, version: customers[1]!.version, customer: { ...customers[1]!, email: 'bookings@atieno.example.com' } });
    const newest = historyOf(core).at(-1)!;
    expect(newest.sync_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const outbox = JSON.parse((sql.prepare('SELECT rows FROM changes ORDER BY counter DESC LIMIT 1').get() as { rows: string }).rows) as [string, string][];
    expect(outbox).toContainEqual(['audit_log', newest.sync_id]);
    expect(readRows(sql, 'audit_log', [newest.sync_id]).get(newest.sync_id)).toMatchObject({ action: 'updated', summary: 'Changed email' });

    // Lines from another computer: a canonical id is packed, any other kept as its text; each written once.
    const data = { at: '2026-10-16T10:00:00.000Z', entity: 'customer', entity_id: customers[0]!.id, action: 'paid', summary: 'Paid on the Cloud', details: '{}', actor: 'cloud', device_name: '' };
    const canonical = '01a1fd55-7aff-7c30-8e97-36130c0ecdfa';
    for (const id of [canonical, 'Legacy-ID-1', canonical.toUpperCase()]) {
      const row: SyncRow = { table: 'audit_log', id, data, stamps: { '*': '1' } };
      writeRow(sql, row, data.at);
      writeRow(sql, row, data.at);
    }
    const fromElsewhere = readRows(sql, 'audit_log', [canonical, 'Legacy-ID-1', canonical.toUpperCase()]);
    expect([...fromElsewhere.keys()].sort()).toEqual([canonical.toUpperCase(), canonical, 'Legacy-ID-1'].sort());
    for (const read of fromElsewhere.values()) expect(read).toMatchObject({ entity_id: customers[0]!.id });
    expect((await call(core, 'customers.activity', { id: customers[0]!.id })).filter((a) => a.summary === 'Paid on the Cloud')).toHaveLength(3);
    expect(sql.prepare("SELECT typeof(sync_id) AS type FROM audit_log WHERE summary_text(summary) = 'Paid on the Cloud' ORDER BY id").pluck().all()).toEqual(['blob', 'text', 'text']);
  }, 60_000);

  it('leaves an upgraded book smaller than it was, not larger: the copied history is compacted away', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'billbook.db');
    const { core: before, customers } = await seed(dir);
    before.close();
    rewindBooks(file, 17);
    // 20,000 history lines as version 17 wrote them (ids as text), the bulk of a real book's file.
    const older = new Database(file);
    older.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
      INSERT INTO audit_log (at, entity, entity_id, action, summary, details, sync_id, actor, device_name)
      SELECT '2026-10-15T09:00:00.000Z', 'customer', ?, 'paid', 'Payment PAY-2026-' || i || ': KES 1,000.00 by mpesa to INV-2026-' || i, '{}',
        lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), '', ''
      FROM n`).run(customers[0]!.id);
    older.pragma('wal_checkpoint(TRUNCATE)');
    older.exec('VACUUM');
    older.close();
    const sizeBefore = fs.statSync(file).size;
    const lines = new Database(file, { readonly: true }).prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

    const { core } = makeCore('2026-10-16T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 17, compacted: true });
    const sql = core.context.sql;
    expect(sql.prepare('PRAGMA freelist_count').pluck().get()).toBe(0);
    expect(sql.prepare("SELECT count(*) FROM audit_log WHERE typeof(sync_id) = 'blob'").pluck().get()).toBe(lines);
    expect(sql.prepare('PRAGMA temp_store').pluck().get()).toBe(2);
    // The search indexes point at stable keys, which VACUUM keeps: both searches still find them.
    expect((await call(core, 'customers.list', { search: 'Atieno' })).rows.map((r) => r.id)).toEqual([customers[1]!.id]);
    const numbers = (await call(core, 'invoices.list', { customerId: customers[0]!.id })).rows.map((r) => r.number!);
    expect(numbers).toHaveLength(4);
    for (const number of numbers) expect((await call(core, 'invoices.list', { search: number })).rows.map((r) => r.number)).toEqual([number]);
    core.close();
    // 16 bytes instead of 36 per id, in the table and its index: a few hundred kilobytes here.
    const sizeAfter = fs.statSync(file).size;
    expect(sizeAfter).toBeLessThan(sizeBefore - 20000 * 20);
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBeLessThan(sizeBefore / 10);
  }, 60_000);
});
