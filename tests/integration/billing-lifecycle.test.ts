import { describe, expect, it } from 'vitest';
import { call, makeCore, refused } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';

describe('drafts', () => {
  it('computes totals on save and keeps every version, restorable', async () => {
    const { core, clock } = makeCore();
    const c = await customer(core);
    const d1 = await draft(core, c.id);
    expect(d1.status).toBe('draft');
    expect(d1.number).toBeNull();
    expect(d1.dueDate).toBe('2026-12-21');
    expect(d1.dueDateFromTerms).toBe(true);
    expect(d1.totals).toMatchObject({ subtotalMinor: 4_500_000, taxMinor: 720_000, totalMinor: 5_220_000 });
    expect(d1.lines[0]).toMatchObject({ amountMinor: 4_500_000, taxMinor: 720_000 });

    clock.advance(60_000);
    const d2 = await call(core, 'drafts.update', {
      id: d1.id, version: 1,
      draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('Web hosting', 3, 1_500_000), line('Domain', 1, 150_000, 0)] },
    });
    expect(d2.draft.version).toBe(2);
    expect(d2.totals.totalMinor).toBe(5_370_000);

    const stale = await refused(core, 'drafts.update', { id: d1.id, version: 1, draft: { customerId: c.id, issueDate: '2026-11-21' } });
    expect(stale.code).toBe('conflict');
    expect(stale.message).toMatch(/version 2/);

    const versions = await call(core, 'drafts.versions', { id: d1.id });
    expect(versions.map((v) => [v.version, v.lineCount, v.totalMinor, v.currency])).toEqual([[2, 2, 5_370_000, 'KES'], [1, 1, 5_220_000, 'KES']]);
    const v1 = await call(core, 'drafts.version', { id: d1.id, version: 1 });
    expect(v1.content.lines).toHaveLength(1);

    const d3 = await call(core, 'drafts.restore', { id: d1.id, version: 1, currentVersion: 2 });
    expect(d3.draft.version).toBe(3);
    expect(d3.lines).toHaveLength(1);
    expect((await call(core, 'drafts.versions', { id: d1.id }))[0]).toMatchObject({ version: 3, note: 'Restored version 1' });
  });

  it('records where a draft came from', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const d = await call(core, 'drafts.create', {
      draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('Hosting', 3, 1_500_000)] },
      origin: { source: 'offline_parser', prompt: '3 months of web hosting at KES 15,000 per month', aiConfidence: 0.92 },
    });
    expect(d.draft).toEqual({ version: 1, source: 'offline_parser', prompt: '3 months of web hosting at KES 15,000 per month', aiConfidence: 0.92 });
    // A person's edit keeps the prompt but is theirs now.
    const edited = await call(core, 'drafts.update', {
      id: d.id, version: 1, draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('Hosting', 3, 1_400_000)] },
    });
    expect(edited.draft).toMatchObject({ version: 2, source: 'manual', prompt: '3 months of web hosting at KES 15,000 per month', aiConfidence: null });
  });

  it('refuses a draft in another currency than the customer, and for an archived customer', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const mismatch = await refused(core, 'drafts.create', { draft: { customerId: c.id, currency: 'USD', issueDate: '2026-11-21' } });
    expect(mismatch.code).toBe('conflict');
    expect(mismatch.message).toMatch(/billed in KES/);
    await call(core, 'customers.archive', { id: c.id });
    expect((await refused(core, 'drafts.create', { draft: { customerId: c.id, issueDate: '2026-11-21' } })).message).toMatch(/archived/);
  });

  it('refuses impossible content with a message per field', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const error = await refused(core, 'drafts.create', {
      draft: {
        customerId: c.id, issueDate: '2026-11-21', dueDate: '2026-11-01',
        lines: [{ description: 'x', quantityMilli: 0, unitPriceMinor: -5, taxRateBp: 1600 }],
      },
    });
    expect(error.code).toBe('invalid_input');
    expect(error.fields).toMatchObject({ 'draft.lines.0.quantityMilli': expect.any(String), 'draft.lines.0.unitPriceMinor': expect.any(String) });
    const dates = await refused(core, 'drafts.create', { draft: { customerId: c.id, issueDate: '2026-11-21', dueDate: '2026-11-01' } });
    expect(dates.fields?.['draft.dueDate']).toMatch(/before the issue date/);
    const discount = await refused(core, 'drafts.create', {
      draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('a', 1, 1000)], discount: { kind: 'amount', minor: 1001 } },
    });
    expect(discount.fields?.['draft.discount']).toMatch(/larger/);
    expect((await call(core, 'invoices.list', {})).total).toBe(0);
  });

  it('discards drafts but never a finalized invoice', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const d = await draft(core, c.id);
    await call(core, 'drafts.discard', { id: d.id });
    expect((await refused(core, 'invoices.get', { id: d.id })).code).toBe('not_found');
    const inv = await invoice(core, c.id);
    expect((await refused(core, 'drafts.discard', { id: inv.id })).message).toMatch(/Void it/);
  });
});

describe('finalize', () => {
  it('numbers the invoice, freezes it and updates the customer', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const d = await draft(core, c.id);
    expect(await call(core, 'invoices.nextNumber', { id: d.id })).toEqual({ number: 'INV-2026-0001' });
    const inv = await call(core, 'invoices.finalize', { id: d.id, version: 1 });
    expect(inv).toMatchObject({ number: 'INV-2026-0001', status: 'open', balanceMinor: 5_220_000, terms: 'Net 30' });
    expect(inv.finalizedAt).not.toBeNull();

    const edit = await refused(core, 'drafts.update', { id: d.id, version: 1, draft: { customerId: c.id, issueDate: '2026-11-21' } });
    expect(edit.code).toBe('conflict');
    expect(edit.message).toMatch(/INV-2026-0001 is finalized and can no longer be changed/);
    expect((await refused(core, 'invoices.finalize', { id: d.id, version: 1 })).message).toMatch(/already finalized/);

    const summary = (await call(core, 'customers.get', { id: c.id })).financials;
    expect(summary).toMatchObject({ invoiceCount: 1, billedMinor: 5_220_000, outstandingMinor: 5_220_000, paidMinor: 0, lastInvoiceDate: '2026-11-21', paymentStatus: 'good' });

    const second = await invoice(core, c.id);
    expect(second.number).toBe('INV-2026-0002');
  });

  it('refuses a draft with no lines, a line without description, a zero total, or a stale version', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const empty = await draft(core, c.id, { lines: [] });
    expect((await refused(core, 'invoices.finalize', { id: empty.id, version: 1 })).message).toMatch(/at least one line/);
    const nameless = await draft(core, c.id, { lines: [line('', 1, 100)] });
    const error = await refused(core, 'invoices.finalize', { id: nameless.id, version: 1 });
    expect(error.fields).toHaveProperty('lines.0.description');
    const free = await draft(core, c.id, { lines: [line('Free sample', 1, 0)] });
    expect((await refused(core, "invoices.finalize", { id: free.id, version: 1 })).message).toMatch(/comes to KES 0.00\. Finalizing it would use up an invoice number/);
    const saved = await call(core, 'drafts.update', { id: free.id, version: 1, draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('Sample', 1, 100)] } });
    expect((await refused(core, 'invoices.finalize', { id: free.id, version: 1 })).message).toMatch(/version 2/);
    expect((await call(core, 'invoices.finalize', { id: free.id, version: saved.draft.version })).number).toBe('INV-2026-0001');
  });

  it('takes the due date from the customer terms at finalize, unless one was set', async () => {
    const { core } = makeCore();
    const c = await customer(core, { paymentTermsDays: 14 });
    const byTerms = await invoice(core, c.id, { issueDate: '2026-11-01' });
    expect(byTerms.dueDate).toBe('2026-11-15');
    const fixed = await invoice(core, c.id, { issueDate: '2026-11-01', dueDate: '2026-11-05' });
    expect(fixed.dueDate).toBe('2026-11-05');
    expect(fixed.dueDateFromTerms).toBe(false);
  });

  it('refuses to change the currency of a customer who has invoices', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    await invoice(core, c.id);
    const error = await refused(core, 'customers.update', { id: c.id, version: c.version, customer: { name: c.name, currency: 'USD' } });
    expect(error.code).toBe('conflict');
    expect(error.fields?.currency).toMatch(/Stays KES/);
  });
});

describe('void and credit notes', () => {
  it('voids an unpaid invoice and takes it out of the customer balance', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const inv = await invoice(core, c.id);
    expect((await refused(core, 'invoices.void', { id: inv.id, reason: '' })).fields).toHaveProperty('reason');
    const voided = await call(core, 'invoices.void', { id: inv.id, reason: 'Billed the wrong customer' });
    expect(voided).toMatchObject({ status: 'void', balanceMinor: 0, voidReason: 'Billed the wrong customer' });
    expect((await call(core, 'customers.get', { id: c.id })).financials).toMatchObject({ invoiceCount: 0, outstandingMinor: 0 });
    expect((await refused(core, 'invoices.void', { id: inv.id, reason: 'again' })).message).toMatch(/already void/);
    const pay = await refused(core, 'payments.record', {
      customerId: c.id, amountMinor: 100, paidOn: '2026-11-21', method: 'cash', allocations: [{ invoiceId: inv.id, amountMinor: 100 }],
    });
    expect(pay.message).toMatch(/void and cannot be paid/);
  });

  it('refuses to void an invoice that has a payment', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const inv = await invoice(core, c.id);
    await call(core, 'payments.record', { customerId: c.id, amountMinor: 1_000_000, paidOn: '2026-11-21', method: 'cash' });
    expect((await refused(core, 'invoices.void', { id: inv.id, reason: 'Mistake' })).message).toMatch(/has payments \(PAY-2026-0001\)/);
  });

  it('reduces the balance with a credit note whose tax follows the invoice rates', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const inv = await invoice(core, c.id, { lines: [line('Standard', 1, 1_000_000, 1600), line('Exempt', 1, 500_000, null)] });
    expect(inv.totals.totalMinor).toBe(1_660_000);
    const note = await call(core, 'invoices.creditNote', { invoiceId: inv.id, amountMinor: 830_000, reason: 'Half the goods returned' });
    expect(note).toMatchObject({ number: 'CN-2026-0001', amountMinor: 830_000, taxMinor: 80_000 });
    expect(note.taxSummary).toEqual([
      { taxRateBp: 1600, netMinor: 500_000, taxMinor: 80_000 },
      { taxRateBp: null, netMinor: 250_000, taxMinor: 0 },
    ]);
    const after = await call(core, 'invoices.get', { id: inv.id });
    expect(after).toMatchObject({ status: 'partially_paid', creditedMinor: 830_000, balanceMinor: 830_000 });
    expect(after.creditNotes.map((n) => n.number)).toEqual(['CN-2026-0001']);
    const tooMuch = await refused(core, 'invoices.creditNote', { invoiceId: inv.id, amountMinor: 830_001, reason: 'More returns' });
    expect(tooMuch.fields?.amountMinor).toMatch(/At most KES 8,300.00/);
    const rest = await call(core, 'invoices.creditNote', { invoiceId: inv.id, reason: 'Cancelled the rest' });
    expect(rest.amountMinor).toBe(830_000);
    expect(await call(core, 'invoices.get', { id: inv.id })).toMatchObject({ status: 'paid', balanceMinor: 0 });
    expect((await call(core, 'customers.get', { id: c.id })).financials).toMatchObject({ billedMinor: 0, outstandingMinor: 0 });
  });
});

describe('the books themselves', () => {
  it('refuse to change a finalized invoice or its lines, even from raw SQL', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const inv = await invoice(core, c.id);
    const db = core.context.sql.db;
    expect(() => db.prepare('UPDATE invoices SET total_minor = 1 WHERE id = ?').run(inv.id)).toThrow(/finalized invoice never changes/);
    expect(() => db.prepare('UPDATE invoice_lines SET unit_price_minor = 1 WHERE invoice_seq = (SELECT seq FROM invoices WHERE id = ?)').run(inv.id)).toThrow(/never change/);
    expect(() => db.prepare('DELETE FROM invoice_lines WHERE invoice_seq = (SELECT seq FROM invoices WHERE id = ?)').run(inv.id)).toThrow(/never change/);
    expect(() => db.prepare("UPDATE invoices SET status = 'draft' WHERE id = ?").run(inv.id)).toThrow(/never becomes a draft/);
    await call(core, 'invoices.void', { id: inv.id, reason: 'Wrong customer' });
    expect(() => db.prepare("UPDATE invoices SET status = 'open' WHERE id = ?").run(inv.id)).toThrow(/stays void/);
    expect((await call(core, 'invoices.get', { id: inv.id })).totals.totalMinor).toBe(5_220_000);
  });
});
