// Backups as a shop owner uses them: one made now, daily ones kept to a number, and a restore any
// time (checked first; the books it replaces kept as a backup of their own, so it can be undone).
import path from 'node:path';
import { expect, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

test('a backup made now is restored later, and the restore can itself be undone', async ({ page, host }) => {
  await page.goto(host.url);
  await rpc(page, 'customers.create', { name: 'Before The Backup Ltd', phone: '0722 000111' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backups' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Where they are' })).toContainText(path.join(host.dataDir, 'backups'));
  await expect(page.getByText('No backups yet.')).toBeVisible();

  await page.getByRole('button', { name: 'Back up now' }).click();
  const table = page.getByRole('table', { name: 'Backups' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Made by hand');

  // Daily backups: keep 3 (a number out of range is refused, saying what to do).
  const daily = page.getByRole('region', { name: 'Daily backups' });
  await expect(daily.getByRole('switch', { name: 'Make a backup every day Billbook runs' })).toBeChecked();
  await daily.getByLabel('Daily backups kept').fill('0');
  await daily.getByRole('button', { name: 'Save' }).click();
  await expect(daily.getByText('Keep 1 to 365 daily backups')).toBeVisible();
  await daily.getByLabel('Daily backups kept').fill('3');
  await daily.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Daily backups on; the newest 3 kept')).toBeVisible();
  expect((await rpc(page, 'settings.get', {})).backups).toEqual({ daily: true, keep: 3 });
  for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot(shot(`130-backups-${w}`));
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // A customer entered after the backup, then the backup restored: it is gone, and nothing is lost.
  await rpc(page, 'customers.create', { name: 'After The Backup Ltd', phone: '0733 000222' });
  await table.getByRole('button', { name: /^Restore/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(confirm).toContainText('Anything entered after that is not in the backup');
  await expect(confirm).toContainText('kept as a backup');
  await page.screenshot(shot('131-backups-restore-confirm', false));
  await confirm.getByRole('button', { name: 'Restore backup' }).click();
  const restored = page.getByRole('region', { name: 'Your books are restored' });
  await expect(restored).toBeVisible();
  await expect(restored).toContainText('billbook-before-restore-');
  await expect(table.getByRole('row').filter({ hasText: 'Books replaced by a restore' })).toHaveCount(1);
  const names = async () => (await rpc(page, 'customers.list', {})).rows.map((r) => r.name);
  expect(await names()).toEqual(['Before The Backup Ltd']);
  await page.screenshot(shot('132-backups-restored'));

  // Undone from the same list.
  await restored.getByRole('button', { name: 'Dismiss' }).click();
  await table.getByRole('row').filter({ hasText: 'Books replaced by a restore' }).getByRole('button', { name: /^Restore/ }).click();
  await confirm.getByRole('button', { name: 'Restore backup' }).click();
  // The page reloads onto the restored books.
  await expect(confirm).toHaveCount(0);
  await expect(restored).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'Books replaced by a restore' })).toHaveCount(2);
  expect(await names()).toEqual(['After The Backup Ltd', 'Before The Backup Ltd']);
});
