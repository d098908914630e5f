import { describe, expect, it } from 'vitest';
import type { DrilldownTarget } from '../../shared/domain/analytics';
import { call, makeCore } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

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
        return value;
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
});
