// Migration 6 (sync) on books made by the release before it: versions and history get ids that
// will be the same on every computer, allocations keep what they settle, and what was written
// before syncs like what is written after.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { uuidText } from '../../electron/core/db/uuidKey';
import { call, makeCore, tempDir } from '../helpers/core';

describe('migration 6: sync', () => {
  it('upgrades books from before sync: ids for versions and history, allocations settling what they did, a second M-Pesa code kept', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'billbook.db'));
    migrate(db, MIGRATIONS.filter((m) => m.version <= 5), path.join(dir, 'backups'), '2026-11-01T09:00:00.000Z');
    const t = '2026-11-01T09:00:00.000Z';
    db.exec(`
      INSERT INTO customers (id, code, name, created_at, updated_at) VALUES ('c1', 'CUST-0001', 'Old Customer', '${t}', '${t}');
      INSERT INTO customer_balances (customer_id) VALUES ('c1');
      INSERT INTO invoices (id, customer_id, number, status, currency, issue_date, due_date, total_minor, balance_minor, paid_minor, created_at, updated_at)
        VALUES ('i1', 'c1', 'INV-2026-0001', 'open', 'KES', '2026-11-01', '2026-12-01', 100000, 60000, 40000, '${t}', '${t}');
      INSERT INTO draft_versions (invoice_id, version, saved_at, source, note, total_minor, line_count, content) VALUES ('i1', 1, '${t}', 'manual', '', 100000, 0, '{}');
      INSERT INTO payments (id, number, customer_id, amount_minor, currency, paid_on, method, reference, allocated_minor, created_at, updated_at)
        VALUES ('p1', 'PAY-2026-0001', 'c1', 40000, 'KES', '2026-11-01', 'mpesa', 'QK1234ABCD', 40000, '${t}', '${t}');
      INSERT INTO payment_allocations (id, payment_id, invoice_id, amount_minor, allocated_on, created_at) VALUES ('a1', 'p1', 'i1', 40000, '2026-11-01', '${t}');
      INSERT INTO payment_allocations (id, payment_id, invoice_id, amount_minor, allocated_on, created_at, reversed_at, reversed_on) VALUES ('a2', 'p1', 'i1', 5000, '2026-11-01', '${t}', '${t}', '2026-11-01');
      INSERT INTO audit_log (at, entity, entity_id, action, summary) VALUES ('${t}', 'customer', 'c1', 'created', 'Customer created as CUST-0001');
    `);
    db.close();

    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration.from).toBe(5);
    const sql = core.context.sql;
    const version = sql.prepare(`SELECT ${uuidText('sync_id')} AS sync_id FROM draft_versions`).get() as { sync_id: string };
    expect(version.sync_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((sql.prepare('SELECT count(*) AS n FROM audit_log WHERE sync_id IS NULL').get() as { n: number }).n).toBe(0);
    expect(sql.prepare('SELECT id, applied_minor FROM payment_allocations ORDER BY id').all()).toEqual([{ id: 'a1', applied_minor: 40000 }, { id: 'a2', applied_minor: 0 }]);
    // Settlement worked out again reads the same as what was stored.
    expect(sql.prepare("SELECT balance_minor FROM invoices WHERE id = 'i1'").get()).toEqual({ balance_minor: 60000 });
    // A second payment with the same M-Pesa code (another computer's, arriving by sync) is no longer refused by the books.
    sql.prepare("INSERT INTO payments (id, number, customer_id, amount_minor, currency, paid_on, method, reference, created_at, updated_at) VALUES ('p2', 'PAY-2026-B-0001', 'c1', 40000, 'KES', '2026-11-01', 'mpesa', 'QK1234ABCD', '2026-11-02', '2026-11-02')").run();
    // The triggers note what is written from here on, for the outbox.
    const made = await call(core, 'customers.create', { name: 'New Customer' });
    const change = sql.prepare("SELECT rows FROM changes WHERE entity_id = ?").get(made.id) as { rows: string };
    expect(JSON.parse(change.rows)).toEqual(expect.arrayContaining([['customers', made.id]]));
    expect((sql.prepare('SELECT count(*) AS n FROM sync_dirty').get() as { n: number }).n).toBe(0);
  });
});
