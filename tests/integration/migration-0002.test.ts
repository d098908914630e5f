import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { fixedClock } from '../../electron/core/clock';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { call, tempDir } from '../helpers/core';
import { line } from '../helpers/billing';

/** Books as the foundation release left them: schema version 1, with customers and their (empty) balances. */
function foundationBooks(dir: string): void {
  const db = openDatabase(path.join(dir, 'billbook.db'));
  migrate(db, MIGRATIONS.filter((m) => m.version === 1), path.join(dir, 'backups'), '2026-11-01T09:00:00.000Z');
  const insert = db.prepare(
    `INSERT INTO customers (id, code, name, email, phone, currency, payment_terms_days, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'KES', 30, '2026-11-01T09:00:00.000Z', '2026-11-01T09:00:00.000Z')`,
  );
  const people = [
    ['0193e0a0-0000-7000-8000-000000000001', 'CUST-0001', 'Wanjiku Traders', 'orders@wanjiku.co.ke', '+254722123456'],
    ['0193e0a0-0000-7000-8000-000000000002', 'CUST-0002', 'Baraka Hardware', 'accounts@baraka.co.ke', '+254733987654'],
  ];
  people.forEach(([id, code, name, email, phone], i) => {
    insert.run(id, code, name, email, phone);
    db.prepare('INSERT INTO customer_balances (customer_id) VALUES (?)').run(id);
    db.prepare("INSERT INTO customer_search (rowid, name, email, phone, code, tax_id, state) VALUES (?, ?, ?, ?, ?, '', 'live active')")
      .run(i + 1, name, email, phone, code);
  });
  db.prepare("INSERT INTO sequences (name, next_value) VALUES ('customer_code', 3)").run();
  db.close();
}

describe('migration 2: billing', () => {
  it('adds the billing tables to books that already have customers, keeping every customer', async () => {
    const dir = tempDir();
    foundationBooks(dir);
    const core = createCore({ dataDir: dir, clock: fixedClock('2026-11-21T09:00:00Z'), log: () => undefined });
    try {
      expect(core.migration.from).toBe(1);
      expect(core.migration.to).toBe(MIGRATIONS.at(-1)!.version);
      expect(fs.existsSync(core.migration.backupFile!)).toBe(true);

      const list = await call(core, 'customers.list', { search: 'wanj' });
      expect(list.rows.map((r) => r.code)).toEqual(['CUST-0001']);
      const wanjiku = await call(core, 'customers.get', { id: list.rows[0]!.id });
      expect(wanjiku.financials).toEqual({
        invoiceCount: 0, billedMinor: 0, paidMinor: 0, outstandingMinor: 0, lastInvoiceDate: null, paymentStatus: 'good',
        creditMinor: 0, refundedMinor: 0, refundExcessMinor: 0, averageDaysToPay: null,
      });

      // The migrated customers can be billed and paid at once.
      const draft = await call(core, 'drafts.create', { draft: { customerId: wanjiku.id, issueDate: '2026-11-21', lines: [line('Hosting', 1, 100_000)] } });
      const invoice = await call(core, 'invoices.finalize', { id: draft.id, version: 1 });
      await call(core, 'payments.record', { customerId: wanjiku.id, amountMinor: 116_000, paidOn: '2026-11-21', method: 'cash' });
      expect((await call(core, 'invoices.get', { id: invoice.id })).status).toBe('paid');
      const created = await call(core, 'customers.create', { name: 'Akinyi Foods' });
      expect(created.code).toBe('CUST-0003');
    } finally {
      core.close();
    }
  });
});
