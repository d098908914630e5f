// A shop owner takes their books to Billbook Cloud and brings in a salesperson, as the Cloud issue
// tells it: the owner's books, made before signing in, go up when the computer joins; a colleague
// invited as sales signs up with the emailed code on their own computer and gets the books; the
// Void button there is disabled, saying why. Then the owner makes them a viewer while they work (their
// change is refused and listed under Sync problems) and revokes their computer, which then offers to
// remove its copy of the books. Billbook Cloud is `npm run server` on a free port; mail goes to a
// local SMTP server.
import type { Locator, Page } from '@playwright/test';
import { refusalMessage } from '../../shared/permissions';
import { expect, localDate, rpc, test } from './cloud';
import { both, PASSWORD, sidebarStatus } from './cloudSteps';



const account = (page: Page): Locator => page.getByRole('region', { name: 'Account & sync' });

async function openAccount(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(account(page).getByRole('heading', { name: 'Account & sync' })).toBeVisible();
}

test('an owner brings their books to Billbook Cloud and a salesperson cannot void', async ({ page, host, cloud, second }) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const ownerEmail = `owner.${stamp}@example.com`;
  const salesEmail = `sales.${stamp}@example.com`;

  // Books made before signing in: a customer and a finalized invoice.
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  const customer = await rpc(page, 'customers.create', { name: 'Wanjiru Traders', currency: 'KES' });
  const draft = await rpc(page, 'drafts.create', {
    draft: { customerId: customer.id, issueDate: localDate(), lines: [{ description: 'Cement, 50 kg bags', quantityMilli: 10_000, unitPriceMinor: 85_000, taxRateBp: 1600 }] },
  });
  const invoice = await rpc(page, 'invoices.finalize', { id: draft.id, version: draft.draft.version });
  expect(invoice.number).toBeTruthy();

  // Working alone, as always: the sidebar says so and Account & sync asks only for a server.
  await expect(sidebarStatus(page)).toContainText('Not synced');
  await openAccount(page);
  await expect(account(page)).toContainText('Working alone');
  await both(page, '300-account-alone', () => expect(account(page).getByLabel('Server address')).toBeVisible(), false);

  // The owner points at the Cloud and creates the account and the organisation.
  await account(page).getByLabel('Server address').fill(cloud.url);
  await account(page).getByRole('button', { name: 'Use this server' }).click();
  await expect(account(page).getByRole('tab', { name: 'Sign in' })).toHaveAttribute('aria-selected', 'true');
  await expect(account(page).getByRole('radio', { name: 'Password' })).toBeChecked();
  await both(page, '301-account-signed-out', () => expect(account(page).getByRole('button', { name: 'Sign in' })).toBeVisible(), false);
  await account(page).getByRole('tab', { name: 'Create an account' }).click();
  await account(page).getByLabel('Your name').fill('Amani Owner');
  await account(page).getByLabel('Email', { exact: true }).fill(ownerEmail);
  await account(page).getByLabel('Password', { exact: true }).fill('short');
  await account(page).getByLabel('Business name').fill('Amani Hardware');
  await account(page).getByRole('button', { name: 'Create account' }).click();
  await expect(account(page).getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(account(page).getByText('Use at least 10 characters').first()).toBeVisible();
  await account(page).getByLabel('Password', { exact: true }).fill(PASSWORD);
  await account(page).getByRole('button', { name: 'Create account' }).click();

  // Signed in: choose the organisation and name this computer.
  await expect(account(page).getByRole('radio', { name: /Amani Hardware · Owner/ })).toBeChecked();
  await expect(account(page)).toContainText(`Signed in as Amani Owner (${ownerEmail})`);
  await both(page, '302-account-choose-organisation', () => expect(account(page).getByLabel('Name this computer')).toBeVisible(), false);
  await account(page).getByRole('button', { name: 'Join Amani Hardware and start syncing' }).click();
  await expect(account(page).getByLabel('Name this computer')).toHaveAttribute('aria-invalid', 'true');
  await account(page).getByLabel('Name this computer').fill('Front desk');
  await account(page).getByRole('button', { name: 'Join Amani Hardware and start syncing' }).click();

  // In the organisation: who, the role, this computer; the books went up.
  const facts = account(page);
  await expect(facts.getByRole('term').filter({ hasText: 'Your role' })).toBeVisible();
  await expect(facts).toContainText('Owner');
  await expect(facts).toContainText('Front desk');
  await expect(sidebarStatus(page)).toContainText(/^Synced/, { timeout: 20_000 });
  await expect(facts.getByRole('region', { name: 'Sync' })).toContainText('Waiting to go up');
  await expect(facts.getByRole('region', { name: 'Sync' })).toContainText('None');
  await both(page, '303-account-signed-in', () => expect(facts.getByRole('button', { name: 'Sync now' })).toBeVisible(), false);
  await both(page, '304-sidebar-synced', () => expect(sidebarStatus(page)).toContainText('Synced'), false);

  // People: invite the colleague as sales.
  await facts.getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'People' })).toContainText(ownerEmail);
  const invite = page.getByRole('region', { name: 'Invite someone' });
  await invite.getByLabel('Email').fill(salesEmail);
  await invite.getByLabel('Role').selectOption('sales');
  await expect(invite.getByText('Customers, drafts, finalizing and sending')).toBeVisible();
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('table', { name: 'Invitations waiting' })).toContainText(salesEmail);
  await expect(page.getByRole('table', { name: 'Invitations waiting' })).toContainText('Sales');
  await both(page, '305-people', () => expect(page.getByRole('table', { name: 'Invitations waiting' })).toBeVisible());
  const code = await cloud.invitationCode(salesEmail);

  // The colleague, on their own computer: signs up with the code, joins, and gets the books.
  const colleague = second.page;
  await colleague.goto(second.host.url);
  await expect(colleague.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await openAccount(colleague);
  await account(colleague).getByLabel('Server address').fill(cloud.url);
  await account(colleague).getByRole('button', { name: 'Use this server' }).click();
  await account(colleague).getByRole('tab', { name: 'Create an account' }).click();
  await account(colleague).getByLabel('Your name').fill('Baraka Sales');
  await account(colleague).getByLabel('Email', { exact: true }).fill(salesEmail);
  await account(colleague).getByLabel('Password', { exact: true }).fill(PASSWORD);
  await account(colleague).getByRole('radio', { name: 'I have an invitation code' }).check();
  await account(colleague).getByLabel('Invitation code', { exact: true }).fill(code);
  await account(colleague).getByRole('button', { name: 'Create account' }).click();
  await expect(account(colleague).getByRole('radio', { name: /Amani Hardware · Sales/ })).toBeChecked();
  await account(colleague).getByLabel('Name this computer').fill('Sales laptop');
  await account(colleague).getByRole('button', { name: 'Join Amani Hardware and start syncing' }).click();
  await expect(account(colleague)).toContainText('Sales');
  await expect(account(colleague)).toContainText(ROLE_SALES_SUMMARY);
  await expect(sidebarStatus(colleague)).toContainText(/^Synced/, { timeout: 20_000 });

  // The owner's invoice synced here; a salesperson cannot void it or credit it, and is told why.
  await colleague.goto(`${second.host.url}#/invoices/${invoice.id}`);
  await expect(colleague.getByRole('heading', { level: 1, name: `Invoice ${invoice.number}` })).toBeVisible();
  const voidButton = colleague.getByRole('button', { name: 'Void' });
  const reason = refusalMessage('sales', 'invoices.void');
  await expect(voidButton).toBeDisabled();
  await expect(voidButton).toHaveAttribute('aria-description', reason);
  await expect(colleague.getByRole('button', { name: 'Credit note' })).toHaveAttribute('aria-description', refusalMessage('sales', 'creditNotes.create'));
  await expect(colleague.getByRole('button', { name: 'Record payment' })).toBeEnabled();
  await voidButton.click({ force: true });
  await expect(colleague.getByRole('dialog')).toHaveCount(0);
  // The reason shows beside it on hover, and on keyboard focus.
  const why = colleague.getByText(reason);
  await colleague.getByRole('heading', { level: 1 }).hover();
  await expect(why).toHaveCount(0);
  await both(colleague, '306-invoice-void-refused-for-sales', async () => {
    await voidButton.hover();
    await expect(why).toBeVisible();
  }, false);
  await colleague.getByRole('heading', { level: 1 }).hover();
  await expect(why).toHaveCount(0);
  await colleague.getByRole('button', { name: 'Duplicate' }).focus();
  await colleague.keyboard.press('Tab');
  await expect(voidButton).toBeFocused();
  await expect(why).toBeVisible();

  // People reads, but its controls are not theirs; Devices is not theirs at all.
  await colleague.goto(`${second.host.url}#/people`);
  await expect(colleague.getByRole('table', { name: 'People' })).toContainText('Baraka Sales');
  await expect(colleague.getByText(refusalMessage('sales', 'people.manage'))).toBeVisible();
  await expect(colleague.getByRole('button', { name: 'Send invitation' })).toHaveCount(0);
  await colleague.goto(`${second.host.url}#/devices`);
  await expect(colleague.getByText(refusalMessage('sales', 'devices.manage'))).toBeVisible();
  await expect(colleague.getByRole('table', { name: 'Devices' })).toHaveCount(0);

  // The owner sees both computers.
  await page.goto(`${host.url}#/devices`);
  const devices = page.getByRole('table', { name: 'Devices' });
  await expect(devices.getByRole('row', { name: /Front desk/ })).toContainText('This computer');
  await expect(devices.getByRole('row', { name: /Sales laptop/ })).toContainText('Baraka Sales');
  await both(page, '307-devices', () => expect(devices).toBeVisible());

  // The owner makes the colleague a viewer; the colleague's computer has not heard yet and adds a
  // customer: the Cloud refuses it, it is undone there and listed under Sync problems.
  await page.goto(`${host.url}#/people`);
  await page.getByRole('combobox', { name: 'Role of Baraka Sales' }).selectOption('viewer');
  await expect(page.getByRole('combobox', { name: 'Role of Baraka Sales' })).toHaveValue('viewer');
  await colleague.goto(`${second.host.url}#/customers`);
  await expect(colleague.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await rpc(colleague, 'customers.create', { name: 'Added by a viewer', currency: 'KES' });
  await expect(sidebarStatus(colleague)).toContainText('1 sync problem', { timeout: 20_000 });
  await expect(colleague.getByText('Added by a viewer')).toHaveCount(0);
  await both(colleague, '308-sidebar-problem', () => expect(sidebarStatus(colleague)).toContainText('to look at'), false);
  await sidebarStatus(colleague).getByRole('link').click();
  await expect(colleague.getByRole('heading', { level: 1, name: 'Sync problems' })).toBeVisible();
  const refused = colleague.getByRole('listitem').filter({ hasText: 'Billbook Cloud refused a change' });
  await expect(refused).toContainText('What to do');
  await expect(refused).toContainText('As a viewer you cannot add or change customers');
  await both(colleague, '309-sync-problems', () => expect(refused).toBeVisible());
  // Its role is the viewer's now: the New customer button says why not.
  await colleague.getByRole('button', { name: 'Sync now' }).click();
  await colleague.goto(`${second.host.url}#/customers`);
  await expect(colleague.getByRole('button', { name: 'New customer' })).toHaveAttribute('aria-description', refusalMessage('viewer', 'customers.write'));
  await colleague.goto(`${second.host.url}#/sync-problems`);
  await refused.getByRole('button', { name: /^Dismiss/ }).click();
  await expect(colleague.getByText('No sync problems')).toBeVisible();
  await expect(sidebarStatus(colleague)).toContainText('Synced');

  // The owner revokes the colleague's computer; it is told, and offers to remove its copy of the books.
  await page.goto(`${host.url}#/devices`);
  await devices.getByRole('button', { name: 'Revoke Sales laptop' }).click();
  const revoke = page.getByRole('dialog', { name: 'Revoke Sales laptop?' });
  await revoke.getByRole('button', { name: 'Revoke device' }).click();
  await expect(devices.getByRole('row', { name: /Sales laptop/ })).toContainText('Revoked');
  await openAccount(colleague);
  await account(colleague).getByRole('button', { name: 'Sync now' }).click();
  await expect(sidebarStatus(colleague)).toContainText('This computer was removed', { timeout: 20_000 });
  const removed = account(colleague).getByRole('alert').filter({ hasText: 'This computer was removed from Amani Hardware' });
  await expect(removed).toBeVisible();
  // Sync now cannot help any more, and the words beside it say so instead of promising a sync.
  await expect(account(colleague).getByRole('button', { name: 'Sync now' })).toBeDisabled();
  await expect(account(colleague)).toContainText('Nothing can sync: this computer is no longer part of the organisation.');
  await both(colleague, '310-sidebar-revoked', () => expect(sidebarStatus(colleague)).toContainText('removed'), false);
  await colleague.goto(`${second.host.url}#/sync-problems`);
  const gone = colleague.getByRole('listitem').filter({ hasText: 'This computer was removed from the organisation' });
  await expect(gone).toBeVisible();
  await both(colleague, '311-sync-problems-revoked', () => expect(gone).toBeVisible());
  await gone.getByRole('button', { name: 'Remove this computer’s books…' }).click();
  const confirm = colleague.getByRole('dialog', { name: 'Remove this computer’s books?' });
  await expect(confirm).toContainText('backup');
  await confirm.getByRole('button', { name: 'Back up and remove' }).click();
  await expect(account(colleague).getByRole('tab', { name: 'Sign in' })).toBeVisible();
  await expect(sidebarStatus(colleague)).toContainText('Not synced');
  const left = await rpc(colleague, 'invoices.list', {});
  expect(left.total).toBe(0);
  // Working alone again: Sync problems has none and says where to sign in to share the books.
  await colleague.goto(`${second.host.url}#/sync-problems`);
  const none = colleague.getByText(/^No sync problems: these books are not synced\./);
  await expect(none.getByRole('link', { name: 'Settings → Account & sync' })).toHaveAttribute('href', '#/settings?section=account');
  await both(colleague, '312-sync-problems-working-alone', () => expect(none).toBeVisible(), false);
});

const ROLE_SALES_SUMMARY = 'no voids, reversals or settings';
