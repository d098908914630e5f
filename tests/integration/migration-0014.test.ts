import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as repo from '../../electron/core/analytics/intelligence/repo';
import { fitPaymentModel } from '../../electron/core/analytics/intelligence/paymentModel';
import { dayNumber } from '../../electron/core/analytics/intelligence/stats';
import { addDays } from '../../electron/core/clock';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

const TODAY = '2026-11-21';
const plan = (core: ReturnType<typeof makeCore>['core'], query: string) =>
  (core.context.sql.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

/**
 * Customers who pay several invoices with one payment (ties on the paid day, and on the due day,
 * right where the model's 24-invoice window is cut), a payment reversed and paid again, an
 * overdue invoice, and a second currency.
 */
async function seed(dir: string) {
  const made = makeCore('2025-01-06T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
  const { core, clock } = made;
  const on = (date: string) => clock.set(`${date}T09:00:00.000Z`);
  const batches = await customer(core, { name: 'Batch Payers Ltd' });
  const dollars = await customer(core, { name: 'Dollar Batches Inc', currency: 'USD' });
  for (const [buyer, currency] of [[batches, 'KES'], [dollars, 'USD']] as const) {
    let day = '2025-01-06';
    // 34 invoices, two a day every 9 days, each pair paid together; every 6 paid with one payment.
    const open: { id: string; total: number }[] = [];
    for (let i = 0; i < 34; i++) {
      if (i % 2 === 0 && i > 0) day = addDays(day, 9);
      on(day);
      const inv = await invoice(core, buyer.id, { issueDate: day, currency, lines: [line('Work', 1, 10_000 + ((i * 7_919) % 23) * 1_000 + i, null)] });
      open.push({ id: inv.id, total: inv.totals.totalMinor });
      if (open.length === 6 || i === 33) {
        on(addDays(day, 35 + (i % 5) * 4));
        const total = open.reduce((a, o) => a + o.total, 0);
        await call(core, 'payments.record', {
          customerId: buyer.id, amountMinor: total, paidOn: addDays(day, 35 + (i % 5) * 4), method: 'cash', allocations: open.map((o) => ({ invoiceId: o.id, amountMinor: o.total })),
        });
        open.length = 0;
      }
    }
  }
  // A cheque that bounced, paid again later; and an invoice long overdue.
  on('2026-08-01');
  const bounced = await invoice(core, batches.id, { issueDate: '2026-08-01', lines: [line('Work', 1, 40_000, null)] });
  on('2026-09-15');
  const cheque = await call(core, 'payments.record', { customerId: batches.id, amountMinor: 40_000, paidOn: '2026-09-15', method: 'cash', allocations: [{ invoiceId: bounced.id, amountMinor: 40_000 }] });
  on('2026-09-20');
  await call(core, 'payments.reverse', { id: cheque.id, reason: 'Cheque bounced' });
  on('2026-10-05');
  await call(core, 'payments.record', { customerId: batches.id, amountMinor: 40_000, paidOn: '2026-10-05', method: 'cash', allocations: [{ invoiceId: bounced.id, amountMinor: 40_000 }] });
  await invoice(core, batches.id, { issueDate: '2026-09-01', lines: [line('Work', 1, 90_000, null)] });
  on(TODAY);
  return made;
}

describe('migration 14: bounded analytics', () => {
  it('reads only each customer\'s latest payments, and the model, delays, anomalies and collection plans come out as from every one', async () => {
    const dir = tempDir();
    const { core: before } = await seed(dir);
    const sql = before.context.sql;
    const todayDay = dayNumber(TODAY);

    // The model fitted on every paid invoice, and on each customer's latest window (ties on its edge kept).
    const paid = repo.settlementRows(sql).filter((r): r is repo.SettlementRow & { paidDay: number } => r.paidDay !== null);
    const bounded = repo.recentPaid(sql, 24);
    expect(bounded.length).toBeLessThan(paid.length);
    expect(fitPaymentModel(bounded)).toEqual(fitPaymentModel(paid));
    // Each customer's latest delay events, as the tail of every one of them.
    const every = repo.delayHistories(sql, TODAY, todayDay);
    const latest = new Map(repo.recentDelays(sql, TODAY, todayDay, 25).map((h) => [h.customerId, h]));
    expect(every.length).toBe(latest.size);
    for (const h of every) {
      expect(h.dueDays.length).toBeGreaterThan(25);
      expect(latest.get(h.customerId)).toEqual({ customerId: h.customerId, dueDays: h.dueDays.slice(-25), daysLate: h.daysLate.slice(-25) });
    }

    const screens = async (core: typeof before) => ({
      anomalies: await call(core, 'intelligence.anomalies', { since: '2025-06-01' }),
      collection: await call(core, 'intelligence.collection', { limit: 500 }),
      predictions: await call(core, 'intelligence.predictions', { limit: 500 }),
      cashflow: await call(core, 'intelligence.cashflow', {}),
      backtest: await call(core, 'intelligence.backtest', {}),
      byCustomerMonth: await call(core, 'reports.run', { rows: 'invoices', groupBy: ['customer', 'month'], measures: ['count', 'sum', 'average', 'p90'], limit: 5 }),
      paymentsByMonth: await call(core, 'reports.run', { rows: 'payments', groupBy: ['month'], measures: ['count', 'sum', 'p50'] }),
    });
    const shown = await screens(before);
    expect(shown.collection.rows.map((r) => r.customerName)).toEqual(['Batch Payers Ltd']);
    // Customers by name, then months: the first page of the groups, and how many there are.
    expect(shown.byCustomerMonth.rows.slice(0, 2).map((r) => [r.customerName, r.month, r.currency, r.count])).toEqual([['Batch Payers Ltd', '2025-01', 'KES', 6], ['Batch Payers Ltd', '2025-02', 'KES', 6]]);
    expect(shown.byCustomerMonth.truncated).toBe(true);
    expect(shown.paymentsByMonth.rows.slice(0, 2).map((r) => [r.month, r.currency, r.count])).toEqual([['2025-02', 'KES', 1], ['2025-02', 'USD', 1]]);
    before.close();
    rewindBooks(path.join(dir, 'billbook.db'), 12);

    const { core } = makeCore(`${TODAY}T09:00:00.000Z`, { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 12, to: MIGRATIONS.at(-1)!.version });
    const paidWithMoney = "status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL";
    expect(plan(core, `SELECT due_date, paid_on FROM invoices INDEXED BY invoices_paid_by_customer_due WHERE customer_seq = 1 AND ${paidWithMoney} ORDER BY due_date DESC, paid_on DESC LIMIT 25`))
      .toBe('SEARCH invoices USING COVERING INDEX invoices_paid_by_customer_due (customer_seq=?)');
    expect(plan(core, `SELECT paid_on, currency, issue_date, paid_minor, due_date, total_minor FROM invoices INDEXED BY invoices_paid_by_customer_paid_on
      WHERE customer_seq = 1 AND ${paidWithMoney} AND paid_on >= '2026-01-01' ORDER BY paid_on, currency, issue_date, paid_minor, due_date, total_minor`))
      .toBe('SEARCH invoices USING COVERING INDEX invoices_paid_by_customer_paid_on (customer_seq=? AND paid_on>?)');
    expect(plan(core, `SELECT customer_seq, substr(issue_date, 1, 7) AS month, currency, count(*), sum(total_minor) FROM invoices INDEXED BY invoices_final_by_customer_month
      WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL GROUP BY customer_seq, month, currency`))
      .toBe('SCAN invoices USING COVERING INDEX invoices_final_by_customer_month');
    expect(plan(core, `SELECT substr(paid_on, 1, 7) AS month, currency, count(*), sum(amount_minor) FROM payments INDEXED BY payments_completed_by_month
      WHERE status = 'completed' GROUP BY month, currency`)).toBe('SCAN payments USING COVERING INDEX payments_completed_by_month');
    expect(await screens(core)).toEqual(shown);
  }, 60_000);
});
