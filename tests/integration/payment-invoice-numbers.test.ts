import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { pagePaymentsSql } from '../../electron/core/payments/repo';
import { applyPulledRows } from '../../electron/core/sync/apply';
import { readRows } from '../../electron/core/sync/rows';
import type { SyncRow, SyncedTableName } from '../../shared/sync/tables';
import { contract } from '../../shared/contract';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

type TestCore = ReturnType<typeof makeCore>['core'];

const pay = (customerId: string, amountMinor: number, extra: Record<string, unknown> = {}) => ({
  customerId, amountMinor, paidOn: '2026-11-21', method: 'cash' as const, ...extra,
});

/** Each payment's invoice numbers worked out from its allocations, as the list read them before migration 19 (in allocation id order, the order of its index then; said since migration 20). */
const numbersFromAllocations = (core: TestCore) =>
  core.context.sql.db
    .prepare(
      `SELECT number, (SELECT group_concat(DISTINCT i.number ORDER BY a.id) FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id
         WHERE a.payment_id = p.id) AS numbers FROM payments p ORDER BY seq`,
    )
    .all() as { number: string; numbers: string | null }[];

const keptNumbers = (core: TestCore) =>
  core.context.sql.db.prepare('SELECT number, invoice_numbers AS numbers FROM payments ORDER BY seq').all() as { number: string; numbers: string | null }[];

// Sorted: allocations made in the same millisecond are in the order of their ids' random tails.
const listed = async (core: TestCore, customerId: string) =>
  (await call(core, 'payments.list', { customerId, includeReversed: true })).rows.map((r) => [r.number, [...r.invoiceNumbers].sort().join(' ')]);

describe('payments list: the invoices each payment went to', () => {
  it('reads them from the payment, not per allocation, and keeps them in step however allocations change', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const a = await invoice(core, c.id, { issueDate: '2026-10-01', lines: [line('A', 1, 200_000, 0)] });
    await invoice(core, c.id, { issueDate: '2026-10-10', lines: [line('B', 1, 300_000, 0)] });
    // One payment over two invoices, with credit left over; the credit then pays a third invoice.
    const first = await call(core, 'payments.record', pay(c.id, 600_000));
    expect(await listed(core, c.id)).toEqual([['PAY-2026-0001', 'INV-2026-0001 INV-2026-0002']]);
    await invoice(core, c.id, { issueDate: '2026-11-01', lines: [line('C', 1, 250_000, 0)] });
    await call(core, 'payments.applyCredit', { customerId: c.id });
    expect(await listed(core, c.id)).toEqual([['PAY-2026-0001', 'INV-2026-0001 INV-2026-0002 INV-2026-0003']]);
    // Taken off one invoice, or reversed: the list still names every invoice the payment went to.
    await call(core, 'payments.unapply', { paymentId: first.id, invoiceId: a.id, reason: 'Paid the wrong invoice' });
    const second = await call(core, 'payments.record', pay(c.id, 50_000));
    await call(core, 'payments.reverse', { id: second.id, reason: 'Cheque bounced' });
    expect(await listed(core, c.id)).toEqual([
      ['PAY-2026-0002', 'INV-2026-0001'],
      ['PAY-2026-0001', 'INV-2026-0001 INV-2026-0002 INV-2026-0003'],
    ]);
    // An allocation removed (as a refused sync change puts rows back) is no longer named.
    core.context.sql.db.prepare('DELETE FROM payment_allocations WHERE payment_id = ?').run(second.id);
    expect(await listed(core, c.id)).toEqual([
      ['PAY-2026-0002', ''],
      ['PAY-2026-0001', 'INV-2026-0001 INV-2026-0002 INV-2026-0003'],
    ]);
    expect(keptNumbers(core)).toEqual(numbersFromAllocations(core));

    // The page reads payments and customers only: no allocation or invoice row per payment.
    const { text, params } = pagePaymentsSql(contract['payments.list'].input.parse({ customerId: c.id }));
    const plan = (core.context.sql.db.prepare(`EXPLAIN QUERY PLAN ${text}`).all({ ...params, limit: 100, offset: 0 }) as { detail: string }[]).map((r) => r.detail);
    expect(plan.filter((d) => /payment_allocations|invoices/.test(d))).toEqual([]);
    core.close();
  });

  it('names the invoices of a payment whose rows reach another computer in any order', async () => {
    // Sync writes rows in the Cloud's order, a page at a time: an allocation can come before its
    // payment or its invoice (a page ends between them, or the invoice changed later).
    const { core: source } = makeCore();
    const c = await customer(source);
    const inv = await invoice(source, c.id, { issueDate: '2026-10-01', lines: [line('A', 1, 100_000, 0)] });
    const paid = await call(source, 'payments.record', pay(c.id, 100_000));
    const allocationId = (source.context.sql.db.prepare('SELECT id FROM payment_allocations WHERE payment_id = ?').get(paid.id) as { id: string }).id;
    const row = (table: SyncedTableName, id: string): SyncRow => ({
      table, id, data: readRows(source.context.sql, table, [id]).get(id)!, stamps: { '*': '2026-11-21T09:00:00.000Z-0000-source' },
    });
    const rows = { customer: row('customers', c.id), invoice: row('invoices', inv.id), payment: row('payments', paid.id), allocation: row('payment_allocations', allocationId) };
    for (const pages of [
      [[rows.customer, rows.payment, rows.allocation], [rows.invoice]],
      [[rows.customer, rows.invoice, rows.allocation], [rows.payment]],
      [[rows.customer, rows.allocation], [rows.payment], [rows.invoice]],
    ]) {
      const { core } = makeCore();
      for (const page of pages) applyPulledRows(core.context, page);
      expect(await listed(core, c.id)).toEqual([['PAY-2026-0001', 'INV-2026-0001']]);
      // Sync's correction of a number finalized elsewhere writes the invoice again under the Cloud's number.
      core.context.sql.db.pragma('foreign_keys = OFF');
      core.context.sql.db.prepare('DELETE FROM invoices WHERE id = ?').run(inv.id);
      core.context.sql.db.pragma('foreign_keys = ON');
      expect(await listed(core, c.id)).toEqual([['PAY-2026-0001', '']]);
      applyPulledRows(core.context, [{ ...rows.invoice, data: { ...rows.invoice.data, number: 'INV-2026-0099' }, stamps: { '*': '2026-11-21T09:00:01.000Z-0000-source' } }]);
      expect(await listed(core, c.id)).toEqual([['PAY-2026-0001', 'INV-2026-0099']]);
      expect(keptNumbers(core)).toEqual(numbersFromAllocations(core));
      core.close();
    }
    source.close();
  });

  it('fills them in when older books are upgraded, and keeps them after', async () => {
    const dir = tempDir();
    const before = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const c = await customer(before.core);
    const other = await customer(before.core, { name: 'Baraka Hardware', email: 'b@example.com', phone: '0733 987654' });
    for (let n = 0; n < 4; n++) await invoice(before.core, c.id, { issueDate: `2026-10-0${n + 1}`, lines: [line('A', 1, 100_000, 0)] });
    await invoice(before.core, other.id, { issueDate: '2026-10-05', lines: [line('B', 1, 100_000, 0)] });
    await call(before.core, 'payments.record', pay(c.id, 250_000));
    await call(before.core, 'payments.record', pay(c.id, 100_000));
    await call(before.core, 'payments.record', pay(other.id, 40_000));
    await call(before.core, 'payments.record', pay(other.id, 500_000));
    const lists = [await listed(before.core, c.id), await listed(before.core, other.id)];
    expect(lists[0]).toEqual([['PAY-2026-0002', 'INV-2026-0003 INV-2026-0004'], ['PAY-2026-0001', 'INV-2026-0001 INV-2026-0002 INV-2026-0003']]);
    before.core.close();
    rewindBooks(path.join(dir, 'billbook.db'), 17);

    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 17, to: MIGRATIONS.at(-1)!.version });
    expect([await listed(core, c.id), await listed(core, other.id)]).toEqual(lists);
    // A payment recorded after the upgrade: its credit pays an invoice made later.
    await call(core, 'payments.record', pay(c.id, 200_000));
    await invoice(core, c.id, { issueDate: '2026-11-02', lines: [line('C', 1, 100_000, 0)] });
    await call(core, 'payments.applyCredit', { customerId: c.id });
    expect((await listed(core, c.id))[0]).toEqual(['PAY-2026-0005', 'INV-2026-0004 INV-2026-0006']);
    expect(keptNumbers(core)).toEqual(numbersFromAllocations(core));
    core.close();
  }, 30_000);
});
