// The report builder's grouped measures on the groups that are easy to get wrong: percentiles of
// tied amounts and of one or two amounts, a customer billed in two currencies (even in one month),
// an exempt (NULL) rate beside a real one, void and draft invoices, a reversed payment; and a page
// cut inside one customer's groups, both ways, with the count and totals of the whole book.
import { describe, expect, it } from 'vitest';
import type { ReportDefinitionInput, ReportRow } from '../../shared/domain/analytics';
import { call, makeCore } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';

/**
 * KES customers Amani, Baraka, Chui (who is billed in USD once too), USD customer Umoja; 2026,
 * amounts in minor units, every line exempt unless said:
 *   Amani   Jan 100, 100, 300 (a tie)   Feb 500 @16% = 580   Mar 200, 400
 *   Baraka  Jan 700, 700 (a tie); 9,999 voided; a draft of 8,888 (neither counts)
 *   Chui    Feb USD 40 and KES 250 (two currencies in one month)
 *   Umoja   Jan USD 10   Mar USD 30, 20
 * Payments: Amani 100 and 300 in March, Baraka 700 in March and 700 in April (reversed), Umoja USD 10 in March.
 */
async function book() {
  const { core, clock } = makeCore('2026-01-05T09:00:00.000Z');
  const on = (date: string) => clock.set(`${date}T09:00:00.000Z`);
  const amani = await customer(core, { name: 'Amani Stores', email: 'a@amani.co.ke', phone: '0722 000001' });
  const baraka = await customer(core, { name: 'Baraka Ltd', email: 'b@baraka.co.ke', phone: '0722 000002' });
  const chui = await customer(core, { name: 'Chui Traders', email: 'c@chui.co.ke', phone: '0722 000003', currency: 'USD' });
  const umoja = await customer(core, { name: 'Umoja Inc', email: 'u@umoja.com', phone: '0722 000004', currency: 'USD' });
  const issue = async (customerId: string, date: string, amountMinor: number, taxRateBp: number | null = null) => {
    on(date);
    return invoice(core, customerId, { issueDate: date, lines: [line('Goods', 1, amountMinor, taxRateBp)] });
  };
  const pay = async (customerId: string, date: string, invoiceId: string, amountMinor: number) => {
    on(date);
    return call(core, 'payments.record', { customerId, amountMinor, paidOn: date, method: 'bank', reference: `REF-${date}-${amountMinor}`, allocations: [{ invoiceId, amountMinor }] });
  };
  const a1 = await issue(amani.id, '2026-01-10', 100);
  await issue(amani.id, '2026-01-11', 100);
  const a3 = await issue(amani.id, '2026-01-12', 300);
  await issue(amani.id, '2026-02-10', 500, 1600);
  await issue(amani.id, '2026-03-10', 200);
  await issue(amani.id, '2026-03-11', 400);
  const b1 = await issue(baraka.id, '2026-01-15', 700);
  const b2 = await issue(baraka.id, '2026-01-16', 700);
  const voided = await issue(baraka.id, '2026-01-17', 9_999);
  await call(core, 'invoices.void', { id: voided.id, reason: 'Wrong customer' });
  on('2026-01-18');
  await draft(core, baraka.id, { issueDate: '2026-01-18', lines: [line('Later', 1, 8_888, null)] });
  // The app lets a customer's currency change only before their first finalized invoice; a book
  // written otherwise (an earlier version, another device) may still hold both, and no report may
  // add them up. Chui's USD invoice first, then KES from the same month on.
  await issue(chui.id, '2026-02-20', 40);
  core.context.sql.db.prepare("UPDATE customers SET currency = 'KES' WHERE id = ?").run(chui.id);
  await issue(chui.id, '2026-02-21', 250);
  const u1 = await issue(umoja.id, '2026-01-25', 10);
  await issue(umoja.id, '2026-03-01', 30);
  await issue(umoja.id, '2026-03-02', 20);
  await pay(amani.id, '2026-03-15', a1.id, 100);
  await pay(amani.id, '2026-03-20', a3.id, 300);
  await pay(baraka.id, '2026-03-20', b1.id, 700);
  const reversed = await pay(baraka.id, '2026-04-01', b2.id, 700);
  await call(core, 'payments.reverse', { id: reversed.id, reason: 'Cheque bounced' });
  await pay(umoja.id, '2026-03-21', u1.id, 10);
  on('2026-05-01');
  return core;
}

type Book = Awaited<ReturnType<typeof book>>;
const run = (core: Book, definition: ReportDefinitionInput) => call(core, 'reports.run', definition);
const cells = (rows: ReportRow[], keys: string[]) => rows.map((r) => keys.map((k) => r[k]));

const KES = { currency: 'KES', count: 9, sum: 3_330, average: 370, p50: 300, p90: 700 };
const USD = { currency: 'USD', count: 4, sum: 100, average: 25, p50: 20, p90: 40 };

describe('grouped measures on tricky groups', () => {
  it('measures invoices by customer and month: ties, one and two amounts, two currencies, void and draft left out', async () => {
    const core = await book();
    const definition: ReportDefinitionInput = { rows: 'invoices', groupBy: ['customer', 'month'], measures: ['count', 'sum', 'average', 'p50', 'p90'] };
    const whole = await run(core, definition);
    const keys = ['customerName', 'month', 'currency', 'count', 'sum', 'average', 'p50', 'p90'];
    // 100, 100, 300: p50 rank 2 = 100 (the tie), p90 rank 3. Two amounts: p50 rank 1, p90 rank 2.
    const all = [
      ['Amani Stores', '2026-01', 'KES', 3, 500, 167, 100, 300],
      ['Amani Stores', '2026-02', 'KES', 1, 580, 580, 580, 580],
      ['Amani Stores', '2026-03', 'KES', 2, 600, 300, 200, 400],
      ['Baraka Ltd', '2026-01', 'KES', 2, 1_400, 700, 700, 700],
      ['Chui Traders', '2026-02', 'KES', 1, 250, 250, 250, 250],
      ['Chui Traders', '2026-02', 'USD', 1, 40, 40, 40, 40],
      ['Umoja Inc', '2026-01', 'USD', 1, 10, 10, 10, 10],
      ['Umoja Inc', '2026-03', 'USD', 2, 50, 25, 20, 30],
    ];
    expect(cells(whole.rows, keys)).toEqual(all);
    // KES 100, 100, 200, 250, 300, 400, 580, 700, 700: p50 rank 5 = 300, p90 rank 9 = 700. USD 10, 20, 30, 40: ranks 2 and 4.
    expect(whole.totals).toEqual([KES, USD]);
    expect(whole).toMatchObject({ rowCount: 8, truncated: false });

    // Pages cut between customers and inside Chui's two currencies, either way: the count and the totals stay the whole book's.
    for (const limit of [1, 4, 5]) {
      const page = await run(core, { ...definition, limit });
      expect(cells(page.rows, keys)).toEqual(all.slice(0, limit));
      expect(page).toMatchObject({ rowCount: 8, truncated: true, totals: [KES, USD] });
    }
    const last = await run(core, { ...definition, direction: 'desc', limit: 3 });
    expect(cells(last.rows, keys)).toEqual(all.slice(-3).reverse());
    expect(last).toMatchObject({ rowCount: 8, truncated: true, totals: [KES, USD] });

    // One currency only: Chui's USD group is found, the KES one is not.
    const usd = await run(core, { ...definition, filters: { currency: 'USD' } });
    expect(cells(usd.rows, keys)).toEqual(all.slice(5));
    expect(usd.totals).toEqual([USD]);

    // By month first, customers second: the shown groups' amounts are read apart, and agree.
    const byMonth = await run(core, { ...definition, groupBy: ['month', 'customer'], limit: 4 });
    expect(cells(byMonth.rows, keys)).toEqual([all[0], all[3], all[6], all[1]]);
    expect(byMonth).toMatchObject({ rowCount: 8, truncated: true, totals: [KES, USD] });

    // Nothing matches: no groups, no totals, by customer first or by month first.
    for (const groupBy of [['customer', 'month'], ['month', 'customer'], ['month']] as const) {
      const none = await run(core, { ...definition, groupBy: [...groupBy], filters: { from: '2025-01-01', to: '2025-12-31' } });
      expect(none).toMatchObject({ rows: [], totals: [], rowCount: 0, truncated: false });
    }
  });

  it('counts a customer once per currency by customer alone, and an exempt rate as its own group beside a real rate', async () => {
    const core = await book();
    const byCustomer = await run(core, { rows: 'invoices', groupBy: ['customer'], measures: ['count', 'sum', 'p50', 'p90'], limit: 4 });
    expect(cells(byCustomer.rows, ['customerName', 'currency', 'count', 'sum', 'p50', 'p90'])).toEqual([
      // 100, 100, 200, 300, 400, 580: p50 rank 3 = 200, p90 rank 6 = 580.
      ['Amani Stores', 'KES', 6, 1_680, 200, 580],
      ['Baraka Ltd', 'KES', 2, 1_400, 700, 700],
      ['Chui Traders', 'KES', 1, 250, 250, 250],
      ['Chui Traders', 'USD', 1, 40, 40, 40],
    ]);
    expect(byCustomer).toMatchObject({ rowCount: 5, truncated: true });
    expect(byCustomer.totals).toEqual([{ currency: 'KES', count: 9, sum: 3_330, p50: 300, p90: 700 }, { currency: 'USD', count: 4, sum: 100, p50: 20, p90: 40 }]);

    // Amani: 16% (the 580 invoice) then exempt, which sorts after every rate.
    const byRate = await run(core, { rows: 'invoices', groupBy: ['customer', 'taxRate'], measures: ['count', 'sum', 'p50', 'p90'], limit: 3 });
    expect(cells(byRate.rows, ['customerName', 'taxRate', 'currency', 'count', 'sum', 'p50', 'p90'])).toEqual([
      ['Amani Stores', '16%', 'KES', 1, 580, 580, 580],
      ['Amani Stores', 'Exempt', 'KES', 5, 1_100, 200, 400],
      ['Baraka Ltd', 'Exempt', 'KES', 2, 1_400, 700, 700],
    ]);
    expect(byRate).toMatchObject({ rowCount: 6, truncated: true });
  });

  it('measures completed payments by month and by customer, a reversed one only when asked for', async () => {
    const core = await book();
    const byMonth = await run(core, { rows: 'payments', groupBy: ['month'], measures: ['count', 'sum', 'p50', 'p90'] });
    expect(cells(byMonth.rows, ['month', 'currency', 'count', 'sum', 'p50', 'p90'])).toEqual([
      // 100, 300, 700: p50 rank 2, p90 rank 3.
      ['2026-03', 'KES', 3, 1_100, 300, 700],
      ['2026-03', 'USD', 1, 10, 10, 10],
    ]);
    expect(byMonth.totals).toEqual([{ currency: 'KES', count: 3, sum: 1_100, p50: 300, p90: 700 }, { currency: 'USD', count: 1, sum: 10, p50: 10, p90: 10 }]);
    // A page without the USD group: the totals come from a pass of their own, and agree.
    const first = await run(core, { rows: 'payments', groupBy: ['month'], measures: ['count', 'sum', 'p50', 'p90'], limit: 1 });
    expect(first).toMatchObject({ rowCount: 2, truncated: true, totals: byMonth.totals });

    const withReversed = await run(core, { rows: 'payments', filters: { statuses: ['completed', 'reversed'] }, groupBy: ['month'], measures: ['count', 'sum', 'p50'] });
    expect(cells(withReversed.rows, ['month', 'currency', 'count', 'sum', 'p50'])).toEqual([
      ['2026-03', 'KES', 3, 1_100, 300], ['2026-03', 'USD', 1, 10, 10], ['2026-04', 'KES', 1, 700, 700],
    ]);
    // KES 100, 300, 700, 700: p50 rank 2 = 300.
    expect(withReversed.totals).toEqual([{ currency: 'KES', count: 4, sum: 1_800, p50: 300 }, { currency: 'USD', count: 1, sum: 10, p50: 10 }]);

    const byCustomer = await run(core, { rows: 'payments', groupBy: ['customer', 'month'], measures: ['count', 'sum', 'p50', 'p90'] });
    expect(cells(byCustomer.rows, ['customerName', 'month', 'currency', 'count', 'sum', 'p50', 'p90'])).toEqual([
      ['Amani Stores', '2026-03', 'KES', 2, 400, 100, 300],
      ['Baraka Ltd', '2026-03', 'KES', 1, 700, 700, 700],
      ['Umoja Inc', '2026-03', 'USD', 1, 10, 10, 10],
    ]);
    expect(byCustomer.totals).toEqual(byMonth.totals);
  });
});
