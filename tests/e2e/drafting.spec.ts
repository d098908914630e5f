// Drafting an invoice from a sentence: offline first, refined by (a fake) Gemini when it can be reached.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { goodReply, startFakeGemini, type FakeGemini } from '../helpers/fakeGemini';
import { expect, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

// A fixed port, so the host can be told where "Gemini" is before anything listens there.
const PORT = 47917;
test.use({ hostEnv: { BILLBOOK_GEMINI_BASE_URL: `http://127.0.0.1:${PORT}`, BILLBOOK_OFFLINE_RECHECK_SECONDS: '2' } });

const SENTENCE = '3 months of web hosting at KES 15,000 per month and domain renewal 1,500';
const JOB_WAIT = { timeout: 30_000 };

/** What the fake Gemini answers: the same numbers, better descriptions and a note. */
const refinedReply = () =>
  goodReply(
    [
      { description: 'Web hosting (Basic plan)', quantity: 3, unit: 'months', unitPrice: 15_000 },
      { description: 'Domain renewal (.co.ke)', quantity: 1, unitPrice: 1_500 },
    ],
    { notes: 'Hosting is billed three months in advance.', missing: ['which domain is renewed'] },
  );

async function pickCustomer(page: Page, name: string) {
  const picker = page.getByRole('combobox', { name: 'Customer' });
  await picker.fill(name.slice(0, 5));
  await expect(page.getByRole('listbox', { name: 'Customers' }).getByRole('option', { name: new RegExp(name) })).toHaveAttribute('aria-selected', 'true');
  await picker.press('Enter');
  await expect(picker).toHaveValue(name);
}

let gemini: FakeGemini | null = null;
test.afterEach(async () => {
  await gemini?.close();
  gemini = null;
});

test('with the network off a sentence becomes a draft at once; once Gemini answers, its changes are shown, applied and undone', async ({ page, host }) => {
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await rpc(page, 'customers.create', { name: 'Baraka Hardware', email: 'accounts@baraka.co.ke', currency: 'KES', paymentTermsDays: 14 });

  // Settings: the key is saved through the form and never shown again; the base URL is overridden.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const ai = page.getByRole('region', { name: 'AI drafting' });
  await expect(ai.getByLabel('Base URL')).toBeDisabled();
  await expect(ai.getByText(`Overridden by BILLBOOK_GEMINI_BASE_URL: http://127.0.0.1:${PORT}`)).toBeVisible();
  await expect(ai.getByRole('switch', { name: 'Refine drafts with AI' })).toBeChecked();
  await page.screenshot(shot('60-settings-no-key-1280'));
  await ai.getByLabel('Gemini API key').fill('AIzaSy-fake-key-for-e2e-0123456789');
  await ai.getByRole('button', { name: 'Save key' }).click();
  await expect(ai.getByText(/A key is saved \(stored: .+\)/)).toBeVisible();
  await expect(ai.getByLabel('Gemini API key')).toHaveCount(0);
  await expect(page.getByText('AIzaSy-fake-key-for-e2e-0123456789')).toHaveCount(0);
  await expect(ai.getByRole('button', { name: 'Replace key' })).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('60b-settings-key-saved-1024'));
  await page.setViewportSize({ width: 1280, height: 800 });

  // New invoice: the customer, then the sentence, with the offline preview as it is typed.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await page.getByRole('button', { name: 'New invoice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New invoice' })).toBeVisible();
  await pickCustomer(page, 'Baraka Hardware');
  const box = page.getByLabel('Describe the invoice');
  await expect(box).toHaveAttribute('placeholder', /3 months of web hosting at KES 15,000 per month/);
  // A quick prompt fills the box; the person then writes their own.
  await page.getByRole('button', { name: 'Monthly service' }).click();
  await expect(box).toHaveValue(/^Monthly support retainer for \w+ at KES 25,000, due in 14 days$/);
  await box.fill(SENTENCE);
  const preview = page.getByRole('table', { name: 'Lines read from the sentence' });
  await expect(preview.getByRole('row', { name: /Web hosting/ })).toContainText('KES 45,000.00');
  await expect(preview.getByRole('row', { name: /Domain renewal/ })).toContainText('KES 1,500.00');
  // 46,500 + 16% VAT.
  await expect(preview.getByRole('row', { name: /Total/ })).toContainText('KES 53,940.00');
  const previewRegion = page.getByRole('region', { name: 'Preview' });
  await expect(previewRegion).toContainText('16%, added on top');
  await expect(previewRegion).toContainText('100% confident');
  // The manual way is still there.
  await expect(page.getByLabel('Description, line 1')).toBeVisible();
  await page.screenshot(shot('61-sentence-preview-1280'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('62-sentence-preview-1024'));
  await page.screenshot(shot('62b-sentence-preview-1024-window', false));
  await page.setViewportSize({ width: 1280, height: 800 });

  // Ctrl+Enter generates: the offline draft opens at once, waiting because Gemini cannot be reached.
  await box.press('Control+Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  await expect(page).toHaveURL(/#\/invoices\/[0-9a-f-]+\/edit$/);
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Web hosting');
  await expect(page.getByLabel('Description, line 2')).toHaveValue('Domain renewal');
  const panel = page.getByRole('region', { name: 'AI refinement' });
  await expect(panel.getByText('Waiting to refine', { exact: true })).toBeVisible();
  await expect(panel.getByRole('status')).toContainText(`Could not reach`, JOB_WAIT);
  await expect(panel.getByRole('link', { name: 'Open the queue' })).toBeVisible();
  await page.screenshot(shot('63-draft-waiting-offline-1280'));

  // The person edits a price and saves with the keyboard.
  await page.getByLabel('Unit price, line 1').fill('14,000');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved (version 2)' })).toBeVisible();

  // The network comes back: the answer is held for review, because the draft was edited meanwhile.
  gemini = await startFakeGemini(() => refinedReply(), PORT);
  await expect(panel.getByText('AI suggestion ready', { exact: true })).toBeVisible(JOB_WAIT);
  expect(gemini.requests[0]?.sentence).toContain('web hosting');
  expect(gemini.requests[0]?.apiKey).toBe('AIzaSy-fake-key-for-e2e-0123456789');
  const wouldChange = panel.getByRole('table', { name: 'What AI would change' });
  await expect(wouldChange.getByRole('row', { name: /Web hosting \(Basic plan\)/ })).toContainText('KES 14,000.00');
  await expect(wouldChange.getByRole('row', { name: /Web hosting \(Basic plan\)/ })).toContainText('KES 15,000.00');
  await expect(wouldChange.getByRole('row', { name: /Domain renewal \(\.co\.ke\)/ })).toContainText('Changed');
  await expect(panel.getByText('Hosting is billed three months in advance.')).toBeVisible();
  // The editor still shows what the person saved.
  await expect(page.getByLabel('Unit price, line 1')).toHaveValue('14,000');
  await page.screenshot(shot('64-draft-ai-review-1280'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('65-draft-ai-review-1024'));
  await page.setViewportSize({ width: 1280, height: 800 });

  // Apply: the AI version becomes the draft, and the editor shows it.
  await panel.getByRole('button', { name: 'Apply AI changes' }).click();
  await expect(panel.getByText('Refined by AI', { exact: true })).toBeVisible(JOB_WAIT);
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Web hosting (Basic plan)');
  await expect(page.getByLabel('Unit price, line 1')).toHaveValue('15,000.00');
  await expect(page.getByLabel('Description, line 2')).toHaveValue('Domain renewal (.co.ke)');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved (version 3)' })).toBeVisible();
  const changed = panel.getByRole('table', { name: 'What AI changed' });
  await expect(changed.getByRole('row', { name: /Web hosting \(Basic plan\)/ })).toBeVisible();
  // What the AI checks found on this version, to look at before finalizing.
  await expect(panel.getByRole('list', { name: 'Check before finalizing' })).toContainText('Gemini could not tell: which domain is renewed.');
  await page.screenshot(shot('66-draft-refined-1280'));

  // And back: the offline version is restored as a new version.
  await panel.getByRole('button', { name: 'Back to offline version' }).click();
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Web hosting');
  await expect(page.getByLabel('Unit price, line 1')).toHaveValue('15,000.00');
  await expect(page.getByLabel('Description, line 2')).toHaveValue('Domain renewal');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved (version 4)' })).toBeVisible();
  await expect(panel.getByText(/Version history keeps the offline draft \(version 1\)/)).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Back to offline version' })).toHaveCount(0);
  expect(gemini.requests).toHaveLength(1);
});

test('with Gemini reachable from the start, the draft is refined while the person watches', async ({ page, host }) => {
  gemini = await startFakeGemini(() => ({ ...refinedReply(), delayMs: 600 }), PORT);
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const customer = await rpc(page, 'customers.create', { name: 'Wanjiku Traders', email: 'orders@wanjiku.co.ke', currency: 'KES', paymentTermsDays: 30 });
  await rpc(page, 'settings.setSecret', { name: 'geminiApiKey', value: 'AIzaSy-fake-key-for-e2e-0123456789' });

  // From the customer's page straight to a sentence for them.
  await page.goto(`${host.url}#/customers/${customer.id}/tab/invoices`);
  await page.getByRole('link', { name: 'Draft from a sentence' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New invoice' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Customer' })).toHaveValue('Wanjiku Traders');
  await page.getByLabel('Describe the invoice').fill(SENTENCE);
  await page.getByRole('button', { name: 'Generate draft' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  const panel = page.getByRole('region', { name: 'AI refinement' });
  await expect(panel.getByText('Refined by AI', { exact: true })).toBeVisible(JOB_WAIT);
  // The editor had nothing unsaved, so the AI version is shown without asking.
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Web hosting (Basic plan)', JOB_WAIT);
  await expect(page.getByLabel('Description, line 2')).toHaveValue('Domain renewal (.co.ke)');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved (version 2)' })).toBeVisible();
  const changed = panel.getByRole('table', { name: 'What AI changed' });
  const hosting = changed.getByRole('row', { name: /Web hosting \(Basic plan\)/ });
  await expect(hosting).toContainText('Changed');
  await expect(hosting.locator('del')).toHaveText('Web hosting');
  await expect(panel.getByText('KES 53,940.00 (unchanged)')).toBeVisible();
  await expect(panel.getByText('93% confident')).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Check before finalizing' })).toContainText('which domain is renewed');
  await expect(panel.getByRole('button', { name: 'Back to offline version' })).toBeVisible();
  await page.screenshot(shot('67-draft-refined-happy-1280'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot('68-draft-refined-happy-1024'));
  expect(gemini.requests).toHaveLength(1);
});

test('an AI version that lands while the person is typing never replaces what they typed', async ({ page, host }) => {
  // Gemini answers slowly: the person starts editing before the answer comes.
  gemini = await startFakeGemini(() => ({ ...refinedReply(), delayMs: 4000 }), PORT);
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const customer = await rpc(page, 'customers.create', { name: 'Chui Logistics', email: 'ops@chui.co.ke', currency: 'KES', paymentTermsDays: 7 });
  await rpc(page, 'settings.setSecret', { name: 'geminiApiKey', value: 'AIzaSy-fake-key-for-e2e-0123456789' });
  await page.goto(`${host.url}#/invoices/new/${customer.id}`);
  await expect(page.getByRole('combobox', { name: 'Customer' })).toHaveValue('Chui Logistics');
  await page.getByLabel('Describe the invoice').fill(SENTENCE);
  await page.getByLabel('Describe the invoice').press('Control+Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Draft invoice' })).toBeVisible();
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Web hosting');
  await page.getByLabel('Description, line 1').fill('Web hosting, typed by hand');
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();

  // The answer lands (as version 2, since nothing was saved): announced, not applied to the form.
  await expect(page.getByText('AI saved version 2 while you were editing')).toBeVisible(JOB_WAIT);
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Web hosting, typed by hand');
  await page.getByRole('button', { name: 'Load version 2' }).click();
  await expect(page.getByLabel('Description, line 1')).toHaveValue('Web hosting (Basic plan)');
  await expect(page.getByRole('region', { name: 'AI refinement' }).getByText('Refined by AI', { exact: true })).toBeVisible();
});
