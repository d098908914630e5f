import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { readRows, writeRow } from '../../electron/core/sync/rows';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

type Core = ReturnType<typeof makeCore>['core'];

const TODAY = '2026-11-21';
/** An invoice's customer as its row keeps it: the seq the indexes carry, and the id sync sends. */
const customerSeqs = (core: Core) =>
  core.context.sql.prepare('SELECT i.id, i.customer_seq AS kept, c.seq AS customer FROM invoices i LEFT JOIN customers c ON c.id = i.customer_id ORDER BY i.seq').all() as
    { id: string; kept: number | null; customer: number | null }[];
const planOf = (core: Core, query: string, ...params: unknown[]) =>
  (core.context.sql.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');

/** What people see of each customer's invoices, and what sync reads of every invoice. */
async function screens(core: Core, customerIds: readonly string[], invoiceIds: readonly string[]) {
  const perCustomer = [];
  for (const customerId of customerIds) {
    perCustomer.push({
      list: (await call(core, 'invoices.list', { customerId, sort: 'issueDate', direction: 'desc', offset: 0, limit: 50 })).rows.map((r) => [r.number, r.customerName, r.balanceMinor]),
      unpaid: (await call(core, 'invoices.list', { customerId, status: 'unpaid', sort: 'dueDate', direction: 'asc', offset: 0, limit: 50 })).rows.map((r) => r.id),
      customer: await call(core, 'customers.get', { id: customerId }),
      aging: await call(core, 'invoices.aging', { customerId }),
      statement: await call(core, 'statements.get', { customerId, from: '2026-01-01', to: TODAY }),
    });
  }
  return {
    perCustomer,
    everyone: (await call(core, 'invoices.list', { sort: 'customer', direction: 'asc', offset: 0, limit: 100 })).rows.map((r) => [r.id, r.customerName]),
    searched: (await call(core, 'invoices.list', { search: 'kamau', sort: 'issueDate', direction: 'desc', offset: 0, limit: 100 })).rows.map((r) => r.id),
    dashboard: await call(core, 'analytics.dashboard', { period: { preset: 'thisYear' } }),
    report: await call(core, 'reports.run', { rows: 'invoices', groupBy: ['customer', 'month'], measures: ['count', 'sum'] }),
    synced: [...readRows(core.context.sql, 'invoices', invoiceIds)].sort(([a], [b]) => a.localeCompare(b)),
  };
}

async function seed(dir: string) {
  const made = makeCore(`${TODAY}T09:00:00.000Z`, { dataDir: dir, reminderScanMs: 0 });
  const { core } = made;
  const kamau = await customer(core, { name: 'Kamau Hardware', email: 'kamau@example.co.ke', phone: '0722 000001' });
  const otieno = await customer(core, { name: 'Otieno Foods', email: 'otieno@example.co.ke', phone: '0722 000002' });
  const wanjiru = await customer(core, { name: 'Wanjiru Salon', email: 'wanjiru@example.co.ke', phone: '0722 000003' });
  const docs = [];
  docs.push(await invoice(core, kamau.id, { issueDate: '2026-09-01', lines: [line('Cement 50kg', 4, 75_000)] }));
  docs.push(await invoice(core, kamau.id, { issueDate: '2026-10-05', lines: [line('Sand', 2, 20_000, 0)] }));
  docs.push(await invoice(core, otieno.id, { issueDate: '2026-10-07', lines: [line('Flour', 10, 12_000)] }));
  docs.push(await invoice(core, wanjiru.id, { issueDate: '2026-11-02', lines: [line('Shampoo', 6, 9_000)] }));
  const open = await draft(core, otieno.id, { lines: [line('Sugar', 3, 15_000)] });
  await call(core, 'payments.record', { customerId: kamau.id, amountMinor: 200_000, paidOn: '2026-11-10', method: 'cash' });
  await call(core, 'payments.record', { customerId: otieno.id, amountMinor: 139_200, paidOn: '2026-11-12', method: 'cash' });
  return { ...made, kamau, otieno, wanjiru, docs, open };
}

/** A version-25 book of 20 customers and 10,000 final invoices, as that version kept them; compacted, open for measuring. */
function version25Book({ paidEveryOther }: { paidEveryOther: boolean }) {
  const dir = tempDir();
  const file = path.join(dir, 'billbook.db');
  const { core } = makeCore(`${TODAY}T09:00:00.000Z`, { dataDir: dir, reminderScanMs: 0 });
  core.close();
  rewindBooks(file, 25);
  const older = new Database(file);
  older.pragma('foreign_keys = OFF');
  const paid = (yes: string, no: string) => (paidEveryOther ? `iif(k % 2, ${yes}, ${no})` : no);
  older.exec(`
    WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 20)
    INSERT INTO customers (id, code, name, created_at, updated_at) SELECT printf('01a1fd55-7a80-7138-9f79-%012d', k), 'C-' || k, 'Customer ' || k, '${TODAY}', '${TODAY}' FROM n;
    WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 10000)
    INSERT INTO invoices (id, customer_id, number, status, currency, issue_date, due_date, total_minor, paid_minor, balance_minor, paid_on, created_at, updated_at)
      SELECT printf('01a1fd55-7a80-7138-9f79-1%011d', k), printf('01a1fd55-7a80-7138-9f79-%012d', 1 + k % 20), 'INV-' || k, ${paid("'paid'", "'open'")}, 'KES',
        date('2026-01-01', '+' || (k % 300) || ' days'), date('2026-02-01', '+' || (k % 300) || ' days'), 1000 + k, ${paid('1000 + k', '0')}, ${paid('0', '1000 + k')},
        ${paid("date('2026-01-10', '+' || (k % 300) || ' days')", 'NULL')}, '${TODAY}', '${TODAY}' FROM n;
  `);
  older.exec('VACUUM');
  return { dir, file, older };
}

describe('migration 26: invoice indexes carry the customer seq', () => {
  it('upgrades books with every invoice keeping its customer, each screen and sync read as before, through indexes by seq', async () => {
    const dir = tempDir();
    const { core: before, kamau, otieno, wanjiru, docs, open } = await seed(dir);
    const customers = [kamau.id, otieno.id, wanjiru.id];
    const invoiceIds = [...docs.map((d) => d.id), open.id];
    // A draft pulled from another computer before its customer arrived (sync writes with foreign keys off).
    const pulled = { ...readRows(before.context.sql, 'invoices', [open.id]).get(open.id)!, customer_id: '01a1fd55-7a80-7138-9f79-2d45ec785a00' };
    const pulledId = '01a1fd55-7a80-7138-9f79-2d45ec785a01';
    before.context.sql.db.pragma('foreign_keys = OFF');
    before.context.sql.transaction(() => writeRow(before.context.sql, { table: 'invoices', id: pulledId, data: pulled, stamps: { '*': '1' } }, `${TODAY}T09:30:00.000Z`));
    before.context.sql.db.pragma('foreign_keys = ON');
    const shown = await screens(before, customers, [...invoiceIds, pulledId]);
    before.close();
    rewindBooks(path.join(dir, 'billbook.db'), 25);
    const older = new Database(path.join(dir, 'billbook.db'), { readonly: true });
    expect((older.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('invoices') as string[])).not.toContain('customer_seq');
    older.close();

    const { core } = makeCore(`${TODAY}T10:00:00.000Z`, { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 25, to: MIGRATIONS.at(-1)!.version });
    // Every invoice carries its customer's seq; the one whose customer has not arrived, none.
    const kept = customerSeqs(core);
    expect(kept).toHaveLength(6);
    expect(kept.filter((r) => r.id !== pulledId).every((r) => r.kept !== null && r.kept === r.customer)).toBe(true);
    expect(kept.find((r) => r.id === pulledId)).toEqual({ id: pulledId, kept: null, customer: null });
    expect(await screens(core, customers, [...invoiceIds, pulledId])).toEqual(shown);
    // Sync sends what it sent: no customer_seq.
    expect(Object.keys(readRows(core.context.sql, 'invoices', [open.id]).get(open.id)!)).not.toContain('customer_seq');

    // One customer's invoices are read through the indexes by seq.
    const ids = { id: kamau.id };
    expect(planOf(core, `SELECT seq FROM invoices INDEXED BY invoices_by_customer_issue WHERE customer_seq = (SELECT seq FROM customers WHERE id = @id) AND deleted_at IS NULL ORDER BY issue_date DESC`, ids))
      .toContain('USING INDEX invoices_by_customer_issue (customer_seq=?)');
    expect(planOf(core, `SELECT id FROM invoices WHERE customer_seq = (SELECT seq FROM customers WHERE id = @id) AND status IN ('open', 'partially_paid') AND deleted_at IS NULL ORDER BY due_date, issue_date, number`, ids))
      .toContain('USING INDEX invoices_unpaid_by_customer (customer_seq=?)');
    core.close();
  }, 60_000);

  it('keeps customer_seq right whoever writes: new invoices, a draft given another customer, raw SQL, a customer arriving or removed by sync', async () => {
    const dir = tempDir();
    const { core, kamau, otieno, open } = await seed(dir);
    const sql = core.context.sql;
    // sql.db.prepare, not the cached sql.prepare: pluck() would change the statement the app shares.
    const seqOf = (customerId: string) => sql.db.prepare('SELECT seq FROM customers WHERE id = ?').pluck().get(customerId) as number;
    const keptOf = (invoiceId: string) => sql.db.prepare('SELECT customer_seq FROM invoices WHERE id = ?').pluck().get(invoiceId) as number | null;
    expect(customerSeqs(core).every((r) => r.kept === r.customer)).toBe(true);

    // The draft goes to another customer: its seq follows, and it is listed under them only.
    const moved = await call(core, 'drafts.update', { id: open.id, version: open.draft.version, draft: { customerId: kamau.id, issueDate: TODAY, lines: [line('Sugar', 3, 15_000)] } });
    expect(keptOf(moved.id)).toBe(seqOf(kamau.id));
    const listed = async (customerId: string) => (await call(core, 'invoices.list', { customerId, sort: 'issueDate', direction: 'desc', offset: 0, limit: 50 })).rows.map((r) => r.id);
    expect(await listed(kamau.id)).toContain(open.id);
    expect(await listed(otieno.id)).not.toContain(open.id);
    // Raw SQL changing the customer, or leaving the seq out or wrong, is put right.
    sql.prepare('UPDATE invoices SET customer_id = ? WHERE id = ?').run(otieno.id, open.id);
    expect(keptOf(open.id)).toBe(seqOf(otieno.id));
    sql.prepare('UPDATE invoices SET customer_seq = ? WHERE id = ?').run(seqOf(kamau.id), open.id);
    expect(keptOf(open.id)).toBe(seqOf(otieno.id));
    sql.prepare(`INSERT INTO invoices (id, customer_id, status, currency, issue_date, due_date, created_at, updated_at) VALUES ('raw-draft', ?, 'draft', 'KES', ?, ?, ?, ?)`)
      .run(kamau.id, TODAY, TODAY, `${TODAY}T11:00:00.000Z`, `${TODAY}T11:00:00.000Z`);
    expect(keptOf('raw-draft')).toBe(seqOf(kamau.id));

    // An invoice pulled before its customer waits without a seq; the customer's arrival gives it one.
    const newcomer = '01a1fd55-7a80-7138-9f79-2d45ec785b00';
    const invoiceData = { ...readRows(sql, 'invoices', [open.id]).get(open.id)!, customer_id: newcomer };
    const customerData = { ...readRows(sql, 'customers', [kamau.id]).get(kamau.id)!, name: 'Njeri Kiosk', code: 'C-NJERI', email: 'njeri@example.co.ke', phone: '0722 000009' };
    sql.db.pragma('foreign_keys = OFF');
    sql.transaction(() => writeRow(sql, { table: 'invoices', id: 'pulled-early', data: invoiceData, stamps: { '*': '1' } }, `${TODAY}T12:00:00.000Z`));
    expect(keptOf('pulled-early')).toBeNull();
    sql.transaction(() => writeRow(sql, { table: 'customers', id: newcomer, data: customerData, stamps: { '*': '1' } }, `${TODAY}T12:01:00.000Z`));
    expect(keptOf('pulled-early')).toBe(seqOf(newcomer));
    expect(await listed(newcomer)).toEqual(['pulled-early']);
    // The customer removed (sync's forced removal) takes its seq back; written again, it gives the new one.
    sql.prepare('DELETE FROM customers WHERE id = ?').run(newcomer);
    expect(keptOf('pulled-early')).toBeNull();
    sql.transaction(() => writeRow(sql, { table: 'customers', id: newcomer, data: customerData, stamps: { '*': '2' } }, `${TODAY}T12:02:00.000Z`));
    expect(keptOf('pulled-early')).toBe(seqOf(newcomer));
    // A deleted invoice keeps the seq of a customer removed (clearing deleted ones too read the whole
    // table); brought back after another customer took that seq, it takes its own customer's again.
    const removedSeq = seqOf(newcomer);
    const taker = '01a1fd55-7a80-7138-9f79-2d45ec785b01';
    sql.prepare('UPDATE invoices SET deleted_at = ? WHERE id = ?').run(`${TODAY}T12:03:00.000Z`, 'pulled-early');
    sql.prepare('DELETE FROM customers WHERE id = ?').run(newcomer);
    sql.prepare(`INSERT INTO customers (id, code, name, created_at, updated_at) VALUES (?, 'C-TAKER', 'Taker', ?, ?)`).run(taker, `${TODAY}T12:04:00.000Z`, `${TODAY}T12:04:00.000Z`);
    expect(seqOf(taker)).toBe(removedSeq);
    sql.transaction(() => writeRow(sql, { table: 'customers', id: newcomer, data: customerData, stamps: { '*': '3' } }, `${TODAY}T12:05:00.000Z`));
    sql.prepare('UPDATE invoices SET deleted_at = NULL WHERE id = ?').run('pulled-early');
    sql.db.pragma('foreign_keys = ON');
    expect(keptOf('pulled-early')).toBe(seqOf(newcomer));
    expect(await listed(taker)).toEqual([]);
    expect(customerSeqs(core).every((r) => r.kept === r.customer)).toBe(true);
    core.close();
  }, 60_000);

  it('makes the invoice indexes that named the customer smaller', () => {
    const { dir, file, older } = version25Book({ paidEveryOther: false });
    const bytes = (db: Database.Database, name: string) => db.prepare('SELECT sum(pgsize) FROM dbstat WHERE name = ?').pluck().get(name) as number;
    const indexes = ['invoices_by_customer_issue', 'invoices_by_customer_status', 'invoices_unpaid_by_customer', 'invoices_final_by_issue', 'invoices_final_by_customer_amount', 'invoices_final_by_customer_month', 'invoices_unpaid_by_issue'];
    const before = indexes.map((name) => bytes(older, name));
    older.close();
    const { core: after } = makeCore(`${TODAY}T09:00:00.000Z`, { dataDir: dir, reminderScanMs: 0 });
    expect(after.migration).toMatchObject({ from: 25, compacted: true });
    after.close();
    const upgraded = new Database(file, { readonly: true });
    // 37 bytes of id against one for the seq: more than 30 bytes fewer an entry in each.
    indexes.forEach((name, i) => expect(bytes(upgraded, name), name).toBeLessThan(before[i]! - 10_000 * 30));
    upgraded.close();
  }, 60_000);

  it('keeps neither the customer id nor the invoice id in the paid and unpaid invoices by date, and receivables still read them alone', async () => {
    const { dir, file, older } = version25Book({ paidEveryOther: true });
    const bytes = (db: Database.Database, name: string) => db.prepare('SELECT sum(pgsize) FROM dbstat WHERE name = ?').pluck().get(name) as number;
    const indexes = ['invoices_paid_by_paid_on', 'invoices_unpaid_by_issue'];
    const before = indexes.map((name) => bytes(older, name));
    older.close();
    const { core: after } = makeCore(`${TODAY}T09:00:00.000Z`, { dataDir: dir, reminderScanMs: 0 });
    expect(after.migration).toMatchObject({ from: 25, compacted: true });

    // The dashboard's receivables and paid invoices, and a past day's receivables page, read these
    // indexes without the invoice rows: nothing they read from them is missing.
    const sql = after.context.sql;
    const prepare = sql.prepare;
    const read: { source: string; args: unknown[] }[] = [];
    sql.prepare = (source: string) => {
      const statement = prepare(source);
      if (/invoices_paid_by_paid_on|invoices_unpaid_by_issue/.test(source)) {
        for (const key of ['all', 'get', 'iterate'] as const) {
          const run = statement[key].bind(statement) as (...args: unknown[]) => never;
          statement[key] = ((...args: unknown[]) => (read.push({ source, args }), run(...args))) as never;
        }
      }
      return statement;
    };
    await call(after, 'analytics.dashboard', { period: { preset: 'thisYear' } });
    await call(after, 'analytics.drilldown', { target: { kind: 'receivables', currency: 'KES', asOf: '2026-06-30' }, limit: 5 });
    sql.prepare = prepare;
    expect(read.length).toBeGreaterThan(0);
    for (const { source, args } of read) {
      const plan = (prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
      for (const name of indexes) if (plan.includes(name)) expect(plan, source).toContain(`USING COVERING INDEX ${name}`);
    }
    after.close();

    const upgraded = new Database(file, { readonly: true });
    // 5,000 entries each: 37 bytes of customer id against one for the seq, and the 37 of the invoice id gone.
    indexes.forEach((name, i) => expect(bytes(upgraded, name), name).toBeLessThan(before[i]! - 5_000 * 60));
    upgraded.close();
  }, 60_000);
});
