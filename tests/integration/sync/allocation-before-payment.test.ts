import { describe, expect, it } from 'vitest';
import { applyPulledRows } from '../../../electron/core/sync/apply';
import { readRows } from '../../../electron/core/sync/rows';
import type { SyncRow, SyncedTableName } from '../../../shared/sync/tables';
import { call, makeCore } from '../../helpers/core';
import { customer, invoice, line } from '../../helpers/billing';

type TestCore = ReturnType<typeof makeCore>['core'];

/** A row as the Cloud would hand it over: what the recording computer's sync reads of it. */
const pulled = (source: TestCore, table: SyncedTableName, id: string, stamp = '2026-11-21T09:00:00.000Z-0000-source'): SyncRow => ({
  table, id, data: readRows(source.context.sql, table, [id]).get(id)!, stamps: { '*': stamp },
});

/**
 * The Cloud pages rows by their own order, so a payment's allocation can come a page before the payment.
 * The payment is then written with nothing allocated, and must still end up as applied as it is on the
 * computer that recorded it: otherwise it shows as credit the customer does not have.
 */
describe('a payment pulled after its allocations', () => {
  it('is as applied as on the computer that recorded it: no credit appears that the customer does not have', async () => {
    const { core: source } = makeCore();
    const c = await customer(source, { name: 'Kamau Hardware' });
    const inv = await invoice(source, c.id, { issueDate: '2026-10-01', lines: [line('Cement', 1, 100_000, 0)] });
    // 60,000 all on the invoice; 70,000 of which 40,000 settles the rest and 30,000 stays as credit.
    const whole = await call(source, 'payments.record', { customerId: c.id, amountMinor: 60_000, paidOn: '2026-11-20', method: 'cash' });
    const over = await call(source, 'payments.record', { customerId: c.id, amountMinor: 70_000, paidOn: '2026-11-21', method: 'mpesa', reference: 'QK12AB34CD' });
    const sourceSql = source.context.sql;
    const row = (table: SyncedTableName, id: string) => pulled(source, table, id);
    const allocations = sourceSql.prepare('SELECT id FROM payment_allocations ORDER BY seq').pluck().all() as string[];
    const seen = async (core: TestCore) => ({
      payments: (await Promise.all([whole.id, over.id].map((id) => call(core, 'payments.get', { id })))).map((p) => [p.number, p.allocatedMinor, p.unallocatedMinor]),
      creditMinor: (await call(core, 'customers.get', { id: c.id })).financials.creditMinor,
      invoice: await call(core, 'invoices.get', { id: inv.id }).then((i) => [i.status, i.balanceMinor]),
    });
    const expected = await seen(source);
    expect(expected).toEqual({ payments: [['PAY-2026-0001', 60_000, 0], ['PAY-2026-0002', 40_000, 30_000]], creditMinor: 30_000, invoice: ['paid', 0] });

    // Parents first, then the allocations a page before their payments: the invoice is already there when they arrive.
    const { core } = makeCore();
    for (const page of [[row('customers', c.id)], [row('invoices', inv.id)], allocations.map((id) => row('payment_allocations', id)), [row('payments', whole.id), row('payments', over.id)]]) {
      applyPulledRows(core.context, page);
    }
    expect(await seen(core)).toEqual(expected);

    // The allocations first of all, then the payments, then the invoice and customer.
    const { core: late } = makeCore();
    for (const page of [allocations.map((id) => row('payment_allocations', id)), [row('payments', whole.id), row('payments', over.id)], [row('invoices', inv.id)], [row('customers', c.id)]]) {
      applyPulledRows(late.context, page);
    }
    expect(await seen(late)).toEqual(expected);
    late.close();
    core.close();
    source.close();
  });

  it('gives a payment its credit back when its allocation is taken off an invoice on another computer (the allocation comes alone)', async () => {
    const { core: source } = makeCore();
    const c = await customer(source, { name: 'Kamau Hardware' });
    const inv = await invoice(source, c.id, { issueDate: '2026-10-01', lines: [line('Cement', 1, 100_000, 0)] });
    const paid = await call(source, 'payments.record', { customerId: c.id, amountMinor: 60_000, paidOn: '2026-11-20', method: 'cash', allocations: [{ invoiceId: inv.id, amountMinor: 60_000 }] });
    const sourceSql = source.context.sql;
    const row = (table: SyncedTableName, id: string, stamp: string) => pulled(source, table, id, stamp);
    const allocation = sourceSql.prepare('SELECT id FROM payment_allocations').pluck().get() as string;
    const seen = async (core: TestCore) => ({
      payment: await call(core, 'payments.get', { id: paid.id }).then((p) => [p.allocatedMinor, p.unallocatedMinor]),
      creditMinor: (await call(core, 'customers.get', { id: c.id })).financials.creditMinor,
      invoice: await call(core, 'invoices.get', { id: inv.id }).then((i) => [i.status, i.balanceMinor]),
    });
    const { core } = makeCore();
    const first = '2026-11-21T09:00:00.000Z-0000-source';
    applyPulledRows(core.context, [row('customers', c.id, first), row('invoices', inv.id, first), row('payments', paid.id, first), row('payment_allocations', allocation, first)]);
    expect(await seen(core)).toEqual(await seen(source));

    await call(source, 'payments.unapply', { paymentId: paid.id, invoiceId: inv.id, reason: 'Paid the wrong invoice' });
    const expected = await seen(source);
    expect(expected).toEqual({ payment: [0, 60_000], creditMinor: 60_000, invoice: ['open', 100_000] });
    applyPulledRows(core.context, [row('payment_allocations', allocation, '2026-11-21T10:00:00.000Z-0000-source')]);
    expect(await seen(core)).toEqual(expected);
    core.close();
    source.close();
  });
});
