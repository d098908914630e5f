// Day one of a shop owner, as the issue tried it: Home's first steps, each ticked when done, from the
// business profile to the first paid invoice; a customer whose prices include VAT drafted from a
// sentence (9,300 with VAT inside, not 10,788); the terms the due date sets; Home's money after.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, localDate, SCREENSHOTS, test } from './host';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

async function both(page: Page, name: string, ready: () => Promise<void>) {
  for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await ready();
    await page.screenshot(shot(`${name}-${w}`));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const step = (page: Page, title: string) => page.getByRole('list').getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^${title}`) }) });

test('Home leads a new shop from an empty book to its first paid invoice', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  const setup = page.getByRole('region', { name: 'Getting started' });
  await expect(setup).toContainText('0 of 4 done');
  await expect(step(page, 'Your business profile')).toContainText('to do');
  await both(page, '100-home-first-run', () => expect(setup).toBeVisible());

  // 1. The business profile, opened at its section: registered for VAT, so the PIN is asked for.
  await setup.getByRole('link', { name: 'Fill in the business profile' }).click();
  const business = page.getByRole('region', { name: 'Business profile', exact: true });
  await expect(business.getByRole('heading', { name: 'Business profile' })).toBeFocused();
  await business.getByLabel('Business name').fill('Amani Hardware');
  await business.getByLabel('City or town').fill('Nakuru');
  await business.getByLabel('Postal code').fill('20100');
  await business.getByRole('radio', { name: 'Registered for VAT', exact: true }).check();
  await business.getByRole('button', { name: 'Save business profile' }).click();
  await expect(business.getByText(/A VAT-registered business prints its KRA PIN on every invoice/)).toBeVisible();
  await business.getByLabel('KRA PIN').fill('P051234567X');
  await expect(business.getByLabel('Default VAT rate')).toHaveValue('1600');
  await business.getByRole('button', { name: 'Save business profile' }).click();
  await expect(page.getByText('Business profile saved')).toBeVisible();

  // 2. How customers pay: an M-Pesa Paybill.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(setup).toContainText('1 of 4 done');
  await expect(step(page, 'Your business profile')).toContainText('Done');
  await setup.getByRole('link', { name: 'Add payment instructions' }).click();
  const payment = page.getByRole('region', { name: 'Payment instructions', exact: true });
  await payment.getByRole('radio', { name: 'Paybill' }).check();
  await payment.getByLabel('Paybill number').fill('522533');
  await payment.getByRole('button', { name: 'Save payment instructions' }).click();
  await expect(page.getByText('Payment instructions saved')).toBeVisible();

  // 3. The first customer, whose prices are quoted with VAT inside.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(setup).toContainText('2 of 4 done');
  await setup.getByRole('link', { name: 'Add a customer' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Baraka Builders');
  await page.getByLabel('Phone', { exact: true }).fill('0722 123456');
  await page.getByLabel(/^Prices include VAT/).check();
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Baraka Builders' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^Yes$/ }).first()).toBeVisible();

  // 4. The first invoice, from a sentence: VAT is inside the prices, as the customer's are.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(setup).toContainText('3 of 4 done');
  await setup.getByRole('link', { name: 'Make an invoice' }).click();
  const picker = page.getByRole('combobox', { name: 'Customer' });
  await picker.fill('bara');
  await page.getByRole('option', { name: /Baraka Builders/ }).click();
  await page.getByLabel('Describe the invoice').fill('10 bags of cement at 780 each and delivery 1,500, due in 14 days');
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('KES 9,300.00');
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('included in the prices');
  await page.getByRole('button', { name: 'Generate draft' }).click();
  const totals = page.getByRole('region', { name: 'Totals' });
  await expect(totals.getByRole('row', { name: /^Total/ })).toContainText('KES 9,300.00');
  await expect(totals.getByRole('row', { name: /^VAT 16%/ })).toContainText('KES 1,282.76');
  await expect(page.getByRole('switch', { name: 'Prices include VAT' })).toBeChecked();
  // Whatever set the due date sets the printed terms: "due in 14 days" is Net 14, not the customer's Net 30.
  await expect(page.getByRole('textbox', { name: 'Payment terms' })).toHaveAttribute('placeholder', 'Net 14');
  await page.screenshot(shot('101-first-invoice-draft'));

  await page.getByRole('button', { name: 'Finalize' }).click();
  const year = localDate(0).slice(0, 4);
  await page.getByRole('dialog', { name: 'Finalize invoice' }).getByRole('button', { name: `Finalize as INV-${year}-0001` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Invoice INV-${year}-0001` })).toBeVisible();
  await expect(page.getByText('Net 14')).toBeVisible();

  // A part payment by M-Pesa, then the rest in cash.
  await page.getByRole('button', { name: 'Record payment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record payment' });
  await dialog.getByLabel('Amount', { exact: true }).fill('5,000');
  await dialog.getByLabel('Method').selectOption({ label: 'M-Pesa' });
  await dialog.getByLabel('M-Pesa code').fill('QJK3H7Z2XP');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toHaveCount(0);
  const invoiceTotals = page.getByRole('table', { name: 'Totals' });
  await expect(invoiceTotals.getByRole('row', { name: 'Balance due' })).toContainText('KES 4,300.00');
  await page.keyboard.press('p');
  await dialog.getByLabel('Method').selectOption({ label: 'Cash' });
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(invoiceTotals.getByRole('row', { name: 'Balance due' })).toContainText('KES 0.00');

  // Home: every step done, and today's money.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(setup).toHaveCount(0);
  const money = page.getByRole('region', { name: 'Your money today' });
  const received = money.getByRole('group', { name: 'Received today' });
  await expect(received).toContainText('KES 9,300.00');
  await expect(received).toContainText('M-Pesa: KES 5,000.00');
  await expect(money.getByRole('group', { name: 'Owed to you' })).toContainText('KES 0.00');
  await both(page, '102-home-books', () => expect(money).toBeVisible());
});
