import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { paymentRecords } from '../../electron/core/analytics/reports/repo';
import { pagePaymentsSql } from '../../electron/core/payments/repo';
import { reportDefinitionSchema } from '../../shared/domain/analytics';
import { applyPulledRows, forceCloudState } from '../../electron/core/sync/apply';
import { readRows } from '../../electron/core/sync/rows';
import { contract } from '../../shared/contract';
import type { SyncRow, SyncedTableName } from '../../shared/sync/tables';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

type TestCore = ReturnType<typeof makeCore>['core'];
type Reader = Database.Database | TestCore['context']['sql'];

const pay = (customerId: string, amountMinor: number, extra: Record<string, unknown> = {}) => ({
  customerId, amountMinor, paidOn: '2026-11-21', method: 'cash' as const, ...extra,
});

/** Rows whose seq does not name the parent their id names (NULL only for a parent not in the books). */
const wrongSeqs = (db: Reader) =>
  db
    .prepare(
      `SELECT 'payment ' || p.number AS wrong FROM payments p LEFT JOIN customers c ON c.id = p.customer_id WHERE p.customer_seq IS NOT c.seq
       UNION ALL SELECT 'allocation ' || a.id FROM payment_allocations a LEFT JOIN payments p ON p.id = a.payment_id WHERE a.payment_seq IS NOT p.seq
       UNION ALL SELECT 'allocation ' || a.id FROM payment_allocations a LEFT JOIN invoices i ON i.id = a.invoice_id WHERE a.invoice_seq IS NOT i.seq`,
    )
    .pluck()
    .all() as string[];

const planOf = (db: Reader, text: string, params: unknown) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');

/** Everything a person or sync reads of these customers' payments. */
async function readsOf(core: TestCore, customerIds: string[], invoiceIds: string[], others: ReadonlySet<string> = new Set()) {
  const sql = core.context.sql;
  const paymentIds = (sql.prepare('SELECT id FROM payments ORDER BY seq').pluck().all() as string[]).filter((id) => !others.has(id));
  const allocationIds = (sql.prepare('SELECT id FROM payment_allocations ORDER BY seq').pluck().all() as string[]).filter((id) => !others.has(id));
  return {
    lists: await Promise.all(customerIds.map((customerId) => call(core, 'payments.list', { customerId, includeReversed: true }))),
    byInvoice: await Promise.all(invoiceIds.map((invoiceId) => call(core, 'payments.list', { invoiceId, includeReversed: true }))),
    payments: await Promise.all(paymentIds.map((id) => call(core, 'payments.get', { id }))),
    invoices: await Promise.all(invoiceIds.map((id) => call(core, 'invoices.get', { id }))),
    customers: await Promise.all(customerIds.map((id) => call(core, 'customers.get', { id }))),
    statements: await Promise.all(customerIds.map((customerId) => call(core, 'statements.get', { customerId, from: '2026-01-01', to: '2026-11-21' }))),
    synced: [readRows(sql, 'payments', paymentIds), readRows(sql, 'payment_allocations', allocationIds)],
    reports: await Promise.all([
      { groupBy: ['customer'], measures: ['count', 'sum'], filters: { customerIds } },
      { groupBy: ['customer', 'month'], measures: ['count', 'sum', 'p50'], filters: { customerIds } },
      { groupBy: ['month'], measures: ['count', 'sum', 'p50'], filters: { customerIds: [customerIds[1]!] } },
      { groupBy: ['customer'], measures: ['count', 'sum'], filters: { customerIds, statuses: ['completed', 'reversed'] } },
    ].map((d) => call(core, 'reports.run', { rows: 'payments', ...d } as Parameters<typeof call<'reports.run'>>[2]))),
  };
}

/** Two customers; payments over several invoices, one taken off an invoice, one reversed, credit left over. */
async function seed(core: TestCore) {
  const kamau = await customer(core, { name: 'Kamau Hardware' });
  const baraka = await customer(core, { name: 'Baraka Stores', email: 'baraka@example.com', phone: '0733 987654' });
  const invoices = [];
  for (const [who, day, price] of [[kamau, '2026-10-01', 200_000], [kamau, '2026-10-10', 300_000], [baraka, '2026-10-05', 150_000], [baraka, '2026-11-01', 90_000]] as const) {
    invoices.push(await invoice(core, who.id, { issueDate: day, lines: [line('Cement', 1, price, 0)] }));
  }
  const spread = await call(core, 'payments.record', pay(kamau.id, 600_000));
  await call(core, 'payments.unapply', { paymentId: spread.id, invoiceId: invoices[0]!.id, reason: 'Paid the wrong invoice' });
  await call(core, 'payments.record', pay(baraka.id, 150_000, { method: 'mpesa', reference: 'QK12AB34CD' }));
  const bounced = await call(core, 'payments.record', pay(baraka.id, 50_000));
  await call(core, 'payments.reverse', { id: bounced.id, reason: 'Cheque bounced' });
  return { kamau, baraka, invoices };
}

describe('migration 27: payments and allocations name their customer, payment and invoice by seq in their indexes', () => {
  it('upgrades older books with every payment and allocation kept, the seqs right, and the same reads', async () => {
    const dir = tempDir();
    const { core: before } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const { kamau, baraka, invoices } = await seed(before);
    const customerIds = [kamau.id, baraka.id];
    const invoiceIds = invoices.map((i) => i.id);
    const reads = await readsOf(before, customerIds, invoiceIds);
    before.close();
    rewindBooks(path.join(dir, 'billbook.db'), 25);

    // Rows sync wrote before their parents arrived (a download cut off between pages).
    const older = new Database(path.join(dir, 'billbook.db'));
    older.pragma('foreign_keys = OFF');
    expect((older.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('payments') as string[])).not.toContain('customer_seq');
    const someInvoice = older.prepare('SELECT id FROM invoices ORDER BY seq LIMIT 1').pluck().get() as string;
    const [customerNotHere, paymentNotHere, invoiceNotHere, paymentOfCustomerNotHere, allocationOfPaymentNotHere, allocationToInvoiceNotHere] = Array.from({ length: 6 }, () => randomUUID());
    older.exec(`
      INSERT INTO payments (id, number, customer_id, amount_minor, currency, paid_on, method, reference, created_at, updated_at)
        VALUES ('${paymentOfCustomerNotHere}', 'PAY-2026-B-0001', '${customerNotHere}', 10000, 'KES', '2026-11-20', 'cash', '', '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z');
      INSERT INTO payment_allocations (id, payment_id, invoice_id, amount_minor, allocated_on, created_at)
        VALUES ('${allocationOfPaymentNotHere}', '${paymentNotHere}', '${someInvoice}', 5000, '2026-11-20', '2026-11-20T10:00:00.000Z'),
               ('${allocationToInvoiceNotHere}', '${paymentOfCustomerNotHere}', '${invoiceNotHere}', 5000, '2026-11-20', '2026-11-20T10:00:00.000Z');
    `);
    const early = new Set([paymentOfCustomerNotHere!, allocationOfPaymentNotHere!, allocationToInvoiceNotHere!]);
    const rowsBefore = older.prepare('SELECT count(*) FROM payments').pluck().get() as number;
    const allocationsBefore = older.prepare('SELECT seq, id FROM payment_allocations ORDER BY seq').all();
    older.close();

    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const sql = core.context.sql;
    expect(core.migration).toMatchObject({ from: 25, to: MIGRATIONS.at(-1)!.version });
    expect(sql.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(rowsBefore);
    expect(sql.prepare('SELECT seq, id FROM payment_allocations ORDER BY seq').all()).toEqual(allocationsBefore);
    expect(wrongSeqs(sql)).toEqual([]);
    expect(sql.prepare('SELECT customer_seq FROM payments WHERE id = ?').pluck().get(paymentOfCustomerNotHere)).toBeNull();
    expect(sql.prepare('SELECT payment_seq FROM payment_allocations WHERE id = ?').pluck().get(allocationOfPaymentNotHere)).toBeNull();
    expect(sql.prepare('SELECT invoice_seq FROM payment_allocations WHERE id = ?').pluck().get(allocationToInvoiceNotHere)).toBeNull();
    // Sync reads no seq; the app's rows read as before.
    expect(readRows(sql, 'payments', [paymentOfCustomerNotHere!]).get(paymentOfCustomerNotHere!)).not.toHaveProperty('customer_seq');
    expect(await readsOf(core, customerIds, invoiceIds, early)).toEqual(reads);

    // No index of either table holds a 36-character id, but those of the few rows still waiting for their parent.
    const indexed = sql
      .prepare(
        `SELECT m.name || ': ' || group_concat(i.name, ', ') FROM sqlite_master m, pragma_index_info(m.name) i
         WHERE m.type = 'index' AND m.tbl_name IN ('payments', 'payment_allocations') AND i.name IN ('customer_id', 'payment_id', 'invoice_id') GROUP BY m.name ORDER BY m.name`,
      )
      .pluck()
      .all();
    expect(indexed).toEqual(['payment_allocations_awaiting_invoice: invoice_id', 'payment_allocations_awaiting_payment: payment_id', 'payments_awaiting_customer: customer_id']);

    // The parents arrive: each waiting row takes its seq.
    const template = readRows(sql, 'payments', [reads.payments[0]!.id]).get(reads.payments[0]!.id)!;
    const stamps = { '*': '2026-11-21T09:00:00.000Z-0000-elsewhere' };
    applyPulledRows(core.context, [{ table: 'payments', id: paymentNotHere!, data: { ...template, number: 'PAY-2026-B-0002', customer_id: kamau.id }, stamps }]);
    const customerRow = readRows(sql, 'customers', [baraka.id]).get(baraka.id)!;
    applyPulledRows(core.context, [{ table: 'customers', id: customerNotHere!, data: { ...customerRow, name: 'Wanjiru Traders', email: 'w@example.com', phone: '0722 111222', code: 'C-9999' }, stamps }]);
    expect(wrongSeqs(sql)).toEqual([]);
    expect(sql.prepare('SELECT count(*) FROM payments WHERE customer_seq IS NULL').pluck().get()).toBe(0);
    expect(sql.prepare('SELECT count(*) FROM payment_allocations WHERE payment_seq IS NULL').pluck().get()).toBe(0);
    expect((await call(core, 'payments.list', { customerId: customerNotHere! })).rows.map((r) => r.number)).toEqual(['PAY-2026-B-0001']);
    core.close();
  }, 30_000);

  it('fills each seq when its parent arrives, in whatever order sync brings the rows, and again when sync writes a parent anew', async () => {
    const { core: source } = makeCore();
    const c = await customer(source);
    const inv = await invoice(source, c.id, { issueDate: '2026-10-01', lines: [line('A', 1, 100_000, 0)] });
    const first = await call(source, 'payments.record', pay(c.id, 60_000));
    const second = await call(source, 'payments.record', pay(c.id, 40_000));
    const allocationOf = (paymentId: string) => source.context.sql.prepare('SELECT id FROM payment_allocations WHERE payment_id = ?').pluck().get(paymentId) as string;
    const row = (table: SyncedTableName, id: string): SyncRow => ({
      table, id, data: readRows(source.context.sql, table, [id]).get(id)!, stamps: { '*': '2026-11-21T09:00:00.000Z-0000-source' },
    });
    const listed = async (core: TestCore) =>
      (await call(core, 'payments.list', { customerId: c.id, includeReversed: true })).rows.map((r) => [r.number, r.invoiceNumbers.join(' '), r.status]);
    const expected = [['PAY-2026-0002', 'INV-2026-0001', 'completed'], ['PAY-2026-0001', 'INV-2026-0001', 'completed']];

    // Children first, the customer last: every seq waits, then is filled.
    const { core } = makeCore();
    const sql = core.context.sql;
    for (const page of [
      [row('payment_allocations', allocationOf(first.id)), row('payment_allocations', allocationOf(second.id))],
      [row('payments', first.id), row('payments', second.id)],
      [row('invoices', inv.id)],
      [row('customers', c.id)],
    ]) {
      applyPulledRows(core.context, page);
      expect(wrongSeqs(sql)).toEqual([]);
    }
    expect(await listed(core)).toEqual(expected);
    expect((await call(core, 'payments.list', { invoiceId: inv.id })).rows.map((r) => r.number)).toEqual(['PAY-2026-0002', 'PAY-2026-0001']);
    expect((await call(core, 'invoices.get', { id: inv.id })).status).toBe('paid');
    expect((await call(core, 'statements.get', { customerId: c.id, from: '2026-01-01', to: '2026-11-21' })).lines.filter((l) => l.kind === 'payment')).toHaveLength(2);

    // The Cloud puts the first payment back as reversed: sync removes it and writes it again under a new seq,
    // and its allocation follows it (reversed with it), as does the invoice, which owes that part again.
    const seqBefore = sql.prepare('SELECT seq FROM payments WHERE id = ?').pluck().get(first.id) as number;
    await call(source, 'payments.reverse', { id: first.id, reason: 'Cheque bounced' });
    forceCloudState(core.context, [
      { table: 'payments', id: first.id, row: row('payments', first.id) },
      { table: 'payment_allocations', id: allocationOf(first.id), row: row('payment_allocations', allocationOf(first.id)) },
    ]);
    expect(sql.prepare('SELECT seq FROM payments WHERE id = ?').pluck().get(first.id)).not.toBe(seqBefore);
    expect(wrongSeqs(sql)).toEqual([]);
    // (Listed first now: a payment written again is the newest row of its day, as before migration 27.)
    expect(await listed(core)).toEqual([['PAY-2026-0001', 'INV-2026-0001', 'reversed'], ['PAY-2026-0002', 'INV-2026-0001', 'completed']]);
    expect((await call(core, 'invoices.get', { id: inv.id })).balanceMinor).toBe(60_000);

    // Another computer's earlier reversal of it: the payment alone is written anew, its allocation stays and follows it.
    const reversed = row('payments', first.id);
    const seqReversed = sql.prepare('SELECT seq FROM payments WHERE id = ?').pluck().get(first.id) as number;
    // (A later payment first, so the one written anew cannot take back the highest seq.)
    const later = await call(source, 'payments.record', pay(c.id, 1_000, { allocations: [] }));
    applyPulledRows(core.context, [row('payments', later.id)]);
    forceCloudState(core.context, [{ table: 'payments', id: first.id, row: { ...reversed, data: { ...reversed.data, reversed_at: '2026-11-21T08:59:00.000Z' } } }]);
    expect(sql.prepare('SELECT seq FROM payments WHERE id = ?').pluck().get(first.id)).not.toBe(seqReversed);
    expect(wrongSeqs(sql)).toEqual([]);
    expect((await call(core, 'payments.get', { id: first.id })).allocations.map((x) => [x.invoiceNumber, x.reversed])).toEqual([['INV-2026-0001', true]]);
    core.close();
    source.close();
  });

  it("keeps a payment's customer seq when its customer changes, and reads by customer, payment and invoice through the seqs' indexes", async () => {
    const { core } = makeCore();
    const sql = core.context.sql;
    const kamau = await customer(core, { name: 'Kamau Hardware' });
    const baraka = await customer(core, { name: 'Baraka Stores', email: 'baraka@example.com', phone: '0733 987654' });
    const inv = await invoice(core, kamau.id, { issueDate: '2026-10-01', lines: [line('A', 1, 100_000, 0)] });
    const paid = await call(core, 'payments.record', pay(kamau.id, 30_000, { allocations: [] }));
    expect((await call(core, 'payments.list', { customerId: kamau.id })).rows.map((r) => r.id)).toEqual([paid.id]);

    // Moved to another customer (as sync or a reassignment may): listed under that customer only.
    sql.prepare('UPDATE payments SET customer_id = ? WHERE id = ?').run(baraka.id, paid.id);
    expect(wrongSeqs(sql)).toEqual([]);
    expect((await call(core, 'payments.list', { customerId: kamau.id })).rows).toEqual([]);
    expect((await call(core, 'payments.list', { customerId: baraka.id })).rows.map((r) => r.id)).toEqual([paid.id]);

    // A raw insert that leaves the seqs out gets them: the payment is listed, the allocation counts.
    sql.prepare(`INSERT INTO payments (id, number, customer_id, amount_minor, currency, paid_on, method, created_at, updated_at)
      VALUES ('raw-payment', 'PAY-RAW-1', ?, 20000, 'KES', '2026-10-02', 'cash', '2026-10-02T09:00:00.000Z', '2026-10-02T09:00:00.000Z')`).run(kamau.id);
    sql.prepare(`INSERT INTO payment_allocations (id, payment_id, invoice_id, amount_minor, allocated_on, created_at)
      VALUES ('raw-allocation', 'raw-payment', ?, 20000, '2026-10-02', '2026-10-02T09:00:00.000Z')`).run(inv.id);
    expect(wrongSeqs(sql)).toEqual([]);
    expect(sql.db.prepare('SELECT invoice_numbers FROM payments WHERE id = ?').pluck().get('raw-payment')).toBe(inv.number);
    expect((await call(core, 'payments.list', { customerId: kamau.id })).rows.map((r) => r.id)).toEqual(['raw-payment']);
    expect((await call(core, 'payments.list', { invoiceId: inv.id })).rows.map((r) => r.id)).toEqual(['raw-payment']);

    const byCustomer = pagePaymentsSql(contract['payments.list'].input.parse({ customerId: kamau.id }));
    // Newest first, ties by seq: the index's order (the row's seq ends every entry), not a sort.
    const byCustomerPlan = planOf(sql, byCustomer.text, { ...byCustomer.params, limit: 100, offset: 0 });
    expect(byCustomerPlan).toContain('payments_by_customer (customer_seq=?)');
    expect(byCustomerPlan).not.toContain('TEMP B-TREE');
    const byInvoice = pagePaymentsSql(contract['payments.list'].input.parse({ invoiceId: inv.id }));
    expect(planOf(sql, byInvoice.text, { ...byInvoice.params, limit: 100, offset: 0 })).toContain('payment_allocations_by_invoice_date (invoice_seq=?)');

    // The payments report reads a covering index alone: by month, or by the customer's seq in that
    // order (no sort); grouped by customer after another key, it joins each payment's customer by seq.
    const records = (groupBy: string[], key: 'customer_id' | 'customer_seq') => {
      const q = paymentRecords(reportDefinitionSchema.parse({ rows: 'payments', groupBy }), {
        month: groupBy.includes('month'), groupedByMonthFirst: groupBy[0] === 'month', groupedByCustomerFirst: groupBy[0] === 'customer',
        status: groupBy.includes('status'), taxRate: false, detail: false,
      });
      const keys = groupBy.map((g) => (g === 'customer' ? key : g)).join(', ');
      return planOf(sql, `SELECT ${keys}, count(*), sum(amount) FROM (${q.text}) GROUP BY ${keys}`, q.params);
    };
    expect(records(['month'], 'customer_id')).toMatch(/^SCAN p USING COVERING INDEX payments_completed_by_month( \| USE TEMP B-TREE FOR GROUP BY)?$/);
    expect(records(['customer'], 'customer_seq')).toBe('SCAN p USING COVERING INDEX payments_by_customer');
    expect(records(['status', 'customer'], 'customer_id')).toMatch(/^SCAN p USING COVERING INDEX payments_completed_by_date \| SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    core.close();
  });
});
