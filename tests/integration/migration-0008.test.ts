import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

describe('migration 8: quotes, refunds, recurring schedules, opening balances', () => {
  it('upgrades books from the release before: invoices stay invoices, lists and payments work, changes to them still go out to sync', async () => {
    const dir = tempDir();
    const before = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const buyer = await customer(before.core);
    const old = await invoice(before.core, buyer.id, { lines: [line('Cement', 10, 78_000, null)] });
    before.core.close();
    // Back to version 7: what 8 and later add goes, and the message log is version 7's again.
    rewindBooks(path.join(dir, 'billbook.db'), 7);

    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 7, to: MIGRATIONS.at(-1)!.version });
    expect(core.migration.backupFile).toMatch(/billbook-v7-before-v\d+-/);
    // The message log was written again to learn quotes and statements: its triggers and indexes came back with it.
    const schema = core.context.sql.prepare("SELECT type, name FROM sqlite_master WHERE tbl_name = 'notifications' OR (type = 'trigger' AND sql LIKE '%notifications%') ORDER BY name").all() as { type: string; name: string }[];
    expect(schema.map((r) => r.name)).toEqual(expect.arrayContaining([
      'notifications', 'notifications_by_customer', 'notifications_by_invoice', 'notifications_by_job', 'notifications_by_quote', 'notifications_sync_insert', 'notifications_sync_update',
    ]));
    expect((core.context.sql.prepare("SELECT sql FROM sqlite_master WHERE name = 'notifications'").get() as { sql: string }).sql).toContain("'quote_sent', 'statement'");
    const read = await call(core, 'invoices.get', { id: old.id });
    expect(read).toMatchObject({ kind: 'invoice', fromQuote: null, recurring: null, status: 'open', totals: { totalMinor: 780_000 } });
    expect((await call(core, 'invoices.list', {})).rows.map((r) => r.id)).toEqual([old.id]);
    // The customer's summary gains its refund figures, from nothing.
    const sql = core.context.sql;
    expect(sql.prepare('SELECT refunded_minor, refund_excess_minor FROM customer_balances WHERE customer_id = ?').get(buyer.id)).toEqual({ refunded_minor: 0, refund_excess_minor: 0 });
    // Paying the invoice moves its settlement; the new sync trigger notes the row (status is part of its life).
    sql.prepare('DELETE FROM sync_dirty').run();
    await call(core, 'payments.record', { customerId: buyer.id, amountMinor: 780_000, paidOn: '2026-11-21', method: 'cash' });
    expect((await call(core, 'invoices.get', { id: old.id })).status).toBe('paid');
  });

  it('builds from an empty database; an issued quote, a refund and a period hold their facts even against a stray update', () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'billbook.db'));
    migrate(db, MIGRATIONS, null, '2026-11-21T09:00:00.000Z');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining([
      'quotes', 'refunds', 'recurring_schedules', 'recurring_runs', 'quotes_sync_insert', 'quotes_sync_update', 'refunds_sync_update',
      'recurring_schedules_sync_update', 'recurring_runs_sync_insert', 'invoices_quote_drafts', 'quotes_content_frozen',
    ]));
    const t = '2026-11-21T09:00:00.000Z';
    db.prepare("INSERT INTO customers (id, code, name, currency, created_at, updated_at) VALUES ('c', 'CUST-0001', 'Wanjiku', 'KES', ?, ?)").run(t, t);
    db.prepare(
      `INSERT INTO quotes (id, number, customer_id, currency, issue_date, expiry_date, template, subtotal_minor, discount_minor, tax_minor, total_minor,
         tax_summary, lines, bill_to, issued_at, created_at, updated_at) VALUES ('q', 'QUO-2026-0001', 'c', 'KES', '2026-11-21', '2026-12-21', 'professional', 100, 0, 0, 100, '[]', '[]', '{}', ?, ?, ?)`,
    ).run(t, t, t);
    expect(() => db.prepare("UPDATE quotes SET total_minor = 200 WHERE id = 'q'").run()).toThrow(/never changes/);
    db.prepare("UPDATE quotes SET state = 'accepted', decided_on = '2026-11-22' WHERE id = 'q'").run();
    expect(() => db.prepare("UPDATE quotes SET state = 'declined' WHERE id = 'q'").run()).toThrow(/once/);
    db.prepare("UPDATE quotes SET invoice_id = 'i1' WHERE id = 'q'").run();
    expect(() => db.prepare("UPDATE quotes SET invoice_id = 'i2' WHERE id = 'q'").run()).toThrow(/one invoice/);
    expect(() => db.prepare("UPDATE quotes SET expiry_date = '2026-11-01' WHERE id = 'q'").run()).toThrow();

    db.prepare("INSERT INTO refunds (id, number, customer_id, currency, amount_minor, refunded_on, method, created_at, updated_at) VALUES ('r', 'REF-2026-0001', 'c', 'KES', 500, '2026-11-21', 'mpesa', ?, ?)").run(t, t);
    expect(() => db.prepare("UPDATE refunds SET amount_minor = 900 WHERE id = 'r'").run()).toThrow(/never changes/);
    db.prepare("UPDATE refunds SET status = 'reversed', reversed_at = ?, reversed_on = '2026-11-22', reversal_reason = 'Sent to the wrong number' WHERE id = 'r'").run(t);
    expect(() => db.prepare("UPDATE refunds SET status = 'completed' WHERE id = 'r'").run()).toThrow(/stays reversed/);

    db.prepare(
      `INSERT INTO recurring_schedules (id, customer_id, content, base_date, cadence, day_of_month, start_date, action, created_at, updated_at)
       VALUES ('s', 'c', '{}', '2026-12-01', 'monthly', 1, '2026-12-01', 'draft', ?, ?)`,
    ).run(t, t);
    const run = db.prepare("INSERT INTO recurring_runs (id, schedule_id, period_key, period_on, outcome, created_at, updated_at) VALUES (?, 's', '2026-12', '2026-12-01', 'skipped', ?, ?)");
    run.run('run-1', t, t);
    // One period, once: not under another id, and not changed afterwards.
    expect(() => run.run('run-2', t, t)).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE recurring_runs SET outcome = 'issued' WHERE id = 'run-1'").run()).toThrow(/once/);

    // A quote being drafted is never finalized as an invoice.
    db.prepare(
      `INSERT INTO invoices (id, customer_id, status, currency, issue_date, due_date, created_at, updated_at, kind) VALUES ('d', 'c', 'draft', 'KES', '2026-11-21', '2026-12-21', ?, ?, 'quote')`,
    ).run(t, t);
    expect(() => db.prepare("UPDATE invoices SET status = 'open', number = 'X-1' WHERE id = 'd'").run()).toThrow(/issued, not finalized/);
    // Every write above was noted for sync.
    const dirty = db.prepare('SELECT DISTINCT tbl FROM sync_dirty ORDER BY tbl').all() as { tbl: string }[];
    expect(dirty.map((d) => d.tbl)).toEqual(expect.arrayContaining(['customers', 'invoices', 'quotes', 'recurring_runs', 'recurring_schedules', 'refunds']));
    db.close();
  });
});
