// Customer statements of account: opening balance, every invoice, payment, credit note and refund in
// date order with a running balance that agrees with the books, closing balance, aging at the end of
// the period; the PDF in the customer's language; sent by email through a real SMTP server, one
// customer or all with a balance, each once.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { call, makeCore, refused } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { pdfPages, pdfText } from '../helpers/pdfText';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { until } from '../helpers/until';

const sinks: SmtpSink[] = [];
afterEach(async () => {
  for (const s of sinks.splice(0)) await s.close();
});

/** What the customer owes by the books right now: open invoices less credit, plus anything refunded beyond it. */
async function ledger(core: Core, customerId: string): Promise<number> {
  const f = (await call(core, 'customers.get', { id: customerId })).financials;
  return f.outstandingMinor - f.creditMinor + f.refundExcessMinor;
}

/** A customer's autumn: invoices, part payments, an overpayment, a credit note, a refund and two reversals on different days. */
async function autumn(core: Core, clock: { set(at: string): void }, customerId: string) {
  const after: Record<string, number> = {};
  const on = async (date: string, work: () => Promise<unknown>) => {
    clock.set(`${date}T09:00:00Z`);
    await work();
    after[date] = await ledger(core, customerId);
  };
  const pay = (amountMinor: number, paidOn: string, extra: Record<string, unknown> = {}) =>
    call(core, 'payments.record', { customerId, amountMinor, paidOn, method: 'cash', ...extra });
  let a = '';
  let p2 = '';
  let r = '';
  await on('2026-09-10', async () => { a = (await invoice(core, customerId, { issueDate: '2026-09-10', lines: [line('September retainer', 1, 300_000, 0)] })).id; });
  await on('2026-09-25', () => pay(100_000, '2026-09-25', { method: 'mpesa', reference: 'QJK3H7Z2XP' }));
  await on('2026-10-05', () => invoice(core, customerId, { issueDate: '2026-10-05', lines: [line('October retainer', 1, 200_000, 0)] }));
  await on('2026-10-20', () => call(core, 'invoices.creditNote', { invoiceId: a, amountMinor: 50_000, reason: 'Two days not worked' }));
  await on('2026-11-02', async () => { p2 = (await pay(500_000, '2026-11-02', { method: 'bank', reference: 'FT-221' })).id; });
  await on('2026-11-06', async () => { r = (await call(core, 'refunds.record', { customerId, amountMinor: 20_000, refundedOn: '2026-11-06', method: 'cash' })).id; });
  await on('2026-11-12', () => call(core, 'refunds.reverse', { id: r, reason: 'Customer did not collect the cash' }));
  await on('2026-11-15', () => invoice(core, customerId, { issueDate: '2026-11-15', lines: [line('November retainer', 1, 250_000, 0)] }));
  await on('2026-11-18', () => call(core, 'payments.reverse', { id: p2, reason: 'Transfer recalled by the bank' }));
  return after;
}

describe('customer statements', () => {
  it('keeps a running balance equal to the books after every day, from opening to closing', async () => {
    const { core, clock } = makeCore('2026-09-01T09:00:00Z');
    const c = await customer(core);
    const after = await autumn(core, clock, c.id);
    clock.set('2026-11-30T09:00:00Z');
    const s = await call(core, 'statements.get', { customerId: c.id, from: '2026-09-01', to: '2026-11-30' });
    expect(s.openingBalanceMinor).toBe(0);
    expect(s.lines.map((l) => [l.date, l.kind, l.number])).toEqual([
      ['2026-09-10', 'invoice', 'INV-2026-0001'], ['2026-09-25', 'payment', 'PAY-2026-0001'], ['2026-10-05', 'invoice', 'INV-2026-0002'],
      ['2026-10-20', 'credit_note', 'CN-2026-0001'], ['2026-11-02', 'payment', 'PAY-2026-0002'], ['2026-11-06', 'refund', 'REF-2026-0001'],
      ['2026-11-12', 'refund_reversed', 'REF-2026-0001'], ['2026-11-15', 'invoice', 'INV-2026-0003'], ['2026-11-18', 'payment_reversed', 'PAY-2026-0002'],
    ]);
    // Every line's balance is what the books said once that day's work was done.
    for (const l of s.lines) expect([l.date, l.balanceMinor]).toEqual([l.date, after[l.date]]);
    expect(s.closingBalanceMinor).toBe(await ledger(core, c.id));
    expect(s.closingBalanceMinor).toBe(300_000 - 100_000 + 200_000 - 50_000 + 250_000);
    expect(s.openingBalanceMinor + s.chargesMinor - s.creditsMinor).toBe(s.closingBalanceMinor);
    expect(s.lines[1]!.description).toBe('Payment PAY-2026-0001, M-Pesa (QJK3H7Z2XP)');
    expect(s.lines[3]!.description).toBe('Credit note CN-2026-0001 on invoice INV-2026-0001');
  });

  it('opens each period where the last one closed, and ages what was open at its end', async () => {
    const { core, clock } = makeCore('2026-09-01T09:00:00Z');
    const c = await customer(core, { paymentTermsDays: 30 });
    await autumn(core, clock, c.id);
    clock.set('2026-12-20T09:00:00Z');
    const october = await call(core, 'statements.get', { customerId: c.id, from: '2026-10-01', to: '2026-10-31' });
    const november = await call(core, 'statements.get', { customerId: c.id, from: '2026-11-01', to: '2026-11-30' });
    expect(october.openingBalanceMinor).toBe(200_000);
    expect(november.openingBalanceMinor).toBe(october.closingBalanceMinor);
    expect(october.lines.map((l) => l.number)).toEqual(['INV-2026-0002', 'CN-2026-0001']);
    // At 31 Oct: INV-0001 (due 10 Oct) still owed 300,000 − 100,000 paid − 50,000 credited, 21 days late; INV-0002 not yet due.
    expect(october.aging).toEqual({ currentMinor: 200_000, days1to30Minor: 150_000, days31to60Minor: 0, days61to90Minor: 0, days90plusMinor: 0, totalMinor: 350_000 });
    // At 30 Nov the bank payment was recalled: all three invoices are open again (INV-0002 due 4 Nov, 26 days late; INV-0001 51).
    expect(november.aging).toEqual({ currentMinor: 250_000, days1to30Minor: 200_000, days31to60Minor: 150_000, days61to90Minor: 0, days90plusMinor: 0, totalMinor: 600_000 });
    // A period running past today is read to today.
    const running = await call(core, 'statements.get', { customerId: c.id, from: '2026-12-01', to: '2026-12-31' });
    expect(running).toMatchObject({ to: '2026-12-20', lines: [], openingBalanceMinor: november.closingBalanceMinor });
    expect((await refused(core, 'statements.get', { customerId: c.id, from: '2026-12-10', to: '2026-12-01' })).fields?.to).toBeDefined();
  });

  it('prints the statement in the customer’s language', async () => {
    const { core, clock } = makeCore('2026-09-01T09:00:00Z');
    const c = await customer(core, { aiPreferences: { template: 'professional', language: 'sw', includeTax: false } });
    await autumn(core, clock, c.id);
    clock.set('2026-11-30T09:00:00Z');
    const pdf = await call(core, 'statements.pdf', { customerId: c.id, from: '2026-11-01', to: '2026-11-30' });
    expect(pdf.fileName).toBe('Statement-CUST-0001-2026-11-01-to-2026-11-30.pdf');
    const text = await pdfText(Buffer.from(pdf.base64, 'base64'));
    expect(text).toMatch(/TAARIFA YA\s+AKAUNTI/);
    expect(text).toContain('INV-2026-0003');
    expect(text).not.toMatch(/STATEMENT/);
  });

  it('carries a long statement over pages, each with who it is from and "Page X of N"', async () => {
    const { core, clock } = makeCore('2026-09-01T09:00:00Z');
    const c = await customer(core);
    for (let day = 1; day <= 28; day++) {
      const date = `2026-10-${String(day).padStart(2, '0')}`;
      clock.set(`${date}T09:00:00Z`);
      await invoice(core, c.id, { issueDate: date, lines: [line(`Delivery ${day}`, 1, 10_000 + day, 0)] });
      await call(core, 'payments.record', { customerId: c.id, amountMinor: 5_000, paidOn: date, method: 'cash' });
    }
    clock.set('2026-10-31T09:00:00Z');
    const pdf = await call(core, 'statements.pdf', { customerId: c.id, from: '2026-10-01', to: '2026-10-31' });
    const pages = await pdfPages(Buffer.from(pdf.base64, 'base64'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => expect(page, `page ${i + 1}`).toMatch(new RegExp(`CUST-0001[\\s\\S]*Page ${i + 1} of ${pages.length}`)));
    // Every document once, in date order.
    const all = pages.join('\n');
    const order = Array.from({ length: 28 }, (_, i) => all.indexOf(`INV-2026-${String(i + 1).padStart(4, '0')}`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('sends one statement by email with its PDF, and "Send statements" to everyone with a balance, once each', async () => {
    const server = await startSmtpSink();
    sinks.push(server);
    const { core, clock } = makeCore('2026-09-01T09:00:00Z', {
      smtp: { host: '127.0.0.1', port: server.port },
      jobs: { backoff: { baseMs: 40, capMs: 300 }, breaker: { threshold: 5, openMs: 400 }, offlineRecheckMs: 150, leaseMs: 1500 },
    });
    await call(core, 'settings.update', {
      email: { host: '127.0.0.1', port: 587, security: 'none', user: '', fromName: 'Kilimani Web Studio', fromAddress: 'billing@kilimani.co.ke', replyTo: '', messagesPerMinute: 600, timeoutSeconds: 5 },
    });
    const owing = await customer(core);
    await autumn(core, clock, owing.id);
    const settled = await customer(core, { name: 'Baraka Hardware', email: 'b@baraka.co.ke', phone: '0733 987654' });
    const paid = await invoice(core, settled.id, { issueDate: '2026-11-18', lines: [line('Nails', 1, 10_000, 0)] });
    await call(core, 'payments.record', { customerId: settled.id, amountMinor: 10_000, paidOn: '2026-11-18', method: 'cash', allocations: [{ invoiceId: paid.id, amountMinor: 10_000 }] });
    const noEmail = await customer(core, { name: 'Duka la Mama', email: '', phone: '0711 222333' });
    await invoice(core, noEmail.id, { issueDate: '2026-11-18', lines: [line('Paint', 1, 40_000, 0)] });
    clock.set('2026-11-30T09:00:00Z');

    const one = await call(core, 'statements.send', { customerId: owing.id, from: '2026-11-01', to: '2026-11-30' });
    expect(one.queued).toHaveLength(1);
    await until(async () => server.received.length, (n) => n >= 1);
    const mail = server.received[0]!;
    expect(mail.envelope.to).toEqual(['orders@wanjiku.co.ke']);
    expect(mail.parsed.subject).toBe('Statement of account, 1 Nov 2026 to 30 Nov 2026');
    expect(mail.parsed.text).toContain('Closing balance: KES 6,000.00');
    expect(mail.parsed.text).toContain('Please pay KES 6,000.00.');
    const attachment = mail.parsed.attachments.find((a) => a.contentType === 'application/pdf');
    expect(attachment?.filename).toBe('Statement-CUST-0001-2026-11-01-to-2026-11-30.pdf');
    expect(await pdfText(attachment!.content)).toMatch(/STATEMENT OF\s+ACCOUNT/);

    // Everyone with a balance at the end of November: the one already sent is not sent again, the
    // settled customer is left out, and the one without an email is listed with the reason.
    const all = await call(core, 'statements.sendAll', { from: '2026-11-01', to: '2026-11-30' });
    expect(all.customers).toBe(2);
    expect(all.queued).toBe(1);
    expect(all.skipped).toEqual([{ customerId: noEmail.id, name: 'Duka la Mama', reason: 'Duka la Mama has no email address.' }]);
    const again = await call(core, 'statements.sendAll', { from: '2026-11-01', to: '2026-11-30' });
    expect(again.queued).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.received).toHaveLength(1);
    const log = await call(core, 'sending.log', { types: ['statement'] });
    expect(log.map((n) => [n.customerName, n.status])).toEqual(expect.arrayContaining([['Wanjiku Traders', 'sent'], ['Duka la Mama', 'skipped']]));
    expect(log).toHaveLength(2);
  });
});
