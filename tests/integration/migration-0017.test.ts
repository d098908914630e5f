import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { amountGroupsSql } from '../../electron/core/analytics/intelligence/repo';
import * as repo from '../../electron/core/analytics/intelligence/repo';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

type TestCore = ReturnType<typeof makeCore>['core'];

const plan = (core: TestCore, query: string, ...params: unknown[]) =>
  (core.context.sql.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('migration 17: covering amounts', () => {
  it('reads every invoice amount for the anomaly rules from the index alone, with the same answers as before the upgrade', async () => {
    const dir = tempDir();
    const before = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const steady = await customer(before.core, { name: 'Steady Orders Ltd' });
    const other = await customer(before.core, { name: 'Other Buyer' });
    // Eight months of the same order, then one ten times as large; a void invoice counts for nothing.
    for (let month = 3; month <= 10; month++) {
      const issueDate = `2026-${String(month).padStart(2, '0')}-05`;
      await invoice(before.core, steady.id, { issueDate, lines: [line('Monthly supplies', 1, 100_000 + month * 1_000, null)] });
      await invoice(before.core, other.id, { issueDate, lines: [line('Repairs', 1, 50_000, null)] });
    }
    await invoice(before.core, steady.id, { issueDate: '2026-11-05', lines: [line('Monthly supplies', 10, 100_000, null)] });
    const voided = await invoice(before.core, other.id, { issueDate: '2026-11-06', lines: [line('Repairs', 100, 50_000, null)] });
    await call(before.core, 'invoices.void', { id: voided.id, reason: 'Typed the wrong quantity' });
    const report = await call(before.core, 'intelligence.anomalies', {});
    expect(report.anomalies.filter((a) => a.kind === 'invoice_amount').map((a) => a.customerName)).toEqual(['Steady Orders Ltd']);
    const groups = repo.amountGroups(before.core.context.sql);
    before.core.close();
    rewindBooks(path.join(dir, 'billbook.db'), 16);

    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 16, to: MIGRATIONS.at(-1)!.version });
    // The app's own statement, for the whole book and for some customers: no invoice row is looked up.
    expect(plan(core, amountGroupsSql())).toMatch(/^CO-ROUTINE g\nSCAN invoices USING COVERING INDEX invoices_final_by_customer_amount\b/);
    expect(plan(core, amountGroupsSql(' AND customer_seq = (SELECT seq FROM customers WHERE id = ?)'), steady.id)).toMatch(/^CO-ROUTINE g\nSEARCH invoices USING COVERING INDEX invoices_final_by_customer_amount \(customer_seq=\?\)/);
    expect(repo.amountGroups(core.context.sql)).toEqual(groups);
    expect(await call(core, 'intelligence.anomalies', {})).toEqual(report);
    // Invoices finalized after the upgrade are in the index: a second outlier is found.
    await invoice(core, other.id, { issueDate: '2026-11-20', lines: [line('Repairs', 20, 50_000, null)] });
    const after = await call(core, 'intelligence.anomalies', {});
    expect(after.anomalies.filter((a) => a.kind === 'invoice_amount').map((a) => a.customerName).sort()).toEqual(['Other Buyer', 'Steady Orders Ltd']);
  }, 60_000);
});
