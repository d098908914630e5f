import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_ACTIVITY_SQL } from '../../electron/core/audit/repo';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

type TestCore = ReturnType<typeof makeCore>['core'];

const plan = (core: TestCore, query: string, ...params: unknown[]) =>
  (core.context.sql.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');

const indexNames = (core: TestCore) =>
  (core.context.sql.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('audit_log', 'payment_allocations') ORDER BY name").pluck().all() as string[]);

/** Two customers with invoices, a payment split over two invoices, one reversed: history lines about customers, invoices and payments. */
async function seed(dir: string) {
  const made = makeCore('2026-10-15T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
  const { core, clock } = made;
  const kamau = await customer(core, { name: 'Kamau Hardware' });
  const atieno = await customer(core, { name: 'Atieno Salon', email: 'atieno@example.com' });
  const invoices = [];
  for (let i = 0; i < 4; i++) {
    clock.advance(60_000);
    invoices.push(await invoice(core, i % 2 === 0 ? kamau.id : atieno.id, { issueDate: '2026-10-01', lines: [line('Cement 50kg', 2 + i, 75_000)] }));
  }
  clock.advance(60_000);
  await call(core, 'payments.record', {
    customerId: kamau.id, amountMinor: 200_000, paidOn: '2026-10-10', method: 'cash',
    allocations: [{ invoiceId: invoices[0]!.id, amountMinor: 100_000 }, { invoiceId: invoices[2]!.id, amountMinor: 100_000 }],
  });
  clock.advance(60_000);
  const bounced = await call(core, 'payments.record', { customerId: atieno.id, amountMinor: 50_000, paidOn: '2026-10-11', method: 'bank', allocations: [{ invoiceId: invoices[1]!.id, amountMinor: 50_000 }] });
  clock.advance(60_000);
  await call(core, 'payments.reverse', { id: bounced.id, reason: 'Cheque bounced' });
  return { ...made, customers: [kamau, atieno], invoices };
}

describe('migration 16: leaner indexes', () => {
  it("keeps each customer's history and each invoice's payments as they were, read through the smaller indexes", async () => {
    const dir = tempDir();
    const { core: before, customers, invoices } = await seed(dir);
    const screens = async (core: TestCore) => ({
      activity: await Promise.all(customers.map((c) => call(core, 'customers.activity', { id: c.id }))),
      shortActivity: await call(core, 'customers.activity', { id: customers[0]!.id, limit: 2 }),
      invoices: await Promise.all(invoices.map((i) => call(core, 'invoices.get', { id: i.id }))),
      payments: await call(core, 'payments.list', { limit: 100 }),
      paymentsOfInvoice: await call(core, 'payments.list', { invoiceId: invoices[0]!.id, limit: 100 }),
    });
    const shown = await screens(before);
    // Each customer's own lines only, newest first: the invoices' and payments' lines are not theirs.
    expect(shown.activity[0]!.map((a) => a.action)).toEqual(['paid', 'invoiced', 'invoiced', 'created']);
    expect(shown.activity[1]!.map((a) => a.action)).toEqual(['payment reversed', 'paid', 'invoiced', 'invoiced', 'created']);
    expect(shown.shortActivity).toEqual(shown.activity[0]!.slice(0, 2));
    expect(shown.invoices.map((i) => i.status)).toEqual(['partially_paid', 'open', 'partially_paid', 'open']);
    expect(shown.paymentsOfInvoice.rows).toHaveLength(1);
    before.close();
    rewindBooks(path.join(dir, 'billbook.db'), 15);

    const { core } = makeCore('2026-10-16T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 15, to: MIGRATIONS.at(-1)!.version });
    expect(indexNames(core)).toEqual([
      'audit_log_by_customer', 'audit_log_by_sync_id',
      // Migration 27: the few allocations whose payment or invoice has not arrived yet.
      'payment_allocations_awaiting_invoice', 'payment_allocations_awaiting_payment',
      'payment_allocations_by_date', 'payment_allocations_by_invoice_date', 'payment_allocations_by_payment',
      // Migration 20: allocations are a rowid table, their id kept UNIQUE.
      'sqlite_autoindex_payment_allocations_1',
    ]);
    expect(await screens(core)).toEqual(shown);
    // The reads themselves: the Activity tab's as the app runs it, and settlement's (ledger/settlement.ts).
    expect(plan(core, CUSTOMER_ACTIVITY_SQL, { id: customers[0]!.id, limit: 100 }))
      .toBe('SEARCH audit_log USING INDEX audit_log_by_customer (entity_id=?)');
    // (Migration 27: by the invoice's seq.)
    expect(plan(core, "SELECT id, payment_id, amount_minor, applied_minor, allocated_on FROM payment_allocations WHERE invoice_seq = (SELECT seq FROM invoices WHERE id = 'x') AND reversed_at IS NULL ORDER BY created_at, id"))
      .toMatch(/^SEARCH payment_allocations USING INDEX payment_allocations_by_invoice_date \(invoice_seq=\?\)/);
    // A new history line is found the same way after the upgrade.
    await call(core, 'customers.update', { id: customers[1]!.id, version: customers[1]!.version, customer: { ...customers[1]!, email: 'bookings@atieno.example.com' } });
    expect((await call(core, 'customers.activity', { id: customers[1]!.id }))[0]).toMatchObject({ action: 'updated', summary: 'Changed email' });
  }, 60_000);
});
