import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { undoMigration8 } from '../helpers/migrations';

describe('migration 7: the item catalog', () => {
  it('upgrades books from before the catalog: invoices keep their lines (typed freely), and items can be added and used', async () => {
    const dir = tempDir();
    // Books as the release before the catalog left them, with a finalized invoice.
    const before = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const buyer = await customer(before.core);
    const old = await invoice(before.core, buyer.id, { lines: [line('Cement', 10, 78_000)] });
    before.core.close();
    const db = openDatabase(path.join(dir, 'billbook.db'));
    // Take the books back to version 6: drop what 8 and 7 add, as an older Billbook never had it.
    undoMigration8(db);
    db.exec(`DROP TABLE items; DROP TABLE item_search; DROP INDEX invoice_lines_by_item; ALTER TABLE invoice_lines DROP COLUMN item_id;
      DROP TRIGGER IF EXISTS items_bump_catalog_on_insert; DROP TRIGGER IF EXISTS items_bump_catalog_on_update; DELETE FROM meta WHERE key = 'catalog_version';`);
    db.pragma('user_version = 6');
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'items'").get()).toEqual({ n: 0 });
    db.close();

    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(core.migration).toMatchObject({ from: 6, to: MIGRATIONS.at(-1)!.version });
    expect(core.migration.backupFile).toMatch(/billbook-v6-before-v\d+-/);
    const read = await call(core, 'invoices.get', { id: old.id });
    expect(read.lines).toEqual([expect.objectContaining({ description: 'Cement', itemId: null, amountMinor: 780_000 })]);
    expect((await call(core, 'items.list', {})).total).toBe(0);

    const cement = await call(core, 'items.create', { name: 'Cement', unit: 'bag', priceMinor: 78_000 });
    const draft = await call(core, 'drafts.create', {
      draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [{ ...line('Cement', 5, 78_000), itemId: cement.id }] },
    });
    expect(draft.lines[0]!.itemId).toBe(cement.id);
  });

  it('builds from an empty database with the catalog, its search and the change counter drafting reads', () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'billbook.db'));
    migrate(db, MIGRATIONS, null, '2026-11-21T09:00:00.000Z');
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['items', 'item_search', 'items_code_live', 'invoice_lines_by_item', 'items_bump_catalog_on_update']));
    const version = () => (db.prepare("SELECT value FROM meta WHERE key = 'catalog_version'").get() as { value: string }).value;
    expect(version()).toBe('0');
    db.prepare("INSERT INTO items (id, name, currency, created_at, updated_at) VALUES ('a', 'Sand', 'KES', 't', 't')").run();
    db.prepare("UPDATE items SET price_minor = 100 WHERE id = 'a'").run();
    expect(version()).toBe('2');
    // The books take a code twice (two computers offline may give one twice; the service refuses it on this one).
    db.prepare("UPDATE items SET code = 'SND' WHERE id = 'a'").run();
    db.prepare("INSERT INTO items (id, code, name, currency, created_at, updated_at) VALUES ('b', 'snd', 'Other sand', 'KES', 't', 't')").run();
    expect(db.prepare("SELECT count(*) AS n FROM items WHERE code = 'SND' COLLATE NOCASE").get()).toEqual({ n: 2 });
    db.close();
  });
});
