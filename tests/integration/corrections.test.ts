import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { fixedClock } from '../../electron/core/clock';
import { call, makeCore, refused } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

describe('corrections and the edges of the ledger', () => {
  it('credits VAT across several credit notes to the cent of the invoice', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const one = await invoice(core, c.id, { lines: [line('Goods', 1, 100_000, 1600)] }); // 1,000 + 160 VAT
    const a = await call(core, 'invoices.creditNote', { invoiceId: one.id, amountMinor: 38_700, reason: 'Part return' });
    const b = await call(core, 'invoices.creditNote', { invoiceId: one.id, amountMinor: 38_700, reason: 'Part return' });
    const rest = await call(core, 'invoices.creditNote', { invoiceId: one.id, reason: 'The rest' });
    expect(a.taxMinor + b.taxMinor + rest.taxMinor).toBe(16_000);
    expect(a.amountMinor + b.amountMinor + rest.amountMinor).toBe(116_000);

    const two = await invoice(core, c.id, { lines: [line('Standard', 1, 10_000, 1600), line('Reduced', 1, 10_000, 800)] });
    const notes = [
      await call(core, 'invoices.creditNote', { invoiceId: two.id, amountMinor: 7_777, reason: 'Part' }),
      await call(core, 'invoices.creditNote', { invoiceId: two.id, amountMinor: 7_777, reason: 'Part' }),
      await call(core, 'invoices.creditNote', { invoiceId: two.id, reason: 'Rest' }),
    ];
    const byRate = (rate: number) => notes.flatMap((n) => n.taxSummary).filter((r) => r.taxRateBp === rate);
    expect(byRate(1600).reduce((s, r) => s + r.taxMinor, 0)).toBe(1_600);
    expect(byRate(800).reduce((s, r) => s + r.taxMinor, 0)).toBe(800);
    expect(byRate(800).reduce((s, r) => s + r.netMinor, 0)).toBe(10_000);
  });

  it('takes a payment off one invoice, keeping the money as credit, so a settled invoice can be corrected', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const a = await invoice(core, c.id, { issueDate: '2026-11-01', lines: [line('A', 1, 100_000, 0)] });
    const p = await call(core, 'payments.record', { customerId: c.id, amountMinor: 150_000, paidOn: '2026-11-21', method: 'cash' });
    const b = await invoice(core, c.id, { lines: [line('B', 1, 50_000, 0)] });
    await call(core, 'payments.applyCredit', { customerId: c.id });
    expect((await call(core, 'invoices.get', { id: b.id })).status).toBe('paid');
    expect((await refused(core, 'invoices.creditNote', { invoiceId: b.id, reason: 'Wrong invoice' })).message).toMatch(/take the payment off it/);

    expect((await refused(core, 'payments.unapply', { paymentId: p.id, invoiceId: b.id, reason: '' })).fields).toHaveProperty('reason');
    const after = await call(core, 'payments.unapply', { paymentId: p.id, invoiceId: b.id, reason: 'B was billed by mistake' });
    expect(after).toMatchObject({ allocatedMinor: 100_000, unallocatedMinor: 50_000, status: 'completed' });
    expect(await call(core, 'invoices.get', { id: b.id })).toMatchObject({ status: 'open', balanceMinor: 50_000 });
    expect(await call(core, 'invoices.get', { id: a.id })).toMatchObject({ status: 'paid' });
    expect((await call(core, 'invoices.void', { id: b.id, reason: 'Billed by mistake' })).status).toBe('void');
    expect((await call(core, 'customers.get', { id: c.id })).financials).toMatchObject({ creditMinor: 50_000, outstandingMinor: 0 });
    expect((await refused(core, 'payments.unapply', { paymentId: p.id, invoiceId: b.id, reason: 'again' })).message).toMatch(/does not pay/);
  });

  it('records where credit went, so sync can replay it, and refuses an invoice listed twice', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    await call(core, 'payments.record', { customerId: c.id, amountMinor: 100_000, paidOn: '2026-11-21', method: 'cash' });
    const b = await invoice(core, c.id, { lines: [line('B', 1, 80_000, 0)] });
    const twice = await refused(core, 'payments.applyCredit', { customerId: c.id, allocations: [{ invoiceId: b.id, amountMinor: 10 }, { invoiceId: b.id, amountMinor: 10 }] });
    expect(twice.fields?.allocations).toMatch(/listed twice/);
    await call(core, 'payments.applyCredit', { customerId: c.id });
    const row = core.context.sql.db.prepare("SELECT unpacked(args, args_packed) AS args FROM changes WHERE mutation = 'payments.applyCredit'").get() as { args: string };
    expect(JSON.parse(row.args).allocations).toEqual([expect.objectContaining({ invoiceId: b.id, amountMinor: 80_000 })]);
  });

  it('keeps who an invoice was made out to, whatever happens to the customer later', async () => {
    const { core } = makeCore();
    const c = await customer(core, { taxId: 'P051234567X', address: { city: 'Nairobi', street: 'Moi Avenue 12' } });
    const inv = await invoice(core, c.id);
    const d = await call(core, 'drafts.create', { draft: { customerId: c.id, issueDate: '2026-11-21' } });
    const fresh = await call(core, 'customers.get', { id: c.id });
    await call(core, 'customers.update', { id: c.id, version: fresh.version, customer: { ...fresh, name: 'Wanjiku Traders (Westlands)', address: { ...fresh.address, city: 'Mombasa' } } });
    const issued = await call(core, 'invoices.get', { id: inv.id });
    expect(issued.customer).toMatchObject({ id: c.id, name: 'Wanjiku Traders', taxId: 'P051234567X', address: { city: 'Nairobi', street: 'Moi Avenue 12' } });
    expect((await call(core, 'invoices.get', { id: d.id })).customer.name).toBe('Wanjiku Traders (Westlands)');
  });

  it('dates a deposit applied to a later invoice on that invoice, and refuses future dates', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    await call(core, 'payments.record', { customerId: c.id, amountMinor: 100_000, paidOn: '2026-10-01', method: 'bank', reference: 'DEP1' });
    const inv = await invoice(core, c.id, { issueDate: '2026-11-10', lines: [line('A', 1, 100_000, 0)] });
    await call(core, 'payments.applyCredit', { customerId: c.id });
    const paid = await call(core, 'invoices.get', { id: inv.id });
    expect(paid.status).toBe('paid');
    expect(paid.paidOn).toBe('2026-11-21');
    const early = await invoice(core, c.id, { issueDate: '2026-11-15', lines: [line('B', 1, 100_000, 0)] });
    await call(core, 'payments.record', { customerId: c.id, amountMinor: 100_000, paidOn: '2026-11-01', method: 'cash', allocations: [{ invoiceId: early.id, amountMinor: 100_000 }] });
    expect((await call(core, 'invoices.get', { id: early.id })).paidOn).toBe('2026-11-15');
    const future = await refused(core, 'invoices.creditNote', { invoiceId: inv.id, reason: 'Later', issueDate: '2026-12-01' });
    expect(future.code).toBe('conflict'); // settled, and so refused before the date is looked at
  });

  it('records a payment once however often the same form is sent', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    await invoice(core, c.id);
    const input = { customerId: c.id, amountMinor: 10_000, paidOn: '2026-11-21', method: 'cash' as const, idempotencyKey: 'form-7f3a9c21' };
    const [first, second] = await Promise.all([call(core, 'payments.record', input), call(core, 'payments.record', input)]);
    expect(second.id).toBe(first.id);
    expect((await call(core, 'payments.list', { customerId: c.id })).total).toBe(1);
    expect((await refused(core, 'payments.record', { ...input, amountMinor: 20_000 })).message).toMatch(/already recorded PAY-2026-0001/);
  });

  it('keeps outbox stamps unique and in order with two processes on the same books', async () => {
    const { dir } = makeCore();
    const clock = fixedClock('2026-11-21T09:00:00Z');
    const one = createCore({ dataDir: dir, clock, log: () => undefined });
    const two = createCore({ dataDir: dir, clock, log: () => undefined });
    try {
      for (let i = 0; i < 10; i++) {
        await call(i % 2 === 0 ? one : two, 'customers.create', { name: `Customer ${i}` });
      }
      const stamps = (one.context.sql.db.prepare('SELECT hlc FROM changes ORDER BY counter').all() as { hlc: string }[]).map((r) => r.hlc);
      expect(new Set(stamps).size).toBe(stamps.length);
      expect([...stamps].sort()).toEqual(stamps);
    } finally {
      one.close();
      two.close();
    }
  });
});

describe('credit notes per rate', () => {
  it('credits a returned exempt item without VAT, and refuses a rate the invoice does not have', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const inv = await invoice(core, c.id, { lines: [line('Laptop', 1, 100_000, 1600), line('Textbook', 1, 20_000, null)] });
    const note = await call(core, 'invoices.creditNote', { invoiceId: inv.id, byRate: [{ taxRateBp: null, amountMinor: 20_000 }], reason: 'Textbook returned' });
    expect(note).toMatchObject({ amountMinor: 20_000, taxMinor: 0 });
    expect(note.taxSummary).toEqual([{ taxRateBp: null, netMinor: 20_000, taxMinor: 0 }]);
    const missing = await refused(core, 'invoices.creditNote', { invoiceId: inv.id, byRate: [{ taxRateBp: 800, amountMinor: 100 }], reason: 'Wrong rate' });
    expect(missing.message).toMatch(/nothing billed at 8%/);
    const tooMuch = await refused(core, 'invoices.creditNote', { invoiceId: inv.id, byRate: [{ taxRateBp: null, amountMinor: 1 }], reason: 'Again' });
    expect(tooMuch.message).toMatch(/Everything billed at Exempt is already credited/);
    const laptop = await call(core, 'invoices.creditNote', { invoiceId: inv.id, byRate: [{ taxRateBp: 1600, amountMinor: 116_000 }], reason: 'Laptop returned' });
    expect(laptop).toMatchObject({ amountMinor: 116_000, taxMinor: 16_000 });
    expect(await call(core, 'invoices.get', { id: inv.id })).toMatchObject({ balanceMinor: 0, creditedMinor: 136_000 });
  });
});
