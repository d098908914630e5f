import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

const plan = (core: ReturnType<typeof makeCore>['core'], query: string) =>
  (core.context.sql.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

describe('migration 12: faster analytics', () => {
  it('upgrades books so past receivables read allocations from the index alone, and they come out as before', async () => {
    const dir = tempDir();
    const before = makeCore('2026-09-01T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const on = (date: string) => before.clock.set(`${date}T09:00:00.000Z`);
    const buyer = await customer(before.core, { name: 'Bounced Cheque Ltd' });
    const one = await invoice(before.core, buyer.id, { issueDate: '2026-09-01', lines: [line('Work', 1, 100_000, null)] });
    const two = await invoice(before.core, buyer.id, { issueDate: '2026-09-01', lines: [line('Work', 1, 50_000, null)] });
    on('2026-09-20');
    const cheque = await call(before.core, 'payments.record', { customerId: buyer.id, amountMinor: 100_000, paidOn: '2026-09-20', method: 'cash', allocations: [{ invoiceId: one.id, amountMinor: 100_000 }] });
    await call(before.core, 'payments.record', { customerId: buyer.id, amountMinor: 20_000, paidOn: '2026-09-20', method: 'cash', allocations: [{ invoiceId: two.id, amountMinor: 20_000 }] });
    on('2026-10-10');
    await call(before.core, 'payments.reverse', { id: cheque.id, reason: 'Cheque bounced' });
    on('2026-11-21');
    const period = { preset: 'custom', from: '2026-09-01', to: '2026-11-21' } as const;
    const board = await call(before.core, 'analytics.dashboard', { period });
    before.core.close();
    rewindBooks(path.join(dir, 'billbook.db'), 11);

    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 11, to: MIGRATIONS.at(-1)!.version });
    const columns = (index: string) => (core.context.sql.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(index) as { name: string }[]).map((c) => c.name);
    // Migration 27: they name the invoice by its seq.
    expect(columns('payment_allocations_by_date')).toEqual(['allocated_on', 'invoice_seq', 'reversed_on', 'applied_minor', 'amount_minor', 'reversed_at']);
    expect(columns('payment_allocations_by_invoice_date')).toEqual(['invoice_seq', 'allocated_on', 'reversed_on', 'applied_minor', 'amount_minor', 'reversed_at']);
    // Migration 17 adds the columns of its partial WHERE after these.
    expect(columns('invoices_final_by_customer_amount').slice(0, 4)).toEqual(['customer_seq', 'currency', 'issue_date', 'total_minor']);
    expect(plan(core, `SELECT customer_seq, currency, group_concat(seq), group_concat(total_minor) FROM invoices INDEXED BY invoices_final_by_customer_amount
      WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL GROUP BY customer_seq, currency`)).not.toMatch(/TEMP B-TREE/);
    const settled = 'invoice_seq, allocated_on, reversed_on, CASE WHEN reversed_at IS NULL THEN applied_minor ELSE amount_minor END';
    expect(plan(core, `SELECT ${settled} FROM payment_allocations INDEXED BY payment_allocations_by_date WHERE allocated_on BETWEEN '2026-09-01' AND '2026-11-21'`)).toMatch(/COVERING INDEX payment_allocations_by_date/);
    expect(plan(core, `SELECT ${settled} FROM payment_allocations INDEXED BY payment_allocations_by_invoice_date WHERE invoice_seq IN (SELECT value FROM json_each('[]')) AND allocated_on < '2026-09-01'`)).toMatch(/COVERING INDEX payment_allocations_by_invoice_date/);

    const after = await call(core, 'analytics.dashboard', { period });
    expect(after).toEqual(board);
    const kes = after.currencies[0]!;
    // 30 Sep: the cheque stood, so only inv2's 30,000 was owed; from 10 Oct inv1 owes everything again.
    expect(kes.charts.agingByMonthEnd.filter((s) => s.month >= '2026-09').map((s) => [s.month, s.totalMinor])).toEqual([['2026-09', 30_000], ['2026-10', 130_000], ['2026-11', 130_000]]);
  });
});
