// Every screen at 1024×700 with books in it, a message stuck on a mail server that does not answer,
// and long names: no table is wider than its box and nothing in one is cut off. The stuck message is
// counted as needing attention and says what it is; "Open email settings" lands on Email.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, localDate, rpc, SCREENSHOTS, test } from './host';
import { tableOverflows } from './layout';

const shot = (name: string) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

// Port 9 (discard) has nothing listening: every connection is refused.
test.use({ hostEnv: { BILLBOOK_SMTP_HOST: '127.0.0.1', BILLBOOK_SMTP_PORT: '9' } });

test('every screen fits 1024×700 with no table clipped; a stuck message needs attention', async ({ page, host }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(host.url);
  await rpc(page, 'settings.update', {
    business: { name: 'Amani Hardware', street: 'Kenyatta Avenue', city: 'Nakuru', postalCode: '20100', country: 'Kenya', taxId: 'P051234567X', phone: '+254722000111', email: 'sales@amani.co.ke', website: '', logoDataUrl: '', vatRegistered: true, defaultTaxRateBp: 1600 },
    payment: { mpesa: { kind: 'paybill', number: '522533' } },
    email: { host: '127.0.0.1', port: 9, security: 'none', user: '', fromName: 'Amani Hardware', fromAddress: 'sales@amani.co.ke', replyTo: '', messagesPerMinute: 60, timeoutSeconds: 5 },
  });
  const customer = await rpc(page, 'customers.create', { name: 'Baraka Builders and General Contractors Limited', phone: '0722 123456', email: 'accounts.department@baraka-builders.co.ke' });
  await rpc(page, 'customers.create', { name: 'Wanjiku Traders', phone: '0733 111222' });
  let first = '';
  for (const [i, offset] of [0, -45, -10, -75].entries()) {
    const draft = await rpc(page, 'drafts.create', {
      draft: { customerId: customer.id, issueDate: localDate(offset), lines: [{ description: `Cement and building supplies for the Nakuru site, batch ${i + 1}`, quantityMilli: 10_000, unitPriceMinor: 78_000 + i * 1000 }] },
    });
    const invoice = await rpc(page, 'invoices.finalize', { id: draft.id, version: 1 });
    if (i === 0) first = invoice.id;
  }
  await rpc(page, 'drafts.create', { draft: { customerId: customer.id, issueDate: localDate(0), lines: [] } });
  await rpc(page, 'payments.record', { customerId: customer.id, amountMinor: 500_000, paidOn: localDate(0), method: 'mpesa', reference: 'QJK3H7Z2XP' });
  await rpc(page, 'sending.send', { invoiceId: first, requestId: randomUUID(), channels: ['email'], emails: ['accounts.department@baraka-builders.co.ke'], attachPdf: true });

  // The stuck message: counted, and named for what it is while it waits.
  await page.goto(`${host.url}#/messages`);
  await expect(page.getByRole('group', { name: 'Need attention' })).toContainText('1', { timeout: 30_000 });
  const log = page.getByRole('table', { name: 'Messages' });
  await expect(log.getByText('Will try again', { exact: true })).toBeVisible();
  await expect(log).toContainText('Nothing answered at 127.0.0.1:9 (connection refused)');
  await expect(log).not.toContainText('Invoice sent');
  await page.getByLabel('Status').selectOption({ label: 'Needs attention' });
  await expect(log.getByRole('row')).toHaveCount(3);

  // Send… on another invoice, with SMS not set up: its link opens Settings at SMS, not at the top.
  const invoices = await rpc(page, 'invoices.list', {});
  await page.goto(`${host.url}#/invoices/${invoices.rows.find((r) => r.id !== first && r.number)!.id}`);
  await page.getByRole('button', { name: 'Send…' }).click();
  await page.getByRole('dialog').getByRole('link', { name: 'Open SMS settings' }).click();
  const smsHeading = page.getByRole('heading', { level: 2, name: 'SMS' });
  await expect(smsHeading).toBeFocused();
  await expect(smsHeading).toBeInViewport();

  // The shortcuts help opens at its title, and the sidebar link to it is readable (WCAG AA: 4.5:1).
  await page.goto(`${host.url}#/`);
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeInViewport();
  await page.screenshot(shot('141-1024-shortcuts-help'));
  await page.keyboard.press('Escape');
  const contrast = await page.getByRole('button', { name: 'Keyboard shortcuts' }).evaluate((el) => {
    const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const ch = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
    };
    const fg = lum(rgb(getComputedStyle(el).color));
    const bg = lum(rgb(getComputedStyle(el.closest('.sidebar')!).backgroundColor));
    return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  });
  expect(contrast).toBeGreaterThanOrEqual(4.5);
  const helpBox = await page.getByRole('button', { name: 'Keyboard shortcuts' }).boundingBox();
  const sidebarBox = await page.locator('.sidebar').boundingBox();
  expect(helpBox!.x + helpBox!.width).toBeLessThanOrEqual(sidebarBox!.x + sidebarBox!.width);

  const screens: [string, string, string][] = [
    ['home', '#/', 'Home'],
    ['customers', '#/customers', 'Customers'],
    ['customer', `#/customers/${customer.id}`, customer.name],
    ['customer-invoices', `#/customers/${customer.id}/tab/invoices`, customer.name],
    ['customer-payments', `#/customers/${customer.id}/tab/payments`, customer.name],
    ['customer-messages', `#/customers/${customer.id}/tab/messages`, customer.name],
    ['invoices', '#/invoices', 'Invoices'],
    ['invoice', `#/invoices/${first}`, ''],
    ['quotes', '#/quotes', 'Quotes'],
    ['items', '#/items', 'Items'],
    ['invoice-import', '#/invoices/import', ''],
    ['item-import', '#/items/import', ''],
    ['payments', '#/payments', 'Payments'],
    ['messages', '#/messages', 'Messages'],
    ['analytics', '#/analytics', 'Analytics'],
    ['analytics-predictions', '#/analytics/predictions', 'Analytics'],
    ['analytics-collections', '#/analytics/collections', 'Analytics'],
    ['analytics-cashflow', '#/analytics/cashflow', 'Analytics'],
    ['analytics-forecast', '#/analytics/forecast', 'Analytics'],
    ['analytics-anomalies', '#/analytics/anomalies', 'Analytics'],
    ['reports', '#/reports', 'Reports'],
    ['queue', '#/queue', 'Queue'],
    ['backups', '#/backups', 'Backups'],
    ['settings', '#/settings', 'Settings'],
    // Billbook Cloud's screens on a computer working alone: each says so and leads to Account & sync.
    ['people', '#/people', 'People'],
    ['devices', '#/devices', 'Devices'],
    ['sync-problems', '#/sync-problems', 'Sync problems'],
  ];
  for (const [name, hash, heading] of screens) {
    await page.goto(`${host.url}${hash}`);
    await expect(page.getByRole('heading', { level: 1, ...(heading ? { name: heading } : {}) })).toBeVisible();
    // Lists and charts load after the heading; the tables are checked once they are in.
    await page.waitForLoadState('networkidle');
    if (name === 'reports') {
      await page.getByRole('button', { name: 'Run report' }).click();
      await expect(page.locator('.report-results table')).toBeVisible();
    }
    await page.screenshot(shot(`140-1024-${name}`));
    expect(await tableOverflows(page), `${name} at 1024×700`).toEqual([]);
  }
});
