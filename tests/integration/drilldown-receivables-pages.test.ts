// The receivables and "paid" drilldowns read one page, not every invoice that may have owed
// something: the rows are those the whole-book rebuild gives, with the count and sum of all.
import { describe, expect, it } from 'vitest';
import type { DrilldownTarget } from '../../shared/domain/analytics';
import { call, makeCore } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

type TestCore = ReturnType<typeof makeCore>['core'];

/** The plans of the statements one call runs, and how many rows each handed back to JS. */
async function statementsOf(core: TestCore, run: () => Promise<unknown>): Promise<{ plan: string; rows: number }[]> {
  const sql = core.context.sql;
  const prepare = sql.prepare;
  const runs: { source: string; args: unknown[]; rows: number }[] = [];
  sql.prepare = (source: string) => {
    const statement = prepare(source);
    const proxy: typeof statement = new Proxy(statement, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (key === 'all' || key === 'get') runs.push({ source, args, rows: Array.isArray(result) ? result.length : result === undefined ? 0 : 1 });
          // raw() and pluck() hand the statement back: keep watching it.
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };
  try {
    await run();
  } finally {
    sql.prepare = prepare;
  }
  return runs.map(({ source, args, rows }) => ({
    plan: (sql.db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n'),
    rows,
  }));
}

/**
 * KES unless said, on 30 Sep 2026 (the day asked about):
 *   i1  A  issued 1 Jul, due 1 Jul   10,000  never paid                                  owes 10,000, 91 days past due
 *   i2  A  issued 1 Aug, due 1 Aug   20,000  5,000 on 10 Aug, the rest on 5 Oct          owes 15,000, 60
 *   i3  A  issued 1 Aug, due 1 Aug   30,000  paid in full on 15 Sep                      owes nothing
 *   i5  A  issued 1 Aug, due 1 Aug   50,000  paid on 20 Sep, reversed on 2 Oct           owes nothing (the payment stood then)
 *   i6  A  issued 1 Aug, due 1 Aug   60,000  paid on 5 Sep, reversed on 10 Sep           owes 60,000, 60
 *   i10 A  issued 1 Aug, due 1 Aug   11,000  never paid                                  owes 11,000, 60
 *   i4  B  issued 15 Jul, due 14 Aug 40,000  credit note 10,000 on 1 Sep, rest on 10 Oct owes 30,000, 47
 *   i7  A  issued 30 Sep, due 30 Sep 70,000  never paid                                  owes 70,000, 0 (not overdue)
 *   i8  A  issued 1 Oct                      not yet issued
 *   iu  U  issued 1 Aug, USD 9,000           another currency
 *   i11, i12 A issued 1 Aug, due 1 Aug, 1,000 and 2,000, paid in full on 5 Oct     owe 1,000 and 2,000, 60
 */
async function book() {
  const { core, clock } = makeCore('2026-07-01T09:00:00.000Z');
  const on = (date: string) => clock.set(`${date}T09:00:00.000Z`);
  const a = await customer(core, { name: 'Amani Stores', email: 'a@amani.co.ke', phone: '0722 000001', paymentTermsDays: 0 });
  const b = await customer(core, { name: 'Baraka Ltd', email: 'b@baraka.co.ke', phone: '0722 000002', paymentTermsDays: 30 });
  const u = await customer(core, { name: 'Umoja Inc', email: 'u@umoja.com', phone: '0722 000003', currency: 'USD' });
  const issue = async (customerId: string, date: string, amount: number) => {
    on(date);
    return invoice(core, customerId, { issueDate: date, lines: [line('Work', 1, amount, null)] });
  };
  const pay = async (customerId: string, date: string, invoiceId: string, amountMinor: number) => {
    on(date);
    return call(core, 'payments.record', { customerId, amountMinor, paidOn: date, method: 'cash', allocations: [{ invoiceId, amountMinor }] });
  };
  const reverse = async (id: string, date: string) => {
    on(date);
    await call(core, 'payments.reverse', { id, reason: 'Bounced cheque' });
  };
  const i1 = await issue(a.id, '2026-07-01', 10_000);
  const i4 = await issue(b.id, '2026-07-15', 40_000);
  const i2 = await issue(a.id, '2026-08-01', 20_000);
  const i3 = await issue(a.id, '2026-08-01', 30_000);
  const i5 = await issue(a.id, '2026-08-01', 50_000);
  const i6 = await issue(a.id, '2026-08-01', 60_000);
  const i10 = await issue(a.id, '2026-08-01', 11_000);
  const i11 = await issue(a.id, '2026-08-01', 1_000);
  const i12 = await issue(a.id, '2026-08-01', 2_000);
  await issue(u.id, '2026-08-01', 9_000);
  await pay(a.id, '2026-08-10', i2.id, 5_000);
  on('2026-09-01');
  await call(core, 'invoices.creditNote', { invoiceId: i4.id, amountMinor: 10_000, reason: 'Returned goods', issueDate: '2026-09-01' });
  const p6 = await pay(a.id, '2026-09-05', i6.id, 60_000);
  await reverse(p6.id, '2026-09-10');
  await pay(a.id, '2026-09-15', i3.id, 30_000);
  const p5 = await pay(a.id, '2026-09-20', i5.id, 50_000);
  const i7 = await issue(a.id, '2026-09-30', 70_000);
  await issue(a.id, '2026-10-01', 80_000);
  await reverse(p5.id, '2026-10-02');
  await pay(a.id, '2026-10-05', i2.id, 15_000);
  await pay(a.id, '2026-10-05', i11.id, 1_000);
  await pay(a.id, '2026-10-05', i12.id, 2_000);
  await pay(b.id, '2026-10-10', i4.id, 30_000);
  on('2026-10-15');
  return { core, a, b, i1, i2, i4, i6, i7, i10, i11, i12 };
}

describe('analytics drilldown: receivables and paid, a page at a time', () => {
  it('pages the invoices that owed something on a past day by due date, with what each owed, the count and sum of all', async () => {
    const { core, a, b, i1, i2, i4, i6, i7, i10, i11, i12 } = await book();
    const owed: [string, number, number][] = [[i1.id, 10_000, 91], [i2.id, 15_000, 60], [i6.id, 60_000, 60], [i10.id, 11_000, 60], [i11.id, 1_000, 60], [i12.id, 2_000, 60], [i4.id, 30_000, 47], [i7.id, 70_000, 0]];
    const day = { kind: 'receivables', currency: 'KES', asOf: '2026-09-30' } as const satisfies DrilldownTarget;
    const cases: [DrilldownTarget, typeof owed][] = [
      [day, owed],
      [{ ...day, bucket: 'overdue' }, owed.filter(([, , days]) => days > 0)],
      [{ ...day, bucket: '0-30' }, owed.filter(([, , days]) => days <= 30)],
      [{ ...day, bucket: '31-60' }, owed.filter(([, , days]) => days >= 31 && days <= 60)],
      [{ ...day, bucket: '61-90' }, []],
      [{ ...day, bucket: '90+' }, owed.filter(([, , days]) => days >= 91)],
      [{ ...day, customerId: b.id }, owed.filter(([id]) => id === i4.id)],
      [{ ...day, currency: 'USD', asOf: '2026-07-31' }, []],
    ];
    for (const [target, expected] of cases) {
      const pages = [];
      for (let offset = 0; offset < expected.length + 3; offset += 3) pages.push(await call(core, 'analytics.drilldown', { target, offset, limit: 3 }));
      expect(pages.flatMap((p) => p.rows.map((r) => [r.id, r.contributionMinor, r.daysPastDue]))).toEqual(expected);
      for (const page of pages) expect(page).toMatchObject({ total: expected.length, sumMinor: expected.reduce((s, [, owes]) => s + owes, 0) });
    }

    // What the dashboard shows for the day is what the drilldown lists, and once the dashboard has
    // read the day, a page reads only its own invoices: not every unpaid one, not every allocation.
    const board = (await call(core, 'analytics.dashboard', { period: { preset: 'custom', from: '2026-09-01', to: '2026-09-30' } })).currencies[0]!;
    const sep = board.charts.agingByMonthEnd.find((s) => s.month === '2026-09')!;
    for (const bucket of sep.buckets) {
      const page = await call(core, 'analytics.drilldown', { target: bucket.drilldown, limit: 3 });
      expect([page.total, page.sumMinor]).toEqual([bucket.invoiceCount, bucket.amountMinor]);
    }
    const outstanding = board.kpis.find((k) => k.key === 'outstanding')!;
    expect((await call(core, 'analytics.drilldown', { target: outstanding.drilldown!, limit: 3 })).sumMinor).toBe(outstanding.value);
    const statements = await statementsOf(core, () => call(core, 'analytics.drilldown', { target: outstanding.drilldown!, limit: 2 }));
    expect(statements.filter((s) => s.plan.includes('invoices_unpaid_by_due')).length).toBeGreaterThan(0);
    expect(statements.filter((s) => /invoices_unpaid_by_issue|payment_allocations_by_date|credit_notes_by_issue/.test(s.plan))).toEqual([]);
    expect(statements.filter((s) => s.rows > 2)).toEqual([]);

    // A payment dated on the day changes the page, its count and its sum at once.
    const paid = await call(core, 'payments.record', { customerId: a.id, amountMinor: 10_000, paidOn: '2026-09-30', method: 'cash', allocations: [{ invoiceId: i1.id, amountMinor: 10_000 }] });
    expect(paid.allocations).toHaveLength(1);
    const after = await call(core, 'analytics.drilldown', { target: day, limit: 2 });
    expect(after.rows.map((r) => [r.id, r.contributionMinor])).toEqual([[i2.id, 15_000], [i6.id, 60_000]]);
    expect(after).toMatchObject({ total: 7, sumMinor: 189_000 });
    core.close();
  });

  it('pages the invoices paid in full in a range by the day paid, ties in the order made, with the count and sum of all', async () => {
    const { core, i2, i4, i11, i12 } = await book();
    const target = { kind: 'paid', currency: 'KES', from: '2026-10-01', to: '2026-10-31' } as const satisfies DrilldownTarget;
    const expected = [[i2.id, 20_000], [i11.id, 1_000], [i12.id, 2_000], [i4.id, 30_000]];
    const pages = [];
    for (let offset = 0; offset < expected.length + 2; offset += 2) pages.push(await call(core, 'analytics.drilldown', { target, offset, limit: 2 }));
    expect(pages.flatMap((p) => p.rows.map((r) => [r.id, r.contributionMinor]))).toEqual(expected);
    for (const page of pages) expect(page).toMatchObject({ total: 4, sumMinor: 53_000 });
    const statements = await statementsOf(core, () => call(core, 'analytics.drilldown', { target, limit: 2 }));
    expect(statements.filter((s) => s.plan.includes('invoices_paid_by_paid_on')).length).toBeGreaterThan(0);
    expect(statements.filter((s) => s.rows > 2)).toEqual([]);
    expect(statements.filter((s) => /TEMP B-TREE FOR (GROUP BY|ORDER BY)/.test(s.plan))).toEqual([]);
    core.close();
  });
});
