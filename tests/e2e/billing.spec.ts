// The billing flow the issue asks for, as a new user does it: a three-line draft with one
// VAT-inclusive line, finalized, paid in two M-Pesa/bank payments; then an overdue invoice.
import path from 'node:path';
import { formatMoney } from '../../shared/money';
import { computeTotals } from '../../shared/totals';
import { expect, localDate, SCREENSHOTS, test } from './host';

const shot = (name: string) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
const kes = (minor: number) => formatMoney(minor, 'KES');

test('a new user invoices a customer, takes a partial M-Pesa payment, then the rest, and sees an overdue invoice', async ({ page, host }) => {
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();

  // A customer, made the way a new user makes one.
  await page.getByRole('button', { name: 'New customer' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Wanjiku Traders');
  await page.getByLabel('Phone', { exact: true }).fill('0722 123456');
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wanjiku Traders' })).toBeVisible();

  // A draft with three lines; the second is quoted VAT-inclusive.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await page.getByRole('button', { name: 'New invoice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New invoice' })).toBeVisible();
  const picker = page.getByRole('combobox', { name: 'Customer' });
  await picker.fill('wanj');
  await page.getByRole('option', { name: /Wanjiku Traders/ }).click();
  await expect(picker).toHaveValue('Wanjiku Traders');
  const lines = [
    { description: 'Web hosting', quantity: '3', unit: 'months', price: '15,000' },
    { description: 'Domain renewal', quantity: '1', unit: '', price: '1,160' },
    { description: 'Support', quantity: '2.5', unit: 'hours', price: '2,500' },
  ];
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    if (n > 1) await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByLabel(`Description, line ${n}`).fill(line.description);
    await page.getByLabel(`Quantity, line ${n}`).fill(line.quantity);
    await page.getByLabel(`Unit, line ${n}`, { exact: true }).fill(line.unit);
    await page.getByLabel(`Unit price, line ${n}`).fill(line.price);
  }
  await page.getByLabel('Price includes VAT, line 2').check();
  await expect(page.getByText('This price includes VAT, unlike the invoice’s setting.')).toBeVisible();

  const expected = computeTotals({
    pricesIncludeTax: false,
    discount: null,
    lines: [
      { quantityMilli: 3000, unitPriceMinor: 1_500_000, taxRateBp: 1600 },
      { quantityMilli: 1000, unitPriceMinor: 116_000, taxRateBp: 1600, priceIncludesTax: true },
      { quantityMilli: 2500, unitPriceMinor: 250_000, taxRateBp: 1600 },
    ],
  });
  // 45,000 + 1,000 (1,160 less its VAT) + 6,250 = 52,250 before VAT; VAT 8,360; total 60,610.
  expect(expected.totalMinor).toBe(6_061_000);
  const totals = page.getByRole('region', { name: 'Totals' });
  await expect(totals.getByRole('row', { name: /Subtotal/ })).toContainText(kes(expected.subtotalMinor));
  await expect(totals.getByRole('row', { name: /^VAT 16%/ })).toContainText(kes(expected.taxMinor));
  await expect(totals.getByRole('row', { name: /^Total/ })).toContainText(kes(expected.totalMinor));
  await page.screenshot(shot('40-billing-draft'));

  // Finalize: the confirmation names the number it will take.
  await page.getByRole('button', { name: 'Finalize' }).click();
  const confirm = page.getByRole('dialog', { name: 'Finalize invoice' });
  const year = localDate(0).slice(0, 4);
  const number = `INV-${year}-0001`;
  await confirm.getByRole('button', { name: `Finalize as ${number}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${number}` })).toBeVisible();
  const invoiceTotals = page.getByRole('table', { name: 'Totals' });
  await expect(invoiceTotals.getByRole('row', { name: 'Balance due' })).toContainText(kes(6_061_000));

  // A partial M-Pesa payment.
  await page.getByRole('button', { name: 'Record payment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record payment' });
  await dialog.getByLabel('Amount', { exact: true }).fill('20,000');
  await dialog.getByLabel('Method').selectOption({ label: 'M-Pesa' });
  await dialog.getByLabel('M-Pesa code').fill('QJK3H7Z2XP');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(invoiceTotals.getByRole('row', { name: 'Balance due' })).toContainText(kes(4_061_000));
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Partially paid');
  await page.screenshot(shot('41-billing-partially-paid'));

  // The rest, by bank transfer: the invoice is paid.
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog.getByLabel('Amount', { exact: true })).toHaveValue('40,610.00');
  await dialog.getByLabel('Method').selectOption({ label: 'Bank transfer' });
  await dialog.getByLabel('Reference').fill('FT26112100');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(invoiceTotals.getByRole('row', { name: 'Balance due' })).toContainText(kes(0));
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Paid');
  await expect(page.getByRole('table', { name: 'Payments on this invoice' }).getByRole('row')).toHaveCount(3);
  await page.screenshot(shot('42-billing-paid'));

  // The bank payment was meant for another invoice: take it off; the money becomes credit.
  const payYear = localDate(0).slice(0, 4);
  await page.getByRole('button', { name: `Take PAY-${payYear}-0002 off this invoice` }).click();
  const unapply = page.getByRole('dialog', { name: 'Take payment off this invoice' });
  await unapply.getByLabel('Reason').fill('Meant for the September invoice');
  await page.screenshot(shot('42b-billing-unapply'));
  await unapply.getByRole('button', { name: 'Take it off' }).click();
  await expect(unapply).toHaveCount(0);
  await expect(invoiceTotals.getByRole('row', { name: 'Balance due' })).toContainText(kes(4_061_000));
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Partially paid');

  // A second invoice, issued 45 days ago on Net 30 terms, is overdue by 15 days in the list.
  await page.goto(`${host.url}#/invoices/new`);
  await picker.fill('wanj');
  await page.getByRole('option', { name: /Wanjiku Traders/ }).click();
  await page.getByLabel('Issue date').fill(localDate(-45));
  await page.getByLabel('Description, line 1').fill('Web hosting, September');
  await page.getByLabel('Unit price, line 1').fill('15,000');
  await page.keyboard.press('Control+Enter');
  await confirm.getByRole('button', { name: `Finalize as INV-${localDate(-45).slice(0, 4)}-${year === localDate(-45).slice(0, 4) ? '0002' : '0001'}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Invoice INV-/ })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  const table = page.getByRole('table', { name: 'Invoices' });
  await expect(table.getByRole('row').filter({ hasText: 'Overdue' })).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: 'Overdue' })).toContainText('Overdue · 15 days');
  await expect(table.getByRole('row').filter({ hasText: number })).toContainText('Partially paid');
  await page.getByLabel('Status').selectOption('overdue');
  await expect(page.getByText(/^1 invoice$/)).toBeVisible();
  await page.screenshot(shot('43-billing-overdue-list'));
});
