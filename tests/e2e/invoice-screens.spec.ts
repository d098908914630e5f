import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ChannelInput } from '../../shared/contract';
import { expect, localDate, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

const daysAgo = (days: number) => localDate(-days);

async function finalizedInvoice(page: Page, customerId: string, issueDate: string, dueDate: string, lines: ChannelInput<'drafts.create'>['draft']['lines']) {
  const draft = await rpc(page, 'drafts.create', { draft: { customerId, issueDate, dueDate, lines } });
  return rpc(page, 'invoices.finalize', { id: draft.id, version: draft.draft.version });
}

test('a person finds invoices, reads one, records a payment and reverses it', async ({ page, host }) => {
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();

  // The empty list explains where invoices come from.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
  await expect(page.getByText('No invoices yet — create one from a customer or with New invoice')).toBeVisible();
  await page.screenshot(shot('20-invoices-empty'));

  // Seed: a customer with an overdue invoice, a newer one, and a draft; another customer with one invoice.
  const wanjiku = await rpc(page, 'customers.create', { name: 'Wanjiku Traders', email: 'orders@wanjiku.co.ke', phone: '0722 123456', paymentTermsDays: 30 });
  const baraka = await rpc(page, 'customers.create', { name: 'Baraka Hardware', phone: '0733 111222' });
  const old = await finalizedInvoice(page, wanjiku.id, daysAgo(50), daysAgo(40), [
    { description: 'Website design', quantityMilli: 1000, unitPriceMinor: 5_000_000, taxRateBp: 1600 },
    { description: 'Hosting, 12 months', quantityMilli: 12_000, unitPriceMinor: 150_000, taxRateBp: 1600 },
  ]);
  const recent = await finalizedInvoice(page, wanjiku.id, daysAgo(3), daysAgo(-27), [
    { description: 'Logo refresh', quantityMilli: 1500, unitPriceMinor: 1_000_000, taxRateBp: 1600 },
  ]);
  await finalizedInvoice(page, baraka.id, daysAgo(10), daysAgo(-20), [
    { description: 'Delivery', quantityMilli: 1000, unitPriceMinor: 250_000, taxRateBp: null },
  ]);
  const draft = await rpc(page, 'drafts.create', { draft: { customerId: baraka.id, issueDate: daysAgo(0), lines: [] } });
  expect(old.number).toMatch(/^INV-/);

  // The list refreshes on the change event, counts, sorts and filters.
  await expect(page.getByText(/^4 invoices/)).toBeVisible();
  const table = page.getByRole('table', { name: 'Invoices' });
  await expect(table.getByRole('row').filter({ hasText: old.number! })).toContainText('Overdue · 40 days');
  await expect(table.getByRole('link', { name: 'Draft for Baraka Hardware' })).toBeVisible();
  await page.screenshot(shot('21-invoices-list'));
  await page.getByRole('button', { name: 'Total' }).click();
  await expect(page.getByRole('columnheader', { name: 'Total' })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText(old.number!);
  await page.getByLabel('Status').selectOption('overdue');
  await expect(page.getByText(/^1 invoice$/)).toBeVisible();
  await page.getByLabel('Status').selectOption('');
  // Totals are compared within one currency: the boxes wait for one.
  await expect(page.getByLabel('Minimum total')).toBeDisabled();
  await expect(page.getByLabel('Minimum total')).toHaveAccessibleDescription('Choose a currency to filter by total');
  await page.getByLabel('Currency').selectOption('KES');
  await page.getByLabel('Minimum total').fill('abc');
  await expect(page.getByText('Enter an amount like 15,000 or 2.5k')).toBeVisible();
  await page.getByLabel('Minimum total').fill('10k');
  await expect(page.getByText(/^2 invoices/)).toBeVisible();
  await page.getByLabel('Currency').selectOption('');
  await expect(page.getByLabel('Minimum total')).toHaveValue('');
  await expect(page.getByText(/^4 invoices/)).toBeVisible();
  await page.getByLabel('Currency').selectOption('KES');
  await page.getByLabel('Maximum total').fill('10k');
  await expect(page.getByText(/^2 invoices/)).toBeVisible();
  await page.screenshot(shot('22b-invoices-total-filter'));
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search invoices' })).toBeFocused();
  await page.keyboard.type('Wanjiku');
  await expect(page.getByText(/^2 invoices/)).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('22-invoices-list-1024'));
  await page.setViewportSize({ width: 1280, height: 800 });

  // The invoice page.
  await table.getByRole('link', { name: old.number! }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${old.number}` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Invoice lines' }).getByRole('row')).toHaveCount(3);
  const totals = page.getByRole('table', { name: 'Totals' });
  await expect(totals.getByRole('row', { name: /VAT 16%/ })).toContainText('KES 10,880.00');
  await expect(totals.getByRole('row', { name: 'Balance due' })).toContainText('KES 78,880.00');
  await expect(page.getByRole('list', { name: 'Status history' }).getByRole('listitem').first()).toBeVisible();
  await page.screenshot(shot('23-invoice-page'));

  // Record a partial payment with P; a wrong M-Pesa code is explained next to its field.
  await page.keyboard.press('p');
  const dialog = page.getByRole('dialog', { name: 'Record payment' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Amount', { exact: true })).toHaveValue('78,880.00');
  await expect(dialog.getByLabel('Amount', { exact: true })).toBeFocused();
  await dialog.getByLabel('Amount', { exact: true }).fill('90,000');
  const allocation = dialog.getByRole('table', { name: 'Invoices this payment pays' });
  await expect(allocation.getByRole('row')).toHaveCount(3);
  await expect(dialog.getByLabel(`Amount applied to ${old.number}`)).toHaveValue('78,880.00');
  await expect(dialog.getByLabel(`Amount applied to ${recent.number}`)).toHaveValue('11,120.00');
  // A new amount: the old split cannot be edited or recorded until the new one arrives.
  await page.route('**/rpc/payments.proposeAllocation', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await dialog.getByLabel('Amount', { exact: true }).fill('30,000');
  await expect(dialog.getByLabel(`Amount applied to ${old.number}`)).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Record payment' })).toBeDisabled();
  await page.screenshot(shot('24a-record-payment-waiting'));
  await expect(allocation.getByRole('row')).toHaveCount(2);
  await expect(dialog.getByLabel(`Amount applied to ${old.number}`)).toBeEnabled();
  await page.unroute('**/rpc/payments.proposeAllocation');
  await dialog.getByLabel(`Amount applied to ${old.number}`).fill('25,000');
  await expect(dialog.getByText('KES 5,000.00 will be kept as credit')).toBeVisible();
  await dialog.getByLabel('M-Pesa code').fill('abc123');
  await page.screenshot(shot('24-record-payment'));
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog.getByText('An M-Pesa code is 10 letters and digits, like QJK3H7Z2XP')).toBeVisible();
  await expect(dialog.getByLabel('M-Pesa code')).toHaveAttribute('aria-invalid', 'true');
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('25-record-payment-error-1024'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await dialog.getByLabel('M-Pesa code').fill('qjk3h7z2xp');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').getByText(/Payment PAY-\S+ recorded/)).toBeVisible();
  await expect(totals.getByRole('row', { name: 'Balance due' })).toContainText('KES 53,880.00');
  await expect(page.getByText('Partially paid').first()).toBeVisible();
  const payments = page.getByRole('table', { name: 'Payments on this invoice' });
  await expect(payments).toContainText('QJK3H7Z2XP');
  // Paid invoices cannot be voided; the button is gone.
  await expect(page.getByRole('button', { name: 'Void' })).toHaveCount(0);
  await page.screenshot(shot('26-invoice-partially-paid'));

  // The customer's Payments tab: credit, and reversing the payment.
  await page.getByRole('link', { name: 'Wanjiku Traders' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wanjiku Traders' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('KES 5,000.00');
  await page.getByRole('tab', { name: 'Invoices' }).click();
  await expect(page.getByRole('table', { name: 'Invoices for Wanjiku Traders' }).getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('link', { name: 'New invoice' })).toHaveAttribute('href', `#/invoices/new/${wanjiku.id}`);
  await page.screenshot(shot('27-customer-invoices'));
  await page.getByRole('tab', { name: 'Payments' }).click();
  await expect(page.getByRole('group', { name: 'Credit' })).toContainText('KES 5,000.00 credit');
  const customerPayments = page.getByRole('table', { name: 'Payments from Wanjiku Traders' });
  await expect(customerPayments.getByRole('row')).toHaveCount(2);
  await page.screenshot(shot('28-customer-payments'));
  await page.getByRole('button', { name: 'Apply credit' }).click();
  await expect(page.getByRole('status').getByText(`Applied KES 5,000.00 of credit`)).toBeVisible();
  await expect(page.getByRole('group', { name: 'Credit' })).toHaveCount(0);
  // Oldest due first: the credit went to the overdue invoice, so nothing is left as credit on the payment.
  await expect(customerPayments).not.toContainText('kept as credit');
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('KES 66,280.00');
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('28b-customer-payments-1024'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await customerPayments.getByRole('button', { name: /^Reverse/ }).click();
  const reverse = page.getByRole('dialog', { name: 'Reverse payment' });
  // It names what reversing takes back, read from the payment as it stands.
  await expect(reverse).toContainText('INV-2026-0001 will owe this money again.');
  await reverse.getByRole('button', { name: 'Reverse payment' }).click();
  await expect(reverse.getByText(/reason is required/)).toBeVisible();
  await reverse.getByLabel('Reason').fill('M-Pesa transaction reversed by Safaricom');
  await page.screenshot(shot('29-reverse-dialog'));
  await reverse.getByRole('button', { name: 'Reverse payment' }).click();
  await expect(reverse).toBeHidden();
  await expect(customerPayments.getByText('Reversed')).toBeVisible();
  await expect(customerPayments.getByRole('button', { name: /^Reverse/ })).toHaveCount(0);
  // The button that opened the dialog is gone: focus goes to the page's title.
  await expect(page.getByRole('heading', { level: 1, name: 'Wanjiku Traders' })).toBeFocused();
  await expect(page.getByRole('group', { name: 'Credit' })).toHaveCount(0);
  await page.screenshot(shot('30-customer-payment-reversed'));

  // Opened on a tab by its address; the invoice owes the whole amount again and can be voided.
  await page.goto(`${host.url}#/customers/${wanjiku.id}/tab/payments`);
  await expect(page.getByRole('tab', { name: 'Payments' })).toHaveAttribute('aria-selected', 'true');
  await page.goto(`${host.url}#/invoices/${old.id}`);
  await expect(totals.getByRole('row', { name: 'Balance due' })).toContainText('KES 78,880.00');
  await expect(page.getByRole('table', { name: 'Payments on this invoice' })).toContainText('Reversed');
  await page.getByRole('button', { name: 'Void' }).click();
  const voidDialog = page.getByRole('dialog', { name: 'Void invoice' });
  await voidDialog.getByLabel('Reason').fill('Issued to the wrong customer');
  await voidDialog.getByRole('button', { name: 'Void invoice' }).click();
  await expect(voidDialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${old.number}` })).toBeFocused();
  await expect(page.getByText('Voided', { exact: false }).first()).toContainText('Issued to the wrong customer');
  await page.screenshot(shot('31-invoice-void'));

  // Credit note on the other invoice, then duplicate it into a draft.
  await page.goto(`${host.url}#/invoices/${recent.id}`);
  await page.getByRole('button', { name: 'Credit note' }).click();
  const credit = page.getByRole('dialog', { name: 'Credit note' });
  await expect(credit.getByLabel('Amount')).toHaveValue('17,400.00');
  await credit.getByLabel('Amount').fill('1,000');
  await credit.getByLabel('Reason').fill('Discount agreed on the phone');
  await credit.getByRole('button', { name: 'Issue credit note' }).click();
  await expect(credit).toBeHidden();
  await expect(page.getByRole('table', { name: 'Credit notes on this invoice' })).toContainText('Discount agreed on the phone');
  await expect(totals.getByRole('row', { name: 'Balance due' })).toContainText('KES 16,400.00');
  await page.screenshot(shot('32-invoice-credit-note'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('33-invoice-page-1024'));
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page).toHaveURL(/#\/invoices\/[^/]+\/edit$/);

  // A draft opened read-only points to its editor.
  await page.goto(`${host.url}#/invoices/${draft.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit draft' })).toHaveAttribute('href', `#/invoices/${draft.id}/edit`);
  await expect(page.getByRole('button', { name: 'Record payment' })).toHaveCount(0);
  await page.screenshot(shot('34-draft-read-only'));

  // The shortcuts help lists the billing keys.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('row', { name: /Record a payment \(on an open invoice\)/ })).toContainText('P');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});
