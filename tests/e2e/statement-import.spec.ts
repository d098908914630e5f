// Import an M-Pesa statement and accept the matches, then the Unmatched inbox; screenshots at 1280 and 1024.
import path from 'node:path';
import { expect, rpc, SCREENSHOTS, test } from './host';

// The statement's last day is 2026-11-20: the books stand on the day after it.
test.use({ hostEnv: { BILLBOOK_TODAY: '2026-11-21' } });

const FIXTURE = path.join('tests', 'fixtures', 'statements', 'mpesa-paybill.csv');

for (const width of [1280, 1024]) {
  test(`import a statement, accept the matches, see the rest in Unmatched (${width})`, async ({ page, host }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(host.url);
    const people = [['Jane Wanjiru', '0722 000111', 1_000_000], ['Peter Otieno', '0733 000222', 580_000], ['Mary Akinyi', '0711 000333', 750_000]] as const;
    for (const [name, phone, minor] of people) {
      const c = await rpc(page, 'customers.create', { name, phone });
      const d = await rpc(page, 'drafts.create', { draft: { customerId: c.id, issueDate: '2026-11-01', lines: [{ description: 'Consulting', quantityMilli: 1000, unitPriceMinor: minor, taxRateBp: null }] } });
      await rpc(page, 'invoices.finalize', { id: d.id, version: 1 });
    }
    await page.goto(`${host.url}#/payments`);
    await page.getByRole('link', { name: 'Import statement' }).click();
    await expect(page.getByRole('heading', { name: 'Import M-Pesa statement' })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, `statement-empty-${width}.png`), fullPage: true });
    await page.getByLabel('Statement file (CSV or Excel)').setInputFiles(FIXTURE);
    const table = page.getByRole('table', { name: 'Payments to review' });
    await expect(table.getByRole('row')).toHaveCount(7);
    await expect(page.getByLabel('Record TKI1A2B3C4 to')).toHaveValue('0');
    await expect(page.getByLabel('Record TKP7G8H9J2 to')).toHaveValue('inbox');
    await page.screenshot({ path: path.join(SCREENSHOTS, `statement-review-${width}.png`), fullPage: true });
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('status').filter({ hasText: 'already in the books' })).toContainText('Recorded 4 payments');
    await page.getByRole('link', { name: 'Unmatched payments' }).click();
    await expect(page.getByRole('heading', { name: 'Unmatched payments' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('Unmatched');
    await page.screenshot({ path: path.join(SCREENSHOTS, `unmatched-${width}.png`), fullPage: true });
    await page.getByRole('button', { name: 'Dismiss TKP7G8H9J2' }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('Refunded to the sender');
    await page.getByRole('dialog').getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('heading', { name: /TKP7G8H9J2/ })).toHaveCount(0);
  });
}
