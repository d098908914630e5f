import path from 'node:path';
import { expect, SCREENSHOTS, test } from './host';

const shot = (name: string) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

test('a person creates, finds, edits, imports and archives customers', async ({ page, host }) => {
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await page.screenshot(shot('01-customers-empty'));

  // Create, with an inline validation message first.
  await page.getByRole('button', { name: 'New customer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New customer' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Wanjiku Traders');
  await page.getByLabel('Email', { exact: true }).fill('orders@wanjiku');
  await page.getByLabel('Phone', { exact: true }).fill('0722 123456');
  await page.getByLabel('Tax ID').fill('P05');
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByText('Enter an email address like name@example.com')).toBeVisible();
  await expect(page.getByText(/A KRA PIN is A or P/)).toBeVisible();
  await page.screenshot(shot('02-customer-form-errors'));
  await page.getByLabel('Email', { exact: true }).fill('orders@wanjiku.co.ke');
  await page.getByLabel('Tax ID').fill('p051234567x');
  await page.getByLabel('City').fill('Nairobi');
  await page.getByRole('button', { name: 'Save customer' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Wanjiku Traders' })).toBeVisible();
  await expect(page.getByText('CUST-0001').first()).toBeVisible();
  await expect(page.getByText('P051234567X').first()).toBeVisible();
  await page.screenshot(shot('03-customer-page'));

  // Find it by a fragment of its phone number.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('123 456');
  await expect(page.getByRole('row').filter({ hasText: 'Wanjiku Traders' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('0799');
  await expect(page.getByRole('row').filter({ hasText: 'Wanjiku Traders' })).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('722 12');
  await page.getByRole('link', { name: 'Wanjiku Traders' }).click();

  // Edit it.
  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Edit Wanjiku Traders/ })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Wanjiku Traders Ltd');
  await page.getByLabel('Notes').fill('Prefers M-Pesa. Call before 10am.');
  await page.screenshot(shot('04-customer-form-edit'));
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wanjiku Traders Ltd' })).toBeVisible();
  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect(page.getByText(/Changed name, notes/)).toBeVisible();
  await page.screenshot(shot('05-customer-activity'));

  // Import a CSV with a bad row and a duplicate.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import customers' })).toBeVisible();
  await page.screenshot(shot('06-import-start'));
  await page.getByLabel('CSV file').setInputFiles({
    name: 'customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      '\uFEFFCustomer Name;E-mail;Mobile;Town;State\r\n' +
        'Baraka Hardware;baraka@example.com;0733 111222;Mombasa;Coast\r\n' +
        'Broken Row Ltd;not-an-email;0733 000000;Nakuru;Rift Valley\r\n' +
        'Wanjiku Duplicate;orders@wanjiku.co.ke;0711 000111;Nairobi;Nairobi\r\n' +
        'Akinyi Foods;akinyi@example.com;2.54711222333E+11;Kisumu;Nyanza\r\n',
    ),
  });
  await expect(page.getByLabel('Column for Name')).toHaveValue('Customer Name');
  // A "State" column of provinces is the address, not the customer's status.
  await expect(page.getByLabel('Column for Status')).toHaveValue('');
  await expect(page.getByLabel('Column for County, state or province')).toHaveValue('State');
  // An email it cannot read is left out of that row, which still imports; the page says which and why.
  const warnings = page.getByRole('table', { name: 'Imported with a value left out' });
  await expect(warnings.getByRole('row').filter({ hasText: 'email not-an-email left out' })).toContainText('Broken Row Ltd');
  const duplicates = page.getByRole('table', { name: 'Possible duplicates' });
  await expect(duplicates.getByRole('row').filter({ hasText: 'Wanjiku Duplicate' })).toContainText('CUST-0001');
  await expect(page.getByLabel('Action for line 4')).toHaveValue('skip');
  await page.screenshot(shot('07-import-preview'));
  await page.getByRole('button', { name: 'Import 3 customers' }).click();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  await page.screenshot(shot('08-import-finished'));
  await page.getByRole('button', { name: 'View customers' }).click();
  // The list keeps the search typed earlier; clear it to see everyone.
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('');
  await expect(page.getByText(/^4 customers/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Akinyi Foods' })).toContainText('+254 711 222333');
  await page.screenshot(shot('09-customers-list'));

  // Archive one.
  await page.getByRole('link', { name: 'Baraka Hardware' }).click();
  await page.getByRole('button', { name: 'Archive', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Archive customer' });
  await expect(dialog).toBeVisible();
  await page.screenshot(shot('10-archive-dialog'));
  await dialog.getByRole('button', { name: 'Archive customer' }).click();
  await expect(page.getByText(/archived/i).first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByText(/^3 customers/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Baraka Hardware' })).toHaveCount(0);
  await page.getByLabel('Show archived').check();
  await expect(page.getByRole('row').filter({ hasText: 'Baraka Hardware' })).toBeVisible();
});
