// Settings for sending invoices, as a new user fills them in: the business profile with a logo,
// payment instructions, email through a real SMTP server on 127.0.0.1 (tested, then pointed at a
// closed port), Africa's Talking against a local fake, and the reminder schedule; all kept on reload.
import net from 'node:net';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import { startFakeAfricasTalking, type FakeSmsServer } from '../helpers/fakeSms';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { E2E_TODAY, expect, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

const SMTP_USER = 'invoices@baraka.co.ke';
const SMTP_PASSWORD = 'app-password-2026';
const AT_KEY = 'atsk_0123456789abcdef0123456789abcdef';

// ---------------------------------------------------------------- a tiny PNG, made here

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** A 48×24 RGB logo: a blue block with a white bar, as a real PNG file. */
function tinyPng(): Buffer {
  const width = 48;
  const height = 24;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) {
      const bar = y >= 10 && y < 14 && x >= 6 && x < 42;
      rows.push(...(bar ? [255, 255, 255] : [31, 95, 191]));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A port nothing listens on: opened, read and closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const saved = (page: Page, message: string) => expect(page.getByRole('status').filter({ hasText: message })).toBeVisible();
async function dismissToasts(page: Page) {
  const close = page.getByRole('button', { name: 'Dismiss notice' });
  while ((await close.count()) > 0) await close.first().click();
}
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** The section alone, without the notices stacked over its corner. */
async function screenshotSection(page: Page, section: Locator, name: string) {
  await dismissToasts(page);
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

let smtp: SmtpSink | null = null;
let africasTalking: FakeSmsServer | null = null;
test.afterEach(async () => {
  await smtp?.close();
  await africasTalking?.close();
  smtp = null;
  africasTalking = null;
});

test('a new user sets up the business, payment, email, SMS and reminders; the tests send; everything is kept on reload', async ({ page, host }) => {
  test.slow();
  smtp = await startSmtpSink({ credentials: { user: SMTP_USER, pass: SMTP_PASSWORD } });
  africasTalking = await startFakeAfricasTalking({ username: 'baraka', apiKey: AT_KEY });
  const year = E2E_TODAY.slice(0, 4);

  await page.goto(`${host.url}#/settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  // "On this page" lists every section and jumps to its heading without leaving #/settings.
  const toc = page.getByRole('navigation', { name: 'Settings sections' });
  await expect(toc.getByRole('link')).toHaveText(['Account & sync', 'Business profile', 'Payment instructions', 'Getting paid online', 'Numbering and terms', 'Email (SMTP)', 'SMS', 'Reminders', 'AI drafting', 'KRA eTIMS', 'Analytics thresholds']);
  await page.screenshot(shot('81-settings-sending-empty-1280', false));
  await toc.getByRole('link', { name: 'Reminders' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Reminders' })).toBeFocused();
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(toc.getByRole('link', { name: 'Reminders' })).toHaveAttribute('aria-current', 'location');
  await page.evaluate(() => window.scrollTo(0, 0));

  // ---- Business profile, with a logo: one too large is refused with its size and the limit.
  const business = region(page, 'Business profile');
  await expect(business).toContainText('printed at the top of every invoice');
  await business.getByLabel('Business name').fill('Baraka Hardware Ltd');
  await business.getByLabel('KRA PIN').fill('P051234567X');
  await business.getByLabel('Street address').fill('Kimathi House, Kimathi Street, P.O. Box 12345');
  await business.getByLabel('City or town').fill('Nairobi');
  await business.getByLabel('Postal code').fill('00100');
  await business.getByLabel('Country').fill('Kenya');
  await business.getByLabel('Phone').fill('+254 722 123 456');
  await business.getByLabel('Email').fill('accounts@baraka.co.ke');
  await business.getByLabel('Website').fill('www.baraka.co.ke');
  await business.getByLabel('Choose logo…').setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: Buffer.alloc(400 * 1024, 1) });
  await expect(business.getByRole('alert')).toHaveText(/“scan\.png” is 400 KB; a logo can be at most 300 KB/);
  await expect(business.getByRole('img')).toHaveCount(0);
  await expect(business.getByLabel('Choose logo…')).toHaveAttribute('aria-invalid', 'true');
  await screenshotSection(page, business, '82a-settings-logo-too-large');
  await business.getByLabel('Choose logo…').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: tinyPng() });
  await expect(business.getByRole('img', { name: 'Baraka Hardware Ltd logo' })).toBeVisible();
  await expect(business.getByRole('alert')).toHaveCount(0);
  await expect(business.getByRole('button', { name: 'Remove logo' })).toBeVisible();
  // The letterhead sketch shows what customers will see.
  const letterhead = business.getByRole('figure', { name: 'Top of your invoices' });
  await expect(letterhead).toContainText('Baraka Hardware Ltd');
  await expect(letterhead).toContainText('00100 Nairobi');
  await expect(letterhead).toContainText('PIN P051234567X');
  await expect(business.getByText('Unsaved changes')).toBeVisible();
  await business.getByRole('button', { name: 'Save business profile' }).click();
  await saved(page, 'Business profile saved');
  await expect(business.getByText('Unsaved changes')).toHaveCount(0);
  await screenshotSection(page, business, '82-settings-business');

  // ---- Payment instructions: a Paybill (checked here, then by the backend for the SWIFT code).
  const payment = region(page, 'Payment instructions');
  await expect(payment.getByRole('figure')).toContainText('Nothing yet: invoices will not say how to pay.');
  await payment.getByRole('group', { name: 'How customers pay by M-Pesa' }).getByRole('radio', { name: 'Paybill' }).check();
  await expect(payment.getByText('Customers use the invoice number as the account number')).toBeVisible();
  await payment.getByLabel('Paybill number').fill('12');
  await payment.getByRole('button', { name: 'Save payment instructions' }).click();
  await expect(payment.getByText('Enter the Paybill number: 5 to 10 digits, no spaces')).toBeVisible();
  await expect(payment.getByLabel('Paybill number')).toHaveAttribute('aria-invalid', 'true');
  await payment.getByLabel('Paybill number').fill('123456');
  await expect(payment.getByRole('figure')).toContainText(`M-Pesa Paybill 123456 · Account: INV-${year}-0001`);
  await payment.getByLabel('Bank name').fill('KCB');
  await payment.getByLabel('Account name').fill('Baraka Hardware Ltd');
  await expect(payment.getByText('The bank details are not printed until you add the account number.')).toBeVisible();
  await payment.getByLabel('Account number').fill('1234567890');
  await payment.getByLabel('Branch').fill('Moi Avenue');
  await payment.getByLabel('SWIFT code').fill('KCB');
  await payment.getByLabel('Other payment instructions').fill('Cheques payable to Baraka Hardware Ltd.');
  await payment.getByRole('button', { name: 'Save payment instructions' }).click();
  await expect(payment.getByText('A SWIFT code has 8 or 11 letters and digits')).toBeVisible();
  await expect(payment.getByLabel('SWIFT code')).toHaveAttribute('aria-invalid', 'true');
  await payment.getByLabel('SWIFT code').fill('kcblkenx');
  await expect(payment.getByText('A SWIFT code has 8 or 11 letters and digits')).toHaveCount(0);
  await payment.getByLabel('SWIFT code').press('Control+s');
  await saved(page, 'Payment instructions saved');
  await expect(payment.getByLabel('SWIFT code')).toHaveValue('KCBLKENX');
  await expect(payment.getByRole('figure')).toContainText('Bank transfer: KCB · Moi Avenue branch · Account name: Baraka Hardware Ltd · Account no.: 1234567890 · SWIFT: KCBLKENX');
  await screenshotSection(page, payment, '83-settings-payment');

  // ---- Email: security suggests its usual port; the test waits for a save; the password is saved with the section.
  const email = region(page, 'Email (SMTP)');
  const port = email.getByLabel('Port', { exact: true });
  await expect(port).toHaveValue('587');
  await email.getByLabel('SMTP host').fill('127.0.0.1');
  await email.getByLabel('Security').selectOption({ label: 'TLS from the start (usually port 465)' });
  await expect(port).toHaveValue('465');
  await expect(email.getByText('Port changed to 465, the usual port for TLS from the start.')).toBeVisible();
  await email.getByLabel('Security').selectOption('none');
  await expect(port).toHaveValue('25');
  await port.fill(String(smtp.port));
  await email.getByLabel('Security').selectOption('starttls');
  await email.getByLabel('Security').selectOption('none');
  await expect(port, 'a port the person typed is theirs').toHaveValue(String(smtp.port));
  await email.getByLabel('User name').fill(SMTP_USER);
  await email.getByLabel('SMTP password').fill(SMTP_PASSWORD);
  await email.getByLabel('From name').fill('Baraka Hardware');
  await email.getByLabel('From address').fill(SMTP_USER);
  await email.getByLabel('Reply-to address').fill('accounts@baraka.co.ke');
  const sendTestEmail = email.getByRole('button', { name: 'Send test email' });
  await expect(sendTestEmail).toBeDisabled();
  await expect(email.getByText('Save your changes first: the test uses the saved settings.')).toBeVisible();
  await expect(email.getByText('Unsaved changes')).toBeVisible();
  await screenshotSection(page, email, '84a-settings-email-unsaved');
  await email.getByRole('button', { name: 'Save email settings' }).click();
  await saved(page, 'Email settings saved');
  await saved(page, 'SMTP password saved');
  await expect(email.getByText(/A password is saved \(stored: .+\)/)).toBeVisible();
  await expect(email.getByRole('button', { name: 'Replace password' })).toBeVisible();
  await expect(page.getByText(SMTP_PASSWORD)).toHaveCount(0);
  expect((await rpc(page, 'settings.get', {})).secretsSet.smtpPassword).toBe(true);

  const testTo = email.getByLabel('Send the test to');
  await expect(testTo, 'the test goes to the from address unless told otherwise').toHaveValue(SMTP_USER);
  await testTo.fill('owner@baraka.co.ke');
  await expect(sendTestEmail).toBeEnabled();
  await sendTestEmail.click();
  const emailResult = email.getByRole('status').filter({ hasText: 'Test email' });
  await expect(emailResult).toContainText('Test email sent', { timeout: 20_000 });
  await expect(emailResult).toContainText('The mail server accepted a test email to owner@baraka.co.ke.');
  await expect(emailResult).toContainText(/Message ID: <.+@baraka\.co\.ke>/);
  await smtp.waitFor(1);
  expect(smtp.received[0]!.envelope.to).toEqual(['owner@baraka.co.ke']);
  expect(smtp.received[0]!.user, 'signed in with the saved password').toBe(SMTP_USER);
  await screenshotSection(page, email, '84-settings-email-test-ok');

  // Pointed at a closed port: the failure names its stage in words, with the server's words.
  await port.fill(String(await closedPort()));
  await expect(sendTestEmail).toBeDisabled();
  await port.press('Control+s');
  await saved(page, 'Email settings saved');
  await expect(email.getByText('Test email sent'), 'a result about other settings goes').toHaveCount(0);
  await sendTestEmail.click();
  const refused = email.getByRole('status').filter({ hasText: 'Test failed' });
  await expect(refused).toContainText('Test failed at: Refused — nothing answered on that port', { timeout: 20_000 });
  await expect(refused).toContainText('connection refused');
  await screenshotSection(page, email, '85-settings-email-test-refused');

  // ---- SMS: Africa's Talking's fields only once it is chosen; key saved with the section; a test SMS goes.
  const sms = region(page, 'SMS');
  await expect(sms.getByLabel('Username')).toHaveCount(0);
  await expect(sms.getByRole('button', { name: 'Send test SMS' })).toBeDisabled();
  await expect(sms.getByText('Choose a provider and save it first.')).toBeVisible();
  await sms.getByRole('radio', { name: "Africa's Talking" }).check();
  await expect(sms.getByLabel('Account SID')).toHaveCount(0);
  await sms.getByLabel('Username').fill('baraka');
  await sms.getByLabel('Sender ID').fill('BARAKA');
  await sms.getByLabel('Base URL').fill(africasTalking.url);
  await sms.getByLabel("Africa's Talking API key").fill(AT_KEY);
  await sms.getByLabel('Messages per minute').fill('30');
  await sms.getByRole('button', { name: 'Save SMS settings' }).click();
  await saved(page, 'SMS settings saved');
  await saved(page, "Africa's Talking API key saved");
  await expect(sms.getByText(/A key is saved/)).toBeVisible();
  const testPhone = sms.getByLabel('Send the test to');
  await expect(testPhone, 'the business phone, written the international way').toHaveValue('+254722123456');
  await sms.getByRole('button', { name: 'Send test SMS' }).click();
  const smsResult = sms.getByRole('status').filter({ hasText: 'Test SMS' });
  await expect(smsResult).toContainText('Test SMS sent', { timeout: 20_000 });
  await expect(smsResult).toContainText(/Provider's message ID: ATXid_/);
  expect(africasTalking.messages).toHaveLength(1);
  expect(africasTalking.messages[0]).toMatchObject({ to: '+254722123456', from: 'BARAKA' });
  await screenshotSection(page, sms, '86-settings-sms');
  // Twilio shows its own fields; going back to the saved provider leaves nothing unsaved.
  await sms.getByRole('radio', { name: 'Twilio' }).check();
  await expect(sms.getByLabel('Username')).toHaveCount(0);
  await expect(sms.getByLabel('Account SID')).toBeVisible();
  await expect(sms.getByLabel('From (number or Messaging Service SID)')).toBeVisible();
  await expect(sms.getByLabel('Twilio auth token')).toBeVisible();
  await expect(sms.getByRole('button', { name: 'Send test SMS' })).toBeDisabled();
  await screenshotSection(page, sms, '86b-settings-sms-twilio');
  await sms.getByRole('radio', { name: "Africa's Talking" }).check();
  await expect(sms.getByText('Unsaved changes')).toHaveCount(0);
  await expect(sms.getByRole('button', { name: 'Send test SMS' })).toBeEnabled();

  // ---- Reminders: the schedule edited as chips.
  const reminders = region(page, 'Reminders');
  await expect(reminders).toContainText('Send payment reminders');
  await expect(reminders).toContainText('each missed reminder is sent once when it opens again');
  await expect(reminders).toContainText('The tone firms up the longer an invoice is overdue');
  await reminders.getByRole('switch', { name: 'Send payment reminders' }).check();
  const chips = reminders.getByRole('list', { name: 'Reminder days' }).getByRole('listitem');
  await expect(chips).toHaveText(['3 days before', 'On the due day', '7 days overdue', '14 days overdue', '30 days overdue']);
  await reminders.getByRole('button', { name: 'Remove “14 days overdue”' }).click();
  await expect(reminders.getByRole('button', { name: 'Remove “30 days overdue”' }), 'focus moves to the next chip').toBeFocused();
  const days = reminders.getByLabel('Days', { exact: true });
  const when = reminders.getByLabel('Before or after the due date');
  await days.fill('1');
  await when.selectOption('before');
  await reminders.getByRole('button', { name: 'Add reminder' }).click();
  await days.fill('7');
  await when.selectOption('after');
  await days.press('Enter');
  await expect(reminders.getByText('“7 days overdue” is already in the schedule')).toBeVisible();
  await days.fill('45');
  await when.selectOption('before');
  await days.press('Enter');
  await expect(reminders.getByText('At most 30 days before the due date')).toBeVisible();
  await when.selectOption('after');
  await reminders.getByRole('button', { name: 'Add reminder' }).click();
  await expect(chips).toHaveText(['3 days before', '1 day before', 'On the due day', '7 days overdue', '30 days overdue', '45 days overdue']);
  await reminders.getByRole('group', { name: 'Send by' }).getByRole('radio', { name: 'Email and SMS' }).check();
  await reminders.getByLabel('Send from').selectOption({ label: '09:00' });
  await reminders.getByLabel('Send a thank-you when a payment is recorded').check();
  await reminders.getByLabel('Attach the invoice PDF to email reminders').uncheck();
  await reminders.getByRole('button', { name: 'Save reminder settings' }).click();
  await saved(page, 'Reminder settings saved');
  await screenshotSection(page, reminders, '87-settings-reminders');
  await page.screenshot(shot('88-settings-sending-1280'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot(shot('89-settings-sending-top-1024', false));
  await screenshotSection(page, email, '89b-settings-email-1024');
  await screenshotSection(page, payment, '89c-settings-payment-1024');
  await page.setViewportSize({ width: 1280, height: 800 });

  // ---- Reload: everything is as it was saved.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(business.getByLabel('Business name')).toHaveValue('Baraka Hardware Ltd');
  await expect(business.getByLabel('KRA PIN')).toHaveValue('P051234567X');
  await expect(business.getByLabel('Phone')).toHaveValue('+254 722 123 456');
  await expect(business.getByRole('img', { name: 'Baraka Hardware Ltd logo' })).toBeVisible();
  await expect(payment.getByRole('radio', { name: 'Paybill' })).toBeChecked();
  await expect(payment.getByLabel('Paybill number')).toHaveValue('123456');
  await expect(payment.getByLabel('SWIFT code')).toHaveValue('KCBLKENX');
  await expect(payment.getByLabel('Other payment instructions')).toHaveValue('Cheques payable to Baraka Hardware Ltd.');
  await expect(email.getByLabel('SMTP host')).toHaveValue('127.0.0.1');
  await expect(email.getByLabel('Security')).toHaveValue('none');
  await expect(email.getByLabel('From address')).toHaveValue(SMTP_USER);
  await expect(email.getByText(/A password is saved/)).toBeVisible();
  await expect(sms.getByRole('radio', { name: "Africa's Talking" })).toBeChecked();
  await expect(sms.getByLabel('Username')).toHaveValue('baraka');
  await expect(sms.getByLabel('Messages per minute')).toHaveValue('30');
  await expect(sms.getByText(/A key is saved/)).toBeVisible();
  await expect(reminders.getByRole('switch', { name: 'Send payment reminders' })).toBeChecked();
  await expect(chips).toHaveText(['3 days before', '1 day before', 'On the due day', '7 days overdue', '30 days overdue', '45 days overdue']);
  await expect(reminders.getByRole('radio', { name: 'Email and SMS' })).toBeChecked();
  await expect(reminders.getByLabel('Send from')).toHaveValue('9');
  await expect(reminders.getByLabel('Send a thank-you when a payment is recorded')).toBeChecked();
  await expect(reminders.getByLabel('Attach the invoice PDF to email reminders')).not.toBeChecked();

  const stored = await rpc(page, 'settings.get', {});
  expect(stored.business).toMatchObject({ name: 'Baraka Hardware Ltd', city: 'Nairobi', postalCode: '00100', country: 'Kenya', taxId: 'P051234567X' });
  expect(stored.business.logoDataUrl).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  expect(stored.payment).toEqual({
    mpesa: { kind: 'paybill', number: '123456' },
    bank: { bankName: 'KCB', accountName: 'Baraka Hardware Ltd', accountNumber: '1234567890', branch: 'Moi Avenue', swift: 'KCBLKENX' },
    note: 'Cheques payable to Baraka Hardware Ltd.',
  });
  expect(stored.email).toMatchObject({ host: '127.0.0.1', security: 'none', user: SMTP_USER, fromName: 'Baraka Hardware', replyTo: 'accounts@baraka.co.ke' });
  expect(stored.sms).toMatchObject({ provider: 'africastalking', africastalking: { username: 'baraka', senderId: 'BARAKA', baseUrl: africasTalking.url }, messagesPerMinute: 30 });
  expect(stored.reminders).toEqual({ enabled: true, offsets: [-3, -1, 0, 7, 30, 45], channel: 'both', sendFromHour: 9, thankYouOnPayment: true, attachPdf: false });
  expect(stored.secretsSet).toMatchObject({ smtpPassword: true, africasTalkingApiKey: true, geminiApiKey: false });

  // The logo can be removed again.
  await business.getByRole('button', { name: 'Remove logo' }).click();
  await expect(business.getByRole('img')).toHaveCount(0);
  await expect(business.getByLabel('Choose logo…'), 'focus stays in the logo field').toBeFocused();
  await business.getByRole('button', { name: 'Save business profile' }).click();
  await saved(page, 'Business profile saved');
  expect((await rpc(page, 'settings.get', {})).business.logoDataUrl).toBe('');
});

test.describe('with the endpoints overridden (BILLBOOK_SMTP_HOST / _PORT, BILLBOOK_SMS_BASE_URL)', () => {
  const SMTP_PORT = 47931;
  const SMS_URL = 'http://127.0.0.1:47932';
  test.use({ hostEnv: { BILLBOOK_SMTP_HOST: '127.0.0.1', BILLBOOK_SMTP_PORT: String(SMTP_PORT), BILLBOOK_SMS_BASE_URL: SMS_URL } });

  test('the overridden fields say so, the backend’s field errors sit under their fields, and an unfinished setup is named as such', async ({ page, host }) => {
    smtp = await startSmtpSink({ port: SMTP_PORT });
    await page.goto(`${host.url}#/settings`);
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

    // Email: host and port come from the override, and changing security leaves the port alone.
    const email = region(page, 'Email (SMTP)');
    await expect(email).toContainText(`overridden by BILLBOOK_SMTP_HOST / BILLBOOK_SMTP_PORT: emails go to 127.0.0.1:${SMTP_PORT}`);
    await expect(email.getByLabel('SMTP host')).toBeDisabled();
    await expect(email.getByLabel('SMTP host')).toHaveValue('127.0.0.1');
    await expect(email.getByLabel('Port', { exact: true })).toHaveValue(String(SMTP_PORT));
    await email.getByLabel('Security').selectOption('tls');
    await expect(email.getByLabel('Port', { exact: true })).toHaveValue(String(SMTP_PORT));
    await email.getByLabel('Security').selectOption('none');
    await email.getByLabel('Security').press('Control+s');
    await saved(page, 'Email settings saved');

    // No sender yet: the test names what is missing.
    await email.getByLabel('Send the test to').fill('owner@amani.co.ke');
    await email.getByRole('button', { name: 'Send test email' }).click();
    const result = email.getByRole('status').filter({ hasText: 'Test failed' });
    await expect(result).toContainText('Test failed at: Settings incomplete');
    await expect(result).toContainText('Email has no sender address yet');

    // The backend refuses a bad address; its words sit under the field.
    await email.getByLabel('From address').fill('billing at amani');
    await email.getByRole('button', { name: 'Save email settings' }).click();
    await expect(email.getByText('That is not an email address')).toBeVisible();
    await expect(email.getByLabel('From address')).toHaveAttribute('aria-invalid', 'true');
    await expect(email.getByText('Not saved: fix the fields marked above.')).toBeVisible();
    await email.getByLabel('From address').fill('billing@amani.co.ke');
    await email.getByRole('button', { name: 'Save email settings' }).click();
    await saved(page, 'Email settings saved');
    await expect(email.getByText('Test failed'), 'the old result was about other settings').toHaveCount(0);
    await email.getByRole('button', { name: 'Send test email' }).click();
    await expect(email.getByRole('status').filter({ hasText: 'Test email sent' })).toContainText('accepted a test email to owner@amani.co.ke');
    await smtp.waitFor(1);
    expect(smtp.received[0]!.envelope.from).toBe('billing@amani.co.ke');
    await screenshotSection(page, email, '89d-settings-email-overridden');

    // SMS: the base URL is the override's; errors on the provider not shown are listed, not lost.
    const sms = region(page, 'SMS');
    await sms.getByRole('radio', { name: 'Twilio' }).check();
    await expect(sms.getByLabel('Base URL')).toBeDisabled();
    await expect(sms.getByLabel('Base URL')).toHaveValue(SMS_URL);
    await expect(sms.getByText(`Overridden by BILLBOOK_SMS_BASE_URL: ${SMS_URL}`)).toBeVisible();
    await sms.getByLabel('Account SID').fill('AC123');
    await sms.getByRole('button', { name: 'Save SMS settings' }).click();
    await expect(sms.getByText('An Account SID starts with AC and has 34 characters')).toBeVisible();
    await expect(sms.getByLabel('Account SID')).toHaveAttribute('aria-invalid', 'true');
    await sms.getByRole('radio', { name: "Africa's Talking" }).check();
    await sms.getByRole('button', { name: 'Save SMS settings' }).click();
    await expect(sms.getByText('Enter your Africa’s Talking username')).toBeVisible();
    await sms.getByLabel('Username').fill('amani');
    await sms.getByRole('button', { name: 'Save SMS settings' }).click();
    const hidden = sms.getByRole('alert').filter({ hasText: 'Settings not shown here need fixing' });
    await expect(hidden).toContainText('Twilio Account SID: An Account SID starts with AC and has 34 characters');
    await screenshotSection(page, sms, '89e-settings-sms-hidden-error');
    await sms.getByRole('radio', { name: 'Twilio' }).check();
    await sms.getByLabel('Account SID').fill('');
    await sms.getByRole('radio', { name: "Africa's Talking" }).check();
    await expect(hidden).toHaveCount(0);
    await sms.getByRole('button', { name: 'Save SMS settings' }).click();
    await saved(page, 'SMS settings saved');
    // Saved, but without its API key the test says what is missing.
    await sms.getByLabel('Send the test to').fill('+254722000111');
    await sms.getByRole('button', { name: 'Send test SMS' }).click();
    await expect(sms.getByRole('status').filter({ hasText: 'Test failed' })).toContainText("Africa's Talking needs your API key");
    expect((await rpc(page, 'settings.get', {})).sms).toMatchObject({ provider: 'africastalking', africastalking: { username: 'amani' }, twilio: { accountSid: '' } });
  });
});
