// Credit applied on two computers before they synced: Sync problems says which invoice owes again,
// why, and what to do, and leads to the invoice.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, SCREENSHOTS, test } from './host';

test.use({ hostData: { prepare: (dataDir) => void execFileSync('npx', ['tsx', path.join('tests', 'e2e', 'seed', 'overappliedCredit.ts'), dataDir], { stdio: 'inherit' }) } });

test('names the invoice left open when the same credit was applied on two computers, and opens it', async ({ page, host }) => {
  await page.goto(`${host.url}#/sync-problems`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sync problems' })).toBeVisible();
  const problem = page.getByRole('article', { name: 'Credit was applied on two computers at once' });
  await expect(problem).toBeVisible();
  await expect(problem.getByText(/^PAY-2026-0001’s credit was applied to more invoices than it covers, on two computers before they synced\./)).toBeVisible();
  await expect(problem.getByText(/INV-2026-0002 keeps KES 0\.00 of the KES 30,000\.00 applied to it, and owes KES 50,000\.00 again\.$/)).toBeVisible();
  await expect(problem.getByText(/Record the customer’s money when it comes, or apply other credit/)).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'sync-overapplied-01-problem.png'), fullPage: true });

  await problem.getByRole('link', { name: 'Open the invoice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /INV-2026-0002/ })).toBeVisible();
  // The payment's row says it settles nothing of what was applied; the history says the same.
  const row = page.getByRole('table', { name: 'Payments on this invoice' }).getByRole('row', { name: /PAY-2026-0001/ });
  await expect(row.getByRole('cell', { name: 'KES 0.00 of KES 30,000.00 applied' })).toBeVisible();
  await expect(page.getByText('KES 0.00 received (PAY-2026-0001, 20 Nov 2026; KES 30,000.00 was applied)')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'sync-overapplied-02-invoice.png'), fullPage: true });
});
