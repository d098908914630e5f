// A shop below the VAT threshold: no VAT on its lines, totals or PDF; a customer added from the
// invoice's own picker (emoji and all, printed readably); bad input said in plain words (a quantity
// below zero, a date that does not exist, day first); and a zero invoice refused before a number is used.
import path from 'node:path';
import { pdfPages } from '../helpers/pdfText';
import { expect, localDate, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

test('a business that is not VAT-registered invoices and prints without VAT', async ({ page, host }) => {
  await page.goto(host.url);
  await rpc(page, 'settings.update', {
    business: { name: 'Mama Mboga Greens', street: 'Market Lane 4', city: 'Nakuru', postalCode: '20100', country: 'Kenya', taxId: 'A012345678Z', phone: '', email: '', website: '', logoDataUrl: '', vatRegistered: false, defaultTaxRateBp: 1600 },
  });
  // The window reads the business's VAT at start: a fresh page knows it.
  await page.goto(`${host.url}#/invoices/new`);
  await expect(page.getByRole('heading', { level: 1, name: 'New invoice' })).toBeVisible();

  // A customer added without leaving the invoice.
  const picker = page.getByRole('combobox', { name: 'Customer' });
  await picker.fill('Duka la Wanjiru 🥬');
  await page.getByRole('option', { name: /New customer “Duka la Wanjiru 🥬”/ }).click();
  const quick = page.getByRole('dialog', { name: 'New customer' });
  await expect(quick.getByLabel('Name')).toHaveValue('Duka la Wanjiru 🥬');
  await quick.getByLabel('Phone').fill('0722 555111');
  await quick.getByRole('button', { name: 'Save and bill them' }).click();
  await expect(quick).toHaveCount(0);
  await expect(picker).toHaveValue('Duka la Wanjiru 🥬');

  // No VAT anywhere on the editor.
  await expect(page.getByText('No VAT: your business is not registered for VAT')).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Prices include VAT' })).toHaveCount(0);
  await page.getByLabel('Description, line 1').fill('Sukuma wiki, crates');
  await page.getByLabel('Quantity, line 1').fill('-5');
  await page.getByLabel('Unit price, line 1').fill('500');
  await expect(page.getByText('Quantity must be above zero. To take something off, use a discount or a credit note.')).toBeVisible();
  await page.getByLabel('Quantity, line 1').fill('10');

  // A date that does not exist, said day first; the field shows day first too.
  const issue = page.getByLabel('Issue date');
  await expect(issue).toHaveValue(localDate(0).split('-').reverse().join('/'));
  await issue.fill('31/02/2026');
  await issue.blur();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('31/02/2026 is not a date: February 2026 has 28 days')).toBeVisible();
  await issue.fill(localDate(0).split('-').reverse().join('/'));
  const totals = page.getByRole('region', { name: 'Totals' });
  await expect(totals.getByRole('row', { name: /^Total/ })).toContainText('KES 5,000.00');
  await expect(totals).not.toContainText('VAT');
  await expect(totals).not.toContainText('Exempt');
  for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot(shot(`110-non-vat-draft-${w}`));
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: 'Finalize' }).click();
  const year = localDate(0).slice(0, 4);
  await page.getByRole('dialog', { name: 'Finalize invoice' }).getByRole('button', { name: `Finalize as INV-${year}-0001` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Invoice INV-${year}-0001` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Totals' })).not.toContainText('VAT');
  await page.getByRole('button', { name: 'Preview PDF' }).click();
  const preview = page.getByRole('dialog', { name: `PDF of invoice INV-${year}-0001` });
  await expect(preview.locator('canvas').first()).toBeVisible();
  await page.screenshot(shot('111-non-vat-pdf', false));
  await preview.getByRole('button', { name: 'Close' }).click();

  // The PDF itself, read back: no VAT column, no VAT row, no tax summary; the name without its emoji.
  const invoices = await rpc(page, 'invoices.list', {});
  const issued = invoices.rows.find((r) => r.number === `INV-${year}-0001`)!;
  for (const template of ['professional', 'simple', 'detailed'] as const) {
    const pdf = await rpc(page, 'pdf.render', { invoiceId: issued.id, template });
    const text = (await pdfPages(Buffer.from(pdf.base64, 'base64'))).join('\n');
    expect(text).toContain('Duka la Wanjiru');
    expect(text).not.toContain('🥬');
    expect(text).toContain('KES 5,000.00');
    expect(text).toContain('+254 722 555111');
    expect(text).toContain('20100 Nakuru');
    expect(text).not.toMatch(/VAT|Exempt|Tax summary|TAX INVOICE/);
  }
});

test('a zero invoice is refused before Finalize is offered, and uses up no number', async ({ page, host }) => {
  await page.goto(host.url);
  const customer = await rpc(page, 'customers.create', { name: 'Baraka Builders', phone: '0722 123456' });
  const draft = await rpc(page, 'drafts.create', { draft: { customerId: customer.id, issueDate: localDate(0), lines: [{ description: 'Free sample', quantityMilli: 1000, unitPriceMinor: 0 }] } });
  await page.goto(`${host.url}#/invoices/${draft.id}/edit`);
  await page.getByRole('button', { name: 'Finalize' }).click();
  const dialog = page.getByRole('dialog', { name: 'Finalize invoice' });
  await expect(dialog).toContainText('This invoice comes to KES 0.00. Finalizing it would use up an invoice number for nothing: add a price, or discard the draft.');
  await expect(dialog.getByRole('button', { name: /^Finalize/ })).toHaveCount(0);
  await page.screenshot(shot('112-zero-invoice-refused', false));
  await dialog.getByRole('button', { name: 'Back to the draft' }).click();
  expect((await rpc(page, 'invoices.nextNumber', { id: draft.id })).number).toBe(`INV-${localDate(0).slice(0, 4)}-0001`);
});
