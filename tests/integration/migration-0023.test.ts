import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

const TODAY = '2026-11-21';
const plan = (core: ReturnType<typeof makeCore>['core'], query: string) =>
  (core.context.sql.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

describe('migration 23: one index of completed payments', () => {
  it('drops the index by month, and payments reports grouped by month read the same groups from the index by day', async () => {
    const dir = tempDir();
    const { core: before, clock } = makeCore('2025-01-06T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const shillings = await customer(before, { name: 'Amani Traders' });
    const dollars = await customer(before, { name: 'Dollar Imports Inc', currency: 'USD' });
    // Payments in two currencies over months, several on one day, and one reversed (not completed).
    let reversed = '';
    for (let i = 0; i < 30; i++) {
      const day = `2025-${String(1 + (i % 11)).padStart(2, '0')}-${String(3 + (i % 5) * 5).padStart(2, '0')}`;
      clock.set(`${day}T09:00:00.000Z`);
      const buyer = i % 3 === 0 ? dollars : shillings;
      const inv = await invoice(before, buyer.id, { issueDate: day, currency: buyer === dollars ? 'USD' : 'KES', lines: [line('Work', 1, 5_000 + i * 1_250, null)] });
      const paid = await call(before, 'payments.record', { customerId: buyer.id, amountMinor: inv.totals.totalMinor, paidOn: day, method: 'cash', allocations: [{ invoiceId: inv.id, amountMinor: inv.totals.totalMinor }] });
      if (i === 7) reversed = paid.id;
    }
    clock.set(`${TODAY}T09:00:00.000Z`);
    await call(before, 'payments.reverse', { id: reversed, reason: 'Cheque bounced' });

    const reports = async (core: typeof before) => ({
      byMonth: await call(core, 'reports.run', { rows: 'payments', groupBy: ['month'], measures: ['count', 'sum', 'p50'] }),
      byMonthCustomer: await call(core, 'reports.run', { rows: 'payments', groupBy: ['month', 'customer'], measures: ['count', 'sum', 'average'], limit: 5 }),
    });
    const shown = await reports(before);
    // Eleven months, each in one or both currencies; the bounced cheque counts for nothing.
    expect(shown.byMonth.rows.slice(0, 2).map((r) => [r.month, r.currency, r.count])).toEqual([['2025-01', 'KES', 2], ['2025-01', 'USD', 1]]);
    expect(shown.byMonth.rows.reduce((n, r) => n + Number(r.count), 0)).toBe(29);
    before.close();
    rewindBooks(path.join(dir, 'billbook.db'), 22);

    const { core } = makeCore(`${TODAY}T09:00:00.000Z`, { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 22, to: MIGRATIONS.at(-1)!.version });
    expect(core.context.sql.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'payments' AND name LIKE 'payments_completed_%'").pluck().all())
      .toEqual(['payments_completed_by_date']);
    // Grouped by month, the report reads only the covering index by day and sorts its groups.
    expect(plan(core, `SELECT substr(paid_on, 1, 7) AS month, currency, count(*), sum(amount_minor) FROM payments INDEXED BY payments_completed_by_date
      WHERE status = 'completed' GROUP BY month, currency`)).toBe('SCAN payments USING COVERING INDEX payments_completed_by_date\nUSE TEMP B-TREE FOR GROUP BY');
    expect(await reports(core)).toEqual(shown);
    core.close();
  }, 60_000);
});
