import { describe, expect, it } from 'vitest';
import type { DrilldownTarget } from '../../shared/domain/analytics';
import { call, makeCore } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';
import { withPreparedSql } from '../helpers/preparedSql';

type TestCore = ReturnType<typeof makeCore>['core'];

/** The plans of the statements one call runs, with the values it bound. */
async function plansOf(core: TestCore, run: () => Promise<unknown>): Promise<string[]> {
  const sql = core.context.sql;
  const prepare = sql.prepare;
  const runs: { source: string; args: unknown[] }[] = [];
  sql.prepare = (source: string) => {
    const statement = prepare(source);
    return new Proxy(statement, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key);
        if ((key === 'all' || key === 'get') && typeof value === 'function') {
          return (...args: unknown[]) => {
            runs.push({ source, args });
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        // run(), pluck() and the rest act on the statement itself.
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  try {
    await run();
  } finally {
    sql.prepare = prepare;
  }
  return runs.map(({ source, args }) =>
    (sql.db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n'));
}

describe('analytics drilldown: billed in a range, a page at a time', () => {
  it('pages the invoices in issue date order, ties in the order made, with the count and sum of all, and sorts only a page', async () => {
    const { core } = makeCore();
    const a = await customer(core);
    const b = await customer(core, { name: 'Baraka Hardware', email: 'b@example.com', phone: '0733 987654' });
    // Made out of date order, several on one day, two customers; one outside the range.
    const days = ['2026-10-20', '2026-10-05', '2026-10-20', '2026-10-05', '2026-10-12', '2026-10-20', '2026-09-30', '2026-10-05', '2026-10-31'];
    const made: { id: string; day: string; customerId: string; total: number }[] = [];
    for (const [n, day] of days.entries()) {
      const customerId = n % 3 === 1 ? b.id : a.id;
      const inv = await invoice(core, customerId, { issueDate: day, lines: [line('Goods', 1, 10_000 * (n + 1), 0)] });
      made.push({ id: inv.id, day, customerId, total: 10_000 * (n + 1) });
    }
    const inRange = (who: (m: (typeof made)[number]) => boolean) =>
      made.filter((m) => m.day >= '2026-10-01' && m.day <= '2026-10-31' && who(m)).sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : made.indexOf(x) - made.indexOf(y)));
    const october = { kind: 'billed', currency: 'KES', from: '2026-10-01', to: '2026-10-31' } as const satisfies DrilldownTarget;
    const cases: [DrilldownTarget, typeof made][] = [
      [october, inRange(() => true)],
      [{ ...october, excludeCustomerIds: [b.id] }, inRange((m) => m.customerId !== b.id)],
      [{ ...october, customerId: b.id }, inRange((m) => m.customerId === b.id)],
    ];
    for (const [target, expected] of cases) {
      const pages = [];
      for (let offset = 0; offset < expected.length + 3; offset += 3) pages.push(await call(core, 'analytics.drilldown', { target, offset, limit: 3 }));
      expect(pages.flatMap((p) => p.rows.map((r) => [r.id, r.contributionMinor]))).toEqual(expected.map((m) => [m.id, m.total]));
      for (const page of pages) expect(page).toMatchObject({ total: expected.length, sumMinor: expected.reduce((s, m) => s + m.total, 0) });
    }
    // The page's statements: no grouping, and a sort of the day's ties only.
    const plans = await plansOf(core, () => call(core, 'analytics.drilldown', { target: october, limit: 3 }));
    expect(plans.filter((p) => p.includes('invoices_final_by_issue')).length).toBeGreaterThan(0);
    expect(plans.filter((p) => /TEMP B-TREE FOR (GROUP BY|ORDER BY)/.test(p))).toEqual([]);

    // A credit note in the range takes its amount off its invoice, and brings in one issued before the range.
    const september = made.find((m) => m.day === '2026-09-30')!;
    await call(core, 'invoices.creditNote', { invoiceId: made[1]!.id, amountMinor: 5_000, reason: 'Returned goods', issueDate: '2026-10-25' });
    await call(core, 'invoices.creditNote', { invoiceId: september.id, amountMinor: 7_000, reason: 'Returned goods', issueDate: '2026-10-26' });
    const all = await call(core, 'analytics.drilldown', { target: october, limit: 100 });
    const expected = [september, ...inRange(() => true)].map((m) => [m.id, m === september ? -7_000 : m.total - (m === made[1] ? 5_000 : 0)]);
    expect(all.rows.map((r) => [r.id, r.contributionMinor])).toEqual(expected);
    expect(all).toMatchObject({ total: expected.length, sumMinor: expected.reduce((s, [, c]) => s + (c as number), 0) });
    core.close();
  });

  it('counts "others" as the period\'s kept days less the top customers, and follows a write made after the dashboard', async () => {
    const { core } = makeCore();
    const people: { id: string }[] = [];
    for (let n = 0; n < 14; n++) people.push(await customer(core, { name: `Customer ${n}`, email: `c${n}@example.com`, phone: `0722 0000${String(n).padStart(2, '0')}`, ...(n === 13 ? { currency: 'USD' } : {}) }));
    const made: { id: string; day: string; customerId: string; total: number }[] = [];
    const bill = async (n: number, day: string, total: number) => {
      const inv = await invoice(core, people[n]!.id, { issueDate: day, lines: [line('Goods', 1, total, 0)] });
      if (n !== 13) made.push({ id: inv.id, day, customerId: people[n]!.id, total });
    };
    for (let k = 0; k < 26; k++) await bill(k % 13, `2026-10-${String(1 + ((k * 7) % 30)).padStart(2, '0')}`, 10_000 * (1 + ((k * 5) % 13)));
    // Another currency, a day before the period, a draft and a voided invoice: none counts.
    await bill(13, '2026-10-15', 99_000);
    await bill(4, '2026-09-30', 55_000);
    await draft(core, people[5]!.id, { issueDate: '2026-10-10', lines: [line('Draft', 1, 1_000_000, 0)] });
    const voided = await invoice(core, people[6]!.id, { issueDate: '2026-10-11', lines: [line('Void', 1, 2_000_000, 0)] });
    await call(core, 'invoices.void', { id: voided.id, reason: 'Sent twice' });

    const period = { preset: 'custom', from: '2026-10-01', to: '2026-11-20' } as const;
    const othersOf = async () => {
      const board = await call(core, 'analytics.dashboard', { period });
      return board.currencies.find((c) => c.currency === 'KES')!.charts.revenueByCustomer.at(-1)!;
    };
    const expectedOf = (top: readonly string[]) =>
      made.filter((m) => m.day >= period.from && m.day <= period.to && !top.includes(m.customerId))
        .sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : made.indexOf(x) - made.indexOf(y)));
    const sumOf = (list: { total: number }[]) => list.reduce((s, m) => s + m.total, 0);

    const others = await othersOf();
    const target = others.drilldown!;
    const top = target.kind === 'billed' ? target.excludeCustomerIds ?? [] : [];
    expect(top).toHaveLength(10);
    let expected = expectedOf(top);
    expect(expected.length).toBeGreaterThan(3);
    const { result: page, sources } = await withPreparedSql(core, () => call(core, 'analytics.drilldown', { target, limit: 100 }));
    expect(page.rows.map((r) => r.id)).toEqual(expected.map((m) => m.id));
    expect(page).toMatchObject({ total: expected.length, sumMinor: sumOf(expected) });
    expect({ total: page.total, sumMinor: page.sumMinor }).toEqual({ total: others.invoiceCount, sumMinor: others.billedMinor });
    // The period's invoices are not counted again: only the top customers' own are read for the totals.
    expect(sources.filter((s) => /count\(\*\)/.test(s) && s.includes('invoices_final_by_issue'))).toEqual([]);
    expect(sources.filter((s) => /count\(\*\)/.test(s) && s.includes('invoices_final_by_customer_amount'))).toHaveLength(1);

    // Writes after the dashboard: the drilldown's totals follow them before the dashboard is read again, and after.
    const other = people.find((p, n) => n !== 13 && !top.includes(p.id))!;
    const late = await invoice(core, other.id, { issueDate: '2026-10-03', lines: [line('Late', 1, 33_000, 0)] });
    made.push({ id: late.id, day: '2026-10-03', customerId: other.id, total: 33_000 });
    await call(core, 'invoices.void', { id: expected[0]!.id, reason: 'Wrong customer' });
    made.splice(made.indexOf(expected[0]!), 1);
    expected = expectedOf(top);
    for (let round = 0; round < 2; round++) {
      const again = await call(core, 'analytics.drilldown', { target, limit: 100 });
      expect(again.rows.map((r) => r.id)).toEqual(expected.map((m) => m.id));
      expect(again).toMatchObject({ total: expected.length, sumMinor: sumOf(expected) });
      const whole = await call(core, 'analytics.drilldown', { target: { kind: 'billed', currency: 'KES', from: period.from, to: period.to }, limit: 1 });
      const all = made.filter((m) => m.day >= period.from && m.day <= period.to);
      expect(whole).toMatchObject({ total: all.length, sumMinor: sumOf(all) });
      await othersOf();
    }
    core.close();
  });
});
