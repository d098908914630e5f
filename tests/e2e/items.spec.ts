// The item catalog as a person uses it: add items, import a list from Zoho, pick items on an
// invoice by keyboard, draft a sentence from catalog prices, and see revenue by item.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { localDate } from './businessDate';
import { expect, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
const fixture = (name: string) => fs.readFileSync(path.join('tests', 'fixtures', 'sources', name));

/** Screenshots at both window sizes the app is checked at. */
async function shots(page: Page, name: string) {
  await page.screenshot(shot(`${name}-1280`));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot(`${name}-1024`));
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function pickCustomer(page: Page, name: string) {
  const picker = page.getByRole('combobox', { name: 'Customer' });
  await picker.fill(name.slice(0, 5));
  await expect(page.getByRole('listbox', { name: 'Customers' }).getByRole('option', { name: new RegExp(name) })).toHaveAttribute('aria-selected', 'true');
  await picker.press('Enter');
  await expect(picker).toHaveValue(name);
}

test('the catalog: items added and imported, picked on an invoice by keyboard, and a sentence drafted at their prices', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await rpc(page, 'customers.create', { name: 'Baraka Hardware', email: 'accounts@baraka.co.ke', currency: 'KES', paymentTermsDays: 14 });

  // An empty catalog says what it is for and how to fill it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Items' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Items' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No items yet' })).toBeVisible();
  await shots(page, '70-items-empty');

  // Add one by the form; a price that is not an amount is refused with a message, nothing lost.
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add item' })).toBeVisible();
  await page.getByLabel('Name').fill('Cement');
  await page.getByLabel('Code (optional)').fill('CEM');
  await page.getByLabel('Unit (optional)').fill('bag');
  await page.getByLabel('Price (KES, optional)').fill('seven eighty');
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(page.getByLabel('Price (KES, optional)')).toHaveAccessibleDescription(/Write the price like 780 or 1,500.50/);
  await expect(page.getByLabel('Name')).toHaveValue('Cement');
  await shots(page, '71-item-form-error');
  await page.getByLabel('Price (KES, optional)').fill('780');
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Items' })).toBeVisible();
  await rpc(page, 'items.create', { name: 'Delivery', priceMinor: 150_000, taxRateBp: null });

  // Import Zoho's item list: its columns recognised, the price it cannot read listed.
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import items' })).toBeVisible();
  await page.getByLabel('CSV file').setInputFiles({ name: 'Item.csv', mimeType: 'text/csv', buffer: fixture('zoho-items.csv') });
  await expect(page.getByText('This is a Zoho Invoice export')).toBeVisible();
  await expect(page.getByLabel('Column for Price')).toHaveValue('Rate');
  await expect(page.getByRole('table', { name: 'Imported with a value left out' })).toContainText('price 12.345 left out: not exact in KES (at most 2 decimals)');
  await expect(page.getByRole('table', { name: 'Already in your catalog' })).toContainText('Delivery');
  await shots(page, '72-items-import-review');
  await page.getByRole('button', { name: 'Import 3 items' }).click();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  await page.getByRole('link', { name: 'View items' }).click();
  // Zoho's inactive item came in archived: four live ones.
  await expect(page.getByText(/^4 items/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Cement 50kg' })).toContainText('KES 780.00');
  await shots(page, '73-items-list');

  // The invoice editor: the picker, by keyboard only, fills a line and moves to its quantity.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await page.getByRole('button', { name: 'New invoice' }).click();
  await pickCustomer(page, 'Baraka Hardware');
  const picker = page.getByRole('combobox', { name: 'Add from the catalog' });
  await picker.focus();
  await picker.press('ArrowDown');
  const options = page.getByRole('listbox', { name: 'Catalog items' }).getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await picker.pressSequentially('deliv');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('KES 1,500.00 · VAT exempt');
  await picker.press('Enter');
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Delivery');
  await expect(page.getByLabel('Unit price, line 1')).toHaveValue('1,500.00');
  await expect(page.getByLabel('Tax rate, line 1')).toHaveValue('exempt');
  await expect(page.getByLabel('Quantity, line 1')).toBeFocused();
  await picker.focus();
  await picker.pressSequentially('cem');
  await expect(options).toHaveCount(2);
  await picker.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await picker.press('ArrowUp');
  await picker.press('Enter');
  await expect(page.getByLabel('Description, line 2')).toHaveValue('Cement');
  await expect(page.getByLabel('Unit, line 2')).toHaveValue('bag');
  await expect(page.getByLabel('Quantity, line 2')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('10');
  await expect(page.getByRole('group', { name: 'Line 2' })).toContainText('KES 7,800.00');
  await picker.focus();
  await picker.press('Escape');
  await shots(page, '74-invoice-item-picker');
  await picker.pressSequentially('ce');
  await expect(options.first()).toBeVisible();
  await page.screenshot(shot('75-invoice-item-picker-open-1280'));
  await picker.press('Escape');

  // A sentence: the catalog's prices, offline, and the preview says where they came from. (The
  // typed invoice is left unsaved: the editor asks first, and the answer is to leave.)
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await page.getByRole('button', { name: 'New invoice' }).click();
  await pickCustomer(page, 'Baraka Hardware');
  await page.getByLabel('Describe the invoice').fill('10 bags of cement and delivery');
  const preview = page.getByRole('table', { name: 'Lines read from the sentence' });
  await expect(preview.getByRole('row', { name: /Cement/ })).toContainText('price from the catalog');
  await expect(preview.getByRole('row', { name: /Cement/ })).toContainText('KES 7,800.00');
  await expect(preview.getByRole('row', { name: /Delivery/ })).toContainText('KES 1,500.00');
  // 7,800 + 16% VAT, delivery exempt.
  await expect(preview.getByRole('row', { name: /Total/ })).toContainText('KES 10,548.00');
  await expect(page.getByText("'Cement': KES 780 per bag, from the catalog")).toBeVisible();
  await shots(page, '76-sentence-from-catalog');
  await page.getByRole('button', { name: 'Generate draft' }).click();
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Cement');
  await expect(page.getByLabel('Unit price, line 1')).toHaveValue('780.00');
  await expect(page.getByLabel('Description, line 2')).toHaveValue('Delivery');
  await page.screenshot(shot('77-draft-from-catalog-1280'));

  // Finalized, its lines count as revenue by item.
  const drafts = await rpc(page, 'invoices.list', { status: 'draft' });
  const draft = drafts.rows.find((r) => r.totalMinor === 1_054_800)!;
  await rpc(page, 'invoices.finalize', { id: draft.id, version: (await rpc(page, 'invoices.get', { id: draft.id })).draft.version });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
  const byItem = page.getByRole('table', { name: 'Revenue by item, KES' });
  await expect(byItem.getByRole('row').filter({ hasText: 'Cement' })).toContainText('KES 7,800.00');
  await expect(byItem.getByRole('row').filter({ hasText: 'Delivery' })).toContainText('KES 1,500.00');
  await byItem.scrollIntoViewIfNeeded();
  await shots(page, '78-analytics-revenue-by-item');
});

test('moving from another tool: Zoho customers with warnings, then their open invoices', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await page.getByLabel('CSV file').setInputFiles({ name: 'Contacts.csv', mimeType: 'text/csv', buffer: fixture('zoho-contacts.csv') });
  await expect(page.getByText('This is a Zoho Invoice export')).toBeVisible();
  await expect(page.getByLabel('Column for Email')).toHaveValue('EmailID');
  await expect(page.getByLabel('Column for Phone', { exact: true })).toHaveValue('MobilePhone');
  await expect(page.getByRole('table', { name: 'Imported with a value left out' })).toContainText('phone 0722 12 left out: not a full number');
  await shots(page, '79-customer-import-zoho');
  await page.getByRole('button', { name: 'Import 5 customers' }).click();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();

  // Open invoices, dated around the run's day so they are open and overdue whatever the date.
  const csv = [
    'Invoice Date,Invoice Number,Invoice Status,Customer Name,Due Date,Currency Code,Total,Balance,Last Payment Date',
    `${localDate(-70)},INV-000101,Overdue,Mama Mboga Supplies,${localDate(-40)},KES,58000.00,58000.00,`,
    `${localDate(-50)},INV-000102,PartiallyPaid,Highland Dairy,${localDate(-35)},KES,120000.00,45000.00,${localDate(-30)}`,
    `${localDate(-20)},INV-000103,Paid,Highland Dairy,${localDate(-5)},KES,3000.00,0.00,${localDate(-3)}`,
    `${localDate(-10)},INV-000104,Sent,Nobody We Know Ltd,${localDate(20)},KES,1000.00,1000.00,`,
  ].join('\r\n');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await page.getByRole('link', { name: 'Import open invoices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import open invoices' })).toBeVisible();
  await shots(page, '80-invoice-import-start');
  await page.getByLabel('CSV file').setInputFiles({ name: 'Invoice.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByText('This is a Zoho Invoice export')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Not imported: not open, or already here' })).toContainText('Paid in full');
  await expect(page.getByRole('table', { name: 'Rejected rows' })).toContainText('No customer called “Nobody We Know Ltd”');
  await expect(page.getByRole('table', { name: 'First invoices, as they will be in Billbook' })).toContainText('KES 45,000.00');
  await shots(page, '81-invoice-import-review');
  await page.getByRole('button', { name: 'Import 2 open invoices' }).click();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  await page.getByRole('link', { name: 'View invoices' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'INV-000101' })).toContainText(/Overdue/);
  await expect(page.getByRole('row').filter({ hasText: 'INV-000102' })).toContainText('KES 45,000.00');
  await page.screenshot(shot('82-invoices-after-import-1280'));
  // The imported invoice: its number, one line for its total, and what was paid before as a payment.
  await page.getByRole('link', { name: 'INV-000102' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /INV-000102/ })).toBeVisible();
  await expect(page.getByText('Zoho Invoice invoice INV-000102 (total as billed there, any VAT included)')).toBeVisible();
  await expect(page.getByText('Imported from another tool as INV-000102')).toBeVisible();
  await expect(page.getByText('Paid in Zoho Invoice')).toBeVisible();
  await shots(page, '83-imported-invoice');
});
