// Sending invoices, as a new user does it: email with the PDF and SMS through real local servers
// (smtp-server and a fake Africa's Talking), now or scheduled; a draft finalized as it is sent;
// the delivery status, the customer's Messages tab, the Messages screen and the PDF preview.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startFakeAfricasTalking, type FakeSmsServer } from '../helpers/fakeSms';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { expect, localDate, rpc, SCREENSHOTS, test as hostTest } from './host';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

const AT_USER = 'sandbox';
const AT_KEY = 'atsk_e2e_fake_key_0123456789';
const EMAIL = 'accounts@baraka.co.ke';
const PHONE = '+254722123456';
const DELIVERY_WAIT = { timeout: 30_000 };

// The mail server and the SMS provider listen before the host starts, so the host is told where they are.
const test = hostTest.extend<{ smtp: SmtpSink; sms: FakeSmsServer }>({
  // eslint-disable-next-line no-empty-pattern
  smtp: async ({}, use) => {
    const sink = await startSmtpSink();
    await use(sink);
    await sink.close();
  },
  // eslint-disable-next-line no-empty-pattern
  sms: async ({}, use) => {
    const fake = await startFakeAfricasTalking({ username: AT_USER, apiKey: AT_KEY });
    await use(fake);
    await fake.close();
  },
  hostEnv: async ({ smtp, sms }, use) => {
    await use({ BILLBOOK_SMTP_HOST: '127.0.0.1', BILLBOOK_SMTP_PORT: String(smtp.port), BILLBOOK_SMS_BASE_URL: sms.url });
  },
});

/** The business, its M-Pesa Paybill, email through the local server and (unless `sms` is false) Africa's Talking. */
async function setUp(page: Page, { sms = true } = {}) {
  await rpc(page, 'settings.update', {
    business: { name: 'Mwangi Design Studio', email: 'billing@mwangi.studio', phone: '+254700000001', taxId: 'P051234567X' },
    payment: { mpesa: { kind: 'paybill', number: '123456' } },
    email: { security: 'none', fromName: 'Mwangi Design Studio', fromAddress: 'billing@mwangi.studio' },
    ...(sms ? { sms: { provider: 'africastalking', africastalking: { username: AT_USER } } } : {}),
  });
  if (sms) await rpc(page, 'settings.setSecret', { name: 'africasTalkingApiKey', value: AT_KEY });
  const customer = await rpc(page, 'customers.create', { name: 'Baraka Hardware', email: EMAIL, phone: PHONE, currency: 'KES', paymentTermsDays: 14 });
  const draft = await rpc(page, 'drafts.create', {
    draft: {
      customerId: customer.id,
      issueDate: localDate(0),
      lines: [
        { description: 'Website design', quantityMilli: 1000, unitPriceMinor: 4_500_000, taxRateBp: 1600 },
        { description: 'Hosting, 12 months', quantityMilli: 12_000, unitPriceMinor: 150_000, taxRateBp: 1600 },
      ],
    },
  });
  return { customer, draft };
}

async function finalizedInvoice(page: Page, opts?: { sms?: boolean }) {
  const { customer, draft } = await setUp(page, opts);
  const invoice = await rpc(page, 'invoices.finalize', { id: draft.id, version: draft.draft.version });
  return { customer, invoice };
}

async function openInvoice(page: Page, number: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await page.getByRole('table', { name: 'Invoices' }).getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${number}` })).toBeVisible();
}

/** Closes the notices in the corner and scrolls to the top, so a screenshot shows the page as it is. */
async function dismissToasts(page: Page) {
  const close = page.getByRole('button', { name: 'Dismiss notice' });
  // A notice may leave on its own between counting and clicking: then there is nothing to click.
  for (let i = 0; i < 10 && (await close.count()) > 0; i += 1) await close.first().click({ timeout: 1000 }).catch(() => undefined);
  await expect(close).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** The rows of a message table whose status badge reads `label`. */
const rowsWithStatus = (table: Locator, label: string) => table.getByRole('row').filter({ has: table.page().getByText(label, { exact: true }) });

/** The row of the delivery table for one channel. */
const deliveryRow = (delivery: Locator, channel: 'Email' | 'SMS') => delivery.getByRole('row').filter({ has: delivery.page().getByRole('cell', { name: new RegExp(`^${channel}`) }) });

test('a new user sends an invoice by email and SMS, and sees both delivered', async ({ page, host, smtp, sms }) => {
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const { customer, invoice } = await finalizedInvoice(page);
  const number = invoice.number!;

  await openInvoice(page, number);
  const delivery = page.getByRole('region', { name: 'Delivery' });
  await expect(delivery).toContainText('Not sent yet.');

  // Send…: the customer's address and number are filled in; email is the first choice.
  await page.getByRole('button', { name: 'Send…' }).click();
  const dialog = page.getByRole('dialog', { name: `Send invoice ${number}` });
  const emailList = dialog.getByRole('list', { name: 'Email addresses' });
  await expect(emailList.getByRole('listitem')).toHaveCount(1);
  await expect(emailList).toContainText(EMAIL);
  await expect(dialog.getByRole('radio', { name: 'Email' })).toBeChecked();
  const emailPreview = dialog.getByRole('article', { name: 'Email preview' });
  await expect(emailPreview).toContainText(`Subject:`);
  await expect(emailPreview).toContainText(number);
  await expect(emailPreview).toContainText(`Attached: ${number}.pdf`);

  // Both: the phone number, and the SMS as it will go, with what it costs.
  await dialog.getByRole('radio', { name: 'Both' }).check();
  const phoneList = dialog.getByRole('list', { name: 'Phone numbers' });
  await expect(phoneList.getByRole('listitem')).toHaveCount(1);
  await expect(phoneList).toContainText(PHONE);
  const smsPreview = dialog.getByRole('article', { name: 'SMS preview' });
  await expect(smsPreview).toContainText(`Mwangi Design Studio: Invoice ${number}`);
  await expect(smsPreview).toContainText('Pay via M-Pesa Paybill 123456');
  await expect(smsPreview).toContainText(/1 SMS segment · \d+ characters/);
  await expect(smsPreview.getByRole('note')).toHaveCount(0);

  // Recipients are checked as they are typed; a local number is read in the customer's country.
  const phones = dialog.getByLabel('SMS to');
  await phones.fill('0722 999');
  await phones.press('Enter');
  await expect(dialog.getByText('“0722 999” is not a phone number we can read')).toBeVisible();
  await expect(phones).toHaveAttribute('aria-invalid', 'true');
  await phones.fill('0733 111222');
  await phones.press('Enter');
  await expect(phoneList.getByRole('listitem')).toHaveCount(2);
  await expect(phoneList).toContainText('+254733111222');
  await expect(phones).not.toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Remove +254733111222' }).click();
  await expect(phoneList.getByRole('listitem')).toHaveCount(1);
  const emails = dialog.getByLabel('Email to');
  await emails.fill('not an address');
  await emails.press('Enter');
  await expect(dialog.getByText('“not an address” is not an email address')).toBeVisible();
  await emails.fill('');

  // A long message costs a second segment: the warning shows before sending; shortening it clears it.
  const message = dialog.getByLabel('Message to the customer (optional)');
  await message.fill('Thank you for choosing Mwangi Design Studio for the new website. The hosting runs for twelve months from today.');
  await expect(smsPreview).toContainText('2 SMS segments');
  await expect(smsPreview.getByRole('note')).toContainText('This message takes 2 SMS segments');
  await expect(emailPreview).toContainText('Thank you for choosing Mwangi Design Studio');
  await page.screenshot(shot('90a-send-dialog-sms-warning-1280', false));
  await message.fill('Thank you for your order.');
  await expect(smsPreview).toContainText('1 SMS segment');
  await expect(smsPreview.getByRole('note')).toHaveCount(0);
  await expect(smsPreview).toContainText('Thank you for your order.');
  const attach = dialog.getByRole('switch', { name: 'Attach the invoice PDF' });
  await expect(attach).toBeChecked();
  await attach.uncheck();
  await expect(emailPreview).toContainText('No PDF attached');
  await attach.check();
  await expect(emailPreview).toContainText(`Attached: ${number}.pdf`);
  await page.screenshot(shot('90-send-dialog-1280', false));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('90b-send-dialog-1024', false));
  await page.setViewportSize({ width: 1280, height: 800 });

  await dialog.getByRole('button', { name: 'Send now' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').getByText(new RegExp(`(Sending|Sent) to ${EMAIL} and \\${PHONE}`))).toBeVisible();

  // The delivery status follows the queue: both sent, each with the provider's reference.
  const table = delivery.getByRole('table', { name: 'Messages about this invoice' });
  await expect(deliveryRow(table, 'Email').getByText('Sent', { exact: true })).toBeVisible(DELIVERY_WAIT);
  await expect(deliveryRow(table, 'SMS').getByText('Sent', { exact: true })).toBeVisible(DELIVERY_WAIT);
  await expect(deliveryRow(table, 'Email')).toContainText(EMAIL);
  await expect(deliveryRow(table, 'Email')).toContainText('PDF attached');
  await expect(deliveryRow(table, 'SMS')).toContainText(PHONE);
  await expect(deliveryRow(table, 'SMS')).toContainText(/ATXid_[0-9a-f]+/);
  await expect(table.getByRole('button')).toHaveCount(0);
  // In the browser each message that went is announced, with a link to the invoice.
  await expect(page.getByRole('status').getByText(`Sent ${number}`).first()).toBeVisible();
  await expect(page.getByRole('status').getByRole('link', { name: `Open: Sent ${number}` }).first()).toHaveAttribute('href', `#/invoices/${invoice.id}`);
  await dismissToasts(page);
  await page.screenshot(shot('91-invoice-delivery-1280'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await delivery.scrollIntoViewIfNeeded();
  await page.screenshot(shot('91b-invoice-delivery-1024', false));
  await page.setViewportSize({ width: 1280, height: 800 });

  // What reached the outside world: one email with the PDF, one SMS.
  await smtp.waitFor(1);
  expect(smtp.received).toHaveLength(1);
  const mail = smtp.received[0]!;
  expect(mail.envelope.to).toEqual([EMAIL]);
  expect(mail.parsed.subject).toContain(number);
  expect(mail.raw).toContain('Content-Type: application/pdf');
  expect(mail.parsed.attachments.map((a) => a.filename)).toEqual([`${number}.pdf`]);
  expect(mail.parsed.attachments[0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(mail.parsed.text).toContain('Thank you for your order.');
  expect(sms.requests).toHaveLength(1);
  expect(sms.messages).toHaveLength(1);
  expect(sms.messages[0]!.to).toBe(PHONE);
  expect(sms.messages[0]!.text).toContain('Thank you for your order.');
  expect(sms.messages[0]!.text).toContain(`Invoice ${number}`);

  // The customer's Messages tab: the same two messages, linked to the invoice.
  await page.getByRole('link', { name: 'Baraka Hardware' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Baraka Hardware' })).toBeVisible();
  await page.getByRole('tab', { name: 'Messages' }).click();
  const history = page.getByRole('table', { name: 'Messages to this customer' });
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history.getByRole('link', { name: number })).toHaveCount(2);
  await expect(history.getByText(/^Invoice/)).toHaveCount(2);
  await expect(page).toHaveURL(new RegExp(`#/customers/${customer.id}`));
  await page.screenshot(shot('92-customer-messages-1280'));

  // The Messages screen: today's numbers, the log, and its filters.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  const today = page.getByRole('region', { name: /^Today/ });
  await expect(today.getByRole('group', { name: 'Sent', exact: true }).getByRole('definition').first()).toHaveText('2');
  await expect(today.getByRole('group', { name: 'Need attention', exact: true }).getByRole('definition').first()).toHaveText('0');
  const log = page.getByRole('table', { name: 'Messages' });
  await expect(log.getByRole('row')).toHaveCount(3);
  await expect(log.getByRole('link', { name: 'Baraka Hardware' })).toHaveCount(2);
  await page.getByLabel('Channel').selectOption('sms');
  await expect(log.getByRole('row')).toHaveCount(2);
  await expect(log).toContainText(PHONE);
  await expect(page.getByText('1 message match the filters')).toBeVisible();
  await page.getByLabel('Channel').selectOption('');
  await page.getByLabel('Status').selectOption('attention');
  await expect(page.getByText('No messages match these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Show all messages' }).click();
  await expect(log.getByRole('row')).toHaveCount(3);
  await page.screenshot(shot('93-messages-1280'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('93b-messages-1024'));
});

test('a scheduled send waits, shows when it goes, and can be cancelled before anything leaves', async ({ page, host, smtp, sms }) => {
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const { invoice } = await finalizedInvoice(page);
  const number = invoice.number!;
  await openInvoice(page, number);

  // E opens Send from the keyboard.
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: `Send invoice ${number}` });
  await expect(dialog.getByRole('list', { name: 'Email addresses' })).toBeVisible();
  await dialog.getByRole('radio', { name: 'Both' }).check();
  await dialog.getByRole('radio', { name: 'Schedule' }).check();
  const at = dialog.getByLabel('Send at');
  await expect(at).toBeVisible();

  // The time must be in the future.
  // Minutes from the app's own clock (the run's business date), in the window's zone.
  const { now } = await rpc(page, 'app.clock', {});
  const local = (offsetMinutes: number) =>
    page.evaluate(([base, minutes]) => {
      const d = new Date(Date.parse(base) + minutes * 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    }, [now, offsetMinutes] as const);
  await at.fill(await local(-60));
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog.getByText('Choose a time in the future')).toBeVisible();
  await expect(at).toHaveAttribute('aria-invalid', 'true');
  const inAnHour = await local(60);
  await at.fill(inAnHour);
  await expect(dialog.getByText('Choose a time in the future')).toHaveCount(0);
  await page.screenshot(shot('94-send-dialog-schedule-1280', false));
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toHaveCount(0);
  const shown = await page.evaluate(
    (value) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(value)),
    inAnHour,
  );
  await expect(page.getByRole('status').getByText(`Scheduled for ${shown}`)).toBeVisible();

  const table = page.getByRole('region', { name: 'Delivery' }).getByRole('table', { name: 'Messages about this invoice' });
  for (const channel of ['Email', 'SMS'] as const) {
    await expect(deliveryRow(table, channel).getByText('Scheduled', { exact: true })).toBeVisible();
    await expect(deliveryRow(table, channel)).toContainText(`for ${shown}`);
  }
  await dismissToasts(page);
  await page.screenshot(shot('95-invoice-delivery-scheduled-1280'));

  // Nothing left: no connection to the mail server, no request to the SMS provider.
  await page.waitForTimeout(2000);
  expect(smtp.connections).toBe(0);
  expect(smtp.received).toHaveLength(0);
  expect(sms.requests).toHaveLength(0);

  // Cancel both: they stay in the list as cancelled, and can be sent again from there.
  await table.getByRole('button', { name: `Cancel Email to ${EMAIL} about ${number}` }).click();
  await expect(deliveryRow(table, 'Email').getByText('Cancelled', { exact: true })).toBeVisible();
  await table.getByRole('button', { name: `Cancel SMS to ${PHONE} about ${number}` }).click();
  await expect(deliveryRow(table, 'SMS').getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(table.getByRole('button', { name: /^Send again/ })).toHaveCount(2);
  await expect(table.getByRole('button', { name: /^Cancel/ })).toHaveCount(0);
  expect(smtp.connections).toBe(0);
  expect(sms.requests).toHaveLength(0);

  // Send the SMS again now: the provider refuses it (no balance), and the row says why; again, and it goes.
  sms.script({ kind: 'recipient', statusCode: 405 });
  await table.getByRole('button', { name: `Send again: SMS to ${PHONE} about ${number}` }).click();
  const failed = rowsWithStatus(table, 'Failed');
  await expect(failed).toHaveCount(1, DELIVERY_WAIT);
  // Why, in a row of its own under the message.
  await expect(table.getByRole('row', { name: /Your Africa's Talking balance is too low/ })).toBeVisible();
  await expect(rowsWithStatus(table, 'Cancelled')).toHaveCount(2);
  await dismissToasts(page);
  await page.screenshot(shot('99-invoice-delivery-failed-1280'));
  await failed.getByRole('button', { name: /^Send again/ }).click();
  await expect(rowsWithStatus(table, 'Sent')).toHaveCount(1, DELIVERY_WAIT);
  await expect(rowsWithStatus(table, 'Sent')).toContainText(PHONE);
  // Header, four messages, and the failed one's reason in a row of its own.
  await expect(table.getByRole('row')).toHaveCount(6);
  expect(sms.messages).toHaveLength(1);
  expect(sms.requests).toHaveLength(2);
  expect(smtp.connections).toBe(0);
});

test('sending a draft finalizes it first, after saying which number it takes; the PDF preview shows its pages', async ({ page, host, smtp }) => {
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  // SMS is not set up here: the dialog says so and where to fix it.
  const { draft } = await setUp(page, { sms: false });
  const { number: nextNumber } = await rpc(page, 'invoices.nextNumber', { id: draft.id });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await page.getByRole('table', { name: 'Invoices' }).getByRole('link', { name: 'Draft for Baraka Hardware' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  await page.getByRole('button', { name: 'Send…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Send draft invoice' });
  await expect(dialog.getByRole('note', { name: 'Finalizing' })).toContainText(`Sending finalizes this draft as ${nextNumber}. A finalized invoice cannot be edited`);
  await expect(dialog.getByRole('radio', { name: 'SMS' })).toBeDisabled();
  await expect(dialog.getByRole('radio', { name: 'Both' })).toBeDisabled();
  await expect(dialog.getByText(/SMS can’t be chosen\. SMS is not set up/)).toBeVisible();
  // It opens Settings at the SMS section, not at the top of Settings.
  await expect(dialog.getByRole('link', { name: 'Open SMS settings' })).toHaveAttribute('href', '#/settings?section=sms');
  await page.screenshot(shot('96-send-draft-1280', false));
  await dialog.getByRole('button', { name: `Finalize as ${nextNumber} and send` }).click();

  // The invoice page of the finalized invoice, with its email on its way, then sent.
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${nextNumber}` })).toBeVisible();
  await expect(page.getByText('This is a draft')).toHaveCount(0);
  const table = page.getByRole('region', { name: 'Delivery' }).getByRole('table', { name: 'Messages about this invoice' });
  await expect(deliveryRow(table, 'Email').getByText('Sent', { exact: true })).toBeVisible(DELIVERY_WAIT);
  await smtp.waitFor(1);
  expect(smtp.received[0]!.parsed.subject).toContain(nextNumber);
  const invoice = await rpc(page, 'invoices.get', { id: draft.id });
  expect(invoice.status).not.toBe('draft');
  expect(invoice.number).toBe(nextNumber);

  // Preview PDF: every page drawn (not blank), named for screen readers; another template; Save as PDF.
  await dismissToasts(page);
  await page.getByRole('button', { name: 'Preview PDF' }).click();
  const preview = page.getByRole('dialog', { name: `PDF of invoice ${nextNumber}` });
  const firstPage = preview.getByRole('img', { name: new RegExp(`^Page 1 of \\d+ of ${nextNumber}$`) });
  await expect(firstPage).toHaveAttribute('data-rendered', 'true', { timeout: 20_000 });
  const inked = await firstPage.evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark += 1;
    return dark;
  });
  expect(inked).toBeGreaterThan(500);
  await expect(preview.getByLabel('Template')).toHaveValue(invoice.template);
  await expect(preview).toContainText(`${nextNumber}.pdf`);
  await page.screenshot(shot('97-pdf-preview-1280', false));
  const other = invoice.template === 'simple' ? 'detailed' : 'simple';
  await preview.getByLabel('Template').selectOption(other);
  await expect(preview.getByRole('img', { name: /^Page 1 of/ })).toHaveAttribute('data-rendered', 'true', { timeout: 20_000 });
  await page.screenshot(shot('98-pdf-preview-other-template-1280', false));

  const [download] = await Promise.all([page.waitForEvent('download'), preview.getByRole('button', { name: 'Save as PDF' }).click()]);
  expect(download.suggestedFilename()).toBe(`${nextNumber}.pdf`);
  const saved = await download.path();
  expect(fs.readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByRole('status').getByText(`Downloaded ${nextNumber}.pdf`)).toBeVisible();
  await preview.getByRole('button', { name: 'Close' }).click();
  await expect(preview).toHaveCount(0);
});
