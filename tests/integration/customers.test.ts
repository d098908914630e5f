import { describe, expect, it } from 'vitest';
import { call, makeCore, refused } from '../helpers/core';
import type { Core } from '../../electron/core/app';

async function seed(core: Core, clock?: { advance(ms: number): void }) {
  const wanjiku = await call(core, 'customers.create', {
    name: 'Wanjiku Traders', email: 'orders@wanjiku.co.ke', phone: '0722 123456', taxId: 'P051234567X', tags: ['vip', 'retail'],
  });
  clock?.advance(1000);
  const baraka = await call(core, 'customers.create', {
    name: 'Baraka Hardware', email: 'accounts@barakahardware.com', phone: '0733 987654', status: 'inactive', tags: ['retail'],
  });
  clock?.advance(1000);
  const akinyi = await call(core, 'customers.create', { name: 'Akinyi Foods', email: 'akinyi@example.com', phone: '+254 711 222 333' });
  return { wanjiku, baraka, akinyi };
}

const total = async (core: Core, search: string) => (await call(core, 'customers.list', { search })).total;

describe('customers', () => {
  it('assigns codes in order and stores phones and tax IDs normalized', async () => {
    const { core } = makeCore();
    const { wanjiku, baraka, akinyi } = await seed(core);
    expect([wanjiku.code, baraka.code, akinyi.code]).toEqual(['CUST-0001', 'CUST-0002', 'CUST-0003']);
    expect(wanjiku.phone).toBe('+254722123456');
    expect(wanjiku.taxId).toBe('P051234567X');
    expect(wanjiku.financials).toEqual({
      invoiceCount: 0, billedMinor: 0, paidMinor: 0, outstandingMinor: 0, lastInvoiceDate: null, paymentStatus: 'good',
      creditMinor: 0, refundedMinor: 0, refundExcessMinor: 0, averageDaysToPay: null,
    });
    expect(await call(core, 'customers.get', { id: baraka.id })).toMatchObject({ name: 'Baraka Hardware', status: 'inactive' });
  });

  it('refuses invalid customers with a message per field and saves nothing', async () => {
    const { core } = makeCore();
    const error = await refused(core, 'customers.create', { name: ' ', email: 'nope', phone: '12', taxId: 'X1' });
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['email', 'name', 'phone', 'taxId']);
    expect(error.fields?.taxId).toMatch(/KRA PIN/);
    expect((await call(core, 'customers.list', {})).total).toBe(0);
  });

  it('finds customers as you type by name, email, phone fragment, code and tax ID', async () => {
    const { core } = makeCore();
    await seed(core);
    expect(await total(core, 'wan')).toBe(1);
    expect(await total(core, 'Wanjiku Tr')).toBe(1);
    expect(await total(core, 'barakahard')).toBe(1);
    expect(await total(core, 'orders')).toBe(1);
    expect(await total(core, '123456')).toBe(1);
    expect(await total(core, '0722 12')).toBe(1);
    expect(await total(core, '254711')).toBe(1);
    expect(await total(core, '987')).toBe(1);
    expect(await total(core, 'CUST-0002')).toBe(1);
    expect((await call(core, 'customers.list', { search: 'cust-2' })).rows.map((r) => r.code)).toEqual(['CUST-0002']);
    expect(await total(core, 'CUST-000')).toBe(3);
    // A code's digits are not read as a phone fragment: 0722 123456 holds "2", but not as a code.
    expect((await call(core, 'customers.list', { search: 'CUST-0001' })).rows.map((r) => r.name)).toEqual(['Wanjiku Traders']);
    expect(await total(core, 'p0512')).toBe(1);
    expect(await total(core, 'zebra')).toBe(0);
    // Characters that mean something to FTS5 are only text to a person.
    for (const odd of ['"', 'a OR b', 'NEAR(', '*', "o'brien", '-']) {
      expect((await core.api['customers.list']({ search: odd })).ok).toBe(true);
    }
  });

  it('re-indexes a customer when its details change', async () => {
    const { core } = makeCore();
    const { akinyi } = await seed(core);
    await call(core, 'customers.update', { id: akinyi.id, version: akinyi.version, customer: { ...akinyi, name: 'Otieno Grocers', phone: '0799 000111' } });
    expect(await total(core, 'akinyi foods')).toBe(0);
    expect(await total(core, 'otieno')).toBe(1);
    expect(await total(core, '000111')).toBe(1);
    expect(await total(core, '222333')).toBe(0);
  });

  it('filters by status and tag, sorts, and pages with the total', async () => {
    const { core, clock } = makeCore();
    await seed(core, clock);
    expect((await call(core, 'customers.list', { status: 'inactive' })).rows.map((r) => r.name)).toEqual(['Baraka Hardware']);
    expect((await call(core, 'customers.list', { search: 'a', status: 'inactive' })).rows.map((r) => r.name)).toEqual(['Baraka Hardware']);
    expect((await call(core, 'customers.list', { search: 'a', status: 'active', sort: 'name' })).rows.map((r) => r.name)).toEqual(['Akinyi Foods']);
    expect((await call(core, 'customers.list', { tag: 'retail' })).total).toBe(2);
    expect((await call(core, 'customers.list', { tag: 'VIP' })).rows.map((r) => r.name)).toEqual(['Wanjiku Traders']);
    expect((await call(core, 'customers.list', { paymentStatus: 'overdue' })).total).toBe(0);
    expect((await call(core, 'customers.list', { paymentStatus: 'good' })).total).toBe(3);
    const byName = await call(core, 'customers.list', { sort: 'name' });
    expect(byName.rows.map((r) => r.name)).toEqual(['Akinyi Foods', 'Baraka Hardware', 'Wanjiku Traders']);
    const desc = await call(core, 'customers.list', { sort: 'name', direction: 'desc' });
    expect(desc.rows[0]?.name).toBe('Wanjiku Traders');
    const page2 = await call(core, 'customers.list', { sort: 'code', offset: 1, limit: 1 });
    expect(page2).toMatchObject({ total: 3, offset: 1 });
    expect(page2.rows.map((r) => r.code)).toEqual(['CUST-0002']);
    // With no invoices yet every balance ties, and ties fall back to the order customers were added.
    for (const sort of ['outstanding', 'lastInvoice', 'created'] as const) {
      expect((await call(core, 'customers.list', { sort })).rows.map((r) => r.code)).toEqual(['CUST-0001', 'CUST-0002', 'CUST-0003']);
      expect((await call(core, 'customers.list', { sort, direction: 'desc' })).rows.map((r) => r.code)).toEqual(['CUST-0003', 'CUST-0002', 'CUST-0001']);
    }
    expect(await call(core, 'customers.tags', {})).toEqual(['retail', 'vip']);
  });

  it('refuses an edit made on a stale copy, and keeps the newer data', async () => {
    const { core } = makeCore();
    const { wanjiku } = await seed(core);
    const first = await call(core, 'customers.update', { id: wanjiku.id, version: wanjiku.version, customer: { ...wanjiku, notes: 'First edit' } });
    expect(first.version).toBe(2);
    const error = await refused(core, 'customers.update', { id: wanjiku.id, version: 1, customer: { ...wanjiku, notes: 'Stale edit' } });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/changed elsewhere/);
    expect((await call(core, 'customers.get', { id: wanjiku.id })).notes).toBe('First edit');
  });

  it('filters a search by state alike for entries written before and after they left out the common states', async () => {
    const { core, clock } = makeCore();
    const { wanjiku, baraka, akinyi } = await seed(core, clock);
    await call(core, 'customers.archive', { id: akinyi.id });
    const db = core.context.sql.db;
    const entries = (match: string) => db.prepare('SELECT count(*) FROM customer_search WHERE customer_search MATCH ?').pluck().get(match);
    // A live, active customer's entry names no state: every customer held those two terms and no search asks for them.
    expect(entries('state : live OR state : active')).toBe(0);
    expect(entries('state : inactive')).toBe(1);
    expect(entries('state : archived')).toBe(1);
    // Wanjiku's entry as books written before hold it, with both terms.
    const seq = db.prepare('SELECT seq FROM customers WHERE id = ?').pluck().get(wanjiku.id);
    db.prepare('DELETE FROM customer_search WHERE rowid = ?').run(seq);
    db.prepare("INSERT INTO customer_search (rowid, name, email, phone, code, tax_id, state) VALUES (?, 'Wanjiku Traders', 'orders@wanjiku.co.ke', '254722123456', 'CUST-0001', 'P051234567X', 'live active')").run(seq);
    const names = async (input: { status?: 'active' | 'inactive'; includeArchived?: boolean }) =>
      (await call(core, 'customers.list', { search: 'co', sort: 'name', ...input })).rows.map((r) => r.name);
    expect(await names({})).toEqual(['Baraka Hardware', 'Wanjiku Traders']);
    expect(await names({ status: 'active' })).toEqual(['Wanjiku Traders']);
    expect(await names({ status: 'inactive' })).toEqual([baraka.name]);
    expect(await names({ includeArchived: true })).toEqual(['Akinyi Foods', 'Baraka Hardware', 'Wanjiku Traders']);
    expect(await names({ includeArchived: true, status: 'active' })).toEqual(['Akinyi Foods', 'Wanjiku Traders']);
  });

  it('archives with a tombstone, never a hard delete, and can restore', async () => {
    const { core } = makeCore();
    const { baraka } = await seed(core);
    const archived = await call(core, 'customers.archive', { id: baraka.id });
    expect(archived.archivedAt).toBe('2026-11-21T09:00:00.000Z');
    expect((await call(core, 'customers.list', {})).total).toBe(2);
    expect((await call(core, 'customers.list', { includeArchived: true })).total).toBe(3);
    expect(await total(core, 'baraka')).toBe(0);
    expect((await call(core, 'customers.list', { search: 'baraka', includeArchived: true })).total).toBe(1);
    expect((await call(core, 'customers.list', { search: 'baraka', includeArchived: true, status: 'active' })).total).toBe(0);
    const row = core.context.sql.prepare('SELECT deleted_at FROM customers WHERE id = ?').get(baraka.id);
    expect(row).toEqual({ deleted_at: '2026-11-21T09:00:00.000Z' });
    expect((await refused(core, 'customers.update', { id: baraka.id, version: archived.version, customer: archived })).code).toBe('conflict');
    await call(core, 'customers.restore', { id: baraka.id });
    expect((await call(core, 'customers.list', {})).total).toBe(3);
  });

  it('writes an audit row and an outbox row with every change, and shows them as activity', async () => {
    const { core, clock } = makeCore();
    const { wanjiku } = await seed(core);
    clock.advance(60_000);
    await call(core, 'customers.update', { id: wanjiku.id, version: 1, customer: { ...wanjiku, email: 'billing@wanjiku.co.ke' } });
    await call(core, 'customers.archive', { id: wanjiku.id });
    const activity = await call(core, 'customers.activity', { id: wanjiku.id });
    expect(activity.map((a) => a.action)).toEqual(['archived', 'updated', 'created']);
    expect(activity[1]?.summary).toBe('Changed email');
    const changes = core.context.sql.prepare("SELECT mutation, hlc FROM changes WHERE entity_id = ? ORDER BY counter").all(wanjiku.id) as { mutation: string; hlc: string }[];
    expect(changes.map((c) => c.mutation)).toEqual(['customers.create', 'customers.update', 'customers.archive']);
    const stamps = changes.map((c) => c.hlc);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('rolls back the row, audit and outbox together when a write fails', async () => {
    const { core } = makeCore();
    core.context.sql.db.exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    const error = await refused(core, 'customers.create', { name: 'Ghost Ltd' });
    expect(error.code).toBe('internal');
    const count = (table: string) => (core.context.sql.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('customers'), count('customer_search'), count('changes')]).toEqual([0, 0, 0]);
    core.context.sql.db.exec('DROP TRIGGER fail_audit');
    // The failed attempt did not use up a customer code.
    expect((await call(core, 'customers.create', { name: 'Real Ltd' })).code).toBe('CUST-0001');
  });

  it('counts customers in the stats and ignores archived ones', async () => {
    const { core } = makeCore();
    const { akinyi } = await seed(core);
    await call(core, 'customers.update', { id: akinyi.id, version: 1, customer: { ...akinyi, status: 'suspended' } });
    const stats = await call(core, 'customers.stats', {});
    expect(stats).toMatchObject({ total: 3, active: 1, inactive: 1, suspended: 1, withOverdue: 0, outstanding: [], topByBilled: [] });
    await call(core, 'customers.archive', { id: akinyi.id });
    expect((await call(core, 'customers.stats', {})).total).toBe(2);
  });

  it('exports what the list shows as CSV the import reads back', async () => {
    const { core } = makeCore();
    await seed(core);
    const exported = await call(core, 'customers.export', { tag: 'retail' });
    expect(exported.rows).toBe(2);
    expect(exported.fileName).toBe('customers-2026-11-21.csv');
    expect(exported.csvText.startsWith('\uFEFFCode,Name,Email,Phone')).toBe(true);
    expect(exported.csvText).toContain("CUST-0001,Wanjiku Traders,orders@wanjiku.co.ke,'+254722123456");
    const { core: other } = makeCore();
    const preview = await call(other, 'customers.import.preview', { csvText: exported.csvText });
    expect(preview).toMatchObject({ totalRows: 2, acceptedRows: 2, rejected: [] });
  });

  it('pages a search with thousands of matches in name order, the same as a small one', async () => {
    const { core } = makeCore();
    const lines = ['Name,Email'];
    for (let i = 0; i < 4000; i++) lines.push(`${i % 4 === 0 ? 'Zawadi' : 'Wanjiku'} Shop ${String((i * 7919) % 4000).padStart(4, '0')},shop${i}@example.com`);
    const csvText = lines.join('\n');
    const preview = await call(core, 'customers.import.preview', { csvText });
    await call(core, 'customers.import.commit', { csvText, mapping: preview.mapping, duplicateActions: {} });
    const archived = (await call(core, 'customers.list', { search: 'wanjiku shop 0001' })).rows[0]!;
    await call(core, 'customers.archive', { id: archived.id });

    const expected = Array.from({ length: 4000 }, (_, i) => i)
      .filter((i) => i % 4 !== 0)
      .map((i) => `Wanjiku Shop ${String((i * 7919) % 4000).padStart(4, '0')}`)
      .filter((name) => name !== archived.name)
      .sort();
    const first = await call(core, 'customers.list', { search: 'wanj', sort: 'name', limit: 30 });
    const second = await call(core, 'customers.list', { search: 'wanj', sort: 'name', limit: 30, offset: 30 });
    expect(first.total).toBe(expected.length);
    expect([...first.rows, ...second.rows].map((r) => r.name)).toEqual(expected.slice(0, 60));
    const few = await call(core, 'customers.list', { search: 'zawadi', sort: 'name', limit: 5 });
    expect(few.total).toBe(1000);
  });
});
