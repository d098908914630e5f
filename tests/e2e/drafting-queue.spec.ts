// The queue panel, bulk drafts, and the customer page's ways to start the next invoice.
import path from 'node:path';
import { fillBulkTemplate } from '../../shared/domain/drafting';
import { JOB_STATE_LABELS } from '../../shared/domain/jobs';
import { goodReply, startFakeGemini, type FakeGemini } from '../helpers/fakeGemini';
import { expect, fieldDate, localDate, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

// Nothing listens here unless a test starts the fake Gemini on it.
const PORT = 47918;
test.use({ hostEnv: { BILLBOOK_GEMINI_BASE_URL: `http://127.0.0.1:${PORT}`, BILLBOOK_OFFLINE_RECHECK_SECONDS: '2' } });

const JOB_WAIT = { timeout: 30_000 };
const KEY = 'AIzaSy-fake-key-for-e2e-0123456789';

let gemini: FakeGemini | null = null;
test.afterEach(async () => {
  await gemini?.close();
  gemini = null;
});

test('the queue shows why AI cannot run, each job with its attempts and error, and Retry now and Cancel work', async ({ page, host }) => {
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const customer = await rpc(page, 'customers.create', { name: 'Baraka Hardware', email: 'accounts@baraka.co.ke', currency: 'KES', paymentTermsDays: 14 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Queue' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nothing in the queue' })).toBeVisible();
  const card = page.getByRole('region', { name: 'Gemini' });
  await expect(card.getByText('Not ready', { exact: true })).toBeVisible();
  await expect(card).toContainText('No Gemini API key yet');
  await expect(card.getByRole('link', { name: 'Open Settings' })).toHaveAttribute('href', '#/settings?section=ai');
  await expect(card).toContainText('10 requests per minute');
  await page.screenshot(shot('70-queue-empty-1280'));
  // The new shortcuts are in the "?" overlay.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('row', { name: /Generate the draft/ })).toContainText('Ctrl+Enter');
  await expect(help.getByRole('row', { name: /Create the drafts/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // A key, and a draft whose refinement cannot reach Gemini: it waits without spending attempts.
  await rpc(page, 'settings.setSecret', { name: 'geminiApiKey', value: KEY });
  await rpc(page, 'drafting.generate', { customerId: customer.id, prompt: '3 months of web hosting at KES 15,000 per month' });
  const jobs = page.getByRole('table', { name: 'Jobs' });
  const row = jobs.getByRole('row', { name: /Draft for Baraka Hardware/ });
  await expect(row.getByText(JOB_STATE_LABELS.offline, { exact: true })).toBeVisible(JOB_WAIT);
  await expect(row).toContainText('Refine draft with AI');
  await expect(row).toContainText('0 of 5');
  // The error sits in a row of its own under the job, across the table.
  await expect(jobs.getByRole('row', { name: /^Last error: Could not reach 127\.0\.0\.1:47918/ })).toBeVisible();
  await expect(card).toContainText(/Could not reach/);
  await expect(card).toContainText('Closed: calls go through');

  // Counts by state are the filter.
  const filter = page.getByRole('group', { name: 'Filter by state' });
  await expect(filter.getByRole('button', { name: /^All/ })).toHaveAttribute('aria-pressed', 'true');
  await filter.getByRole('button', { name: /^Done/ }).click();
  await expect(page.getByText('No jobs are “Done” right now.')).toBeVisible();
  await filter.getByRole('button', { name: `${JOB_STATE_LABELS.offline} 1` }).click();
  await expect(row).toBeVisible();
  await page.screenshot(shot('71-queue-waiting-1280'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('72-queue-waiting-1024'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await filter.getByRole('button', { name: /^All/ }).click();

  // Retry now: a fresh try at once (which again finds nothing listening).
  const jobName = 'Refine draft with AI · Draft for Baraka Hardware';
  await row.getByRole('button', { name: `Retry now: ${jobName}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Running again now: ${jobName}` })).toBeVisible();
  await expect(row.getByText(JOB_STATE_LABELS.offline, { exact: true })).toBeVisible(JOB_WAIT);

  // Cancel: the job stops and says so; it can still be retried.
  await row.getByRole('button', { name: `Cancel: ${jobName}` }).click();
  await expect(row.getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: `Cancel: ${jobName}` })).toHaveCount(0);
  await expect(row.getByRole('button', { name: `Retry now: ${jobName}` })).toBeVisible();
  await expect(filter.getByRole('button', { name: /^Cancelled 1$/ })).toBeVisible();

  // The row links to its draft, whose panel offers to ask AI again.
  await row.getByRole('link', { name: 'Draft for Baraka Hardware' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  const panel = page.getByRole('region', { name: 'AI refinement' });
  await expect(panel.getByText('AI refinement cancelled', { exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Refine with AI' }).click();
  await expect(panel.getByText('Waiting to refine', { exact: true })).toBeVisible(JOB_WAIT);
});

test('bulk drafts: three customers, one sentence, and the run followed to 3 of 3', async ({ page, host }) => {
  gemini = await startFakeGemini((request) =>
    goodReply([{ description: request.sentence.includes('retainer') ? 'Monthly retainer (support and updates)' : 'Services', quantity: 1, unitPrice: 20_000 }]),
  PORT);
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  for (const name of ['Amani Cafe', 'Baraka Hardware', 'Chui Logistics', 'Duka Supplies']) {
    await rpc(page, 'customers.create', { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com`, currency: 'KES', paymentTermsDays: 14 });
  }
  await rpc(page, 'settings.setSecret', { name: 'geminiApiKey', value: KEY });
  await rpc(page, 'settings.update', { ai: { requestsPerMinute: 120 } });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await page.getByRole('link', { name: 'Bulk drafts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bulk drafts' })).toBeVisible();
  const customers = page.getByRole('group', { name: 'Customers' });
  await expect(customers.getByRole('checkbox')).toHaveCount(4);
  await expect(customers.getByText('0 selected')).toBeVisible();

  // Ticks survive a search; Clear and Select all shown do what they say.
  await customers.getByLabel('Search customers').fill('duka');
  await expect(customers.getByRole('checkbox')).toHaveCount(1);
  await customers.getByRole('checkbox', { name: /Duka Supplies/ }).check();
  await customers.getByLabel('Search customers').fill('');
  await expect(customers.getByRole('checkbox')).toHaveCount(4);
  await expect(customers.getByText('1 selected')).toBeVisible();
  await customers.getByRole('button', { name: 'Clear' }).click();
  await expect(customers.getByText('0 selected')).toBeVisible();
  await customers.getByRole('button', { name: 'Select all shown' }).click();
  await expect(customers.getByText('4 selected')).toBeVisible();
  await customers.getByRole('checkbox', { name: /Duka Supplies/ }).uncheck();
  await expect(customers.getByText('3 selected')).toBeVisible();

  // The template, with a token put in by its button.
  const template = page.getByLabel('Sentence template');
  await template.fill('Monthly retainer for');
  await page.getByRole('button', { name: 'Insert {month}' }).click();
  await expect(template).toBeFocused();
  await page.keyboard.type(' at 20,000, due in 14 days');
  await expect(template).toHaveValue('Monthly retainer for {month} at 20,000, due in 14 days');
  const filled = fillBulkTemplate('Monthly retainer for {month} at 20,000, due in 14 days', localDate(), 'Amani Cafe');
  await expect(page.getByText(filled)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Lines read from the sentence' })).toContainText('KES 20,000.00');
  await page.screenshot(shot('73-bulk-setup-1280'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('74-bulk-setup-1024'));
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: 'Create 3 drafts' }).click();
  const progress = page.getByRole('progressbar', { name: 'Bulk drafts finished' });
  await expect(progress).toHaveAttribute('aria-valuemax', '3');
  await expect(progress).toHaveAttribute('aria-valuenow', '3', JOB_WAIT);
  await expect(page.getByRole('heading', { name: 'Bulk drafts ready' })).toBeVisible();
  await expect(page.getByText('3 of 3', { exact: true })).toBeVisible();
  const drafts = page.getByRole('table', { name: 'Drafts in this run' });
  for (const name of ['Amani Cafe', 'Baraka Hardware', 'Chui Logistics']) {
    const draftRow = drafts.getByRole('row', { name: new RegExp(name) });
    await expect(draftRow.getByText('Refined by AI', { exact: true })).toBeVisible();
    await expect(draftRow.getByRole('link', { name: `Open the draft for ${name}` })).toBeVisible();
  }
  await expect(drafts.getByRole('row', { name: /Duka Supplies/ })).toHaveCount(0);
  expect(gemini.requests).toHaveLength(3);
  await page.screenshot(shot('75-bulk-done-1280'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('76-bulk-done-1024'));
  await page.setViewportSize({ width: 1280, height: 800 });

  // Each row opens its draft, refined.
  await drafts.getByRole('link', { name: 'Open the draft for Chui Logistics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Monthly retainer (support and updates)');
});

test('a customer’s Invoices tab suggests the next invoice and copies the previous one', async ({ page, host }) => {
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const fresh = await rpc(page, 'customers.create', { name: 'Amani Cafe', email: 'hello@amani.co.ke', currency: 'KES', paymentTermsDays: 14 });
  const regular = await rpc(page, 'customers.create', { name: 'Wanjiku Traders', email: 'orders@wanjiku.co.ke', currency: 'KES', paymentTermsDays: 30 });
  // Three monthly invoices for the same hosting: a rhythm worth suggesting.
  for (const daysAgo of [90, 60, 30]) {
    const draft = await rpc(page, 'drafts.create', {
      draft: {
        customerId: regular.id, issueDate: localDate(-daysAgo),
        lines: [{ description: 'Web hosting', quantityMilli: 1000, unit: 'months', unitPriceMinor: 1_500_000, taxRateBp: 1600 }],
      },
    });
    await rpc(page, 'invoices.finalize', { id: draft.id, version: draft.draft.version });
  }

  // Nothing to copy yet: the backend says so where the button is.
  await page.goto(`${host.url}#/customers/${fresh.id}/tab/invoices`);
  // Nothing to copy yet: the copy is not offered at all.
  await expect(page.getByRole('heading', { level: 1, name: fresh.name })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy the last invoice' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Suggested next invoice' })).toHaveCount(0);

  await page.goto(`${host.url}#/customers/${regular.id}/tab/invoices`);
  const suggestion = page.getByRole('region', { name: 'Suggested next invoice' });
  await expect(suggestion).toContainText('Monthly');
  await expect(suggestion).toContainText('Web hosting');
  await expect(suggestion).toContainText('KES 17,400.00');
  await expect(suggestion).toContainText(/Billed Web hosting monthly on 3 invoices/);
  await page.screenshot(shot('77-customer-suggestion-1280'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('78-customer-suggestion-1024'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await suggestion.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Web hosting');
  await expect(page.getByLabel('Unit price, line 1')).toHaveValue('15,000.00');

  await page.goto(`${host.url}#/customers/${regular.id}/tab/invoices`);
  await page.getByRole('button', { name: 'Copy the last invoice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Web hosting');
  await expect(page.getByLabel('Issue date')).toHaveValue(fieldDate(localDate()));
});

test('settings show the backend’s field errors beside the fields, save per section, and the key can be replaced and removed', async ({ page, host }) => {
  await page.goto(`${host.url}#/settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const ai = page.getByRole('region', { name: 'AI drafting' });
  const kpis = page.getByRole('region', { name: 'Analytics thresholds' });

  // A timeout the backend refuses: its message sits under the field, nothing is saved.
  await ai.getByLabel('Timeout (seconds)').fill('3');
  await ai.getByLabel('Requests per minute').fill('30');
  await ai.getByRole('button', { name: 'Save AI settings' }).click();
  await expect(ai.getByText('At least 5 seconds')).toBeVisible();
  await expect(ai.getByLabel('Timeout (seconds)')).toHaveAttribute('aria-invalid', 'true');
  await expect(ai.getByText('Unsaved changes')).toBeVisible();
  await ai.getByLabel('Timeout (seconds)').fill('45');
  await expect(ai.getByText('At least 5 seconds')).toHaveCount(0);
  // Ctrl+S inside the section saves it.
  await ai.getByLabel('Timeout (seconds)').press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'AI drafting settings saved' })).toBeVisible();
  await expect(ai.getByText('Unsaved changes')).toHaveCount(0);
  expect((await rpc(page, 'settings.get', {})).ai).toMatchObject({ timeoutSeconds: 45, requestsPerMinute: 30 });

  // Thresholds: critical on the wrong side of warning is refused for the pair, with which way is worse.
  await expect(kpis.getByRole('group', { name: 'Collected of what fell due' })).toContainText('Lower is worse');
  await expect(kpis.getByRole('group', { name: 'Average days to pay' })).toContainText('Higher is worse');
  await kpis.getByLabel('Critical level for Collected of what fell due').fill('90');
  await kpis.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(kpis.getByText('The critical level must be at or below the warning level')).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('79-settings-errors-1024'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await kpis.getByLabel('Critical level for Collected of what fell due').fill('70');
  await kpis.getByLabel('Warning level for Average days to pay').fill('30');
  await kpis.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Analytics thresholds saved' })).toBeVisible();
  expect((await rpc(page, 'settings.get', {})).analytics.thresholds).toMatchObject({
    collectionRatePct: { warning: 85, critical: 70 },
    averageDaysToPay: { warning: 30, critical: 45 },
  });

  // The key: saved, replaced, removed; never shown.
  await ai.getByLabel('Gemini API key').fill(KEY);
  await ai.getByRole('button', { name: 'Save key' }).click();
  await expect(ai.getByText(/A key is saved/)).toBeVisible();
  await ai.getByRole('button', { name: 'Replace key' }).click();
  await expect(ai.getByLabel('New Gemini API key')).toHaveValue('');
  await ai.getByRole('button', { name: 'Keep the saved key' }).click();
  await ai.getByRole('button', { name: 'Remove key' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Gemini API key removed' })).toBeVisible();
  await expect(ai.getByLabel('Gemini API key')).toHaveValue('');
  expect((await rpc(page, 'settings.get', {})).geminiKeySet).toBe(false);
  await page.screenshot(shot('80-settings-1280'));
});
