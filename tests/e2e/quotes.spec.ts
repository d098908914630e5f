// A quote drafted in the invoice editor, issued with its own number and expiry, seen in the quotes
// list with its PDF, then converted to an invoice in one step (once), the two linked.
import path from 'node:path';
import { fieldDate, localDate } from './businessDate';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { expect, rpc, SCREENSHOTS, test as hostTest } from './host';

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

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

function plusDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

test('a quote drafted, issued, previewed, sent by email and converted to an invoice once', async ({ page, host, smtp }) => {
  await page.goto(host.url);
  await rpc(page, 'settings.update', {
    email: { host: '127.0.0.1', port: 587, security: 'none', user: '', fromName: 'Amani Hardware', fromAddress: 'sales@amani.co.ke', replyTo: '', messagesPerMinute: 60, timeoutSeconds: 10 },
  });
  await rpc(page, 'customers.create', { name: 'Wanjiku Traders', phone: '0722 123456', email: 'orders@wanjiku.co.ke' });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quotes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Quotes' })).toBeVisible();
  await expect(page.getByText('No quotes yet')).toBeVisible();
  // N starts a new quote in the invoice editor.
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { level: 1, name: 'New quote' })).toBeVisible();
  const picker = page.getByRole('combobox', { name: 'Customer' });
  await picker.fill('wanj');
  await page.getByRole('listbox', { name: 'Customers' }).getByRole('option', { name: /Wanjiku Traders/ }).click();
  await expect(picker).toHaveValue('Wanjiku Traders');
  await page.getByLabel('Description, line 1').fill('Roofing sheets, 3 m');
  await page.getByLabel('Quantity, line 1').fill('20');
  await page.getByLabel('Unit price, line 1').fill('950');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('heading', { level: 1, name: 'Draft quote' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send…' })).toHaveCount(0);

  // Issued from the editor (Ctrl+Enter), valid 30 days by default.
  await page.keyboard.press('Control+Enter');
  const issue = page.getByRole('dialog', { name: 'Issue quote' });
  await expect(issue.getByLabel('Valid until')).toHaveValue(fieldDate(plusDays(localDate(), 30)));
  await issue.getByRole('button', { name: 'Issue quote' }).click();
  const year = localDate().slice(0, 4);
  await expect(page.getByText(`Quote QUO-${year}-0001 issued`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Quotes' })).toBeVisible();

  const table = page.getByRole('table', { name: 'Quotes' });
  const row = table.getByRole('row', { name: new RegExp(`QUO-${year}-0001`) });
  await expect(row).toContainText('Wanjiku Traders');
  await expect(row).toContainText('Sent');
  await expect(row).toContainText('KES 22,040.00');
  await expect(page.getByRole('group', { name: 'Quote summary' })).toContainText('KES 22,040.00');
  for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot(shot(`170-quotes-${w}`));
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // The PDF, headed QUOTATION.
  await row.getByRole('button', { name: `PDF of QUO-${year}-0001` }).click();
  const pdf = page.getByRole('dialog', { name: `PDF of quote QUO-${year}-0001` });
  await expect(pdf.getByRole('button', { name: 'Save as PDF' })).toBeEnabled();
  await page.screenshot(shot('171-quote-pdf-1280', false));
  await pdf.getByRole('button', { name: 'Close' }).click();

  // Sent by email, the PDF attached.
  await row.getByRole('button', { name: `Send QUO-${year}-0001` }).click();
  const send = page.getByRole('dialog', { name: `Send quote QUO-${year}-0001` });
  await expect(send.getByLabel('Email address')).toHaveValue('orders@wanjiku.co.ke');
  await send.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText(`QUO-${year}-0001 queued to Wanjiku Traders`)).toBeVisible();
  await expect.poll(() => smtp.received.length, { timeout: 30_000 }).toBe(1);
  expect(smtp.received[0]!.parsed.subject).toMatch(new RegExp(`^Quote QUO-${year}-0001`));
  expect(smtp.received[0]!.parsed.attachments.map((a) => a.filename)).toEqual([`QUO-${year}-0001.pdf`]);

  // Converted in one step: the invoice keeps the lines and says where it came from.
  await row.getByRole('button', { name: `Convert QUO-${year}-0001 to invoice` }).click();
  await page.getByRole('dialog', { name: 'Convert to invoice' }).getByRole('button', { name: 'Convert to invoice' }).click();
  await expect(page.getByText(`QUO-${year}-0001 converted to invoice INV-${year}-0001`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`INV-${year}-0001`) })).toBeVisible();
  await expect(page.getByText(`Converted from quote QUO-${year}-0001`)).toBeVisible();
  await expect(page.getByText('Roofing sheets, 3 m')).toBeVisible();

  // Back on the list: accepted, linked to its invoice, and no second conversion offered.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quotes' }).click();
  await expect(row).toContainText('Accepted');
  await expect(row.getByRole('link', { name: `INV-${year}-0001` })).toBeVisible();
  await expect(row.getByRole('button', { name: /Convert/ })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Quote summary' })).toContainText('100%');
});
