// "Send statements" first picks who gets one: everyone owing or owed, and everyone with a final
// invoice issued by the period's end. That check reads one customer's invoices by index; it read
// every invoice for each customer without a balance (243 ms on a 100,000-invoice book).
import { describe, expect, it } from 'vitest';
import { statementCandidates } from '../../electron/core/statements/send';
import type { Sql } from '../../electron/core/db/sql';
import { call, makeCore } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';

describe('who "Send statements" looks at', () => {
  it('takes customers who owe, and those paid up with an invoice in the period; not the rest; through an index of invoices', async () => {
    const { core } = makeCore();
    const owes = await customer(core, { name: 'Owes Money Ltd' });
    const paidUp = await customer(core, { name: 'Paid Up Ltd' });
    const later = await customer(core, { name: 'Invoiced Later Ltd' });
    const draftOnly = await customer(core, { name: 'Draft Only Ltd' });
    await customer(core, { name: 'Nothing Yet Ltd' });
    await invoice(core, owes.id, { issueDate: '2026-10-05', lines: [line('Maize', 1, 10_000, null)] });
    const paid = await invoice(core, paidUp.id, { issueDate: '2026-10-10', lines: [line('Beans', 1, 20_000, null)] });
    await call(core, 'payments.record', { customerId: paidUp.id, amountMinor: 20_000, paidOn: '2026-10-12', method: 'cash', allocations: [{ invoiceId: paid.id, amountMinor: 20_000 }] });
    const afterPeriod = await invoice(core, later.id, { issueDate: '2026-11-15', lines: [line('Rice', 1, 5_000, null)] });
    await call(core, 'payments.record', { customerId: later.id, amountMinor: 5_000, paidOn: '2026-11-16', method: 'cash', allocations: [{ invoiceId: afterPeriod.id, amountMinor: 5_000 }] });
    await draft(core, draftOnly.id, { issueDate: '2026-10-01', lines: [line('Salt', 1, 1_000, null)] });

    const sql = core.context.sql;
    const prepared: string[] = [];
    const noting: Sql = { ...sql, prepare: (source: string) => (prepared.push(source), sql.prepare(source)) };
    expect(statementCandidates(noting, '2026-10-31')).toEqual([owes.id, paidUp.id]);
    expect(statementCandidates(noting, '2026-11-30')).toEqual([owes.id, paidUp.id, later.id]);
    const plan = (sql.db.prepare(`EXPLAIN QUERY PLAN ${prepared[0]!}`).all({ to: '2026-10-31' }) as { detail: string }[]).map((r) => r.detail);
    expect(plan.some((d) => /^SEARCH i USING (COVERING )?INDEX \w+ \(customer_seq=\?/.test(d)), plan.join('\n')).toBe(true);
    expect(plan.some((d) => /^SCAN i\b/.test(d)), plan.join('\n')).toBe(false);
    core.close();
  });
});
