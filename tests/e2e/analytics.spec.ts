// The analytics flow the issue asks for, as a new user does it: Analytics on seeded books, switch the
// period, open the invoices behind an aging bar, read the predictions, and export a report to CSV.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { formatMoney } from '../../shared/money';
import { expect, localDate, rpc, SCREENSHOTS, test } from './host';

const shot = (name: string) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
const kes = (minor: number) => formatMoney(minor, 'KES');
const usd = (minor: number) => formatMoney(minor, 'USD');

interface Seeded {
  invoices: { key: string; number: string; currency: 'KES' | 'USD'; issueDate: string; totalMinor: number }[];
  payments: { currency: 'KES' | 'USD'; paidOn: string; amountMinor: number }[];
}

/**
 * Seven months of books: Amani pays five days late, Baraka ten and has stopped paying, Duka is new,
 * and Coast Safaris is billed in USD. One line each, 16% VAT (USD exempt), Net 30.
 */
async function seedBooks(page: Page): Promise<Seeded & { number: (key: string) => string }> {
  const seeded: Seeded = { invoices: [], payments: [] };
  const customer = (name: string, currency: 'KES' | 'USD', extra: object) =>
    rpc(page, 'customers.create', { name, currency, paymentTermsDays: 30, ...extra });
  const amani = await customer('Amani Traders', 'KES', { phone: '0722 100200', tags: ['retail'] });
  const baraka = await customer('Baraka Hardware', 'KES', { phone: '0733 111222', tags: ['wholesale'], creditLimitMinor: 20_000_000 });
  const coast = await customer('Coast Safaris', 'USD', { email: 'accounts@coastsafaris.example', tags: ['tourism'] });
  const duka = await customer('Duka Fresh', 'KES', { phone: '0711 333444', tags: ['retail'] });

  const invoice = async (key: string, c: { id: string; currency: string }, daysAgo: number, netMinor: number) => {
    const exempt = c.currency === 'USD';
    const draft = await rpc(page, 'drafts.create', {
      draft: { customerId: c.id, issueDate: localDate(-daysAgo), lines: [{ description: 'Supplies', quantityMilli: 1000, unitPriceMinor: netMinor, taxRateBp: exempt ? null : 1600 }] },
    });
    const done = await rpc(page, 'invoices.finalize', { id: draft.id, version: draft.draft.version });
    seeded.invoices.push({ key, number: done.number!, currency: done.currency as 'KES' | 'USD', issueDate: done.issueDate, totalMinor: done.totals.totalMinor });
    return done;
  };
  const pay = async (c: { id: string; currency: string }, inv: { id: string }, amountMinor: number, daysAgo: number) => {
    await rpc(page, 'payments.record', {
      customerId: c.id, amountMinor, paidOn: localDate(-daysAgo), method: 'bank', reference: `FT${daysAgo}`,
      allocations: [{ invoiceId: inv.id, amountMinor }],
    });
    seeded.payments.push({ currency: c.currency as 'KES' | 'USD', paidOn: localDate(-daysAgo), amountMinor });
  };

  await pay(amani, await invoice('A1', amani, 200, 5_000_000), 5_800_000, 175);
  await pay(amani, await invoice('A2', amani, 170, 5_000_000), 5_800_000, 135);
  await pay(amani, await invoice('A3', amani, 140, 5_000_000), 5_800_000, 100);
  await pay(amani, await invoice('A4', amani, 110, 5_000_000), 5_800_000, 75);
  await invoice('A5', amani, 80, 6_000_000); // 50 days past due: 31–60
  await invoice('A6', amani, 20, 5_000_000); // not yet due
  await pay(baraka, await invoice('B1', baraka, 190, 10_000_000), 11_600_000, 150);
  await pay(baraka, await invoice('B2', baraka, 130, 10_000_000), 11_600_000, 95);
  await pay(baraka, await invoice('B3', baraka, 100, 10_000_000), 5_000_000, 60); // 70 days past due: 61–90
  await invoice('B4', baraka, 75, 8_000_000); // 45 days past due: 31–60
  await invoice('D1', duka, 10, 2_000_000);
  await pay(coast, await invoice('C1', coast, 160, 100_000), 100_000, 125);
  await invoice('C2', coast, 60, 150_000);
  await invoice('C3', coast, 25, 200_000);
  return { ...seeded, number: (key) => seeded.invoices.find((i) => i.key === key)!.number };
}

/** What the KPIs should read for a period, added up from the seed (only finalized invoices; KES only). */
function expectedFor(seeded: Seeded, from: string, to: string) {
  const inRange = (d: string) => d >= from && d <= to;
  const kesInvoices = seeded.invoices.filter((i) => i.currency === 'KES' && inRange(i.issueDate));
  return {
    billed: kesInvoices.reduce((a, i) => a + i.totalMinor, 0),
    count: kesInvoices.length,
    collected: seeded.payments.filter((p) => p.currency === 'KES' && inRange(p.paidOn)).reduce((a, p) => a + p.amountMinor, 0),
  };
}

const kpi = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

async function bothSizes(page: Page, name: string) {
  await page.screenshot(shot(`${name}-1280`));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot(shot(`${name}-1024`));
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a new user opens Analytics on seeded books, switches the period, opens the invoices behind an aging bar, exports a report to CSV', async ({ page, host }) => {
  test.setTimeout(180_000);
  // Charts draw at once for people who ask for less motion: the screenshots and clicks need no waiting.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();

  // Empty books: each part says what will appear there and why it is empty.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  await expect(page.getByText('No figures yet in KES')).toBeVisible();
  await expect(page.getByText(/Nothing billed or collected in these months/)).toBeVisible();
  await page.screenshot(shot('50-analytics-empty'));
  await page.getByRole('tab', { name: 'Predictions' }).click();
  await expect(page).toHaveURL(/#\/analytics\/predictions$/);
  await expect(page.getByText(/No open invoices\. Predictions appear here/)).toBeVisible();

  const seeded = await seedBooks(page);
  const today = localDate(0);
  await nav.getByRole('link', { name: 'Customers' }).click();
  await nav.getByRole('link', { name: 'Analytics' }).click();
  await expect(page).toHaveURL(/#\/analytics$/);
  await expect(page.getByRole('tab', { name: 'Overview', selected: true })).toBeVisible();

  // This month (the default), against figures added up from the seed.
  const thisMonth = expectedFor(seeded, `${today.slice(0, 8)}01`, today);
  await expect(page.getByText(/^This month \(/)).toBeVisible();
  await expect(kpi(page, 'Billed')).toContainText(kes(thisMonth.billed));
  await expect(kpi(page, 'Collected')).toContainText(kes(thisMonth.collected));
  await expect(kpi(page, 'Outstanding')).toContainText(kes(30_960_000));
  await expect(kpi(page, 'Overdue')).toContainText(kes(22_840_000));

  // Last 12 months: everything seeded. The figures change with the period.
  await page.getByLabel('Period').selectOption({ label: 'Last 12 months' });
  await expect(page.getByText(/^Last 12 months \(/)).toBeVisible();
  const year = expectedFor(seeded, localDate(-365), today);
  expect(year.billed).toBe(82_360_000);
  await expect(kpi(page, 'Billed')).toContainText(kes(82_360_000));
  await expect(kpi(page, 'Collected')).toContainText(kes(51_400_000));
  await expect(kpi(page, 'Outstanding')).toContainText(kes(30_960_000));
  await expect(kpi(page, 'Overdue')).toContainText(kes(22_840_000));
  await expect(kpi(page, 'Invoices')).toContainText('11');
  // Of everything collectable, 69.2% was collected: below the 75% critical level, said in words too.
  await expect(kpi(page, 'Collected of what fell due')).toContainText('69.2%');
  await expect(kpi(page, 'Collected of what fell due')).toContainText('Critical');

  // A custom range: four invoices and two payments fall in it.
  await page.getByLabel('Period').selectOption({ label: 'Custom' });
  await page.getByLabel('From', { exact: true }).fill(localDate(-140));
  await page.getByLabel('To', { exact: true }).fill(localDate(-100));
  const custom = expectedFor(seeded, localDate(-140), localDate(-100));
  expect(custom).toEqual({ billed: 34_800_000, count: 4, collected: 11_600_000 });
  await expect(kpi(page, 'Billed')).toContainText(kes(custom.billed));
  await expect(kpi(page, 'Collected')).toContainText(kes(custom.collected));
  await expect(kpi(page, 'Invoices')).toContainText('4');

  // [ and ] step through the presets; back to the last 12 months for the rest.
  await page.getByRole('heading', { level: 1, name: 'Analytics' }).click();
  await page.keyboard.press('[');
  await expect(page.getByLabel('Period')).toHaveValue('last12Months');
  await page.keyboard.press('[');
  await expect(page.getByLabel('Period')).toHaveValue('thisYear');
  await page.keyboard.press(']');
  await expect(page.getByLabel('Period')).toHaveValue('last12Months');
  await expect(kpi(page, 'Billed')).toContainText(kes(82_360_000));
  await bothSizes(page, '51-analytics-overview');

  // The aging bar for today, 31–60 days past due: exactly Amani's and Baraka's overdue invoices.
  const aging = page.getByRole('region', { name: 'Receivables aging by month end' });
  // Named by today's date: early in a month the last month-end bar can hold the same invoices.
  const todayShown = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${today}T00:00:00Z`));
  await aging.getByRole('img', { name: `31–60 days past due on ${todayShown}: KES 162,400.00`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Invoices behind 31–60 days past due on ${todayShown} (KES)`, exact: true });
  await expect(dialog).toBeVisible();
  const rows = dialog.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: seeded.number('A5') })).toContainText('Amani Traders');
  await expect(rows.filter({ hasText: seeded.number('A5') })).toContainText(kes(6_960_000));
  await expect(rows.filter({ hasText: seeded.number('B4') })).toContainText('Baraka Hardware');
  await expect(rows.filter({ hasText: seeded.number('B4') })).toContainText(kes(9_280_000));
  await expect(dialog).toContainText(`2 invoices, ${kes(16_240_000)} in all`);
  await page.screenshot({ path: path.join(SCREENSHOTS, '52-analytics-drilldown.png') });

  // Each invoice links to its page.
  await dialog.getByRole('link', { name: seeded.number('B4') }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${seeded.number('B4')}` })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  await expect(page.getByLabel('Period')).toHaveValue('last12Months');

  // The same through the table view, as a keyboard user would reach it.
  await aging.getByRole('button', { name: /^Show table/ }).click();
  await aging.getByRole('button', { name: `KES 162,400.00 — view invoices 31–60 days past due on ${todayShown}`, exact: true }).click();
  await expect(dialog.getByRole('table').getByRole('row')).toHaveCount(3);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await aging.getByRole('button', { name: /^Show table/ }).click();

  // The chart's numbers as a CSV: one row per month end, amounts as plain decimals.
  const [agingCsv] = await Promise.all([page.waitForEvent('download'), aging.getByRole('button', { name: /^Download CSV/ }).click()]);
  expect(agingCsv.suggestedFilename()).toBe('receivables-aging-kes.csv');
  const agingLines = fs.readFileSync((await agingCsv.path())!, 'utf8').split('\r\n');
  expect(agingLines[0]).toBe('Month end,0–30 days,31–60 days,61–90 days,Over 90 days,Total owed');
  expect(agingLines).toContain(`${today},81200.00,162400.00,66000.00,0.00,309600.00`);

  // The USD books stand alone: never added to the KES ones.
  await page.getByRole('radio', { name: 'USD' }).check();
  await expect(page.getByRole('heading', { name: 'Key figures (USD)' })).toBeVisible();
  await expect(kpi(page, 'Billed')).toContainText(usd(450_000));
  await expect(kpi(page, 'Outstanding')).toContainText(usd(350_000));
  await page.getByRole('radio', { name: /KES/ }).check();

  // Predictions: each open invoice with a date, a chance of paying on time, and the reasons.
  await page.getByRole('tab', { name: 'Predictions' }).click();
  const predictions = page.getByRole('table', { name: 'Payment predictions for open invoices' });
  // One row group per open invoice (its figures, then why), under the header's.
  await expect(predictions.getByRole('rowgroup')).toHaveCount(8);
  const a6 = predictions.getByRole('rowgroup').filter({ hasText: seeded.number('A6') });
  await expect(a6).toContainText('Amani Traders');
  await expect(a6).toContainText(/\d+%/);
  await expect(a6.getByRole('listitem').first()).toContainText(/late|history|book/i);
  await expect(page.getByRole('heading', { name: 'How well do the predictions hold up?' })).toBeVisible();
  await expect(page.getByText(/the model (beats|does not beat) the baseline|Not tested yet/)).toBeVisible();
  await bothSizes(page, '53-analytics-predictions');

  await page.getByRole('tab', { name: 'Collections' }).click();
  const collections = page.getByRole('table', { name: 'Collection strategy for each overdue customer' });
  const barakaPlan = collections.getByRole('rowgroup').filter({ hasText: 'Baraka Hardware' });
  await expect(barakaPlan).toContainText(/Gentle reminder|Standard follow-up|Firm demand|Escalate/);
  await expect(barakaPlan).toContainText(/every \d+ days? by (SMS|email|a phone call)/);
  await expect(barakaPlan.getByRole('listitem').first()).toContainText(/overdue/);
  await bothSizes(page, '54-analytics-collections');

  await page.getByRole('tab', { name: 'Cash flow' }).click();
  await expect(page.getByRole('heading', { name: 'Expected collections, next 12 weeks' })).toBeVisible();
  await bothSizes(page, '55-analytics-cashflow');

  await page.getByRole('tab', { name: 'Anomalies' }).click();
  await expect(page.getByRole('heading', { name: /Billing fell/ })).toBeVisible();
  await bothSizes(page, '56-analytics-anomalies');

  await page.getByRole('tab', { name: 'Forecast' }).click();
  await expect(page.getByRole('heading', { name: /^Model: / })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Revenue: history and the next 3 months' })).toBeVisible();
  await bothSizes(page, '57-analytics-forecast');

  // Reports: invoices by customer, run with R, exported to CSV.
  await nav.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await page.getByLabel('Rows').selectOption({ label: 'Invoices' });
  await page.getByLabel('Group by').selectOption({ label: 'Customer' });
  await page.getByRole('heading', { level: 1, name: 'Reports' }).click();
  await page.keyboard.press('r');
  const results = page.getByRole('region', { name: 'Invoices by customer' });
  const baraka = results.getByRole('row').filter({ hasText: 'Baraka Hardware' });
  await expect(baraka).toContainText(kes(44_080_000));
  await expect(baraka).toContainText('4');
  await expect(results.getByRole('row', { name: /^Total, KES/ })).toContainText(kes(82_360_000));
  await expect(results.getByRole('row', { name: /^Total, USD/ })).toContainText(usd(450_000));

  const [download] = await Promise.all([page.waitForEvent('download'), results.getByRole('button', { name: /^Export CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^invoices-by-customer-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8').split(/\r?\n/);
  expect(csv[0]).toBe('Code,Customer,Currency,Count,Total');
  expect(csv).toContain('CUST-0002,Baraka Hardware,KES,4,440800.00');
  expect(csv).toContain('CUST-0003,Coast Safaris,USD,3,4500.00');
  // "PDF" is the backend's printable page, handed to the print dialog (a no-op in headless Chromium).
  await results.getByRole('button', { name: /^Print \/ Save as PDF/ }).click();
  await expect(page.getByRole('status')).toContainText('Opened the print dialog');

  // Saved for next time, then deleted.
  await results.getByLabel('Report name').fill('Billing by customer');
  await results.getByRole('button', { name: 'Save report' }).click();
  const saved = page.getByRole('region', { name: 'Saved reports' });
  await expect(saved.getByRole('button', { name: 'Open Billing by customer' })).toBeVisible();

  // The VAT return over the seeded months: 16% on KES 710,000.00 net.
  const vat = page.getByRole('region', { name: 'VAT return' });
  await vat.getByLabel('From').fill(localDate(-200));
  await vat.getByLabel('To').fill(today);
  await expect(vat.getByRole('row', { name: /^VAT due, KES/ })).toContainText(kes(11_360_000));
  await expect(vat.getByRole('row', { name: /^VAT due, KES/ })).toContainText(kes(71_000_000));
  await bothSizes(page, '58-reports');

  await saved.getByRole('button', { name: 'Delete Billing by customer' }).click();
  await page.getByRole('dialog', { name: 'Delete saved report' }).getByRole('button', { name: 'Delete' }).click();
  await expect(saved.getByText(/None yet/)).toBeVisible();

  // The help lists the new keys.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Run the report (on Reports)');
});

test('with a year of payments the backtest says plainly whether the model beats “paid on the due date”', async ({ page, host }) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(host.url);
  // The app opens on Home; the customer list is one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();

  // Eight customers, each paying about as late as they always do (from 3 days early to 30 late),
  // billed every two weeks for eleven months: enough settled invoices to test the model on.
  const lateness = [-3, 0, 2, 5, 9, 14, 21, 30];
  for (const [i, late] of lateness.entries()) {
    const c = await rpc(page, 'customers.create', { name: `Steady Customer ${i + 1}`, phone: `0722 5000${i}0`, paymentTermsDays: 30 });
    for (let issued = 330; issued >= 10; issued -= 14) {
      const draft = await rpc(page, 'drafts.create', {
        draft: { customerId: c.id, issueDate: localDate(-issued), lines: [{ description: 'Service', quantityMilli: 1000, unitPriceMinor: 1_000_000 + i * 250_000, taxRateBp: 1600 }] },
      });
      const inv = await rpc(page, 'invoices.finalize', { id: draft.id, version: draft.draft.version });
      const paidAgo = issued - 30 - late - (((issued + i) * 7) % 5) + 2;
      if (paidAgo > 0) {
        await rpc(page, 'payments.record', {
          customerId: c.id, amountMinor: inv.totals.totalMinor, paidOn: localDate(-paidAgo), method: 'cash',
          allocations: [{ invoiceId: inv.id, amountMinor: inv.totals.totalMinor }],
        });
      }
    }
  }
  const backtest = await rpc(page, 'intelligence.backtest', {});
  expect(backtest.testInvoices).toBeGreaterThanOrEqual(30);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
  await page.getByRole('tab', { name: 'Predictions' }).click();
  const card = page.getByRole('region', { name: 'How well do the predictions hold up?' });
  // The verdict in words, whichever way it went, and the error of both in days.
  await expect(card).toContainText(backtest.beatsBaseline ? 'Yes — the model beats the baseline' : 'No — the model does not beat the baseline');
  await expect(card).toContainText(backtest.verdict);
  await expect(card.getByText('Model’s error').locator('..')).toContainText(`${backtest.modelMaeDays!.toFixed(1)} days`);
  await expect(card.getByText('Baseline’s error').locator('..')).toContainText(`${backtest.baselineMaeDays!.toFixed(1)} days`);
  const calibration = card.getByRole('table', { name: /^Calibration/ });
  await expect(calibration.getByRole('row')).toHaveCount(1 + backtest.calibration.filter((b) => b.invoices > 0).length);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot(shot('59-analytics-backtest'));
});
