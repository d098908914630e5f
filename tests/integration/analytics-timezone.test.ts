// Business dates are the device's days, not UTC's: a reversal just after midnight in Nairobi
// belongs to the new day in the receivables of the old one.
process.env.TZ = 'Africa/Nairobi';
import { expect, it } from 'vitest';
import { call, makeCore } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

it('counts a payment reversed at 01:30 on 1 November as standing on 31 October', async () => {
  const { core, clock } = makeCore('2026-10-01T06:00:00.000Z');
  const buyer = await customer(core, { paymentTermsDays: 30 });
  const bill = await invoice(core, buyer.id, { issueDate: '2026-10-01', lines: [line('Goods', 1, 100_000, null)] });
  clock.set('2026-10-10T06:00:00.000Z');
  const paid = await call(core, 'payments.record', { customerId: buyer.id, amountMinor: 100_000, paidOn: '2026-10-10', method: 'cash', allocations: [{ invoiceId: bill.id, amountMinor: 100_000 }] });
  clock.set('2026-10-31T22:30:00.000Z'); // 1 November, 01:30 in Nairobi
  await call(core, 'payments.reverse', { id: paid.id, reason: 'bounced cheque' });
  clock.set('2026-11-21T06:00:00.000Z');
  const october = await call(core, 'analytics.dashboard', { period: { preset: 'lastMonth' } });
  expect(october.currencies[0]!.kpis.find((k) => k.key === 'outstanding')!.value).toBe(0);
  const november = await call(core, 'analytics.dashboard', { period: { preset: 'thisMonth' } });
  expect(november.currencies[0]!.kpis.find((k) => k.key === 'outstanding')!.value).toBe(100_000);
});
