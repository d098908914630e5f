import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_ACTIVITY_SQL } from '../../electron/core/audit/repo';
import { instantText } from '../../electron/core/db/instant';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { registerHistoryWordFunctions } from '../../electron/core/db/historyWords';
import { registerSummaryFunctions } from '../../electron/core/db/summaryPack';
import { historyIdKey, uuidText } from '../../electron/core/db/uuidKey';
import { newId } from '../../electron/core/ids';
import type { SyncRow } from '../../shared/sync/tables';
import { keyIs, readRows, writeRow } from '../../electron/core/sync/rows';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

type TestCore = ReturnType<typeof makeCore>['core'];
type Reader = Database.Database | TestCore['context']['sql'];

const TODAY = '2026-11-21';

/** Every history line with everything as text, as sync and the Activity tab read it. */
const historyOf = (db: Reader) =>
  db.prepare(`SELECT id, ${instantText('at')} AS at, history_word(entity) AS entity, ${uuidText('entity_id')} AS entity_id, history_word(action) AS action,
                summary_text(summary) AS summary, coalesce(details, '{}') AS details, ${uuidText('sync_id')} AS sync_id, actor, device_name FROM audit_log ORDER BY id`).all() as HistoryLine[];

interface HistoryLine { id: number; at: string; entity: string; entity_id: string; action: string; summary: string; details: string; sync_id: string; actor: string; device_name: string }

const bytesOf = (db: Database.Database, name: string) => db.prepare('SELECT sum(pgsize) FROM dbstat WHERE name = ?').pluck().get(name) as number;

/** Two ids alike in the 8 bytes the sync id index keeps of them (their first 6 and last 2, db/uuidKey.ts historyIdKey). */
const TWINS = ['01a1fd55-7aff-7c30-8e97-36130c0ecd77', '01a1fd55-7aff-7111-9f00-00000000cd77'];

/** Lines another computer (or a newer Billbook) wrote: words this version does not number, details, and ids alike in the 8 bytes the sync id index keeps. */
const PULLED: { id: string; entity: string; action: string; details: string }[] = [
  { id: TWINS[0]!, entity: 'customer', action: 'paid', details: '{}' },
  { id: TWINS[1]!, entity: 'customer', action: 'loyalty points added', details: '{"points":12}' },
  { id: '01a1fd55-7aff-7c30-8e97-36130c0ecd10', entity: 'gadget', action: 'sync.push', details: '{}' },
  { id: 'Legacy-ID-1', entity: 'customer', action: 'created', details: '{"source":"old version"}' },
  { id: '01a1fd55-7aff-7c30-8e97-36130c0ecd11', entity: 'customer', action: '', details: '' },
];

async function seed(dir: string) {
  const made = makeCore('2025-03-03T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
  const { core, clock } = made;
  const on = (date: string) => clock.set(`${date}T09:00:00.000Z`);
  const kamau = await customer(core, { name: 'Kamau Hardware' });
  const atieno = await customer(core, { name: 'Atieno Salon', currency: 'USD' });
  // A year of invoices, most paid (some late, some together), one paid and reversed, some open.
  for (let m = 0; m < 12; m++) {
    const day = `2025-${String(m + 3).padStart(2, '0')}-0${1 + (m % 5)}`.replace('2025-13', '2026-01').replace('2025-14', '2026-02');
    on(day);
    const a = await invoice(core, kamau.id, { issueDate: day, lines: [line('Cement 50kg', 2 + m, 75_000 + m * 1_000)] });
    const b = await invoice(core, atieno.id, { issueDate: day, currency: 'USD', lines: [line('Hair dryer', 1, 30_000 + m * 500)] });
    if (m < 10) {
      const paidOn = `${day.slice(0, 8)}2${m % 8}`;
      on(paidOn);
      await call(core, 'payments.record', { customerId: kamau.id, amountMinor: a.totals.totalMinor, paidOn, method: 'mpesa', reference: `QK${m}AB34CDX`, allocations: [{ invoiceId: a.id, amountMinor: a.totals.totalMinor }] });
      const part = m % 3 === 0 ? Math.floor(b.totals.totalMinor / 2) : b.totals.totalMinor;
      const paid = await call(core, 'payments.record', { customerId: atieno.id, amountMinor: part, paidOn, method: 'bank', allocations: [{ invoiceId: b.id, amountMinor: part }] });
      if (m === 4) await call(core, 'payments.reverse', { id: paid.id, reason: 'Cheque bounced' });
    }
  }
  on(TODAY);
  for (const [i, p] of PULLED.entries()) {
    const data = { at: `2026-11-2${i}T10:00:00.000Z`, entity: p.entity, entity_id: atieno.id, action: p.action, summary: `From the Cloud ${i}`, details: p.details, actor: 'cloud', device_name: 'Till 2' };
    writeRow(core.context.sql, { table: 'audit_log', id: p.id, data, stamps: { '*': '1' } } satisfies SyncRow, `${TODAY}T10:00:00.000Z`);
  }
  return { ...made, customers: [kamau, atieno] };
}

/** Seeded books taken back to version 28 (what `first` reads of them before, as this version writes them). */
async function seededAt28<T>(first?: (core: TestCore, customerIds: string[]) => Promise<T>) {
  const dir = tempDir();
  const file = path.join(dir, 'billbook.db');
  const { core, customers } = await seed(dir);
  const read = first ? await first(core, customers.map((c) => c.id)) : undefined;
  core.close();
  rewindBooks(file, 28);
  return { dir, file, customers, read };
}

/**
 * Every statement the analytics screens prepare, with the values it ran with: the dashboard's
 * presets, reports of payments by month and by customer, drill-downs, intelligence and aging.
 */
async function analyticsReads(core: TestCore, customerIds: string[]) {
  const read = new Map<string, unknown[]>();
  const db = core.context.sql.db;
  const prepare = db.prepare.bind(db);
  const recorded = (source: string) => {
    const statement = prepare(source);
    const proxy: Database.Statement = new Proxy(statement, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (key === 'all' || key === 'get' || key === 'iterate' || key === 'run') read.set(source, args);
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };
  Object.assign(db, { prepare: recorded });
  const results = {
    dashboards: await Promise.all((['thisMonth', 'lastMonth', 'thisYear', 'last12Months'] as const).map((preset) => call(core, 'analytics.dashboard', { period: { preset } }))),
    reports: await Promise.all([
      { rows: 'payments', groupBy: ['month'], measures: ['count', 'sum', 'p50'] },
      { rows: 'payments', groupBy: ['customer'], measures: ['count', 'sum'] },
      { rows: 'payments', groupBy: ['month'], measures: ['count', 'sum'], filters: { from: '2025-06-01', to: '2026-03-31' } },
      { rows: 'invoices', groupBy: ['customer', 'month'], measures: ['count', 'sum'] },
    ].map((d) => call(core, 'reports.run', d as Parameters<typeof call<'reports.run'>>[2]))),
    drilldowns: await Promise.all([
      { kind: 'collected', currency: 'KES', from: '2025-01-01', to: TODAY },
      { kind: 'paid', currency: 'KES', from: '2025-01-01', to: TODAY },
      { kind: 'paid', currency: 'USD', from: '2025-06-01', to: '2025-12-31' },
      { kind: 'receivables', currency: 'USD', asOf: '2025-09-30' },
      { kind: 'receivables', currency: 'KES', asOf: '2025-07-31', customerId: customerIds[0]! },
    ].map((target) => call(core, 'analytics.drilldown', { target } as Parameters<typeof call<'analytics.drilldown'>>[2]))),
    anomalies: await call(core, 'intelligence.anomalies', {}),
    collection: await call(core, 'intelligence.collection', {}),
    predictions: await call(core, 'intelligence.predictions', { limit: 500 }),
    cashflow: await call(core, 'intelligence.cashflow', {}),
    aging: await call(core, 'invoices.aging', {}),
  };
  Object.assign(db, { prepare });
  return { results, read };
}

const planOf = (db: Database.Database, source: string, args: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');

/** The three covering indexes as migrations 26 and 27 made them, with the status their WHERE fixes. */
const WITH_STATUS = [
  "CREATE INDEX payments_completed_by_date ON payments (paid_on, currency, amount_minor, customer_seq, status) WHERE status = 'completed'",
  "CREATE INDEX payments_completed_by_month ON payments (substr(paid_on, 1, 7), currency, amount_minor, paid_on, customer_seq, status) WHERE status = 'completed'",
  "CREATE INDEX invoices_paid_by_paid_on ON invoices (paid_on, currency, issue_date, paid_minor, status, deleted_at, customer_seq, due_date, total_minor) WHERE status = 'paid' AND deleted_at IS NULL",
];
const NAMES = WITH_STATUS.map((s) => /CREATE INDEX (\w+)/.exec(s)![1]!);

describe('migration 29: smaller history lines, covering indexes without a fixed status', () => {
  it('keeps every history line and what the Activity tab and sync read of it; words it does not number stay as they came', async () => {
    const { dir, file, customers } = await seededAt28();
    // As version 28 kept them: entity, action and details as text.
    const older = new Database(file);
    registerSummaryFunctions(older);
    registerHistoryWordFunctions(older);
    expect(older.prepare("SELECT count(*) FROM audit_log WHERE typeof(entity) <> 'text' OR typeof(action) <> 'text' OR typeof(details) <> 'text'").pluck().get()).toBe(0);
    const history = historyOf(older);
    older.close();
    expect(history.map((l) => l.action)).toEqual(expect.arrayContaining(['created', 'finalized', 'recorded', 'paid', 'invoiced', 'reversed', 'loyalty points added', 'sync.push', '']));
    expect(history.filter((l) => l.details !== '{}').map((l) => l.details)).toEqual(['{"points":12}', '{"source":"old version"}', '']);
    const ids = history.map((l) => l.sync_id);
    const synced = new Map(history.map(({ id: _id, sync_id, ...data }) => [sync_id, data]));
    const activityOf = (customerId: string) =>
      history.filter((l) => l.entity === 'customer' && l.entity_id === customerId).reverse().map((l) => ({ id: l.id, at: l.at, action: l.action, summary: l.summary }));

    const { core } = makeCore(`${TODAY}T12:00:00.000Z`, { dataDir: dir, reminderScanMs: 0 });
    const sql = core.context.sql;
    expect(core.migration).toMatchObject({ from: 28, to: MIGRATIONS.at(-1)!.version });
    expect(historyOf(sql)).toEqual(history);
    expect(readRows(sql, 'audit_log', ids)).toEqual(synced);
    for (const c of customers) expect(await call(core, 'customers.activity', { id: c.id })).toEqual(activityOf(c.id));
    // Numbered but for the words this version has no number for; details NULL only where there were none.
    expect(sql.prepare("SELECT history_word(entity) || ' ' || history_word(action) FROM audit_log WHERE typeof(entity) = 'text' OR typeof(action) = 'text' ORDER BY id").pluck().all())
      .toEqual(['customer loyalty points added', 'gadget sync.push', 'customer ']);
    expect(sql.prepare("SELECT count(*) FROM audit_log WHERE details IS NULL").pluck().get()).toBe(history.filter((l) => l.details === '{}').length);
    expect(sql.prepare("SELECT count(*) FROM audit_log WHERE entity = 0").pluck().get()).toBe(history.filter((l) => l.entity === 'customer').length);

    // Found through the indexes: a customer's lines, and a line by its sync id.
    const plan = (query: string) => planOf(sql.db, query, []);
    expect(plan(CUSTOMER_ACTIVITY_SQL.replaceAll('@id', `'${customers[0]!.id}'`).replace('@limit', '100'))).toBe('SEARCH audit_log USING INDEX audit_log_by_customer (entity_id=?)');
    expect(plan(`SELECT 1 FROM audit_log WHERE ${keyIs('audit_log', `'${TWINS[0]}'`)}`)).toBe('SEARCH audit_log USING INDEX audit_log_by_sync_id (<expr>=?)');
    // Two ids alike in the bytes the index keeps are two lines.
    expect([...readRows(sql, 'audit_log', TWINS).entries()].map(([id, data]) => [id, data.action])).toEqual([[TWINS[0], 'paid'], [TWINS[1], 'loyalty points added']]);

    // New lines, here and from another computer, are kept the same way and read back as their words.
    await call(core, 'customers.update', { id: customers[1]!.id, version: customers[1]!.version, customer: { ...customers[1]!, email: 'bookings@atieno.example.com' } });
    const newest = historyOf(sql).at(-1)!;
    expect(newest).toMatchObject({ entity: 'customer', action: 'updated', summary: 'Changed email', details: '{"changed":["email"]}' });
    expect(sql.prepare('SELECT typeof(entity), typeof(action), typeof(details) FROM audit_log ORDER BY id DESC LIMIT 1').raw().get()).toEqual(['integer', 'integer', 'text']);
    expect(readRows(sql, 'audit_log', [newest.sync_id]).get(newest.sync_id)).toMatchObject({ entity: 'customer', action: 'updated', details: '{"changed":["email"]}' });
    await call(core, 'payments.record', { customerId: customers[0]!.id, amountMinor: 5_000, paidOn: TODAY, method: 'cash' });
    // The payment's line and the customer's.
    const [payment, paid] = historyOf(sql).slice(-2);
    expect(payment).toMatchObject({ entity: 'payment', action: 'recorded', details: '{}' });
    expect(paid).toMatchObject({ entity: 'customer', action: 'paid', details: '{}' });
    expect(sql.prepare('SELECT typeof(entity), typeof(action), typeof(details) FROM audit_log ORDER BY id DESC LIMIT 2').raw().all()).toEqual([['integer', 'integer', 'null'], ['integer', 'integer', 'null']]);
    expect(readRows(sql, 'audit_log', [payment!.sync_id]).get(payment!.sync_id)).toMatchObject({ entity: 'payment', action: 'recorded', details: '{}' });
    const third = '01a1fd55-7aff-7222-a000-000000a0cd77';
    const sent = { at: `${TODAY}T13:00:00.000Z`, entity: 'invoice', entity_id: customers[0]!.id, action: 'quote declined', summary: 'Declined', details: '{"why":"price"}', actor: 'cloud', device_name: '' };
    writeRow(sql, { table: 'audit_log', id: third, data: sent, stamps: { '*': '1' } }, `${TODAY}T13:00:00.000Z`);
    // Sent again: still one line.
    writeRow(sql, { table: 'audit_log', id: third, data: sent, stamps: { '*': '1' } }, `${TODAY}T13:00:00.000Z`);
    expect(sql.prepare(`SELECT typeof(entity), typeof(action), details FROM audit_log WHERE ${keyIs('audit_log', '@id')}`).raw().all({ id: third })).toEqual([['integer', 'integer', '{"why":"price"}']]);
    expect(readRows(sql, 'audit_log', [...TWINS, third]).get(third)).toEqual({ ...sent });
    expect(readRows(sql, 'audit_log', TWINS).size).toBe(2);
    // A line that came with no details at all is refused, as version 28's NOT NULL column refused it.
    const bare = '01a1fd55-7aff-7c30-8e97-36130c0ecd99';
    expect(() => writeRow(sql, { table: 'audit_log', id: bare, data: { ...sent, details: null }, stamps: { '*': '1' } }, `${TODAY}T13:00:00.000Z`)).toThrow(/NOT NULL/);
    expect(readRows(sql, 'audit_log', [bare]).size).toBe(0);
    core.close();
  }, 60_000);

  it('tells apart the lines one millisecond gave ids to, made by uuid\'s own counting v7 (the Cloud, migration 6) or by this app', () => {
    const { core } = makeCore(`${TODAY}T12:00:00.000Z`, { reminderScanMs: 0 });
    const sql = core.context.sql;
    const at = Date.parse(`${TODAY}T12:00:00.000Z`);
    // uuid's v7 without options counts up inside a millisecond in the bytes after the time.
    const counted = Array.from({ length: 2_000 }, (_, i) => v7({ msecs: at, seq: 0x2f3a_0000 + i, random: randomBytes(16) }));
    const made = Array.from({ length: 2_000 }, () => newId(core.context.clock));
    for (const id of [...counted, ...made]) {
      writeRow(sql, { table: 'audit_log', id, data: { at: `${TODAY}T12:00:00.000Z`, entity: 'customer', entity_id: id, action: 'paid', summary: 'Paid', details: '{}', actor: '', device_name: '' }, stamps: { '*': '1' } }, `${TODAY}T12:00:00.000Z`);
    }
    expect(counted[0]!.slice(0, 18)).toBe(counted[1]!.slice(0, 18));
    const largestGroup = (ids: string[]) =>
      sql.prepare(`SELECT max(n) FROM (SELECT count(*) AS n FROM audit_log WHERE ${uuidText('sync_id')} IN (SELECT value FROM json_each(?)) GROUP BY ${historyIdKey('sync_id')})`).pluck().get(JSON.stringify(ids)) as number;
    // 2,000 ids in one millisecond share an index entry by twos or threes at most (16 random bits), not by hundreds.
    expect(largestGroup(counted)).toBeLessThanOrEqual(3);
    expect(largestGroup(made)).toBeLessThanOrEqual(3);
    expect(readRows(sql, 'audit_log', [...counted, ...made]).size).toBe(4_000);
    core.close();
  }, 60_000);

  it('reads every analytics figure as before, and each of the three indexes still covers what it is read for', async () => {
    const { dir, file, customers, read: before } = await seededAt28(analyticsReads);
    const expected = before!.results;
    const older = new Database(file, { readonly: true });
    expect(NAMES.map((n) => (older.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(n) as string).replace(/\s+/g, ' '))).toEqual(WITH_STATUS);
    older.close();

    const { core } = makeCore(`${TODAY}T12:00:00.000Z`, { dataDir: dir, reminderScanMs: 0 });
    const db = core.context.sql.db;
    expect(core.migration).toMatchObject({ from: 28 });
    for (const name of NAMES) expect(db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(name)).not.toMatch(/\bstatus\)|status, /);
    const { results, read } = await analyticsReads(core, customers.map((c) => c.id));
    expect(results).toEqual(expected);
    const plans = () => new Map([...read].map(([source, args]) => [source, planOf(db, source, args)]));
    const now = plans();
    // Each index is read by some of these, and always without the invoice's or payment's row.
    for (const name of NAMES) {
      const using = [...now.values()].flatMap((p) => p.split(' | ')).filter((d) => d.includes(` ${name}`));
      expect(using.length, name).toBeGreaterThan(0);
    }
    // The same plans as with the status written into each index.
    db.exec(NAMES.map((n) => `DROP INDEX ${n};`).join('\n') + WITH_STATUS.join(';\n'));
    const withStatus = plans();
    expect(now).toEqual(withStatus);
    const covered = [...withStatus.values()].flatMap((p) => p.split(' | ')).filter((d) => NAMES.some((n) => d.includes(`COVERING INDEX ${n}`)));
    expect(covered.length).toBeGreaterThan(NAMES.length);
    core.close();
  }, 60_000);

  it('keeps a history line in about 22 bytes less, and an upgraded book ends smaller', async () => {
    const { dir, file, customers } = await seededAt28();
    // 30,000 more history lines as version 28 kept them.
    const older = new Database(file);
    older.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
      INSERT INTO audit_log (at, entity, entity_id, action, summary, details, sync_id, actor, device_name)
      SELECT 1792054800000 + i * 61007, CASE i % 3 WHEN 0 THEN 'payment' WHEN 1 THEN 'invoice' ELSE 'customer' END, unhex(replace(?, '-', '')),
        CASE i % 3 WHEN 0 THEN 'recorded' WHEN 1 THEN 'finalized' ELSE 'paid' END, 'Line ' || i, '{}', randomblob(16), '', ''
      FROM n`).run(customers[0]!.id);
    older.pragma('wal_checkpoint(TRUNCATE)');
    older.exec('VACUUM');
    const tableBytes = bytesOf(older, 'audit_log');
    const indexBytes = bytesOf(older, 'audit_log_by_sync_id');
    older.close();
    const sizeBefore = fs.statSync(file).size;

    const { core } = makeCore(`${TODAY}T12:00:00.000Z`, { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 28, compacted: true });
    core.close();
    const after = new Database(file, { readonly: true });
    // 'payment'/'invoice'/'customer' and their actions: 15 to 17 bytes of words become 0 to 2; '{}' none.
    expect(bytesOf(after, 'audit_log')).toBeLessThan(tableBytes - 30_000 * 14);
    // 16 bytes of id become 8.
    expect(bytesOf(after, 'audit_log_by_sync_id')).toBeLessThan(indexBytes - 30_000 * 7);
    expect(after.pragma('freelist_count', { simple: true })).toBe(0);
    after.close();
    expect(fs.statSync(file).size).toBeLessThan(sizeBefore - 30_000 * 20);
  }, 60_000);
});
