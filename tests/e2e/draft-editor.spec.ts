import path from 'node:path';
import { formatMoney } from '../../shared/money';
import { computeTotals, taxRateLabel } from '../../shared/totals';
import { expect, fieldDate, localDate, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

/** "2026-11-21" as the editor shows a date: "21 Nov 2026". */
function shown(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${date}T00:00:00`));
}

function plusDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

test('a person drafts an invoice, saves versions, restores one and finalizes it', async ({ page, host }) => {
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await rpc(page, 'customers.create', { name: 'Baraka Hardware', email: 'baraka@example.com', currency: 'KES', paymentTermsDays: 15 });
  const customer = await rpc(page, 'customers.create', {
    name: 'Wanjiku Traders', email: 'orders@wanjiku.co.ke', currency: 'KES', paymentTermsDays: 30,
  });

  // New invoice, customer picked with the keyboard from the autocomplete.
  await page.goto(`${host.url}#/invoices/new`);
  await expect(page.getByRole('heading', { level: 1, name: 'New invoice' })).toBeVisible();
  const picker = page.getByRole('combobox', { name: 'Customer' });
  const listbox = page.getByRole('listbox', { name: 'Customers' });
  await picker.click();
  // Two customers, then the choice to add a new one.
  await expect(listbox.getByRole('option')).toHaveCount(3);
  await expect(listbox.getByRole('option').last()).toContainText('New customer');
  await expect(listbox.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await picker.press('ArrowDown');
  await expect(listbox.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(picker).toHaveAttribute('aria-activedescendant', (await listbox.getByRole('option').nth(1).getAttribute('id'))!);
  await picker.press('Escape');
  await expect(picker).toHaveAttribute('aria-expanded', 'false');
  await picker.fill('wanj');
  // The one match, then the choice to add "wanj" as a new customer.
  await expect(listbox.getByRole('option')).toHaveCount(2);
  await expect(listbox.getByRole('option', { name: /Wanjiku Traders/ })).toHaveAttribute('aria-selected', 'true');
  await expect(picker).toHaveAttribute('aria-activedescendant', /.+/);
  await picker.press('Enter');
  await expect(picker).toHaveValue('Wanjiku Traders');
  await expect(picker).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Currency')).toHaveValue('KES');
  await expect(page.getByLabel('Follow payment terms (Net 30)')).toBeChecked();
  const issueDate = localDate();
  await expect(page.getByLabel('Issue date')).toHaveValue(fieldDate(issueDate));
  await expect(page.getByLabel('Due date')).toHaveValue(shown(plusDays(issueDate, 30)));

  // Three lines, one of them exempt.
  const lines = [
    { description: 'Website design', quantity: '1.5', unit: 'days', price: '12,000', tax: '16% standard' },
    { description: 'Hosting', quantity: '12', unit: 'months', price: '1,160.50', tax: '8%' },
    { description: 'Printed training manual', quantity: '2', unit: 'pieces', price: '850', tax: 'Exempt' },
  ];
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    if (n > 1) {
      await page.getByRole('button', { name: 'Add line' }).click();
      await expect(page.getByLabel(`Description, line ${n}`)).toBeFocused();
    }
    await page.getByLabel(`Description, line ${n}`).fill(line.description);
    await page.getByLabel(`Quantity, line ${n}`).fill(line.quantity);
    await page.getByLabel(`Unit, line ${n}`, { exact: true }).fill(line.unit);
    await page.getByLabel(`Unit price, line ${n}`).fill(line.price);
    await page.getByLabel(`Tax rate, line ${n}`).selectOption({ label: line.tax });
  }
  // A quantity with too many decimals is an error next to it, and the line is named in the totals.
  await page.getByLabel('Quantity, line 2').fill('12.0005');
  await page.getByLabel('Quantity, line 2').blur();
  await expect(page.getByText('At most 3 decimals, like 1.125')).toBeVisible();
  const totals = page.getByRole('region', { name: 'Totals' });
  await expect(totals).toContainText('Line 2 is not counted until its errors are fixed.');
  await page.getByLabel('Quantity, line 2').fill('12');
  await expect(page.getByText('At most 3 decimals, like 1.125')).toHaveCount(0);

  await page.getByRole('switch', { name: 'Prices include VAT' }).check();
  await page.getByLabel('Discount', { exact: true }).selectOption({ label: 'Percent' });
  await page.getByLabel('Discount percent').fill('10');

  const expected = computeTotals({
    lines: [
      { quantityMilli: 1500, unitPriceMinor: 1_200_000, taxRateBp: 1600 },
      { quantityMilli: 12_000, unitPriceMinor: 116_050, taxRateBp: 800 },
      { quantityMilli: 2000, unitPriceMinor: 85_000, taxRateBp: null },
    ],
    pricesIncludeTax: true,
    discount: { kind: 'percent', bp: 1000 },
  });
  const kes = (minor: number) => formatMoney(minor, 'KES');
  await expect(totals.getByRole('row', { name: /Subtotal/ })).toContainText(kes(expected.subtotalMinor));
  await expect(totals.getByRole('row', { name: /Discount \(10%\)/ })).toContainText(kes(expected.discountMinor));
  for (const row of expected.taxSummary) {
    const label = row.taxRateBp === null ? 'Exempt' : `VAT ${taxRateLabel(row.taxRateBp)}`;
    const shownRow = totals.getByRole('row', { name: new RegExp(`^${label.replace(/[.%()]/g, '\\$&')}`) });
    await expect(shownRow).toContainText(kes(row.taxMinor));
    await expect(shownRow).toContainText(`on ${kes(row.netMinor)}`);
  }
  await expect(totals.getByRole('row', { name: /^Total/ })).toContainText(kes(expected.totalMinor));
  for (const [i, line] of expected.lines.entries()) {
    await expect(page.getByText(`Amount, line ${i + 1}:`).locator('..')).toContainText(kes(line.amountMinor));
  }
  await page.screenshot(shot('20-draft-new-1280'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('21-draft-new-1024'));
  await page.screenshot(shot('22-draft-new-1024-window', false));
  await page.setViewportSize({ width: 1280, height: 800 });

  // Save: the draft gets its own address and version 1.
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  await expect(page).toHaveURL(/#\/invoices\/[0-9a-f-]+\/edit$/);
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved (version 1)' })).toBeVisible();
  await expect(page.getByLabel('Description, line 3')).toHaveValue('Printed training manual');
  await expect(page.getByLabel('Tax rate, line 3')).toHaveValue('exempt');
  await expect(page.getByRole('switch', { name: 'Prices include VAT' })).toBeChecked();
  await expect(totals.getByRole('row', { name: /^Total/ })).toContainText(kes(expected.totalMinor));

  // Change a line, move it, and save with the keyboard.
  await page.getByLabel('Quantity, line 1').fill('2');
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();
  // Leaving by a link asks first.
  page.once('dialog', (d) => void d.dismiss());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  await expect(page.getByLabel('Quantity, line 1')).toHaveValue('2');
  // So does Back: staying keeps the address and everything typed.
  const editUrl = page.url();
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await page.goBack({ waitUntil: 'commit' });
  await expect.poll(() => asked).toContain('unsaved changes');
  await expect(page).toHaveURL(editUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  await expect(page.getByLabel('Quantity, line 1')).toHaveValue('2');
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();
  await page.getByRole('button', { name: 'Move line 3 up' }).click();
  await expect(page.getByLabel('Description, line 2')).toHaveValue('Printed training manual');
  await expect(page.getByRole('button', { name: 'Move line 2 up' })).toBeFocused();
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Version 2', { exact: true })).toBeVisible();

  // Version history: look at version 1 and restore it.
  await page.getByRole('button', { name: 'Version history' }).click();
  const history = page.getByRole('dialog', { name: 'Version history' });
  await expect(history.getByRole('button', { name: /^Version 2/ })).toHaveAttribute('aria-pressed', 'true');
  await history.getByRole('button', { name: /^Version 1/ }).click();
  const v1 = history.getByRole('region', { name: 'Version 1, read-only' });
  await expect(v1.getByRole('row', { name: /Website design/ })).toContainText('1.5 days');
  await expect(v1).toContainText(kes(expected.totalMinor));
  await page.screenshot(shot('23-draft-history', false));
  await history.getByRole('button', { name: 'Restore version 1' }).click();
  await expect(history).toHaveCount(0);
  await expect(page.getByText('Version 3', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Quantity, line 1')).toHaveValue('1.5');
  await expect(page.getByLabel('Description, line 3')).toHaveValue('Printed training manual');

  // Finalize with the keyboard; the dialog says what will happen.
  await page.keyboard.press('Control+Enter');
  const confirm = page.getByRole('dialog', { name: 'Finalize invoice' });
  const year = issueDate.slice(0, 4);
  await expect(confirm).toContainText(`INV-${year}-0001`);
  await expect(confirm).toContainText('Wanjiku Traders');
  await expect(confirm).toContainText(kes(expected.totalMinor));
  await expect(confirm).toContainText(shown(plusDays(issueDate, 30)));
  await expect(confirm).toContainText('cannot be edited');
  await page.screenshot(shot('24-draft-finalize', false));
  await confirm.getByRole('button', { name: `Finalize as INV-${year}-0001` }).click();
  await expect(page).toHaveURL(/#\/invoices\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { level: 1, name: `Invoice INV-${year}-0001` })).toBeVisible();

  // A new invoice opened from a customer starts with them; refusals from the backend are shown.
  await page.goto(`${host.url}#/invoices/new/${customer.id}`);
  await expect(page.getByRole('combobox', { name: 'Customer' })).toHaveValue('Wanjiku Traders');
  await page.getByLabel('Unit price, line 1').fill('500');
  // What is typed while the first save is on its way stays, as an unsaved change of the new draft.
  await page.route('**/rpc/drafts.create', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saving…' })).toBeVisible();
  await page.getByLabel('Notes', { exact: true }).fill('Typed while saving');
  await expect(page).toHaveURL(/#\/invoices\/[0-9a-f-]+\/edit$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('Typed while saving');
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();
  await page.unroute('**/rpc/drafts.create');
  await page.getByRole('button', { name: 'Finalize' }).click();
  const refusal = page.getByRole('dialog', { name: 'Finalize invoice' });
  await expect(refusal.getByRole('button', { name: `Finalize as INV-${year}-0002` })).toBeVisible();
  await expect(page.getByText('Version 2', { exact: true })).toBeVisible();
  // Focus stays inside the dialog; "?" does not open the help over it.
  await expect(refusal.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(refusal.getByRole('button', { name: `Finalize as INV-${year}-0002` })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(refusal.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toHaveCount(1);
  await refusal.getByRole('button', { name: `Finalize as INV-${year}-0002` }).click();
  await expect(refusal).toContainText('no description');
  await refusal.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not finalized' })).toContainText('no description');
  await expect(page.getByText('Describe what this line is for')).toBeVisible();
  await page.screenshot(shot('25-draft-refused', false));

  // Discard it.
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await page.getByRole('dialog', { name: 'Discard draft' }).getByRole('button', { name: 'Discard draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
});

test('a stale editor is told someone saved a newer version and can reload', async ({ page, host }) => {
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const customer = await rpc(page, 'customers.create', { name: 'Akinyi Foods', currency: 'KES' });
  const draft = await rpc(page, 'drafts.create', {
    draft: {
      customerId: customer.id, issueDate: localDate(),
      lines: [
        { description: 'Catering', quantityMilli: 1000, unitPriceMinor: 500_000, taxRateBp: 1600 },
        { description: 'Cake, price as quoted with VAT', quantityMilli: 1000, unitPriceMinor: 11_600, taxRateBp: 1600, priceIncludesTax: true },
      ],
    },
  });
  await page.goto(`${host.url}#/invoices/${draft.id}/edit`);
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Catering');
  // A line whose own price includes VAT says so, and the totals count it that way.
  await expect(page.getByText('This price includes VAT, unlike the invoice’s setting.')).toBeVisible();
  const expected = computeTotals({
    lines: [
      { quantityMilli: 1000, unitPriceMinor: 500_000, taxRateBp: 1600 },
      { quantityMilli: 1000, unitPriceMinor: 11_600, taxRateBp: 1600, priceIncludesTax: true },
    ],
    pricesIncludeTax: false,
    discount: null,
  });
  const totals = page.getByRole('region', { name: 'Totals' });
  await expect(totals.getByRole('row', { name: /^Total/ })).toContainText(formatMoney(expected.totalMinor, 'KES'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('26-draft-line-includes-vat-1024', false));
  // Someone else saves version 2.
  await rpc(page, 'drafts.update', {
    id: draft.id, version: 1,
    draft: { customerId: customer.id, issueDate: localDate(), lines: [{ description: 'Catering for 40', quantityMilli: 1000, unitPriceMinor: 600_000 }] },
  });
  await page.getByLabel('Unit price, line 1').fill('5,500');
  await page.getByLabel('Unit price, line 1').fill('abc');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText(/Enter an amount in KES/)).toBeVisible();
  await expect(page.getByLabel('Unit price, line 1')).toBeFocused();
  await page.getByLabel('Unit price, line 1').fill('5,500');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('This draft changed somewhere else')).toBeVisible();
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Catering for 40');
  await expect(page.getByText('Version 2', { exact: true })).toBeVisible();

  // The customer is now billed in USD: the draft opens in USD with unsaved changes, and says why.
  const akinyi = await rpc(page, 'customers.get', { id: customer.id });
  await rpc(page, 'customers.update', { id: customer.id, version: akinyi.version, customer: { name: 'Akinyi Foods', currency: 'USD' } });
  await page.reload();
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Catering for 40');
  await expect(page.getByText('Akinyi Foods is now billed in USD')).toBeVisible();
  await expect(page.getByLabel('Currency')).toHaveValue('USD');
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();
  await page.screenshot(shot('27-draft-currency-changed', false));
  await page.getByRole('button', { name: 'Finalize' }).click();
  const finalize = page.getByRole('dialog', { name: 'Finalize invoice' });
  await expect(finalize).toContainText(/USD [\d,]+\.\d{2}/);
  await expect(page.getByText('Version 3', { exact: true })).toBeVisible();
  await expect(page.getByText('Akinyi Foods is now billed in USD')).toHaveCount(0);
  // Finalize was busy (disabled) while it saved, so focus comes back to the page's title.
  await finalize.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeFocused();
});
