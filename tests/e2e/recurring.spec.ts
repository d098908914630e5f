// A monthly schedule made from a suggestion: the dialog's preview of the next six, then the
// customer's Recurring tab with the next invoices as their first line will read; pause and resume.
import path from 'node:path';
import { expect, localDate, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

function plusMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shown = (iso: string) => `${Number(iso.slice(8, 10))} ${SHORT[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

test('a monthly schedule created from a suggestion, with its preview', async ({ page, host }) => {
  await page.goto(host.url);
  const regular = await rpc(page, 'customers.create', { name: 'Kamau Logistics', phone: '0722 555111', email: 'ap@kamau.co.ke' });
  for (const daysAgo of [90, 60, 30]) {
    const draft = await rpc(page, 'drafts.create', {
      draft: { customerId: regular.id, issueDate: localDate(-daysAgo), lines: [{ description: 'Fleet tracking', quantityMilli: 1000, unit: 'months', unitPriceMinor: 1_500_000, taxRateBp: 1600 }] },
    });
    await rpc(page, 'invoices.finalize', { id: draft.id, version: draft.draft.version });
  }
  const next = plusMonths(localDate(-30), 1);

  await page.goto(`${host.url}#/customers/${regular.id}/tab/invoices`);
  const suggestion = page.getByRole('region', { name: 'Suggested next invoice' });
  await expect(suggestion).toContainText('Monthly');
  await suggestion.getByRole('button', { name: 'Make this a schedule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make this a schedule' });
  await expect(dialog.getByLabel('Every')).toHaveValue('monthly');
  await expect(dialog.getByLabel('On day of the month')).toHaveValue(String(Number(next.slice(8, 10))));
  const preview = dialog.getByRole('list', { name: 'Next six invoices' }).getByRole('listitem');
  await expect(preview).toHaveCount(6);
  await expect(preview.first()).toHaveText(shown(next));
  await expect(preview.last()).toHaveText(shown(plusMonths(next, 5)));
  // Ends after 3: the preview says so.
  await dialog.getByLabel('Ends').selectOption({ label: 'After a number of invoices' });
  await dialog.getByLabel('Number of invoices').fill('3');
  await expect(preview).toHaveCount(3);
  await dialog.getByLabel('Ends').selectOption({ label: 'Never' });
  await expect(preview).toHaveCount(6);
  for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot(shot(`190-schedule-dialog-${w}`, false));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await dialog.getByRole('button', { name: 'Create schedule' }).click();
  await expect(dialog).toBeHidden();

  // The Recurring tab: the schedule, running, with the next six as they will read.
  await expect(page.getByRole('tab', { name: 'Recurring', selected: true })).toBeVisible();
  const card = page.getByRole('region', { name: 'Fleet tracking (monthly)' });
  await expect(card).toContainText('Running');
  await expect(card).toContainText('KES 17,400.00 monthly on day');
  const nextTable = card.getByRole('table', { name: 'Next invoices of Fleet tracking (monthly)' });
  await expect(nextTable.getByRole('row')).toHaveCount(7);
  await expect(nextTable.getByRole('row').nth(1)).toContainText(shown(next));
  for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot(shot(`191-recurring-tab-${w}`));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await card.getByRole('button', { name: 'Pause' }).click();
  await expect(card).toContainText('Paused');
  await card.getByRole('button', { name: 'Resume' }).click();
  await expect(card).toContainText('Running');
});
