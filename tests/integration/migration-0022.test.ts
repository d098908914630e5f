import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_ACTIVITY_SQL } from '../../electron/core/audit/repo';
import { instantText } from '../../electron/core/db/instant';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { registerSummaryFunctions } from '../../electron/core/db/summaryPack';
import { registerHistoryWordFunctions } from '../../electron/core/db/historyWords';
import { uuidText } from '../../electron/core/db/uuidKey';
import type { SyncRow } from '../../shared/sync/tables';
import { readRows, writeRow } from '../../electron/core/sync/rows';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

type TestCore = ReturnType<typeof makeCore>['core'];

const plan = (core: TestCore, query: string) =>
  (core.context.sql.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

/** Every history line with its time, sentence and ids as text, as sync and the Activity tab read them. */
const historyOf = (db: Database.Database | TestCore['context']['sql']) =>
  db.prepare(`SELECT id, ${instantText('at')} AS at, history_word(entity) AS entity, ${uuidText('entity_id')} AS entity_id, history_word(action) AS action, summary_text(summary) AS summary, coalesce(details, '{}') AS details, ${uuidText('sync_id')} AS sync_id, actor, device_name FROM audit_log ORDER BY id`).all() as HistoryLine[];

interface HistoryLine { id: number; at: string; entity: string; entity_id: string; action: string; summary: string; details: string; sync_id: string; actor: string; device_name: string }

const bytesOf = (db: Database.Database, name: string) => db.prepare('SELECT sum(pgsize) FROM dbstat WHERE name = ?').pluck().get(name) as number;

/** Sentences with a control character stay text; any other character is packed and must read back the same. */
const ODD_SENTENCES = ['Voided INV-2026-0001: sent twice\nto the wrong address', 'Tab\there', 'Invoice INV-2026-0002 for KES 1,000.00 — café 😀 “Mama Mboga” 12345', ''];

/** Times another computer may have sent that are not in toISOString's form: each must read back as it came. */
const ODD_TIMES = ['2026-10-15T09:00:00Z', '2026-10-15T12:00:00.000+03:00', '2026-10-15 09:00:00', '2026-02-30T09:00:00.000Z', '+010000-01-01T00:00:00.000Z', ''];

/** Two customers, invoices and payments; history lines from another computer with usual and odd times. */
async function seed(dir: string) {
  const made = makeCore('2026-10-15T09:00:00.123Z', { dataDir: dir, reminderScanMs: 0 });
  const { core, clock } = made;
  const kamau = await customer(core, { name: 'Kamau Hardware' });
  const atieno = await customer(core, { name: 'Atieno Salon' });
  for (let i = 0; i < 3; i++) {
    clock.advance(61_001);
    const made = await invoice(core, kamau.id, { issueDate: `2026-10-0${i + 1}`, lines: [line('Cement 50kg', 2 + i, 75_000)] });
    await call(core, 'payments.record', { customerId: kamau.id, amountMinor: made.totals.totalMinor, paidOn: '2026-10-05', method: 'cash', allocations: [{ invoiceId: made.id, amountMinor: made.totals.totalMinor }] });
  }
  await invoice(core, atieno.id, { issueDate: '2026-10-02', lines: [line('Hair dryer', 1, 300_000)] });
  const pulled = ['2026-10-14T23:59:59.999Z', '1969-12-31T23:59:59.999Z', ...ODD_TIMES].map((at, i) => {
    const id = `01a1fd55-7aff-7c30-8e97-36130c0ecd${String(10 + i)}`;
    const summary = ODD_SENTENCES[i] ?? `Paid on the Cloud ${i}`;
    const data = { at, entity: 'customer', entity_id: atieno.id, action: 'paid', summary, details: '{}', actor: 'cloud', device_name: '' };
    writeRow(core.context.sql, { table: 'audit_log', id, data, stamps: { '*': '1' } } satisfies SyncRow, '2026-10-15T10:00:00.000Z');
    return id;
  });
  return { ...made, customers: [kamau, atieno], pulled };
}

describe('migration 22: history times as milliseconds, sentences packed', () => {
  it('keeps every line, its time and its sentence as text wherever they are read; odd ones from other computers stay as they came', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'billbook.db');
    const { core: before, customers, pulled } = await seed(dir);
    before.close();
    rewindBooks(file, 21);
    // As version 21 kept it: every time as text. What the Activity tab and sync read is worked out from it.
    const older = new Database(file);
    registerSummaryFunctions(older);
    registerHistoryWordFunctions(older);
    expect(older.prepare("SELECT count(*) FROM audit_log WHERE typeof(at) <> 'text' OR typeof(summary) <> 'text'").pluck().get()).toBe(0);
    const history = historyOf(older);
    older.close();
    expect(history.map((l) => l.at)).toEqual(expect.arrayContaining([...ODD_TIMES, '2026-10-15T09:00:00.123Z', '1969-12-31T23:59:59.999Z']));
    expect(history.map((l) => l.summary)).toEqual(expect.arrayContaining([...ODD_SENTENCES, expect.stringMatching(/^Payment PAY-\d{4}-\d{4}: KES [\d,.]+ by cash to INV-/)]));
    const ids = history.map((l) => l.sync_id);
    const synced = new Map(history.map(({ id: _id, sync_id, ...data }) => [sync_id, data]));
    const activityOf = (customerId: string) =>
      history.filter((l) => l.entity === 'customer' && l.entity_id === customerId).reverse().map((l) => ({ id: l.id, at: l.at, action: l.action, summary: l.summary }));

    const { core } = makeCore('2026-10-16T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const sql = core.context.sql;
    expect(core.migration).toMatchObject({ from: 21, to: MIGRATIONS.at(-1)!.version });
    expect(historyOf(sql)).toEqual(history);
    expect(readRows(sql, 'audit_log', ids)).toEqual(synced);
    for (const c of customers) expect(await call(core, 'customers.activity', { id: c.id })).toEqual(activityOf(c.id));
    expect((await call(core, 'customers.activity', { id: customers[1]!.id })).map((a) => a.at)).toEqual(expect.arrayContaining(ODD_TIMES));
    // Stored as whole milliseconds, but for the odd times; sentences packed, but for those with a control character.
    expect(sql.prepare("SELECT count(*) FROM audit_log WHERE typeof(at) = 'text'").pluck().get()).toBe(ODD_TIMES.length);
    expect(sql.prepare("SELECT summary FROM audit_log WHERE typeof(summary) = 'text' ORDER BY id").pluck().all()).toEqual([ODD_SENTENCES[0], ODD_SENTENCES[1]]);
    const payments = sql.prepare("SELECT length(summary) AS packed, length(summary_text(summary)) AS plain FROM audit_log WHERE history_word(action) = 'recorded'").all() as { packed: number; plain: number }[];
    expect(payments).toHaveLength(3);
    for (const p of payments) expect(p.packed).toBeLessThan(p.plain / 2);
    expect(sql.prepare("SELECT at FROM audit_log WHERE typeof(at) = 'integer' ORDER BY id LIMIT 1").pluck().get()).toBe(Date.parse('2026-10-15T09:00:00.123Z'));
    expect(plan(core, CUSTOMER_ACTIVITY_SQL.replaceAll('@id', `'${customers[0]!.id}'`).replace('@limit', '100'))).toBe('SEARCH audit_log USING INDEX audit_log_by_customer (entity_id=?)');
    expect(readRows(sql, 'audit_log', pulled).get(pulled[1]!)).toMatchObject({ at: '1969-12-31T23:59:59.999Z' });

    // New lines, here and from another computer, are kept the same way and read back as their text.
    await call(core, 'customers.update', { id: customers[1]!.id, version: customers[1]!.version, customer: { ...customers[1]!, email: 'bookings@atieno.example.com' } });
    const newest = historyOf(sql).at(-1)!;
    expect(newest).toMatchObject({ at: '2026-10-16T09:00:00.000Z', summary: 'Changed email' });
    expect(readRows(sql, 'audit_log', [newest.sync_id]).get(newest.sync_id)).toMatchObject({ at: '2026-10-16T09:00:00.000Z', summary: 'Changed email' });
    for (const [i, at] of ['2026-10-16T10:00:00.001Z', '2026-10-16T10:00:00Z'].entries()) {
      const id = `01a1fd55-7aff-7c30-8e97-36130c0ece0${i}`;
      const summary = ['Payment PAY-2026-0099: KES 1,000.00 by mpesa to INV-2026-0042', 'Voided INV-2026-0042:\r\nwrong customer'][i]!;
      writeRow(sql, { table: 'audit_log', id, data: { at, entity: 'customer', entity_id: customers[0]!.id, action: 'paid', summary, details: '{}', actor: 'cloud', device_name: '' }, stamps: { '*': '1' } }, at);
      expect(readRows(sql, 'audit_log', [id]).get(id)).toMatchObject({ at, summary });
    }
    expect((await call(core, 'customers.activity', { id: customers[0]!.id })).slice(0, 2).map((a) => a.at)).toEqual(['2026-10-16T10:00:00Z', '2026-10-16T10:00:00.001Z']);
    expect(sql.prepare("SELECT typeof(at) || ' ' || typeof(summary) FROM audit_log ORDER BY id DESC LIMIT 3").pluck().all()).toEqual(['text text', 'integer blob', 'integer blob']);
    core.close();
  }, 60_000);

  it('keeps a payment\'s line in about 50 bytes less, and an upgraded book ends smaller', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'billbook.db');
    const { core: before, customers } = await seed(dir);
    before.close();
    rewindBooks(file, 21);
    // 30,000 history lines as version 21 kept them: the time as 24 characters of text, the sentence as text.
    const older = new Database(file);
    registerSummaryFunctions(older);
    registerHistoryWordFunctions(older);
    older.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
      INSERT INTO audit_log (at, entity, entity_id, action, summary, details, sync_id, actor, device_name)
      SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 1792054800 + i * 61.007, 'unixepoch'), 'customer', unhex(replace(?, '-', '')), 'paid',
        'Payment PAY-2026-' || printf('%05d', i) || ': KES ' || printf('%,d', 1000 + i * 37) || '.' || printf('%02d', i % 100) || ' by mpesa to INV-2026-' || printf('%05d', i), '{}',
        randomblob(16), '', ''
      FROM n`).run(customers[0]!.id);
    older.pragma('wal_checkpoint(TRUNCATE)');
    older.exec('VACUUM');
    const tableBytes = bytesOf(older, 'audit_log');
    const history = historyOf(older);
    older.close();
    const sizeBefore = fs.statSync(file).size;

    const { core } = makeCore('2026-10-16T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 21, compacted: true });
    expect(historyOf(core.context.sql)).toEqual(history);
    core.close();
    const after = new Database(file, { readonly: true });
    expect(after.prepare("SELECT count(*) FROM audit_log WHERE typeof(at) = 'integer' AND typeof(summary) = 'blob'").pluck().get()).toBeGreaterThan(30_000);
    // 18 bytes a line for the time, about 35 for the sentence (64 characters become 26 bytes).
    expect(bytesOf(after, 'audit_log')).toBeLessThan(tableBytes - 30_000 * 50);
    expect(after.pragma('freelist_count', { simple: true })).toBe(0);
    after.close();
    expect(fs.statSync(file).size).toBeLessThan(sizeBefore - 30_000 * 50);
  }, 60_000);
});
