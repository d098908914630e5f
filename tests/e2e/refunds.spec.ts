// A refund of part of a customer's credit, from their page: the dialog offers the credit, refuses
// more, records part by M-Pesa, and the rest stays as credit; the refund is then reversed with a reason.
import path from 'node:path';
import { expect, localDate, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

test('a refund of part of a credit, then its reversal', async ({ page, host }) => {
  await page.goto(host.url);
  const c = await rpc(page, 'customers.create', { name: 'Baraka Builders', phone: '0722 123456', email: 'accounts@baraka.co.ke' });
  const draft = await rpc(page, 'drafts.create', { draft: { customerId: c.id, issueDate: localDate(-5), lines: [{ description: 'Cement', quantityMilli: 10_000, unitPriceMinor: 50_000, taxRateBp: 0 }] } });
  await rpc(page, 'invoices.finalize', { id: draft.id, version: 1 });
  // KES 5,000 owed, KES 8,000 paid: KES 3,000 of credit.
  await rpc(page, 'payments.record', { customerId: c.id, amountMinor: 800_000, paidOn: localDate(-2), method: 'mpesa', reference: 'QJK3H7Z2XP' });

  await page.goto(`${host.url}#/customers/${c.id}/tab/payments`);
  await expect(page.getByRole('heading', { level: 1, name: 'Baraka Builders' })).toBeVisible();
  const credit = page.getByRole('group', { name: 'Credit' });
  await expect(credit).toContainText('KES 3,000.00 credit');

  // R opens the refund dialog, offering the whole credit.
  await page.keyboard.press('r');
  const dialog = page.getByRole('dialog', { name: 'Refund credit' });
  await expect(dialog).toBeVisible();
  const amount = dialog.getByLabel('Amount to refund');
  await expect(amount).toHaveValue('3,000.00');
  await amount.fill('3500');
  await dialog.getByRole('button', { name: 'Record refund' }).click();
  await expect(dialog.getByText('At most KES 3,000.00, the credit there is')).toBeVisible();

  await amount.fill('1200');
  await dialog.getByLabel('Method').selectOption({ label: 'M-Pesa' });
  await dialog.getByLabel('M-Pesa code').fill('rk12abc34d');
  await dialog.getByLabel('Notes').fill('Paid twice for the cement');
  await expect(dialog.getByRole('status')).toContainText('KES 1,800.00 of credit stays with Baraka Builders');
  for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot(shot(`160-refund-dialog-${w}`));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await dialog.getByRole('button', { name: 'Record refund' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Refund REF-2026-0001 recorded')).toBeVisible();

  await expect(credit).toContainText('KES 1,800.00 credit');
  const refunds = page.getByRole('table', { name: 'Refunds to Baraka Builders' });
  await expect(refunds).toContainText('REF-2026-0001');
  await expect(refunds).toContainText('RK12ABC34D');
  await expect(refunds).toContainText('KES 1,200.00');
  for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot(shot(`161-refunds-tab-${w}`));
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // Reversed with a reason: the credit is whole again, the refund stays, marked.
  await refunds.getByRole('button', { name: 'Reverse REF-2026-0001' }).click();
  const reverse = page.getByRole('dialog', { name: 'Reverse refund' });
  await reverse.getByLabel('Reason').fill('The M-Pesa transfer bounced back');
  await reverse.getByRole('button', { name: 'Reverse refund' }).click();
  await expect(reverse).toBeHidden();
  await expect(credit).toContainText('KES 3,000.00 credit');
  await expect(refunds).toContainText('Reversed: The M-Pesa transfer bounced back');
});
