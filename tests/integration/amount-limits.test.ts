// Money is integers in JavaScript numbers: exact only up to 2^53. One amount is capped at 10^13 minor
// units (100 billion with cents), and a customer's running totals at 10^15, checked as they are written.
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_MINOR, MAX_BALANCE_MINOR } from '../../shared/money';
import { call, makeCore, refused } from '../helpers/core';
import { customer, draft, line } from '../helpers/billing';

const pay = (customerId: string, amountMinor: number) => ({ customerId, amountMinor, paidOn: '2026-11-21', method: 'cash' as const });

describe('amount limits', () => {
  it('documents caps that keep any sum of a few totals exact', () => {
    expect(MAX_AMOUNT_MINOR).toBe(10 ** 13);
    expect(MAX_BALANCE_MINOR).toBe(10 ** 15);
    // Billed, paid, credit and outstanding added in one expression still stay exact.
    expect(4 * MAX_BALANCE_MINOR).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  it('refuses one payment over the cap, and the six payments of MAX_SAFE_INTEGER/4 that once passed 2^53', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const tooBig = await refused(core, 'payments.record', pay(c.id, MAX_AMOUNT_MINOR + 1));
    expect(tooBig.code).toBe('invalid_input');
    expect(tooBig.fields?.amountMinor).toMatch(/too large.*100 billion/i);
    expect((await refused(core, 'payments.record', pay(c.id, Math.floor(Number.MAX_SAFE_INTEGER / 4)))).fields?.amountMinor).toMatch(/too large/i);
    expect((await call(core, 'payments.record', pay(c.id, MAX_AMOUNT_MINOR))).unallocatedMinor).toBe(MAX_AMOUNT_MINOR);
    expect((await call(core, 'customers.get', { id: c.id })).financials.creditMinor).toBe(MAX_AMOUNT_MINOR);
  });

  it('refuses a line, a discount, an invoice total and a credit limit over the cap, each with its field', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const half = MAX_AMOUNT_MINOR / 2;
    const oneLine = await refused(core, 'drafts.create', { draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('Ship', 2, half + 1, null)] } });
    expect(oneLine.fields?.['draft.lines.0.unitPriceMinor']).toMatch(/line comes to more than/i);
    // Each line fits; with VAT on top the invoice does not.
    const total = await refused(core, 'drafts.create', { draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('Ship', 1, half), line('Crane', 1, half)] } });
    expect(total.fields?.['draft.lines']).toMatch(/invoice total .*more than/i);
    const discount = await refused(core, 'drafts.create', {
      draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('Ship', 1, 100, null)], discount: { kind: 'amount', minor: MAX_AMOUNT_MINOR + 1 } },
    });
    expect(discount.fields?.['draft.discount.minor']).toMatch(/too large/i);
    const limit = await refused(core, 'customers.create', { name: 'Big Ltd', creditLimitMinor: MAX_AMOUNT_MINOR + 1 });
    expect(limit.fields?.creditLimitMinor).toMatch(/too large/i);
    // Exactly at the cap is fine.
    const atCap = await call(core, 'drafts.create', { draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('Ship', 1, MAX_AMOUNT_MINOR, null)] } });
    expect(atCap.totals.totalMinor).toBe(MAX_AMOUNT_MINOR);
  });

  it('refuses the payment that would take a customer’s credit past the cap, and changes nothing', async () => {
    const { core } = makeCore();
    const c = await customer(core, { name: 'Whale Ltd' });
    for (let i = 0; i < MAX_BALANCE_MINOR / MAX_AMOUNT_MINOR; i++) await call(core, 'payments.record', pay(c.id, MAX_AMOUNT_MINOR));
    expect((await call(core, 'customers.get', { id: c.id })).financials.creditMinor).toBe(MAX_BALANCE_MINOR);
    const over = await refused(core, 'payments.record', pay(c.id, 1));
    expect(over.code).toBe('invalid_input');
    expect(over.message).toMatch(/Whale Ltd.*credit.*Nothing was changed/);
    expect((await call(core, 'customers.get', { id: c.id })).financials.creditMinor).toBe(MAX_BALANCE_MINOR);
    expect((await call(core, 'payments.list', { customerId: c.id })).total).toBe(100);
  });

  it('refuses the invoice that would take a customer’s billed total past the cap', async () => {
    const { core } = makeCore();
    const c = await customer(core, { name: 'Whale Ltd' });
    const finalize = async (priceMinor: number) => {
      const d = await draft(core, c.id, { lines: [line('Ship', 1, priceMinor, null)] });
      return core.api['invoices.finalize']({ id: d.id, version: d.draft.version });
    };
    for (let i = 0; i < MAX_BALANCE_MINOR / MAX_AMOUNT_MINOR; i++) expect((await finalize(MAX_AMOUNT_MINOR)).ok).toBe(true);
    const over = await finalize(1);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error.message).toMatch(/Whale Ltd.*billed.*Nothing was changed/);
    expect((await call(core, 'customers.get', { id: c.id })).financials.billedMinor).toBe(MAX_BALANCE_MINOR);
  });
});
