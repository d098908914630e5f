// A customer's statement previewed from their page (the summary and the PDF), sent by email to a
// real local SMTP server with the PDF attached, then "Send statements" from the customer list.
import path from 'node:path';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { pdfText } from '../helpers/pdfText';
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

test('a statement previewed and sent by email, then statements sent to everyone with a balance', async ({ page, host, smtp }) => {
  await page.goto(host.url);
  await rpc(page, 'settings.update', {
    business: { name: 'Amani Hardware', street: '', city: 'Nakuru', postalCode: '20100', country: 'Kenya', taxId: 'P051234567X', phone: '', email: 'sales@amani.co.ke', website: '', logoDataUrl: '', vatRegistered: true, defaultTaxRateBp: 1600 },
    email: { host: '127.0.0.1', port: 587, security: 'none', user: '', fromName: 'Amani Hardware', fromAddress: 'sales@amani.co.ke', replyTo: '', messagesPerMinute: 60, timeoutSeconds: 10 },
  });
  const baraka = await rpc(page, 'customers.create', { name: 'Baraka Builders', phone: '0722 123456', email: 'accounts@baraka.co.ke' });
  const draft = await rpc(page, 'drafts.create', { draft: { customerId: baraka.id, issueDate: localDate(-10), lines: [{ description: 'Cement', quantityMilli: 10_000, unitPriceMinor: 80_000, taxRateBp: 0 }] } });
  await rpc(page, 'invoices.finalize', { id: draft.id, version: 1 });
  await rpc(page, 'payments.record', { customerId: baraka.id, amountMinor: 300_000, paidOn: localDate(-3), method: 'mpesa', reference: 'QJK3H7Z2XP' });

  await page.goto(`${host.url}#/customers/${baraka.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Baraka Builders' })).toBeVisible();
  // S opens this month's statement.
  await page.keyboard.press('s');
  const dialog = page.getByRole('dialog', { name: 'Statement for Baraka Builders' });
  const totals = dialog.getByRole('definition');
  await expect(dialog.getByLabel('Statement totals')).toContainText('KES 5,000.00', { timeout: 30_000 });
  await expect(totals.last()).toHaveText('KES 5,000.00');
  const lines = dialog.getByRole('table', { name: 'Statement lines' });
  await expect(lines.getByRole('row')).toHaveCount(3);
  await expect(lines.getByRole('row').nth(1)).toContainText('Invoice INV-');
  await expect(lines.getByRole('row').nth(2)).toContainText('M-Pesa (QJK3H7Z2XP)');
  await expect(lines.getByRole('row').nth(2)).toContainText('KES 5,000.00');
  for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot(shot(`180-statement-${w}`, false));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await dialog.getByLabel('PDF').check();
  await expect(dialog.locator('canvas').first()).toBeVisible({ timeout: 20_000 });
  await page.screenshot(shot('181-statement-pdf-1280', false));

  await dialog.getByRole('button', { name: 'Send by email' }).click();
  await expect(page.getByText('Statement for Baraka Builders queued by email')).toBeVisible();
  await expect.poll(() => smtp.received.length, { timeout: 30_000 }).toBe(1);
  const mail = smtp.received[0]!;
  expect(mail.envelope.to).toEqual(['accounts@baraka.co.ke']);
  expect(mail.parsed.subject).toMatch(/^Statement of account, 1 .+ to .+ from Amani Hardware$/);
  expect(mail.parsed.text).toContain('Closing balance: KES 5,000.00');
  const attachment = mail.parsed.attachments.find((a) => a.contentType === 'application/pdf');
  const printed = await pdfText(attachment!.content);
  expect(printed).toContain('STATEMENT OF');
  expect(printed).toContain('Baraka Builders');
  expect(printed).toContain('QJK3H7Z2XP');

  // Everyone with a balance: Baraka already has this period's statement, so nothing more goes.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'Send statements' }).click();
  const batch = page.getByRole('dialog', { name: 'Send statements' });
  await batch.getByRole('button', { name: 'Send statements' }).click();
  await expect(batch.getByRole('status')).toContainText('1 statement queued for 1 customer with a balance');
  await page.screenshot(shot('182-send-statements-1280', false));
  await batch.getByRole('button', { name: 'Done' }).click();
  await page.waitForTimeout(500);
  expect(smtp.received).toHaveLength(1);
});
