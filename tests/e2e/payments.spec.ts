// The Payments screen as a shop uses it at closing time: the day's M-Pesa total, a payment found by
// its M-Pesa code, the export, and a receipt previewed, saved and sent by email (a real local SMTP server).
import fs from 'node:fs';
import path from 'node:path';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { pdfPages } from '../helpers/pdfText';
import { expect, localDate, rpc, SCREENSHOTS, test as hostTest } from './host';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

const test = hostTest.extend<{ smtp: SmtpSink }>({
  // eslint-disable-next-line no-empty-pattern
  smtp: async ({}, use) => {
    const sink = await startSmtpSink();
    await use(sink);
    await sink.close();
  },
  hostEnv: async ({ smtp }, use) => {
    await use({ BILLBOOK_SMTP_HOST: '127.0.0.1', BILLBOOK_SMTP_PORT: String(smtp.port) });
  },
});

test("the day's M-Pesa total, a payment found by its code, the export, and a receipt sent by email", async ({ page, host, smtp }) => {
  await page.goto(host.url);
  await rpc(page, 'settings.update', {
    business: { name: 'Amani Hardware', street: '', city: 'Nakuru', postalCode: '20100', country: 'Kenya', taxId: 'P051234567X', phone: '', email: 'sales@amani.co.ke', website: '', logoDataUrl: '', vatRegistered: true, defaultTaxRateBp: 1600 },
    email: { host: '127.0.0.1', port: 587, security: 'none', user: '', fromName: 'Amani Hardware', fromAddress: 'sales@amani.co.ke', replyTo: '', messagesPerMinute: 60, timeoutSeconds: 10 },
  });
  const baraka = await rpc(page, 'customers.create', { name: 'Baraka Builders', phone: '0722 123456', email: 'accounts@baraka.co.ke' });
  const wanjiku = await rpc(page, 'customers.create', { name: 'Wanjiku Traders', phone: '0733 111222' });
  const draft = await rpc(page, 'drafts.create', { draft: { customerId: baraka.id, issueDate: localDate(0), lines: [{ description: 'Cement', quantityMilli: 10_000, unitPriceMinor: 78_000, taxRateBp: 1600 }] } });
  await rpc(page, 'invoices.finalize', { id: draft.id, version: 1 });
  const pay = (customerId: string, amountMinor: number, method: 'mpesa' | 'cash' | 'bank', reference: string, paidOn = localDate(0)) =>
    rpc(page, 'payments.record', { customerId, amountMinor, paidOn, method, reference });
  const first = await pay(baraka.id, 500_000, 'mpesa', 'QJK3H7Z2XP');
  await pay(wanjiku.id, 120_050, 'mpesa', 'QJK3H7Z2XQ');
  const wrong = await pay(wanjiku.id, 99_900, 'mpesa', 'QJK3H7Z2XR');
  await rpc(page, 'payments.reverse', { id: wrong.id, reason: 'Recorded twice' });
  await pay(wanjiku.id, 40_000, 'cash', '');
  await pay(wanjiku.id, 1_000_000, 'mpesa', 'QJK3H7Z2XS', localDate(-1));

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible();
  // The till at closing time: today's M-Pesa, reversed and yesterday's left out.
  const takings = page.getByRole('region', { name: /^Takings on / });
  await expect(takings.getByRole('group', { name: 'M-Pesa' })).toContainText('KES 6,200.50');
  await expect(takings.getByRole('group', { name: 'M-Pesa' })).toContainText('2 payments');
  await expect(takings.getByRole('group', { name: 'Cash' })).toContainText('KES 400.00');
  await expect(takings.getByRole('group', { name: 'All methods' })).toContainText('KES 6,600.50');
  const table = page.getByRole('table', { name: 'Payments' });
  await expect(table.getByRole('row')).toHaveCount(6);
  for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot(shot(`120-payments-${w}`));
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // Yesterday's till, picked by typing the day the Kenyan way.
  const day = takings.getByLabel('Day', { exact: true });
  await day.fill(localDate(-1).split('-').reverse().join('/'));
  await expect(takings.getByRole('group', { name: 'M-Pesa' })).toContainText('KES 10,000.00');
  await takings.getByRole('button', { name: 'Today' }).click();

  // Found by its M-Pesa code, typed in lower case.
  await page.getByRole('searchbox', { name: 'Search' }).fill('qjk3h7z2xp');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText(first.number);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Method', { exact: true }).selectOption({ label: 'Cash' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Wanjiku Traders');

  // The export: what the filters show, as a CSV.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = fs.readFileSync((await (await download).path())!, 'utf8');
  expect(csv).toContain('Receipt,Date,Customer,Method,Reference,Amount');
  expect(csv).toContain('Wanjiku Traders,Cash,,400.00,KES');
  expect(csv.trim().split('\r\n')).toHaveLength(2);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // The receipt: seen, saved, and sent by email with its PDF.
  await table.getByRole('row').filter({ hasText: first.number }).getByRole('button', { name: /^Receipt/ }).click();
  const receipt = page.getByRole('dialog', { name: `Receipt ${first.number}` });
  await expect(receipt.locator('canvas').first()).toBeVisible();
  const saved = page.waitForEvent('download');
  await receipt.getByRole('button', { name: 'Save as PDF' }).click();
  const bytes = fs.readFileSync((await (await saved).path())!);
  const text = (await pdfPages(bytes)).join('\n');
  expect(text).toContain('RECEIPT');
  expect(text).toContain('QJK3H7Z2XP');
  expect(text).toContain('KES 5,000.00');
  await expect(receipt.getByLabel('By email, with the PDF')).toBeChecked();
  await expect(receipt.getByLabel('Email to')).toHaveValue('accounts@baraka.co.ke');
  await expect(receipt.getByLabel('By SMS')).toBeDisabled();
  await expect(receipt.getByRole('link', { name: 'Open SMS settings' })).toBeVisible();
  await page.screenshot(shot('121-receipt-dialog', false));
  await receipt.getByRole('button', { name: 'Send receipt' }).click();
  await expect(receipt).toHaveCount(0);
  await expect.poll(() => smtp.received.length, { timeout: 30_000 }).toBe(1);
  const mail = smtp.received[0]!;
  expect(mail.parsed.subject).toBe(`Receipt ${first.number} from Amani Hardware`);
  expect(mail.parsed.attachments.map((a) => a.filename)).toEqual([`Receipt-${first.number}.pdf`]);

  // And it shows in Messages as a receipt that went.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages' }).click();
  const log = page.getByRole('table', { name: 'Messages' });
  await expect(log.getByRole('row').filter({ hasText: 'Payment receipt' })).toContainText('Sent', { timeout: 30_000 });
});
