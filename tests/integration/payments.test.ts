import { describe, expect, it } from 'vitest';
import { call, makeCore, refused } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

const pay = (customerId: string, amountMinor: number, extra: Record<string, unknown> = {}) => ({
  customerId, amountMinor, paidOn: '2026-11-21', method: 'cash' as const, ...extra,
});

describe('payments', () => {
  it('takes a partial M-Pesa payment, then the rest, and marks the invoice paid', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const inv = await invoice(core, c.id, { issueDate: '2026-11-11' });
    const first = await call(core, 'payments.record', pay(c.id, 2_000_000, { method: 'mpesa', reference: 'qjk3h7z2xp' }));
    expect(first).toMatchObject({ number: 'PAY-2026-0001', reference: 'QJK3H7Z2XP', allocatedMinor: 2_000_000, unallocatedMinor: 0 });
    expect(await call(core, 'invoices.get', { id: inv.id })).toMatchObject({ status: 'partially_paid', paidMinor: 2_000_000, balanceMinor: 3_220_000 });

    const rest = await call(core, 'payments.record', pay(c.id, 3_220_000, { paidOn: '2026-11-21', method: 'bank', reference: 'FT2611' }));
    expect(rest.allocations).toEqual([expect.objectContaining({ invoiceId: inv.id, amountMinor: 3_220_000 })]);
    const paid = await call(core, 'invoices.get', { id: inv.id });
    expect(paid).toMatchObject({ status: 'paid', balanceMinor: 0, paidOn: '2026-11-21' });
    expect(paid.payments.map((p) => p.paymentNumber)).toEqual(['PAY-2026-0001', 'PAY-2026-0002']);
    expect((await call(core, 'customers.get', { id: c.id })).financials).toMatchObject({
      paidMinor: 5_220_000, outstandingMinor: 0, creditMinor: 0, averageDaysToPay: 10,
    });
  });

  it('checks the shape of an M-Pesa code and refuses one already recorded', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    await invoice(core, c.id);
    expect((await refused(core, 'payments.record', pay(c.id, 100, { method: 'mpesa' }))).fields?.reference).toMatch(/transaction code/);
    expect((await refused(core, 'payments.record', pay(c.id, 100, { method: 'mpesa', reference: 'QJK3H7' }))).fields?.reference).toMatch(/10 letters and digits/);
    await call(core, 'payments.record', pay(c.id, 100, { method: 'mpesa', reference: 'QJK3H7Z2XP' }));
    const again = await refused(core, 'payments.record', pay(c.id, 100, { method: 'mpesa', reference: 'QJK 3H7 Z2XP' }));
    expect(again.message).toMatch(/already recorded as PAY-2026-0001/);
  });

  it('spreads one payment over several invoices, oldest due first, and keeps an overpayment as credit', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const newer = await invoice(core, c.id, { issueDate: '2026-11-10', lines: [line('B', 1, 300_000, 0)] });
    const older = await invoice(core, c.id, { issueDate: '2026-10-01', lines: [line('A', 1, 200_000, 0)] });
    const proposal = await call(core, 'payments.proposeAllocation', { customerId: c.id, amountMinor: 600_000 });
    expect(proposal.allocations.map((a) => [a.invoiceNumber, a.amountMinor])).toEqual([['INV-2026-0002', 200_000], ['INV-2026-0001', 300_000]]);
    expect(proposal.creditMinor).toBe(100_000);

    const p = await call(core, 'payments.record', pay(c.id, 600_000));
    expect(p).toMatchObject({ allocatedMinor: 500_000, unallocatedMinor: 100_000 });
    expect((await call(core, 'invoices.get', { id: older.id })).status).toBe('paid');
    expect((await call(core, 'invoices.get', { id: newer.id })).status).toBe('paid');
    expect((await call(core, 'customers.get', { id: c.id })).financials).toMatchObject({ creditMinor: 100_000, outstandingMinor: 0 });

    // The credit pays the next invoice when applied.
    const next = await invoice(core, c.id, { lines: [line('C', 1, 250_000, 0)] });
    expect(await call(core, 'payments.applyCredit', { customerId: c.id })).toEqual({ appliedMinor: 100_000, creditLeftMinor: 0 });
    expect(await call(core, 'invoices.get', { id: next.id })).toMatchObject({ status: 'partially_paid', balanceMinor: 150_000 });
    expect((await call(core, 'customers.get', { id: c.id })).financials).toMatchObject({ creditMinor: 0, outstandingMinor: 150_000 });
    expect((await refused(core, 'payments.applyCredit', { customerId: c.id })).message).toMatch(/no unused credit/);
  });

  it('refuses over-allocation, paying a draft, another customer\'s invoice, and future dates', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const other = await customer(core, { name: 'Baraka Hardware', email: 'b@example.com', phone: '0733 987654' });
    const inv = await invoice(core, c.id, { lines: [line('A', 1, 100_000, 0)] });
    const over = await refused(core, 'payments.record', pay(c.id, 200_000, { allocations: [{ invoiceId: inv.id, amountMinor: 150_000 }] }));
    expect(over.code).toBe('invalid_input');
    expect(over.message).toMatch(/KES 1,500.00 is more than the KES 1,000.00 still owed on INV-2026-0001/);
    const more = await refused(core, 'payments.record', pay(c.id, 100, { allocations: [{ invoiceId: inv.id, amountMinor: 200 }] }));
    expect(more.fields?.allocations).toMatch(/more than the payment/);
    const foreign = await refused(core, 'payments.record', pay(other.id, 100, { allocations: [{ invoiceId: inv.id, amountMinor: 100 }] }));
    expect(foreign.message).toMatch(/not one of Baraka Hardware's/);
    const d = await call(core, 'drafts.create', { draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('x', 1, 100)] } });
    expect((await refused(core, 'payments.record', pay(c.id, 100, { allocations: [{ invoiceId: d.id, amountMinor: 100 }] }))).message).toMatch(/is a draft/);
    expect((await refused(core, 'payments.record', pay(c.id, 100, { paidOn: '2026-11-22' }))).fields?.paidOn).toBeDefined();
    expect((await call(core, 'payments.list', { customerId: c.id })).total).toBe(0);
  });

  it('reverses a payment with a reason: the invoice owes again and nothing is deleted', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const inv = await invoice(core, c.id, { lines: [line('A', 1, 100_000, 0)] });
    const p = await call(core, 'payments.record', pay(c.id, 150_000));
    expect(await call(core, 'invoices.get', { id: inv.id })).toMatchObject({ status: 'paid' });
    expect((await refused(core, 'payments.reverse', { id: p.id, reason: '' })).fields).toHaveProperty('reason');
    const reversed = await call(core, 'payments.reverse', { id: p.id, reason: 'Cheque bounced' });
    expect(reversed).toMatchObject({ status: 'reversed', reversalReason: 'Cheque bounced', unallocatedMinor: 0 });
    expect(reversed.allocations).toEqual([expect.objectContaining({ invoiceId: inv.id, reversed: true })]);
    const after = await call(core, 'invoices.get', { id: inv.id });
    expect(after).toMatchObject({ status: 'open', paidMinor: 0, balanceMinor: 100_000, paidOn: null });
    expect(after.payments).toEqual([expect.objectContaining({ reversed: true })]);
    expect((await call(core, 'customers.get', { id: c.id })).financials).toMatchObject({ paidMinor: 0, creditMinor: 0, outstandingMinor: 100_000 });
    expect((await refused(core, 'payments.reverse', { id: p.id, reason: 'again' })).message).toMatch(/already reversed/);
    const list = await call(core, 'payments.list', { customerId: c.id });
    expect(list.rows.map((r) => [r.number, r.status])).toEqual([['PAY-2026-0001', 'reversed']]);
    expect((await call(core, 'payments.list', { customerId: c.id, includeReversed: false })).total).toBe(0);
  });

  it('shows overdue when read, by the clock, without any save', async () => {
    const { core, clock } = makeCore();
    const c = await customer(core, { paymentTermsDays: 7 });
    const inv = await invoice(core, c.id);
    expect((await call(core, 'invoices.get', { id: inv.id })).overdue).toBe(false);
    expect((await call(core, 'customers.get', { id: c.id })).financials.paymentStatus).toBe('warning');
    clock.set('2026-12-01T09:00:00Z');
    const late = await call(core, 'invoices.get', { id: inv.id });
    expect(late).toMatchObject({ status: 'open', overdue: true, daysOverdue: 3 });
    expect((await call(core, 'invoices.list', { status: 'overdue' })).rows.map((r) => r.id)).toEqual([inv.id]);
    expect((await call(core, 'customers.get', { id: c.id })).financials.paymentStatus).toBe('overdue');
  });
});
