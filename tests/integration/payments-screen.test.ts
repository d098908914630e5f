// The Payments screen's backend: every payment found by its M-Pesa code, reference or customer, a
// day's takings per method (the M-Pesa till at closing time), the export, and each payment's receipt
// as a PDF and by email (a real SMTP server on 127.0.0.1) and SMS.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { memorySecretStore } from '../../electron/core/secrets';
import { call, makeCore, refused } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { pdfPages } from '../helpers/pdfText';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { until } from '../helpers/until';

const sinks: SmtpSink[] = [];
afterEach(async () => {
  for (const sink of sinks.splice(0)) await sink.close();
});

async function books(smtpPort?: number) {
  const { core } = makeCore('2026-11-21T09:00:00.000Z', {
    pdfWorkers: 0, resourcesDir: path.resolve('resources'), reminderScanMs: 0, dailyBackup: 0,
    ...(smtpPort ? { smtp: { host: '127.0.0.1', port: smtpPort }, secrets: memorySecretStore() } : {}),
    jobs: { backoff: { baseMs: 40, capMs: 300 }, offlineRecheckMs: 150, leaseMs: 1500 },
  });
  await call(core, 'settings.update', {
    business: { name: 'Amani Hardware', street: 'Kenyatta Avenue', city: 'Nakuru', postalCode: '20100', country: 'Kenya', taxId: 'P051234567X', phone: '+254722000111', email: 'sales@amani.co.ke', website: '', logoDataUrl: '', vatRegistered: true, defaultTaxRateBp: 1600 },
    ...(smtpPort ? { email: { host: '127.0.0.1', port: 587, security: 'none' as const, user: '', fromName: 'Amani Hardware', fromAddress: 'sales@amani.co.ke', replyTo: '', messagesPerMinute: 600, timeoutSeconds: 5 } } : {}),
  });
  const baraka = await customer(core, { name: 'Baraka Builders', email: 'accounts@baraka.co.ke', phone: '0722 123456' });
  const wanjiku = await customer(core, { name: 'Wanjiku Traders', email: 'orders@wanjiku.co.ke', phone: '0733 111222' });
  return { core, baraka, wanjiku };
}

async function pay(core: Core, customerId: string, amountMinor: number, method: 'mpesa' | 'bank' | 'cash', reference: string, paidOn = '2026-11-21') {
  return call(core, 'payments.record', { customerId, amountMinor, paidOn, method, reference });
}

describe('the payments list', () => {
  it('finds a payment by its M-Pesa code, a bank reference, the receipt number or the customer, and filters by method and date', async () => {
    const { core, baraka, wanjiku } = await books();
    await invoice(core, baraka.id, { lines: [line('Cement', 10, 78_000)] });
    const mpesa = await pay(core, baraka.id, 500_000, 'mpesa', 'QJK3H7Z2XP');
    const bank = await pay(core, wanjiku.id, 250_000, 'bank', 'FT26112100');
    await pay(core, wanjiku.id, 40_000, 'cash', '', '2026-11-20');

    const find = async (search: string, extra: Record<string, unknown> = {}) => (await call(core, 'payments.list', { search, ...extra })).rows.map((r) => r.number);
    expect(await find('qjk3h7')).toEqual([mpesa.number]);
    expect(await find('FT2611')).toEqual([bank.number]);
    expect(await find(mpesa.number)).toEqual([mpesa.number]);
    expect(await find('wanjiku')).toHaveLength(2);
    expect(await find('', { method: 'cash' })).toHaveLength(1);
    expect(await find('', { from: '2026-11-21', to: '2026-11-21' })).toHaveLength(2);
    expect(await find('100%_')).toEqual([]);
  });

  it("adds up a day's takings per method, leaving out reversed payments and other days", async () => {
    const { core, baraka, wanjiku } = await books();
    await pay(core, baraka.id, 500_000, 'mpesa', 'QJK3H7Z2XP');
    await pay(core, wanjiku.id, 120_050, 'mpesa', 'QJK3H7Z2XQ');
    const wrong = await pay(core, wanjiku.id, 99_900, 'mpesa', 'QJK3H7Z2XR');
    await call(core, 'payments.reverse', { id: wrong.id, reason: 'Recorded twice' });
    await pay(core, wanjiku.id, 40_000, 'cash', '');
    await pay(core, wanjiku.id, 1_000_000, 'mpesa', 'QJK3H7Z2XS', '2026-11-20');

    const day = await call(core, 'payments.dayTotals', { date: '2026-11-21' });
    expect(day.rows).toEqual([
      { method: 'cash', currency: 'KES', count: 1, amountMinor: 40_000 },
      { method: 'mpesa', currency: 'KES', count: 2, amountMinor: 620_050 },
    ]);
    expect(day.totals).toEqual([{ currency: 'KES', count: 3, amountMinor: 660_050 }]);
  });

  it('exports what the filters match as a CSV whose cells a spreadsheet cannot run', async () => {
    const { core, baraka } = await books();
    const inv = await invoice(core, baraka.id, { lines: [line('Cement', 10, 78_000)] });
    await call(core, 'payments.record', { customerId: baraka.id, amountMinor: 500_000, paidOn: '2026-11-21', method: 'bank', reference: '=HYPERLINK("x")', notes: '+254 call back' });
    const exported = await call(core, 'payments.export', { method: 'bank' });
    expect(exported.rows).toBe(1);
    const [row] = Papa.parse<Record<string, string>>(exported.csvText.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(row).toMatchObject({ Customer: 'Baraka Builders', Method: 'Bank transfer', Amount: '5000.00', Currency: 'KES', Invoices: inv.number!, Status: 'Received' });
    expect(row!.Reference!.startsWith("'=")).toBe(true);
    expect(row!.Notes!.startsWith("'+")).toBe(true);
  });
});

describe('a payment receipt', () => {
  it('prints who paid, how much, the M-Pesa code and what it settled', async () => {
    const { core, baraka } = await books();
    const inv = await invoice(core, baraka.id, { lines: [line('Cement', 10, 78_000)] });
    const payment = await pay(core, baraka.id, 500_000, 'mpesa', 'QJK3H7Z2XP');
    const pdf = await call(core, 'payments.receiptPdf', { id: payment.id });
    expect(pdf.fileName).toBe(`Receipt-${payment.number}.pdf`);
    const text = (await pdfPages(Buffer.from(pdf.base64, 'base64'))).join('\n');
    expect(text).toContain('RECEIPT');
    expect(text).toContain(payment.number);
    expect(text).toContain('Baraka Builders');
    expect(text).toContain('KES 5,000.00');
    expect(text).toContain('QJK3H7Z2XP');
    expect(text).toContain(`Invoice ${inv.number}`);
    // 10 × 780 + 16% VAT = 9,048; 5,000 paid leaves 4,048 owed.
    expect(text).toContain('KES 4,048.00');
  });

  it('goes by email with its PDF attached, once for a double click, and says why it cannot go by SMS', async () => {
    const server = await startSmtpSink();
    sinks.push(server);
    const { core, baraka } = await books(server.port);
    await invoice(core, baraka.id, { lines: [line('Cement', 10, 78_000)] });
    const payment = await pay(core, baraka.id, 500_000, 'mpesa', 'QJK3H7Z2XP');

    const preview = await call(core, 'payments.receiptPreview', { id: payment.id });
    expect(preview.defaultEmails).toEqual(['accounts@baraka.co.ke']);
    expect(preview.sms.text).toContain('QJK3H7Z2XP');
    expect(preview.blockers.sms).toBeTruthy();
    const noSms = await refused(core, 'payments.sendReceipt', { id: payment.id, requestId: randomUUID(), channels: ['sms'], phones: ['+254722123456'] });
    expect(noSms.message).toBe(preview.blockers.sms);

    const request = { id: payment.id, requestId: randomUUID(), channels: ['email' as const], emails: ['accounts@baraka.co.ke'] };
    const [first, second] = await Promise.all([call(core, 'payments.sendReceipt', request), call(core, 'payments.sendReceipt', request)]);
    expect(second.map((n) => n.id)).toEqual(first.map((n) => n.id));
    await until(() => call(core, 'sending.log', {}), (rows) => rows[0]?.status === 'sent');
    expect(server.received).toHaveLength(1);
    const mail = server.received[0]!;
    expect(mail.parsed.subject).toBe(`Receipt ${payment.number} from Amani Hardware`);
    const attachment = mail.parsed.attachments.find((a) => a.contentType === 'application/pdf');
    expect(attachment?.filename).toBe(`Receipt-${payment.number}.pdf`);
    expect((await pdfPages(attachment!.content)).join('\n')).toContain('QJK3H7Z2XP');
  });
});
