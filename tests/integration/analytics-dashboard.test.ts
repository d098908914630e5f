// The dashboard against small books whose every figure is worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import type { CurrencyDashboard, KpiKey } from '../../shared/domain/analytics';
import { call, makeCore } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';

type Clock = ReturnType<typeof makeCore>['clock'];

/** History is written on the day it happened: the clock moves to each event's date first. */
function bookkeeper(core: Core, clock: Clock) {
  const on = (date: string) => clock.set(`${date}T09:00:00.000Z`);
  return {
    on,
    issue: async (customerId: string, date: string, amountMinor: number) => {
      on(date);
      // Exempt lines: the total is the price, so the sums below stay readable.
      return invoice(core, customerId, { issueDate: date, lines: [line('Work', 1, amountMinor, null)] });
    },
    pay: async (customerId: string, date: string, invoiceId: string, amountMinor: number) => {
      on(date);
      return call(core, 'payments.record', { customerId, amountMinor, paidOn: date, method: 'cash', allocations: [{ invoiceId, amountMinor }] });
    },
    credit: async (invoiceId: string, date: string, amountMinor: number) => {
      on(date);
      return call(core, 'invoices.creditNote', { invoiceId, amountMinor, reason: 'Returned goods', issueDate: date });
    },
  };
}

const kpi = (block: CurrencyDashboard, key: KpiKey) => block.kpis.find((k) => k.key === key)!;
const values = (block: CurrencyDashboard) => Object.fromEntries(block.kpis.map((k) => [k.key, k.value]));
const previous = (block: CurrencyDashboard) => Object.fromEntries(block.kpis.map((k) => [k.key, k.previous]));

/**
 * Two KES customers (A, B: net 30) and one USD customer (U) over September to November 2026:
 *   Sep 05  inv1  A  100,000  due Oct 05
 *   Sep 10  inv2  B   50,000  due Oct 10
 *   Sep 20  A pays 40,000 on inv1                 -> inv1 owes 60,000
 *   Oct 02  inv3  A  200,000  due Nov 01
 *   Oct 03  inv6  U  USD 5,000  due Nov 02
 *   Oct 10  U pays USD 2,000 on inv6
 *   Oct 12  inv5  A   30,000, voided the same day  (never counts)
 *   Oct 15  B pays 50,000 on inv2                 -> inv2 paid in full, 35 days after issue
 *   Oct 20  credit note 20,000 on inv3            -> inv3 owes 180,000
 *   Oct 25  inv4  B   80,000  due Nov 24
 *   Oct 28  A pays 30,000 on inv1                 -> inv1 owes 30,000
 *   Oct 30  a draft for A of 999,999              (never counts)
 *   Nov 05  A pays 30,000 on inv1 (paid in full) and 100,000 on inv3 (owes 80,000)
 * Today is 21 Nov 2026. B has a credit limit of 100,000.
 */
async function book() {
  const { core, clock } = makeCore('2026-09-01T09:00:00.000Z');
  const k = bookkeeper(core, clock);
  const a = await customer(core, { name: 'Amani Stores', email: 'a@amani.co.ke', phone: '0722 000001' });
  const b = await customer(core, { name: 'Baraka Ltd', email: 'b@baraka.co.ke', phone: '0722 000002', creditLimitMinor: 100_000 });
  const u = await customer(core, { name: 'Umoja Inc', email: 'u@umoja.com', phone: '0722 000003', currency: 'USD' });
  const inv1 = await k.issue(a.id, '2026-09-05', 100_000);
  const inv2 = await k.issue(b.id, '2026-09-10', 50_000);
  await k.pay(a.id, '2026-09-20', inv1.id, 40_000);
  const inv3 = await k.issue(a.id, '2026-10-02', 200_000);
  const inv6 = await k.issue(u.id, '2026-10-03', 5_000);
  await k.pay(u.id, '2026-10-10', inv6.id, 2_000);
  const inv5 = await k.issue(a.id, '2026-10-12', 30_000);
  await call(core, 'invoices.void', { id: inv5.id, reason: 'Issued twice' });
  await k.pay(b.id, '2026-10-15', inv2.id, 50_000);
  await k.credit(inv3.id, '2026-10-20', 20_000);
  const inv4 = await k.issue(b.id, '2026-10-25', 80_000);
  await k.pay(a.id, '2026-10-28', inv1.id, 30_000);
  k.on('2026-10-30');
  await draft(core, a.id, { issueDate: '2026-10-30', lines: [line('Not yet', 1, 999_999, null)] });
  await k.pay(a.id, '2026-11-05', inv1.id, 30_000);
  await k.pay(a.id, '2026-11-05', inv3.id, 100_000);
  k.on('2026-11-21');
  return { core, clock, a, b, u, inv1, inv2, inv3, inv4, inv5, inv6 };
}

describe('analytics.dashboard', () => {
  it('computes every KPI of last month and of the month before it, by hand', async () => {
    const { core } = await book();
    const board = await call(core, 'analytics.dashboard', { period: { preset: 'lastMonth' } });
    expect(board.today).toBe('2026-11-21');
    expect(board.period).toMatchObject({ from: '2026-10-01', to: '2026-10-31', previous: { from: '2026-09-01', to: '2026-09-30' } });
    const kes = board.currencies[0]!;
    expect(kes.currency).toBe('KES');
    expect(kes.main).toBe(true);
    // October, KES:
    //   billed      = inv3 200,000 + inv4 80,000 − credit note 20,000 (inv5 void, draft never) = 260,000
    //   collected   = 50,000 (Oct 15) + 30,000 (Oct 28) = 80,000
    //   receivables at 31 Oct: inv1 30,000 (26 days past due) + inv3 180,000 + inv4 80,000 = 290,000; overdue 30,000
    //   receivables at 30 Sep: inv1 60,000 + inv2 50,000 = 110,000
    //   DSO          = 290,000 ÷ 260,000 × 31 days = 34.58 -> 34.6
    //   collection rate = (110,000 + 260,000 − 290,000) ÷ (110,000 + 260,000 − 260,000 not yet due) = 80,000 ÷ 110,000 = 72.7 %
    //   days to pay  = inv2 only (paid in full 15 Oct, issued 10 Sep) = 35
    //   invoices     = inv3, inv4 = 2
    expect(values(kes)).toEqual({
      billed: 260_000, collected: 80_000, outstanding: 290_000, overdue: 30_000,
      daysSalesOutstanding: 34.6, collectionRate: 72.7, averageDaysToPay: 35, invoiceCount: 2,
    });
    // September, KES: billed 150,000; collected 40,000; receivables 0 at 31 Aug, 110,000 (none overdue) at 30 Sep;
    // DSO 110,000 ÷ 150,000 × 30 = 22; rate (0 + 150,000 − 110,000) ÷ (0 + 150,000 − 110,000) = 100 %; nothing paid in full.
    expect(previous(kes)).toEqual({
      billed: 150_000, collected: 40_000, outstanding: 110_000, overdue: 0,
      daysSalesOutstanding: 22, collectionRate: 100, averageDaysToPay: null, invoiceCount: 2,
    });
    expect(kpi(kes, 'billed')).toMatchObject({ change: 110_000, changePct: 73.3, unit: 'minor', level: 'ok' });
    expect(kpi(kes, 'collected')).toMatchObject({ change: 40_000, changePct: 100 });
    expect(kpi(kes, 'collectionRate')).toMatchObject({ change: -27.3, changePct: -27.3, unit: 'percent' });
    expect(kpi(kes, 'averageDaysToPay')).toMatchObject({ change: null, changePct: null });
    expect(kpi(kes, 'invoiceCount')).toMatchObject({ change: 0, changePct: 0 });
  });

  it('keeps currencies apart: the USD customer has a block of its own and adds nothing to KES', async () => {
    const { core } = await book();
    const board = await call(core, 'analytics.dashboard', { period: { preset: 'lastMonth' } });
    expect(board.currencies.map((c) => c.currency)).toEqual(['KES', 'USD']);
    const usd = board.currencies[1]!;
    expect(usd.main).toBe(false);
    // October, USD: billed 5,000; collected 2,000; 3,000 owed at 31 Oct and not yet due (due 2 Nov);
    // rate (0 + 5,000 − 3,000) ÷ (0 + 5,000 − 3,000) = 100 %.
    expect(values(usd)).toMatchObject({ billed: 5_000, collected: 2_000, outstanding: 3_000, overdue: 0, collectionRate: 100, invoiceCount: 1 });
    expect(usd.charts.revenueByMonth.find((m) => m.month === '2026-10')).toMatchObject({ billedMinor: 5_000, collectedMinor: 2_000 });
    expect(usd.charts.newCustomersByMonth.find((m) => m.month === '2026-10')!.count).toBe(1);
    const kes = board.currencies[0]!;
    expect(kes.charts.newCustomersByMonth.find((m) => m.month === '2026-10')!.count).toBe(0);
    expect(kes.lists.topByBilled.map((r) => r.name)).toEqual(['Amani Stores', 'Baraka Ltd']);
    expect(usd.lists.topByBilled.map((r) => r.name)).toEqual(['Umoja Inc']);
  });

  it('switches KPI levels when the thresholds in settings change', async () => {
    const { core } = await book();
    const levels = async () => {
      const kes = (await call(core, 'analytics.dashboard', { period: { preset: 'lastMonth' } })).currencies[0]!;
      return { rate: kpi(kes, 'collectionRate').level, days: kpi(kes, 'averageDaysToPay').level, volume: kpi(kes, 'invoiceCount').level };
    };
    // Defaults: rate 72.7 is below 75 (critical); 35 days is exactly the warning level, which stays ok.
    expect(await levels()).toEqual({ rate: 'critical', days: 'ok', volume: 'ok' });
    await call(core, 'settings.update', { analytics: { thresholds: { collectionRatePct: { warning: 80, critical: 70 }, averageDaysToPay: { warning: 30, critical: 40 } } } });
    expect(await levels()).toEqual({ rate: 'warning', days: 'warning', volume: 'ok' });
    await call(core, 'settings.update', { analytics: { thresholds: { collectionRatePct: { warning: 72.7, critical: 60 }, averageDaysToPay: { warning: 20, critical: 34 } } } });
    expect(await levels()).toEqual({ rate: 'ok', days: 'critical', volume: 'ok' });
  });

  it('judges invoice volume on the change against the previous period', async () => {
    const { core } = await book();
    // This month (1–21 Nov): no KES invoice; 1–21 Oct: inv3 (inv5 void). Change −100 %.
    const board = await call(core, 'analytics.dashboard', { period: { preset: 'thisMonth' } });
    expect(board.period).toMatchObject({ from: '2026-11-01', to: '2026-11-21', previous: { from: '2026-10-01', to: '2026-10-21' } });
    const volume = kpi(board.currencies[0]!, 'invoiceCount');
    expect(volume).toMatchObject({ value: 0, previous: 1, changePct: -100, level: 'critical' });
    await call(core, 'settings.update', { analytics: { thresholds: { invoiceVolumeChangePct: { warning: -50, critical: -100 } } } });
    const again = kpi((await call(core, 'analytics.dashboard', { period: { preset: 'thisMonth' } })).currencies[0]!, 'invoiceCount');
    expect(again.level).toBe('warning');
    // November so far, KES: collected 130,000 (5 Nov); receivables at 21 Nov: inv3 80,000 (20 days overdue) + inv4 80,000.
    expect(values(board.currencies[0]!)).toMatchObject({ billed: 0, collected: 130_000, outstanding: 160_000, overdue: 80_000, daysSalesOutstanding: null });
  });

  it('charts revenue, collections, customers and month-end aging as they stood then', async () => {
    const { core, inv1, inv3, inv4 } = await book();
    const kes = (await call(core, 'analytics.dashboard', { period: { preset: 'lastMonth' } })).currencies[0]!;
    expect(kes.charts.months).toHaveLength(12);
    expect(kes.charts.months[0]).toBe('2025-11');
    expect(kes.charts.months.at(-1)).toBe('2026-10');
    const month = (m: string) => kes.charts.revenueByMonth.find((p) => p.month === m)!;
    expect(month('2026-09')).toMatchObject({ billedMinor: 150_000, grossBilledMinor: 150_000, creditNotesMinor: 0, collectedMinor: 40_000, invoiceCount: 2 });
    expect(month('2026-10')).toMatchObject({ billedMinor: 260_000, grossBilledMinor: 280_000, creditNotesMinor: 20_000, collectedMinor: 80_000, invoiceCount: 2 });
    expect(month('2026-08')).toMatchObject({ billedMinor: 0, collectedMinor: 0, invoiceCount: 0 });

    // October by customer: A inv3 200,000 − 20,000 = 180,000 (69.2 %), B inv4 80,000 (30.8 %).
    expect(kes.charts.revenueByCustomer.map((s) => [s.name, s.billedMinor, s.sharePct])).toEqual([['Amani Stores', 180_000, 69.2], ['Baraka Ltd', 80_000, 30.8]]);

    // Both KES customers first billed in September.
    expect(kes.charts.newCustomersByMonth.filter((p) => p.count > 0).map((p) => [p.month, p.count])).toEqual([['2026-09', 2]]);

    // 30 Sep as it stood then: inv1 60,000 and inv2 50,000, both not yet due -> 0–30. Today both are paid.
    const aging = (m: string) => kes.charts.agingByMonthEnd.find((s) => s.month === m)!;
    expect(aging('2026-09').asOf).toBe('2026-09-30');
    expect(aging('2026-09').totalMinor).toBe(110_000);
    expect(aging('2026-09').buckets.map((b) => b.amountMinor)).toEqual([110_000, 0, 0, 0]);
    // 31 Oct: inv1 30,000 (26 days past due) + inv3 180,000 + inv4 80,000; today inv1 is paid and inv3 owes 80,000.
    expect(aging('2026-10').buckets.map((b) => [b.bucket, b.amountMinor, b.invoiceCount])).toEqual([['0-30', 290_000, 3], ['31-60', 0, 0], ['61-90', 0, 0], ['90+', 0, 0]]);
    expect(aging('2026-08').totalMinor).toBe(0);

    // The bar's drill-down lists exactly those three invoices with what each owed on 31 Oct, oldest due first.
    const page = await call(core, 'analytics.drilldown', { target: aging('2026-10').buckets[0]!.drilldown });
    expect(page.rows.map((r) => [r.id, r.contributionMinor, r.daysPastDue])).toEqual([[inv1.id, 30_000, 26], [inv3.id, 180_000, -1], [inv4.id, 80_000, -24]]);
    expect(page).toMatchObject({ total: 3, sumMinor: 290_000 });
    // The rows are the invoices as they are today (inv1 is paid now).
    expect(page.rows[0]).toMatchObject({ status: 'paid', balanceMinor: 0 });
  });

  it('lists top customers, and those needing attention with their reasons', async () => {
    const { core, a, b, u } = await book();
    const board = await call(core, 'analytics.dashboard', { period: { preset: 'lastMonth' } });
    const kes = board.currencies[0]!;
    expect(kes.lists.topByBilled.map((r) => [r.customerId, r.billedMinor, r.invoiceCount])).toEqual([[a.id, 180_000, 1], [b.id, 80_000, 1]]);
    // At 31 Oct: A owes inv1 30,000 (overdue) + inv3 180,000; B owes inv4 80,000.
    expect(kes.lists.topByOutstanding.map((r) => [r.customerId, r.outstandingMinor, r.overdueMinor])).toEqual([[a.id, 210_000, 30_000], [b.id, 80_000, 0]]);
    // Today (21 Nov): A's inv3 owes 80,000, 20 days past due; B owes 80,000 of a 100,000 limit (80 %).
    expect(kes.lists.needsAttention.map((r) => [r.customerId, r.overdueMinor, r.reasons.map((x) => x.kind)])).toEqual([
      [a.id, 80_000, ['overdue']],
      [b.id, 0, ['nearCreditLimit']],
    ]);
    expect(kes.lists.needsAttention[0]!.reasons[0]!.text).toBe('KES 800.00 overdue; the oldest invoice is 20 days past due');
    expect(kes.lists.needsAttention[1]!.reasons[0]!.text).toBe('Owes 80% of the KES 1,000.00 credit limit');
    const usd = board.currencies[1]!;
    expect(usd.lists.needsAttention.map((r) => [r.customerId, r.overdueMinor])).toEqual([[u.id, 3_000]]);
  });

  it('flags a customer paying later than before, and one over the credit limit', async () => {
    const { core, clock } = makeCore('2026-01-01T09:00:00.000Z');
    const k = bookkeeper(core, clock);
    const slow = await customer(core, { name: 'Slowing Down Ltd', email: 's@slow.co.ke', phone: '0722 000010' });
    const steady = await customer(core, { name: 'Steady Ltd', email: 's@steady.co.ke', phone: '0722 000011', creditLimitMinor: 50_000 });
    // Steady: six invoices each paid in 10 days (not flagged), then one of 60,000, not yet due, over its 50,000 limit.
    // Slow: three invoices paid in 10 days, then three paid in 30 (20 days later than before: flagged).
    const plus = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    for (const [i, issued] of ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01'].entries()) {
      const two = await k.issue(steady.id, issued, 10_000);
      await k.pay(steady.id, plus(issued, 10), two.id, 10_000);
      const one = await k.issue(slow.id, issued, 10_000);
      await k.pay(slow.id, plus(issued, i < 3 ? 10 : 30), one.id, 10_000);
    }
    await k.issue(steady.id, '2026-07-01', 60_000);
    k.on('2026-07-15');
    const kes = (await call(core, 'analytics.dashboard', {})).currencies[0]!;
    const rows = new Map(kes.lists.needsAttention.map((r) => [r.customerId, r]));
    expect([...rows.keys()].sort()).toEqual([slow.id, steady.id].sort());
    expect(rows.get(slow.id)!.reasons).toEqual([{ kind: 'payingLater', text: 'Paid the last 3 invoices in 30 days on average, against 10 days before' }]);
    expect(rows.get(steady.id)!.reasons).toEqual([{ kind: 'overCreditLimit', text: 'Owes KES 600.00, over the KES 500.00 credit limit' }]);
    expect(rows.get(steady.id)!).toMatchObject({ outstandingMinor: 60_000, overdueMinor: 0, creditLimitMinor: 50_000 });
  });

  it('rebuilds a past month end from when a payment was reversed, and never counts a reversed payment as collected', async () => {
    const { core, clock } = makeCore('2026-09-01T09:00:00.000Z');
    const k = bookkeeper(core, clock);
    const c = await customer(core, { name: 'Bounced Cheque Ltd' });
    const one = await k.issue(c.id, '2026-09-01', 100_000);
    const paid = await k.pay(c.id, '2026-09-20', one.id, 100_000);
    k.on('2026-10-10');
    await call(core, 'payments.reverse', { id: paid.id, reason: 'Cheque bounced' });
    k.on('2026-11-21');
    const kes = (await call(core, 'analytics.dashboard', { period: { preset: 'lastMonth' } })).currencies[0]!;
    const aging = (m: string) => kes.charts.agingByMonthEnd.find((s) => s.month === m)!;
    // On 30 Sep the invoice stood paid; from 10 Oct it owes everything again (30 days past due on 31 Oct).
    expect(aging('2026-09').totalMinor).toBe(0);
    expect(aging('2026-10').buckets.map((b) => b.amountMinor)).toEqual([100_000, 0, 0, 0]);
    expect(kes.charts.revenueByMonth.find((m) => m.month === '2026-09')!.collectedMinor).toBe(0);
    // October: nothing billed or collected, 0 owed at the start and 100,000 overdue at the end.
    expect(values(kes)).toMatchObject({ billed: 0, collected: 0, outstanding: 100_000, overdue: 100_000, collectionRate: null });
    expect(previous(kes)).toMatchObject({ billed: 100_000, collected: 0, outstanding: 0 });
  });

  it('puts receivables in aging buckets by days past due, at the edges', async () => {
    const { core, clock } = makeCore('2026-07-01T09:00:00.000Z');
    const k = bookkeeper(core, clock);
    const c = await customer(core, { name: 'Edge Traders', paymentTermsDays: 0 });
    // Due on issue; on 30 Sep these are 0, 30, 31, 60, 61, 90 and 91 days past due.
    const amounts: [number, number][] = [[0, 1_000], [30, 2_000], [31, 4_000], [60, 8_000], [61, 16_000], [90, 32_000], [91, 64_000]];
    const days = (n: number) => new Date(Date.UTC(2026, 8, 30 - n)).toISOString().slice(0, 10);
    for (const [n, amount] of amounts.sort((x, y) => y[0] - x[0])) await k.issue(c.id, days(n), amount);
    k.on('2026-10-15');
    const kes = (await call(core, 'analytics.dashboard', { period: { preset: 'custom', from: '2026-09-01', to: '2026-10-15' } })).currencies[0]!;
    const sep = kes.charts.agingByMonthEnd.find((s) => s.month === '2026-09')!;
    expect(sep.asOf).toBe('2026-09-30');
    expect(sep.buckets.map((b) => [b.bucket, b.amountMinor, b.invoiceCount])).toEqual([
      ['0-30', 1_000 + 2_000, 2], ['31-60', 4_000 + 8_000, 2], ['61-90', 16_000 + 32_000, 2], ['90+', 64_000, 1],
    ]);
    // The period's last month ends on the period's last day: 15 Oct, 15 days later.
    const oct = kes.charts.agingByMonthEnd.find((s) => s.month === '2026-10')!;
    expect(oct.asOf).toBe('2026-10-15');
    expect(oct.buckets.map((b) => b.amountMinor)).toEqual([1_000, 2_000 + 4_000, 8_000 + 16_000, 32_000 + 64_000]);
    // Overdue at 15 Oct: all but nothing (every invoice is past due by then) = 127,000.
    expect(kpi(kes, 'overdue').value).toBe(127_000);
    const page = await call(core, 'analytics.drilldown', { target: sep.buckets[1]!.drilldown });
    expect(page.rows.map((r) => [r.contributionMinor, r.daysPastDue])).toEqual([[8_000, 60], [4_000, 31]]);
  });

  it('drills down into billed, collected, new customers and the "others" slice', async () => {
    const { core, clock } = makeCore('2026-09-01T09:00:00.000Z');
    const k = bookkeeper(core, clock);
    // Twelve customers billed in September: customer i is billed (i + 1) × 1,000 ... the top ten and two others.
    const people = [];
    for (let i = 0; i < 12; i++) people.push(await customer(core, { name: `Customer ${String(i).padStart(2, '0')}`, email: `c${i}@x.co.ke`, phone: `0722 1000${String(i).padStart(2, '0')}` }));
    const invoices = [];
    for (const [i, p] of people.entries()) invoices.push(await k.issue(p.id, '2026-09-02', (i + 1) * 1_000));
    // 5 Oct: customer 11 pays 5,000 on its invoice and 3,000 more that stays as credit; an older invoice is credited.
    k.on('2026-10-05');
    await call(core, 'payments.record', { customerId: people[11]!.id, amountMinor: 8_000, paidOn: '2026-10-05', method: 'cash', allocations: [{ invoiceId: invoices[11]!.id, amountMinor: 5_000 }] });
    await k.credit(invoices[0]!.id, '2026-10-05', 400);
    const late = await customer(core, { name: 'Late Joiner', email: 'l@x.co.ke', phone: '0722 200000' });
    const first = await k.issue(late.id, '2026-10-06', 7_000);
    k.on('2026-10-31');

    const sep = (await call(core, 'analytics.dashboard', { period: { preset: 'custom', from: '2026-09-01', to: '2026-09-30' } })).currencies[0]!;
    const slices = sep.charts.revenueByCustomer;
    expect(slices).toHaveLength(11);
    expect(slices[0]).toMatchObject({ name: 'Customer 11', billedMinor: 12_000 });
    expect(slices.at(-1)).toMatchObject({ customerId: null, name: 'Others (2 customers)', billedMinor: 1_000 + 2_000, invoiceCount: 2 });
    const others = await call(core, 'analytics.drilldown', { target: slices.at(-1)!.drilldown });
    expect(others.rows.map((r) => r.id)).toEqual([invoices[0]!.id, invoices[1]!.id]);
    expect(others.sumMinor).toBe(3_000);

    const oct = (await call(core, 'analytics.dashboard', { period: { preset: 'thisMonth' } })).currencies[0]!;
    const bar = oct.charts.revenueByMonth.find((m) => m.month === '2026-10')!;
    // October billed: the late joiner's 7,000 less the 400 credited on a September invoice.
    expect(bar.billedMinor).toBe(6_600);
    const billed = await call(core, 'analytics.drilldown', { target: bar.billedDrilldown });
    expect(billed.rows.map((r) => [r.id, r.contributionMinor])).toEqual([[invoices[0]!.id, -400], [first.id, 7_000]]);
    expect(billed.sumMinor).toBe(bar.billedMinor);

    expect(bar.collectedMinor).toBe(8_000);
    const collected = await call(core, 'analytics.drilldown', { target: bar.collectedDrilldown });
    expect(collected.rows.map((r) => [r.id, r.contributionMinor])).toEqual([[invoices[11]!.id, 5_000]]);
    expect(collected.sumMinor + collected.unappliedMinor).toBe(8_000);

    const joined = oct.charts.newCustomersByMonth.find((m) => m.month === '2026-10')!;
    expect(joined.count).toBe(1);
    expect((await call(core, 'analytics.drilldown', { target: joined.drilldown })).rows.map((r) => r.id)).toEqual([first.id]);

    // Paging: two rows at a time, the total and sum over all of them.
    const paged = await call(core, 'analytics.drilldown', { target: sep.kpis.find((x) => x.key === 'billed')!.drilldown!, offset: 10, limit: 2 });
    expect(paged).toMatchObject({ total: 12, offset: 10, sumMinor: 78_000 });
    expect(paged.rows.map((r) => r.id)).toEqual([invoices[10]!.id, invoices[11]!.id]);
  });

  it('answers again from the books after every change, never from a stale copy', async () => {
    const { core, a, inv3 } = await book();
    const outstanding = async () => kpi((await call(core, 'analytics.dashboard', { period: { preset: 'thisMonth' } })).currencies[0]!, 'outstanding').value;
    expect(await outstanding()).toBe(160_000);
    await call(core, 'payments.record', { customerId: a.id, amountMinor: 25_000, paidOn: '2026-11-21', method: 'cash', allocations: [{ invoiceId: inv3.id, amountMinor: 25_000 }] });
    expect(await outstanding()).toBe(135_000);
    // What a caller does to its copy stays with it.
    const board = await call(core, 'analytics.dashboard', { period: { preset: 'thisMonth' } });
    board.currencies[0]!.kpis[0]!.value = -1;
    expect(kpi((await call(core, 'analytics.dashboard', { period: { preset: 'thisMonth' } })).currencies[0]!, 'billed').value).toBe(0);
  });

  it('resolves every preset and its previous period', async () => {
    const { core, clock } = makeCore('2026-03-31T09:00:00.000Z');
    const period = async (p: Record<string, string>) => (await call(core, 'analytics.dashboard', { period: p as never })).period;
    expect(await period({ preset: 'thisMonth' })).toMatchObject({ from: '2026-03-01', to: '2026-03-31', previous: { from: '2026-02-01', to: '2026-02-28' } });
    expect(await period({ preset: 'lastMonth' })).toMatchObject({ from: '2026-02-01', to: '2026-02-28', previous: { from: '2026-01-01', to: '2026-01-31' } });
    expect(await period({ preset: 'thisQuarter' })).toMatchObject({ from: '2026-01-01', to: '2026-03-31', previous: { from: '2025-10-01', to: '2025-12-31' } });
    expect(await period({ preset: 'lastQuarter' })).toMatchObject({ from: '2025-10-01', to: '2025-12-31', previous: { from: '2025-07-01', to: '2025-09-30' } });
    expect(await period({ preset: 'thisYear' })).toMatchObject({ from: '2026-01-01', to: '2026-03-31', previous: { from: '2025-01-01', to: '2025-03-31' } });
    expect(await period({ preset: 'last12Months' })).toMatchObject({ from: '2025-04-01', to: '2026-03-31', previous: { from: '2024-04-01', to: '2025-03-31' } });
    expect(await period({ preset: 'custom', from: '2026-03-10', to: '2026-03-19' })).toMatchObject({ previous: { from: '2026-02-28', to: '2026-03-09' } });
    clock.set('2026-11-21T09:00:00.000Z');
    expect(await period({ preset: 'thisQuarter' })).toMatchObject({ from: '2026-10-01', to: '2026-11-21', previous: { from: '2026-07-01', to: '2026-08-21' } });
    const refused = await core.api['analytics.dashboard']({ period: { preset: 'custom', from: '2026-03-10' } });
    expect(refused.ok).toBe(false);
  });
});
