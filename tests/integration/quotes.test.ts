import { describe, expect, it } from 'vitest';
import { call, makeCore, refused } from '../helpers/core';
import { customer, line } from '../helpers/billing';
import type { Core } from '../../electron/core/app';
import { pdfPages, pdfText } from '../helpers/pdfText';
import { startSmtpSink } from '../helpers/smtp';
import { until } from '../helpers/until';
import { randomUUID } from 'node:crypto';

async function quoteDraft(core: Core, customerId: string, extra: Record<string, unknown> = {}) {
  return call(core, 'quotes.create', {
    draft: { customerId, issueDate: '2026-11-21', lines: [line('Roofing sheets', 20, 95_000), line('Delivery to Nakuru', 1, 300_000, 0)], notes: 'Prices hold for a month', ...extra },
  });
}

async function issued(core: Core, customerId: string, extra: Record<string, unknown> = {}) {
  const d = await quoteDraft(core, customerId);
  return call(core, 'quotes.issue', { id: d.id, version: d.draft!.version, ...extra });
}

describe('quotes', () => {
  it('drafts a quote like an invoice, issues it in its own series with an expiry, and keeps it out of the invoice list', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const d = await quoteDraft(core, c.id);
    expect(d).toMatchObject({ kind: 'quote', status: 'draft' });
    // Edited as an invoice draft is.
    const edited = await call(core, 'drafts.update', {
      id: d.id, version: d.draft!.version,
      draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('Roofing sheets', 25, 95_000), line('Delivery to Nakuru', 1, 300_000, 0)] },
    });
    expect((await call(core, 'invoices.list', {})).total).toBe(0);
    expect((await call(core, 'quotes.list', {})).rows).toEqual([expect.objectContaining({ id: d.id, status: 'draft', number: null })]);

    const q = await call(core, 'quotes.issue', { id: d.id, version: edited.draft!.version });
    expect(q).toMatchObject({ number: 'QUO-2026-0001', status: 'sent', expiryDate: '2026-12-21', proforma: false, draftId: d.id, invoice: null });
    expect(q.totals.totalMinor).toBe(25 * 95_000 * 1.16 + 300_000);
    expect(q.lines.map((l) => l.description)).toEqual(['Roofing sheets', 'Delivery to Nakuru']);
    // The draft is spent; the issued quote is listed in its place, and no invoice number was used.
    const list = await call(core, 'quotes.list', {});
    expect(list.rows.map((r) => [r.number, r.status])).toEqual([['QUO-2026-0001', 'sent']]);
    expect(list.summary).toMatchObject({ issued: 1, converted: 0, conversionRatePercent: 0, openValueMinor: q.totals.totalMinor });
    expect((await refused(core, 'quotes.issue', { id: d.id, version: edited.draft!.version })).code).toBe('not_found');
    const second = await issued(core, c.id, { proforma: true, expiryDate: '2026-11-28' });
    expect(second).toMatchObject({ number: 'QUO-2026-0002', proforma: true, expiryDate: '2026-11-28' });
    // An issued quote never changes.
    expect(() => core.context.sql.db.prepare('UPDATE quotes SET total_minor = 1 WHERE id = ?').run(q.id)).toThrow(/never changes/);
  });

  it('refuses an invoice draft, a stale version, an expiry before the date, and a quote with no lines', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const inv = await call(core, 'drafts.create', { draft: { customerId: c.id, issueDate: '2026-11-21', lines: [line('x', 1, 100)] } });
    expect((await refused(core, 'quotes.issue', { id: inv.id, version: 1 })).message).toMatch(/not a quote/);
    const d = await quoteDraft(core, c.id);
    expect((await refused(core, 'quotes.issue', { id: d.id, version: 2 })).message).toMatch(/saved again/);
    expect((await refused(core, 'quotes.issue', { id: d.id, version: 1, expiryDate: '2026-11-20' })).fields?.expiryDate).toBeDefined();
    const empty = await call(core, 'quotes.create', { draft: { customerId: c.id, issueDate: '2026-11-21' } });
    expect((await refused(core, 'quotes.issue', { id: empty.id, version: 1 })).message).toMatch(/at least one line/);
    // A quote draft is issued, not finalized as an invoice.
    await expect(call(core, 'invoices.finalize', { id: d.id, version: 1 })).rejects.toThrow(/it is issued, not finalized/);
  });

  it('expires by the date, on reading, and an expired quote can be neither accepted nor converted', async () => {
    const { core, clock } = makeCore();
    const c = await customer(core);
    const q = await issued(core, c.id, { expiryDate: '2026-11-30' });
    clock.set('2026-11-30T20:00:00Z');
    expect((await call(core, 'quotes.get', { id: q.id })).status).toBe('sent');
    clock.set('2026-12-01T09:00:00Z');
    expect((await call(core, 'quotes.get', { id: q.id })).status).toBe('expired');
    expect((await call(core, 'quotes.list', { status: 'expired' })).rows.map((r) => r.id)).toEqual([q.id]);
    expect((await call(core, 'quotes.list', {})).summary.openValueMinor).toBe(0);
    expect((await refused(core, 'quotes.decide', { id: q.id, decision: 'accepted' })).message).toMatch(/expired on 30 Nov 2026/);
    expect((await refused(core, 'quotes.convert', { id: q.id })).message).toMatch(/expired/);
    // Declining an expired quote records the customer's answer.
    expect((await call(core, 'quotes.decide', { id: q.id, decision: 'declined', note: 'Bought elsewhere' })).status).toBe('declined');
  });

  it('is accepted or declined once', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const q = await issued(core, c.id);
    expect(await call(core, 'quotes.decide', { id: q.id, decision: 'accepted', note: 'Phoned to confirm' })).toMatchObject({ status: 'accepted', decidedOn: '2026-11-21', decisionNote: 'Phoned to confirm' });
    expect((await refused(core, 'quotes.decide', { id: q.id, decision: 'declined' })).message).toMatch(/already accepted/);
    const no = await issued(core, c.id);
    await call(core, 'quotes.decide', { id: no.id, decision: 'declined' });
    expect((await refused(core, 'quotes.convert', { id: no.id })).message).toMatch(/declined/);
  });

  it('converts to a finalized invoice in one step, once, keeping lines, customer and terms, linked both ways', async () => {
    const { core, clock } = makeCore();
    const c = await customer(core);
    const q = await issued(core, c.id);
    clock.set('2026-11-25T09:00:00Z');
    const { quote, invoice } = await call(core, 'quotes.convert', { id: q.id });
    expect(invoice).toMatchObject({ number: 'INV-2026-0001', status: 'open', issueDate: '2026-11-25', dueDate: '2026-12-25', kind: 'invoice' });
    expect(invoice.fromQuote).toEqual({ id: q.id, number: 'QUO-2026-0001' });
    expect(invoice.customer.id).toBe(c.id);
    expect(invoice.lines.map((l) => [l.description, l.quantityMilli, l.unitPriceMinor, l.taxRateBp])).toEqual(q.lines.map((l) => [l.description, l.quantityMilli, l.unitPriceMinor, l.taxRateBp]));
    expect(invoice.totals.totalMinor).toBe(q.totals.totalMinor);
    expect(invoice.notes).toBe('Prices hold for a month');
    expect(quote).toMatchObject({ status: 'accepted', decidedOn: '2026-11-25', invoice: { id: invoice.id, number: 'INV-2026-0001' } });
    // Once: a second conversion is refused and no second invoice is made.
    expect((await refused(core, 'quotes.convert', { id: q.id })).message).toMatch(/already converted to INV-2026-0001/);
    expect((await call(core, 'invoices.list', {})).total).toBe(1);
    expect((await call(core, 'quotes.list', {})).summary).toMatchObject({ issued: 1, converted: 1, conversionRatePercent: 100 });
    expect(() => core.context.sql.db.prepare('UPDATE quotes SET invoice_id = ? WHERE id = ?').run('another', q.id)).toThrow(/one invoice/);
    // The audit log has the quote's life.
    const audit = core.context.sql.db.prepare("SELECT history_word(action) AS action FROM audit_log WHERE history_word(entity) = 'quote' ORDER BY id").all() as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['created', 'issued', 'converted']);
  });

  it('converts nothing when finalizing the invoice fails: the quote stays open to convert', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const q = await issued(core, c.id);
    await call(core, 'customers.archive', { id: c.id });
    expect((await refused(core, 'quotes.convert', { id: q.id })).message).toMatch(/archived/);
    expect((await call(core, 'quotes.get', { id: q.id })).invoice).toBeNull();
    expect(core.context.sql.db.prepare("SELECT count(*) AS n FROM invoices WHERE kind = 'invoice'").get()).toEqual({ n: 0 });
  });

  it('prints a pro-forma as PRO-FORMA INVOICE and a quote as QUOTATION', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    const proforma = await issued(core, c.id, { proforma: true });
    const quote = await issued(core, c.id);
    const text = async (id: string) => {
      const pdf = await call(core, 'quotes.pdf', { id });
      return (await pdfPages(Buffer.from(pdf.base64, 'base64'))).join('\n');
    };
    const p = await text(proforma.id);
    expect(p).toContain('PRO-FORMA INVOICE');
    expect(p).toContain('QUO-2026-0001');
    const qt = await text(quote.id);
    expect(qt).toContain('QUOTATION');
    expect(qt).not.toContain('PRO-FORMA');
  });

  it('sends a quote by email with its PDF, logged as a quote, once per request', async () => {
    const server = await startSmtpSink();
    try {
      const { core } = makeCore('2026-11-21T09:00:00.000Z', { smtp: { host: '127.0.0.1', port: server.port } });
      await call(core, 'settings.update', {
        email: { host: '127.0.0.1', port: 587, security: 'none', user: '', fromName: 'Amani Hardware', fromAddress: 'sales@amani.co.ke', replyTo: '', messagesPerMinute: 600, timeoutSeconds: 5 },
      });
      const c = await customer(core, { aiPreferences: { template: 'professional', language: 'sw', includeTax: false } });
      const q = await issued(core, c.id, { proforma: true });
      const request = { id: q.id, requestId: randomUUID(), channels: ['email'] as const, emails: ['orders@wanjiku.co.ke'] };
      expect(await call(core, 'quotes.send', { ...request, channels: ['email'] })).toEqual({ queued: 1 });
      await call(core, 'quotes.send', { ...request, channels: ['email'] });
      await until(async () => server.received.length, (n) => n >= 1);
      await new Promise((r) => setTimeout(r, 200));
      expect(server.received).toHaveLength(1);
      const mail = server.received[0]!;
      // In the customer's language (Swahili).
      expect(mail.parsed.subject).toBe('Ankara ya awali QUO-2026-0001');
      expect(mail.parsed.text).toContain('QUO-2026-0001');
      const attachment = mail.parsed.attachments.find((a) => a.contentType === 'application/pdf');
      expect(attachment?.filename).toBe('QUO-2026-0001.pdf');
      expect(await pdfText(attachment!.content)).toContain('QUO-2026-0001');
      const log = await until(() => call(core, 'sending.log', { types: ['quote_sent'] }), (rows) => rows.length === 1 && rows[0]!.status === 'sent');
      expect(log[0]).toMatchObject({ channel: 'email', customerName: 'Wanjiku Traders' });
      await call(core, 'quotes.decide', { id: q.id, decision: 'declined' });
      expect((await refused(core, 'quotes.send', { ...request, requestId: randomUUID() })).message).toMatch(/declined/);
    } finally {
      await server.close();
    }
  });
});
