// Damaged books, as a person meets them: a notice that says what happened and where the books and
// backups are, changes refused with a reason, and the newest good backup one confirmation away.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { writeNotADatabase } from '../helpers/damage';
import { expect, SCREENSHOTS, test } from './host';

const shot = (name: string) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
const GOOD_BACKUP = 'billbook-v4-before-v5-2026-10-01T09-00-00-000Z.db';

/** 150 customers, a backup of them, one customer more, then four leaf pages of customers damaged. */
function damagedBooksWithBackup(dataDir: string): void {
  execFileSync('npx', ['tsx', path.join('tests', 'e2e', 'seed', 'damagedBooks.ts'), dataDir, GOOD_BACKUP], { stdio: 'inherit' });
}

test.describe('damaged books', () => {
  test.use({ hostData: { prepare: damagedBooksWithBackup } });

  test('open read-only with a notice, refuse a change with the reason, and restore the newest good backup', async ({ page, host }) => {
    await page.goto(host.url);
    const notice = page.getByRole('region', { name: 'Your books are open read-only' });
    await expect(notice).toBeVisible();
    await expect(notice.getByText(/found damage, so it opened them read-only/)).toBeVisible();
    await expect(notice.getByRole('definition').filter({ hasText: host.dataDir }).first()).toBeVisible();
    await expect(notice.getByRole('definition').filter({ hasText: path.join(host.dataDir, 'backups') })).toBeVisible();
    await expect(notice.getByText(GOOD_BACKUP).first()).toBeVisible();
    await page.screenshot(shot('books-01-read-only'));

    // A change is refused, saying why and what to do.
    await page.goto(`${host.url}#/customers/new`);
    await page.getByLabel('Name', { exact: true }).fill('Late Arrival Ltd');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /read-only because Billbook found damage/ })).toBeVisible();

    await notice.getByRole('button', { name: 'Restore this backup' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await expect(dialog).toContainText('moved aside');
    await page.screenshot(shot('books-02-restore-confirm'));
    await dialog.getByRole('button', { name: 'Restore backup' }).click();

    const restored = page.getByRole('region', { name: 'Your books are restored' });
    await expect(restored).toBeVisible();
    await expect(restored).toContainText(GOOD_BACKUP);
    await expect(restored).toContainText(path.join(host.dataDir, 'damaged'));
    await expect(page.getByRole('region', { name: 'Your books are open read-only' })).toHaveCount(0);
    await page.screenshot(shot('books-03-restored'));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('Customer 149');
    await expect(page.getByRole('link', { name: /^Customer 149/ })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('After The Backup');
    await expect(page.getByRole('link', { name: 'After The Backup Ltd' })).toHaveCount(0);
    await restored.getByRole('button', { name: 'Dismiss' }).click();
    await expect(restored).toHaveCount(0);
  });
});

test.describe('a books file that is not a database', () => {
  test.use({ hostData: { prepare: (dataDir) => writeNotADatabase(path.join(dataDir, 'billbook.db')) } });

  test('shows what happened in place of the screens, naming the folder, with no backup to offer', async ({ page, host }) => {
    await page.goto(host.url);
    const notice = page.getByRole('region', { name: 'Billbook cannot open your books' });
    await expect(notice).toBeVisible();
    await expect(notice.getByRole('heading', { level: 1, name: 'Billbook cannot open your books' })).toBeVisible();
    await expect(notice).toContainText('is not a Billbook database');
    await expect(notice).toContainText(`There are no backups in ${path.join(host.dataDir, 'backups')}`);
    await expect(notice.getByRole('button', { name: 'Restore this backup' })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toHaveCount(0);
    await page.screenshot(shot('books-04-unavailable'));
  });
});
