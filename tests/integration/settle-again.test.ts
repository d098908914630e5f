// Books an older Billbook synced may hold a payment settled wrong (a payment pulled after its
// allocations showed its whole amount as credit). Opened by this release, synced books are settled
// again once from the facts; books that never synced only note the rule.
import { describe, expect, it } from 'vitest';
import { refreshCustomerBalance } from '../../electron/core/ledger/balances';
import { settleAgainUnderNewRule } from '../../electron/core/ledger/settleAgain';
import { call, makeCore } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

async function bookWithPhantomCredit(synced: boolean) {
  const { core, dir } = makeCore();
  const buyer = await customer(core, { name: 'Kamau Hardware' });
  const inv = await invoice(core, buyer.id, { issueDate: '2026-10-01', lines: [line('Cement', 1, 100_000, null)] });
  const paid = await call(core, 'payments.record', { customerId: buyer.id, amountMinor: 60_000, paidOn: '2026-11-20', method: 'cash', allocations: [{ invoiceId: inv.id, amountMinor: 60_000 }] });
  const sql = core.context.sql;
  // As the older sync left it: the allocation settles the invoice, the payment shows nothing allocated.
  sql.prepare('UPDATE payments SET allocated_minor = 0 WHERE id = ?').run(paid.id);
  refreshCustomerBalance(sql, buyer.id);
  if (synced) sql.prepare("INSERT INTO sync_stamps (tbl, row_id, stamps) VALUES ('payments', ?, '{}')").run(paid.id);
  sql.prepare("DELETE FROM meta WHERE key = 'ledger.settlement_rule'").run();
  expect((await call(core, 'customers.get', { id: buyer.id })).financials.creditMinor).toBe(60_000);
  core.close();
  return { dir, buyer, paid, inv };
}

describe('settling books again under the rule of this release', () => {
  it('corrects a synced book once, when it opens: the credit the customer never had is gone', async () => {
    const { dir, buyer, paid, inv } = await bookWithPhantomCredit(true);
    const { core } = makeCore('2026-11-22T09:00:00.000Z', { dataDir: dir });
    expect((await call(core, 'customers.get', { id: buyer.id })).financials.creditMinor).toBe(0);
    expect(await call(core, 'payments.get', { id: paid.id }).then((p) => [p.allocatedMinor, p.unallocatedMinor])).toEqual([60_000, 0]);
    expect(await call(core, 'invoices.get', { id: inv.id }).then((i) => [i.status, i.balanceMinor])).toEqual(['partially_paid', 40_000]);
    // Once: the rule is noted, and the next start does nothing.
    expect(settleAgainUnderNewRule(core.context)).toBeNull();
    expect(await call(core, 'sync.problems', {})).toEqual([]);
    core.close();
  });

  it('only notes the rule in books that never synced', async () => {
    const { dir } = await bookWithPhantomCredit(false);
    const { core } = makeCore('2026-11-22T09:00:00.000Z', { dataDir: dir });
    expect(core.context.sql.prepare("SELECT value FROM meta WHERE key = 'ledger.settlement_rule'").get()).toEqual({ value: '2' });
    core.close();
  });
});
