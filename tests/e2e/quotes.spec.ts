// A quote drafted in the invoice editor, issued with its own number and expiry, seen in the quotes
// list with its PDF, then converted to an invoice in one step (once), the two linked.
import path from 'node:path';
import { fieldDate, localDate } from './businessDate';
import { expect, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

function plusDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

test('a quote drafted, issued, previewed and converted to an invoice once', async ({ page, host }) => {
  await page.goto(host.url);
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
