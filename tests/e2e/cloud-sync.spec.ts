// Two computers of one business signed into one Billbook Cloud, as the Sync issue tells it: a customer
// made on one appears on the other without reloading (the Cloud pokes, the other pulls, its list
// hears customers.changed); with the Cloud down both say they are offline and how many changes wait,
// each changes a different field of one customer, and once the Cloud is back Sync now brings both
// edits to both. A draft open on one computer hears about a version saved on the other, and shows it.
import type { Page } from '@playwright/test';
import { expect, localDate, rpc, test } from './cloud';
import { both, sidebarStatus, signIn } from './cloudSteps';





async function syncNow(page: Page, url: string) {
  await page.goto(`${url}#/settings?section=account`);
  const account = page.getByRole('region', { name: 'Account & sync' });
  await account.getByRole('button', { name: 'Sync now' }).click();
  await expect(account.getByRole('region', { name: 'Sync' })).toContainText(/Status\s*Synced/, { timeout: 20_000 });
}

async function editCustomer(page: Page, url: string, id: string, label: string, value: string) {
  await page.goto(`${url}#/customers/${id}/edit`);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Kamau Traders');
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kamau Traders' })).toBeVisible();
}

test('two computers share one customer list, and edits made offline on both meet', async ({ page, host, cloud, second }) => {
  test.setTimeout(240_000);
  const email = `njeri.${Date.now()}@example.com`;
  const other = second.page;
  const orgId = await signIn(page, host.url, cloud, { email }, 'Front desk');
  await signIn(other, second.host.url, cloud, { email, orgId }, 'Back office');

  // A customer made at the front desk appears in the back office's open list, without a reload.
  await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(other.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'New customer' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Kamau Traders');
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kamau Traders' })).toBeVisible();
  await expect(other.getByRole('link', { name: 'Kamau Traders' })).toBeVisible({ timeout: 15_000 });
  const customerId = new URL(page.url()).hash.split('/')[2]!;

  // The Cloud goes away: both computers say they are offline.
  await cloud.stop();
  await expect(sidebarStatus(page)).toContainText('Offline', { timeout: 20_000 });
  await expect(sidebarStatus(other)).toContainText('Offline', { timeout: 20_000 });

  // Each changes a different field of the same customer; the changes wait, and the sidebar says how many.
  await editCustomer(page, host.url, customerId, 'Phone', '0722 111 222');
  await editCustomer(other, second.host.url, customerId, 'Email', 'accounts@kamau.co.ke');
  await expect(sidebarStatus(page)).toContainText('1 change waiting', { timeout: 15_000 });
  await expect(sidebarStatus(other)).toContainText('1 change waiting', { timeout: 15_000 });
  await both(page, '320-sidebar-offline', () => expect(sidebarStatus(page)).toContainText('1 change waiting'));
  await page.goto(`${host.url}#/settings?section=account`);
  const sync = page.getByRole('region', { name: 'Account & sync' }).getByRole('region', { name: 'Sync' });
  await expect(sync).toContainText(/Waiting to go up\s*1 change/);
  await expect(sync).toContainText('cannot be reached');
  await both(page, '321-account-offline', () => expect(sync).toBeVisible());

  // The Cloud is back on the same address and database: Sync now on each, and both edits are on both.
  await cloud.start();
  await syncNow(page, host.url);
  await syncNow(other, second.host.url);
  await syncNow(page, host.url);
  await expect(page.getByRole('region', { name: 'Account & sync' }).getByRole('region', { name: 'Sync' })).toContainText(/Waiting to go up\s*None/);
  for (const [p, url] of [[page, host.url], [other, second.host.url]] as const) {
    await p.goto(`${url}#/customers/${customerId}`);
    await expect(p.getByRole('heading', { level: 1, name: 'Kamau Traders' })).toBeVisible();
    // The header's contact line has both: the email from the back office, the phone from the front desk.
    await expect(p.getByText(/^accounts@kamau\.co\.ke · \+254 722 111 ?222$/)).toBeVisible();
    const stored = await rpc(p, 'customers.get', { id: customerId });
    expect(stored.email).toBe('accounts@kamau.co.ke');
    expect(stored.phone).toMatch(/722\s?111\s?222$/);
  }
  await expect(sidebarStatus(other)).toContainText('Synced');
  await both(other, '322-sidebar-synced-again', () => expect(sidebarStatus(other)).toContainText('Synced'));
});

test('a draft open on one computer shows the version saved on the other', async ({ page, host, cloud, second }) => {
  test.setTimeout(180_000);
  const email = `njeri.${Date.now()}@example.com`;
  const other = second.page;
  await signIn(page, host.url, cloud, { email }, 'Front desk');

  // The back office signs in with a link emailed to the owner: no password typed on this computer.
  await other.goto(second.host.url);
  await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const account = other.getByRole('region', { name: 'Account & sync' });
  await account.getByLabel('Server address').fill(cloud.url);
  await account.getByRole('button', { name: 'Use this server' }).click();
  await account.getByRole('radio', { name: 'Email me a link' }).check();
  await account.getByLabel('Email', { exact: true }).fill(email);
  await account.getByRole('button', { name: 'Email me a sign-in link' }).click();
  const waiting = account.getByRole('status').filter({ hasText: 'Check your email' });
  await expect(waiting).toContainText(email);
  await both(other, '324-account-email-link', () => expect(waiting).toBeVisible());
  const mailbox = await other.context().newPage();
  await mailbox.goto(await cloud.signInLink(email));
  await mailbox.getByRole('button', { name: 'Sign in' }).click();
  await expect(mailbox.getByText('You are signed in')).toBeVisible();
  await mailbox.close();
  await expect(account.getByRole('radio', { name: /Kamau Supplies · Owner/ })).toBeChecked({ timeout: 15_000 });
  await account.getByLabel('Name this computer').fill('Back office');
  await account.getByRole('button', { name: 'Join Kamau Supplies and start syncing' }).click();
  await expect(sidebarStatus(other)).toContainText(/^Synced/, { timeout: 20_000 });
  const customer = await rpc(page, 'customers.create', { name: 'Kamau Traders', currency: 'KES' });
  const line = (description: string, price: number) => ({ description, quantityMilli: 1000, unitPriceMinor: price, taxRateBp: 1600 });
  let draft = await rpc(page, 'drafts.create', { draft: { customerId: customer.id, issueDate: localDate(), lines: [line('Delivery to Thika', 150_000)] } });

  // The back office opens the draft once it has arrived.
  await expect.poll(async () => (await rpc(other, 'invoices.list', {})).total, { timeout: 15_000 }).toBe(1);
  await other.goto(`${second.host.url}#/invoices/${draft.id}/edit`);
  await expect(other.getByLabel('Description, line 1')).toHaveValue('Delivery to Thika');

  // Saved at the front desk while nothing is unsaved in the back office: shown there at once, and said so.
  draft = await rpc(page, 'drafts.update', { id: draft.id, version: draft.draft.version, draft: { customerId: customer.id, issueDate: localDate(), lines: [line('Delivery to Thika and Ruiru', 180_000)] } });
  await expect(other.getByLabel('Description, line 1')).toHaveValue('Delivery to Thika and Ruiru', { timeout: 15_000 });
  await expect(other.getByRole('status').filter({ hasText: /Edited on another computer: version \d+ is shown/ })).toBeVisible();

  // Typed into in the back office, then saved again at the front desk: what was typed stays, and the
  // other version is shown beside it to load or not.
  await other.getByLabel('Description, line 1').fill('Delivery to Ruiru only');
  draft = await rpc(page, 'drafts.update', { id: draft.id, version: draft.draft.version, draft: { customerId: customer.id, issueDate: localDate(), lines: [line('Delivery to Thika, Ruiru and Juja', 210_000)] } });
  const elsewhere = other.getByRole('region', { name: /Edited on another computer: version \d+/ });
  await expect(elsewhere).toBeVisible({ timeout: 15_000 });
  await expect(other.getByLabel('Description, line 1')).toHaveValue('Delivery to Ruiru only');
  const theirs = elsewhere.getByRole('table', { name: /Lines of version \d+/ });
  await expect(theirs).toContainText('Delivery to Thika, Ruiru and Juja');
  await expect(elsewhere).toContainText('KES 2,436.00');
  await both(other, '323-draft-edited-elsewhere', () => expect(elsewhere).toBeVisible());
  await elsewhere.getByRole('button', { name: /^Load version \d+$/ }).click();
  await expect(other.getByLabel('Description, line 1')).toHaveValue('Delivery to Thika, Ruiru and Juja');
  await expect(elsewhere).toHaveCount(0);
});

test('the sidebar learns a sync round that ended before the page heard the backend', async ({ page, host, cloud }) => {
  test.setTimeout(180_000);
  await signIn(page, host.url, cloud, { email: `wanjiru.${Date.now()}@example.com` }, 'Front desk');
  await cloud.stop();
  await expect(sidebarStatus(page)).toContainText('Offline', { timeout: 20_000 });

  // The page opens again while the Cloud is down, and its stream of events from the backend is held
  // back: a sync round that ends now is announced to no one.
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/events?**', async (route) => {
    await held;
    await route.continue();
  });
  await page.reload();
  await expect(sidebarStatus(page)).toContainText('Offline');
  await cloud.start();
  expect((await rpc(page, 'sync.now', {})).state).toBe('synced');
  await expect(sidebarStatus(page)).toContainText('Offline');

  // Once the stream connects the page asks again: "Synced", not "Offline" until the next round a minute on.
  release();
  await expect(sidebarStatus(page)).toContainText(/^Synced/, { timeout: 10_000 });
});
