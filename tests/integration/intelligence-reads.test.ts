// The intelligence's lean reads hand the rules columns in the order the rules number events by,
// whatever order the index walk gives them: same-day invoices by when they were finalized, and a
// paid and an overdue invoice due the same day, paid first.
import { describe, expect, it } from 'vitest';
import { amountOutliers, type AmountRecord } from '../../electron/core/analytics/intelligence/anomalies';
import * as repo from '../../electron/core/analytics/intelligence/repo';
import { dayNumber } from '../../electron/core/analytics/intelligence/stats';
import { call, makeCore } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

const TODAY = '2026-11-21';

describe('intelligence reads, in the rules\' order', () => {
  it('gives a customer\'s invoices of one day in the order they were finalized, though the index orders them by amount', async () => {
    const { core, clock } = makeCore(`${TODAY}T12:00:00`);
    const buyer = await customer(core, { name: 'Same Day Supplies' });
    // Several invoices a day, each smaller than the one finalized before it that day.
    for (const [day, amounts] of [['2026-10-01', [90_000, 50_000, 10_000]], ['2026-10-15', [70_000]], ['2026-11-02', [80_000, 20_000]]] as const) {
      clock.set(`${day}T12:00:00`);
      for (const amount of amounts) await invoice(core, buyer.id, { issueDate: day, lines: [line('Stock', 1, amount, null)] });
    }
    const sql = core.context.sql;
    const numbered = sql.prepare(`SELECT seq, issue_date, total_minor FROM invoices WHERE customer_id = ? AND status <> 'draft' ORDER BY issue_date, seq`)
      .raw(true).all(buyer.id) as [number, string, number][];
    const [group] = repo.amountGroups(sql, buyer.id);
    expect([...group!.keys]).toEqual(numbered.map(([seq]) => seq));
    expect([...group!.issueDays]).toEqual(numbered.map(([, date]) => dayNumber(date)));
    expect([...group!.totals]).toEqual(numbered.map(([, , total]) => total));
    expect(repo.amountGroups(sql)).toEqual([group]);
  });

  it('puts a paid invoice before an overdue one due the same day, as the whole history orders them', async () => {
    const { core, clock } = makeCore('2026-08-03T12:00:00');
    const buyer = await customer(core, { name: 'Mixed Payers Ltd', paymentTermsDays: 14 });
    const paid: { id: string; total: number }[] = [];
    // Pairs issued together (so due together): one paid late, the other never.
    for (const day of ['2026-08-03', '2026-08-17', '2026-09-01', '2026-09-15']) {
      clock.set(`${day}T12:00:00`);
      const first = await invoice(core, buyer.id, { issueDate: day, lines: [line('Stock', 1, 40_000, null)] });
      await invoice(core, buyer.id, { issueDate: day, lines: [line('Stock', 1, 60_000, null)] });
      paid.push({ id: first.id, total: first.totals.totalMinor });
    }
    clock.set('2026-10-20T12:00:00');
    await call(core, 'payments.record', {
      customerId: buyer.id, amountMinor: paid.reduce((a, p) => a + p.total, 0), paidOn: '2026-10-20', method: 'bank',
      allocations: paid.map((p) => ({ invoiceId: p.id, amountMinor: p.total })),
    });
    const sql = core.context.sql;
    const todayDay = dayNumber(TODAY);
    const [history] = repo.delayHistories(sql, TODAY, todayDay, buyer.id);
    // Each due day has a paid event (late to 20 October) and an overdue one (late to today).
    expect(history!.dueDays.length).toBe(8);
    expect(history!.daysLate.filter((late, i) => late === todayDay - history!.dueDays[i]!).length).toBe(4);
    expect(repo.recentDelays(sql, TODAY, todayDay, 25, buyer.id)).toEqual([history]);
    expect(repo.recentDelays(sql, TODAY, todayDay, 5, buyer.id)).toEqual([{ customerId: buyer.id, dueDays: history!.dueDays.slice(-5), daysLate: history!.daysLate.slice(-5) }]);
  });

  it("judges each customer's amounts on their own, though the whole book is read one customer after another into the same columns", async () => {
    const { core, clock } = makeCore(`${TODAY}T12:00:00`);
    // A long history read first (its earliest invoice is older), then a short one with one amount far
    // above the rest: the short one's judgement must see its own seven invoices only.
    const long = await customer(core, { name: 'Long History Ltd' });
    const short = await customer(core, { name: 'Short History Ltd' });
    for (let i = 0; i < 14; i++) {
      const day = `2026-0${1 + Math.floor(i / 2)}-${i % 2 === 0 ? '05' : '20'}`;
      clock.set(`${day}T12:00:00`);
      await invoice(core, long.id, { issueDate: day, lines: [line('Stock', 1, 900_000 + 10_000 * (i % 3), null)] });
    }
    for (const [i, day] of ['2026-03-02', '2026-04-02', '2026-05-02', '2026-06-02', '2026-07-02', '2026-08-02', '2026-10-02'].entries()) {
      clock.set(`${day}T12:00:00`);
      await invoice(core, short.id, { issueDate: day, lines: [line('Stock', 1, i === 6 ? 400_000 : 50_000 + 1_000 * (i % 2), null)] });
    }
    clock.set(`${TODAY}T12:00:00`);
    const sql = core.context.sql;
    const records = (sql.prepare(`SELECT seq, customer_id, currency, issue_date, total_minor FROM invoices WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL`)
      .raw(true).all() as [number, string, string, string, number][])
      .map(([key, customerId, currency, date, totalMinor]): AmountRecord => ({ key, customerId, currency: currency as AmountRecord['currency'], issueDay: dayNumber(date), totalMinor }));
    const expected = amountOutliers(records, dayNumber('2026-01-01')).map((o) => ({ key: o.record.key, median: o.score.median, z: o.score.z, priors: o.priorInvoices }));
    expect(expected.map((o) => o.priors)).toEqual([6]);
    const report = await call(core, 'intelligence.anomalies', { since: '2026-01-01', kinds: ['invoice_amount'] });
    expect(report.anomalies.map((a) => a.kind === 'invoice_amount' && { customer: a.customerName, median: a.medianMinor, priors: a.priorInvoices }))
      .toEqual([{ customer: 'Short History Ltd', median: expected[0]!.median, priors: 6 }]);
    const groups = repo.amountGroups(sql);
    expect(groups.map((g) => [g.customerId, g.totals.length])).toEqual([[long.id, 14], [short.id, 7]]);
  });

  it("fits each customer on their own payments, though every customer's are read one after another into the same columns", async () => {
    const { core, clock } = makeCore('2026-01-05T12:00:00');
    // A customer with five payments is fitted first (they paid first), then one with a single payment.
    const many = await customer(core, { name: 'Many Payments Ltd', paymentTermsDays: 14 });
    const one = await customer(core, { name: 'One Payment Ltd', paymentTermsDays: 14 });
    const pay = async (customerId: string, issueDate: string, paidOn: string) => {
      clock.set(`${issueDate}T12:00:00`);
      const inv = await invoice(core, customerId, { issueDate, lines: [line('Stock', 1, 50_000, null)] });
      clock.set(`${paidOn}T12:00:00`);
      await call(core, 'payments.record', { customerId, amountMinor: inv.totals.totalMinor, paidOn, method: 'bank', allocations: [{ invoiceId: inv.id, amountMinor: inv.totals.totalMinor }] });
    };
    for (const [issued, paidOn] of [['2026-01-05', '2026-02-10'], ['2026-01-20', '2026-02-25'], ['2026-02-01', '2026-03-10'], ['2026-02-15', '2026-03-25'], ['2026-03-01', '2026-04-05']] as const) {
      await pay(many.id, issued, paidOn);
    }
    // Issued 1 May, due 15 May, paid 18 May: 3 days late.
    await pay(one.id, '2026-05-01', '2026-05-18');
    clock.set('2026-06-01T12:00:00');
    const open = await invoice(core, one.id, { issueDate: '2026-06-01', lines: [line('Stock', 1, 50_000, null)] });
    const prediction = await call(core, 'intelligence.prediction', { invoiceId: open.id });
    expect(prediction.customerPaidInvoices).toBe(1);
    expect(prediction.customerMedianDaysLate).toBe(3);
  });
});
