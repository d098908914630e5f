// Getting paid through Billbook Cloud, as the issue tells it: the owner enters the M-Pesa keys in
// Settings, asks a customer to pay an invoice from its page, the customer enters their PIN (the fake
// Daraja settles the prompt and calls back), and the invoice shows paid on the other computer. The
// customer's link opens on a phone-sized screen.
import { expect, localDate, rpc, test } from './cloud';
import { both, shot, signIn } from './cloudSteps';

test('an M-Pesa prompt sent from an invoice is paid, and the other computer shows it paid; the customer page fits a phone', async ({ page, host, cloud, second, daraja, browser }) => {
  test.setTimeout(240_000);
  const email = `owner.${Date.now()}@example.com`;
  const orgId = await signIn(page, host.url, cloud, { email, orgName: 'Wanjiku Stores' }, 'Front desk');
  await signIn(second.page, second.host.url, cloud, { email, orgId }, 'Back office');

  const customer = await rpc(page, 'customers.create', { name: 'Baraka Hardware', phone: '+254722000111', email: 'pay@baraka.co.ke' });
  const draft = await rpc(page, 'drafts.create', { draft: { customerId: customer.id, issueDate: localDate(), lines: [{ description: 'Web hosting, 3 months', quantityMilli: 3_000, unitPriceMinor: 1_500_000, taxRateBp: null }] } });
  const invoice = await rpc(page, 'invoices.finalize', { id: draft.id, version: draft.draft.version });

  // Settings → Getting paid online: the owner's keys go to the Cloud, which checks them with Daraja.
  await page.goto(`${host.url}#/settings?section=online`);
  const online = page.getByRole('region', { name: 'Getting paid online' });
  await online.getByLabel('Paybill or Till number').fill(daraja.keys.shortcode);
  await online.getByLabel('Consumer key').fill(daraja.keys.consumerKey);
  await online.getByLabel('Consumer secret').fill(daraja.keys.consumerSecret);
  await online.getByLabel('Lipa na M-Pesa passkey').fill(daraja.keys.passkey);
  await online.getByRole('button', { name: 'Save M-Pesa keys' }).click();
  await expect(online.getByRole('status')).toContainText('M-Pesa is set up');
  await both(page, '330-settings-getting-paid-online', () => expect(online.getByRole('heading', { name: 'M-Pesa (Daraja)' })).toBeVisible(), false);

  // The invoice: ask for payment; the phone and the balance are filled in.
  await page.goto(`${host.url}#/invoices/${invoice.id}`);
  const panel = page.getByRole('region', { name: 'Get paid online' });
  await expect(panel.getByLabel('Customer’s link')).toHaveValue(new RegExp(`^${cloud.url}/p/`));
  await panel.getByRole('button', { name: 'Ask for M-Pesa payment…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ask for M-Pesa payment' });
  await expect(dialog.getByLabel('Customer’s M-Pesa number')).toHaveValue('+254722000111');
  await expect(dialog.getByLabel('Amount (KES)')).toHaveValue('45000.00');
  await both(page, '331-ask-for-mpesa-payment', () => expect(dialog).toBeVisible(), false);
  await dialog.getByRole('button', { name: 'Send the prompt' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('table')).toContainText('Waiting');
  expect(daraja.stk.at(-1)).toMatchObject({ phone: '254722000111', amount: 45_000, accountReference: invoice.number!.replace(/-/g, '') });

  // The customer's page before paying, on a phone.
  const link = await panel.getByLabel('Customer’s link').inputValue();
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const customerPage = await phone.newPage();
  await customerPage.goto(link);
  await expect(customerPage.getByRole('heading', { level: 1 })).toHaveText(`Invoice ${invoice.number}`);
  await expect(customerPage.getByLabel('Your M-Pesa number')).toBeVisible();
  expect(await customerPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await customerPage.screenshot(shot('332-customer-page-phone'));

  // The customer enters the PIN: Daraja calls back, the Cloud checks with Daraja, records it, and pokes.
  await daraja.settle(daraja.stk.at(-1)!.checkoutId, { code: '0', receipt: 'QKE2E00001' });
  await second.page.goto(`${second.host.url}#/invoices/${invoice.id}`);
  await expect(second.page.getByRole('heading', { level: 1 })).toContainText(invoice.number!);
  await expect(second.page.locator('.invoice-page').getByText('Paid', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  const otherPanel = second.page.getByRole('region', { name: 'Get paid online' });
  await expect(otherPanel.getByRole('table')).toContainText('QKE2E00001', { timeout: 30_000 });
  await both(second.page, '333-invoice-paid-by-mpesa-elsewhere', () => expect(otherPanel).toBeVisible());
  await customerPage.reload();
  await expect(customerPage.getByText('Paid in full')).toBeVisible();
  await customerPage.screenshot(shot('334-customer-page-paid-phone'));
  await phone.close();
});
