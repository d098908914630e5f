// Customers typed in one after another as fast as a person can: nothing carries over from one to the
// next; a phone another customer has is warned about, as the import does; the customer page's header
// has New invoice and Record payment (N and P); an import's rejected row names who it is and what failed.
import fs from 'node:fs';
import path from 'node:path';
import { expect, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

test('customers created back to back keep only what was typed for each', async ({ page, host }) => {
  await page.goto(`${host.url}#/customers/new`);
  const people = [
    { name: 'Amina Wholesalers', phone: '0722 100200', email: 'orders@amina.co.ke' },
    { name: 'Brian Fundi', phone: '0733 300400', email: '' },
    { name: 'Chebet Hardware', phone: '', email: '' },
  ];
  for (const person of people) {
    await expect(page.getByRole('heading', { level: 1, name: 'New customer' })).toBeVisible();
    // A fresh form: nothing from the customer before.
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('');
    await page.getByLabel('Name', { exact: true }).fill(person.name);
    if (person.phone) await page.getByLabel('Phone', { exact: true }).fill(person.phone);
    if (person.email) await page.getByLabel('Email', { exact: true }).fill(person.email);
    await page.keyboard.press('Control+s');
    await expect(page.getByRole('heading', { level: 1, name: person.name })).toBeVisible();
    // Straight on to the next one, as fast as the keyboard allows.
    await page.goto(`${host.url}#/customers/new`);
  }
  const saved = (await rpc(page, 'customers.list', {})).rows.map((r) => ({ name: r.name, email: r.email, phone: r.phone }));
  expect(saved).toEqual([
    { name: 'Amina Wholesalers', email: 'orders@amina.co.ke', phone: '+254722100200' },
    { name: 'Brian Fundi', email: '', phone: '+254733300400' },
    { name: 'Chebet Hardware', email: '', phone: '' },
  ]);
  // The browser is told not to fill a customer's details from its own saved profile.
  await expect(page.locator('form.customer-form')).toHaveAttribute('autocomplete', 'off');
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('autocomplete', 'off');

  // A refused save says "Not saved"; once the field is fixed, the notice goes.
  await page.getByLabel('Name', { exact: true }).fill('Amina Wholesalers (Nakuru branch)');
  await page.getByLabel('Email', { exact: true }).fill('not-an-email');
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByText('Some fields need attention')).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill('');
  await expect(page.getByText('Some fields need attention')).toHaveCount(0);

  // A phone number another customer already has, typed another way: the warning the import gives.
  await page.getByLabel('Phone', { exact: true }).fill('+254 722 100 200');
  const warning = page.getByRole('status', { name: 'Possible duplicate' });
  await expect(warning).toContainText('Amina Wholesalers');
  await expect(warning).toContainText('has this phone number');
  await expect(warning.getByRole('link', { name: 'Amina Wholesalers' })).toBeVisible();
  await page.screenshot(shot('150-customer-duplicate-warning', false));
  await page.getByLabel('Phone', { exact: true }).fill('0722 999888');
  await expect(warning).toHaveCount(0);
});

test("the customer page's header starts an invoice and records a payment", async ({ page, host }) => {
  await page.goto(host.url);
  const customer = await rpc(page, 'customers.create', { name: 'Baraka Builders', phone: '0722 123456' });
  await page.goto(`${host.url}#/customers/${customer.id}/tab/activity`);
  const header = page.locator('header.customer-header');
  await expect(header.getByRole('link', { name: 'New invoice' })).toBeVisible();
  await expect(header.getByRole('button', { name: 'Record payment' })).toBeVisible();
  // No invoice yet: nothing to copy is offered.
  await page.getByRole('tab', { name: 'Invoices' }).click();
  await expect(page.getByRole('button', { name: 'Copy the last invoice' })).toHaveCount(0);
  await page.keyboard.press('p');
  const dialog = page.getByRole('dialog', { name: 'Record payment' });
  await expect(dialog).toContainText('Baraka Builders');
  await page.keyboard.press('Escape');
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { level: 1, name: 'New invoice' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Customer' })).toHaveValue('Baraka Builders');
});

test("an import's rejected row names who it is and what failed, and the rejected rows download to fix", async ({ page, host }) => {
  await page.goto(`${host.url}#/customers/import`);
  await page.getByLabel('CSV file').setInputFiles({
    name: 'shop.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Name,Email,Phone\r\nAmina Wholesalers,orders@amina.co.ke,0722 100200\r\nAmina Again Ltd,orders@amina.co.ke,0733 000000\r\n,lost@nowhere.co.ke,0711 000000\r\nPhoneless Ltd,ok@phoneless.co.ke,12345\r\n'),
  });
  // Only what makes a customer unusable rejects a row; a number that cannot be read is left out with a warning.
  const rejected = page.getByRole('table', { name: 'Rejected rows' });
  const again = rejected.getByRole('row').filter({ hasText: 'Amina Again Ltd' });
  await expect(again).toContainText('3');
  await expect(again).toContainText('Same email as line 2');
  await expect(rejected.getByRole('row').filter({ hasText: 'this row has no name' })).toContainText('4');
  await expect(page.getByText('phone 12345 left out: not a full number')).toBeVisible();
  await page.screenshot(shot('151-import-rejected-rows'));
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the 2 rejected rows (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('shop-rejected.csv');
  const lines = fs.readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('Name,Email,Phone,Problems');
  expect(lines[1]).toMatch(/^Amina Again Ltd,orders@amina.co.ke,0733 000000,"?Line 3: Same email as line 2/);
  expect(lines).toHaveLength(3);
});
