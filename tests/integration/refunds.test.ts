import { describe, expect, it } from 'vitest';
import { call, makeCore, refused } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

const pay = (customerId: string, amountMinor: number, extra: Record<string, unknown> = {}) => ({
  customerId, amountMinor, paidOn: '2026-11-20', method: 'cash' as const, ...extra,
});
const refund = (customerId: string, amountMinor: number, extra: Record<string, unknown> = {}) => ({
  customerId, amountMinor, refundedOn: '2026-11-21', method: 'mpesa' as const, reference: 'RK12ABC34D', ...extra,
});

/** A customer who paid KES 1,500 against an invoice of KES 1,000: KES 500 of credit. */
async function withCredit() {
  const made = makeCore();
  const c = await customer(made.core);
  const inv = await invoice(made.core, c.id, { issueDate: '2026-11-10', lines: [line('Consulting', 1, 100_000, 0)] });
  await call(made.core, 'payments.record', pay(c.id, 150_000));
  return { ...made, c, inv };
}

describe('refunds', () => {
  it('refunds part of a credit by M-Pesa, numbered in its own series, and leaves the rest as credit', async () => {
    const { core, c } = await withCredit();
    expect(await call(core, 'refunds.refundable', { customerId: c.id })).toEqual({ customerId: c.id, currency: 'KES', creditMinor: 50_000, excessMinor: 0 });
    const r = await call(core, 'refunds.record', refund(c.id, 20_000, { reference: 'rk12 abc 34d', notes: 'Paid twice by mistake' }));
    expect(r).toMatchObject({ number: 'REF-2026-0001', amountMinor: 20_000, method: 'mpesa', reference: 'RK12ABC34D', status: 'completed', customerName: 'Wanjiku Traders' });
    expect((await call(core, 'customers.get', { id: c.id })).financials).toMatchObject({ creditMinor: 30_000, refundedMinor: 20_000, refundExcessMinor: 0, outstandingMinor: 0 });
    const second = await call(core, 'refunds.record', refund(c.id, 30_000, { method: 'cash', reference: '' }));
    expect(second.number).toBe('REF-2026-0002');
    expect((await call(core, 'customers.get', { id: c.id })).financials).toMatchObject({ creditMinor: 0, refundedMinor: 50_000 });
    expect((await call(core, 'refunds.list', { customerId: c.id })).rows.map((x) => x.number)).toEqual(['REF-2026-0002', 'REF-2026-0001']);
  });

  it('refunds no more than the credit, and nothing when there is none', async () => {
    const { core, c } = await withCredit();
    const over = await refused(core, 'refunds.record', refund(c.id, 50_001));
    expect(over.code).toBe('invalid_input');
    expect(over.fields?.amountMinor).toMatch(/At most KES 500.00/);
    await call(core, 'refunds.record', refund(c.id, 50_000));
    const none = await refused(core, 'refunds.record', refund(c.id, 1, { method: 'cash', reference: '' }));
    expect(none.message).toMatch(/no credit to refund/);
    const fresh = await customer(core, { name: 'Baraka Hardware', email: 'b@example.com', phone: '0733 987654' });
    expect((await refused(core, 'refunds.record', refund(fresh.id, 100))).message).toMatch(/no credit to refund/);
    // The form's own checks: an M-Pesa code, no future dates, more than zero.
    expect((await refused(core, 'refunds.record', refund(c.id, 100, { reference: '' }))).fields?.reference).toMatch(/M-Pesa code/);
    expect((await refused(core, 'refunds.record', refund(c.id, 100, { refundedOn: '2026-11-22' }))).fields?.refundedOn).toBeDefined();
    expect((await refused(core, 'refunds.record', refund(c.id, 0))).fields?.amountMinor).toBeDefined();
    expect((await call(core, 'refunds.list', { customerId: c.id })).total).toBe(1);
  });

  it('records one refund for one form however often it is sent', async () => {
    const { core, c } = await withCredit();
    const key = 'refund-form-0001';
    const first = await call(core, 'refunds.record', refund(c.id, 10_000, { idempotencyKey: key }));
    const again = await call(core, 'refunds.record', refund(c.id, 10_000, { idempotencyKey: key }));
    expect(again.id).toBe(first.id);
    expect((await refused(core, 'refunds.record', refund(c.id, 20_000, { idempotencyKey: key }))).message).toMatch(/already recorded REF-2026-0001/);
    expect((await call(core, 'refunds.list', {})).total).toBe(1);
  });

  it('reverses a refund with a reason: the money is credit again, the record stays, and its number is not reused', async () => {
    const { core, c } = await withCredit();
    const r = await call(core, 'refunds.record', refund(c.id, 50_000));
    expect((await refused(core, 'refunds.reverse', { id: r.id, reason: '' })).fields).toHaveProperty('reason');
    const reversed = await call(core, 'refunds.reverse', { id: r.id, reason: 'M-Pesa transfer bounced back' });
    expect(reversed).toMatchObject({ status: 'reversed', reversalReason: 'M-Pesa transfer bounced back', reversedOn: '2026-11-21' });
    expect((await call(core, 'customers.get', { id: c.id })).financials).toMatchObject({ creditMinor: 50_000, refundedMinor: 0 });
    expect((await refused(core, 'refunds.reverse', { id: r.id, reason: 'again' })).message).toMatch(/already reversed/);
    const next = await call(core, 'refunds.record', refund(c.id, 50_000, { method: 'bank', reference: 'FT-9921' }));
    expect(next.number).toBe('REF-2026-0002');
    expect((await call(core, 'refunds.list', { customerId: c.id })).rows.map((x) => [x.number, x.status])).toEqual([
      ['REF-2026-0002', 'completed'], ['REF-2026-0001', 'reversed'],
    ]);
    // The books hold the refund as it was made: a reversal changes its state, never its content.
    expect(() => core.context.sql.db.prepare('UPDATE refunds SET amount_minor = 1 WHERE id = ?').run(r.id)).toThrow(/never changes/);
    expect(() => core.context.sql.db.prepare("UPDATE refunds SET status = 'completed' WHERE id = ?").run(r.id)).toThrow(/stays reversed/);
  });

  it('writes the audit log and the customer activity for each refund and reversal', async () => {
    const { core, c } = await withCredit();
    const r = await call(core, 'refunds.record', refund(c.id, 20_000));
    await call(core, 'refunds.reverse', { id: r.id, reason: 'Sent to the wrong number' });
    const audit = core.context.sql.db.prepare("SELECT history_word(action) AS action, summary_text(summary) AS summary FROM audit_log WHERE history_word(entity) = 'refund' ORDER BY id").all() as { action: string; summary: string }[];
    expect(audit.map((a) => a.action)).toEqual(['refunded', 'refund reversed']);
    expect(audit[0]!.summary).toMatch(/Refund REF-2026-0001: KES 200.00 by mpesa \(RK12ABC34D\).*KES 300.00 of credit left/);
    expect(audit[1]!.summary).toMatch(/reversed: Sent to the wrong number/);
    // Each change goes out to the other computers.
    const outbox = core.context.sql.db.prepare("SELECT mutation, rows FROM changes WHERE mutation LIKE 'refunds.%' ORDER BY rowid").all() as { mutation: string; rows: string }[];
    const refundRows = outbox.map((o) => [o.mutation, (JSON.parse(o.rows) as string[][]).filter(([table]) => table === 'refunds')]);
    expect(refundRows).toEqual([['refunds.record', [['refunds', r.id]]], ['refunds.reverse', [['refunds', r.id]]]]);
  });

  it('keeps refunded credit out of what credit can pay, oldest credit first', async () => {
    const { core, c } = await withCredit();
    await call(core, 'refunds.record', refund(c.id, 30_000));
    const next = await invoice(core, c.id, { lines: [line('Support', 1, 100_000, 0)] });
    expect(await call(core, 'payments.applyCredit', { customerId: c.id })).toEqual({ appliedMinor: 20_000, creditLeftMinor: 0 });
    expect(await call(core, 'invoices.get', { id: next.id })).toMatchObject({ status: 'partially_paid', balanceMinor: 80_000 });
    expect((await call(core, 'customers.get', { id: c.id })).financials).toMatchObject({ creditMinor: 0, refundedMinor: 30_000, refundExcessMinor: 0 });
    expect((await refused(core, 'refunds.record', refund(c.id, 1))).message).toMatch(/no credit to refund/);
  });

  it('shows what was refunded beyond the credit when the payment behind it is reversed', async () => {
    const { core, c } = await withCredit();
    const p = (await call(core, 'payments.list', { customerId: c.id })).rows[0]!;
    await call(core, 'refunds.record', refund(c.id, 50_000));
    await call(core, 'payments.reverse', { id: p.id, reason: 'Cheque bounced' });
    // The payment is gone, so the invoice owes again and the refund was money the customer never had.
    expect((await call(core, 'customers.get', { id: c.id })).financials).toMatchObject({
      creditMinor: 0, refundedMinor: 50_000, refundExcessMinor: 50_000, outstandingMinor: 100_000,
    });
    expect(await call(core, 'refunds.refundable', { customerId: c.id })).toMatchObject({ creditMinor: 0, excessMinor: 50_000 });
  });
});
