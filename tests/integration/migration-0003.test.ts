import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, line } from '../helpers/billing';

describe('migration 3: the job queue, settings and draft warnings', () => {
  it('upgrades books with drafts from the billing release: old versions read back with no warnings', async () => {
    const dir = tempDir();
    // Books made by the billing release (schema 2), with one draft saved twice.
    const db = openDatabase(path.join(dir, 'billbook.db'));
    migrate(db, MIGRATIONS.filter((m) => m.version <= 2), path.join(dir, 'backups'), '2026-11-01T09:00:00.000Z');
    db.close();
    {
      // Write a customer and a draft through schema-2 SQL only, as the old release did.
      const raw = openDatabase(path.join(dir, 'billbook.db'));
      expect(raw.prepare("SELECT count(*) AS n FROM pragma_table_info('draft_versions') WHERE name = 'warnings'").get()).toEqual({ n: 0 });
      const at = '2026-11-01T09:00:00.000Z';
      raw.prepare(`INSERT INTO customers (id, code, name, email, phone, currency, payment_terms_days, created_at, updated_at)
        VALUES ('0193e0a0-0000-7000-8000-000000000001', 'CUST-0001', 'Wanjiku Traders', 'a@w.co.ke', '+254722123456', 'KES', 30, ?, ?)`).run(at, at);
      raw.prepare("INSERT INTO customer_balances (customer_id) VALUES ('0193e0a0-0000-7000-8000-000000000001')").run();
      raw.prepare("INSERT INTO customer_search (rowid, name, email, phone, code, tax_id, state) VALUES (1, 'Wanjiku Traders', 'a@w.co.ke', '+254722123456', 'CUST-0001', '', 'live active')").run();
      raw.prepare("INSERT INTO sequences (name, next_value) VALUES ('customer_code', 2)").run();
      raw.prepare(`INSERT INTO invoices (id, customer_id, status, currency, issue_date, due_date, created_at, updated_at)
        VALUES ('0193e0a0-0000-7000-8000-0000000000a1', '0193e0a0-0000-7000-8000-000000000001', 'draft', 'KES', '2026-11-01', '2026-12-01', ?, ?)`).run(at, at);
      const content = JSON.stringify({ customerId: '0193e0a0-0000-7000-8000-000000000001', currency: 'KES', issueDate: '2026-11-01', dueDate: null, pricesIncludeTax: false, discount: null, lines: [], notes: '', terms: '', template: null });
      raw.prepare(`INSERT INTO draft_versions (invoice_id, version, saved_at, source, prompt, ai_confidence, note, total_minor, line_count, content)
        VALUES ('0193e0a0-0000-7000-8000-0000000000a1', 1, ?, 'manual', NULL, NULL, '', 0, 0, ?)`).run(at, content);
      raw.close();
    }
    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir });
    expect(core.migration.from).toBe(2);
    expect(core.migration.to).toBe(MIGRATIONS.at(-1)!.version);
    const old = await call(core, 'drafts.versions', { id: '0193e0a0-0000-7000-8000-0000000000a1' });
    expect(old).toMatchObject([{ version: 1, source: 'manual', warnings: [] }]);
    const buyer = await customer(core);
    const draft = await call(core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Hosting', 1, 100_000)] } });
    const versions = await call(core, 'drafts.versions', { id: draft.id });
    expect(versions[0]!.warnings).toEqual([]);
    const settings = await call(core, 'settings.get', {});
    expect(settings.ai.requestsPerMinute).toBe(10);
    expect(settings.analytics.thresholds.collectionRatePct).toEqual({ warning: 85, critical: 75 });
    expect((await call(core, 'jobs.list', {})).jobs).toEqual([]);
  });

  it('keeps settings a person saved, refuses bad ones with the field named, and never stores a secret in SQLite', async () => {
    const { core } = makeCore();
    await call(core, 'settings.update', { ai: { model: 'gemini-2.5-pro', requestsPerMinute: 60 } });
    const bad = await core.api['settings.update']({ analytics: { thresholds: { collectionRatePct: { warning: 70, critical: 90 } } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/critical level must be at or below the warning level/);
    await call(core, 'settings.setSecret', { name: 'geminiApiKey', value: 'AIza-secret-key-123456' });
    const view = await call(core, 'settings.get', {});
    expect(view.ai).toMatchObject({ model: 'gemini-2.5-pro', requestsPerMinute: 60, enabled: true });
    expect(view.geminiKeySet).toBe(true);
    const dump = JSON.stringify(core.context.sql.prepare('SELECT * FROM settings').all()) + JSON.stringify(core.context.sql.prepare('SELECT unpacked(args, args_packed) AS args FROM changes').all());
    expect(dump).toContain('gemini-2.5-pro');
    expect(dump).not.toContain('AIza-secret-key-123456');
  });
});
