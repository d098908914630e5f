import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { migrate, MigrationError } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { call, tempDir } from '../helpers/core';

describe('migrations', () => {
  it('build the whole schema from an empty database, with the pragmas DESIGN.md asks for', () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir, log: () => undefined });
    const db = core.context.sql.db;
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['customers', 'customer_balances', 'customer_search', 'audit_log', 'changes', 'meta']));
    expect(core.migration).toEqual({ from: 0, to: MIGRATIONS.at(-1)!.version, backupFile: null });
    core.close();
  });

  it('copy the books aside before migrating, and a failed migration changes nothing', async () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir, log: () => undefined });
    await call(core, 'customers.create', { name: 'Precious Books Ltd' });
    core.close();

    const db = openDatabase(path.join(dir, 'billbook.db'));
    const broken = { version: 99, name: 'broken', up: 'ALTER TABLE customers ADD COLUMN loyalty INTEGER; SELECT no_such_function();' };
    let thrown: unknown;
    try {
      migrate(db, [...MIGRATIONS, broken], path.join(dir, 'backups'), '2026-11-21T09:00:00.000Z');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MigrationError);
    expect((thrown as MigrationError).message).toMatch(/version 99 \(broken\) failed.*Your books are unchanged/);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const columns = (db.prepare('PRAGMA table_info(customers)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('loyalty');
    db.close();

    const backupFile = (thrown as MigrationError).backupFile!;
    expect(fs.existsSync(backupFile)).toBe(true);
    const backup = openDatabase(backupFile);
    expect(backup.prepare('SELECT name FROM customers').all()).toEqual([{ name: 'Precious Books Ltd' }]);
    backup.close();

    const reopened = createCore({ dataDir: dir, log: () => undefined });
    expect((await call(reopened, 'customers.list', {})).rows.map((r) => r.name)).toEqual(['Precious Books Ltd']);
    reopened.close();
  });

  it('say how far an update went when a later step of it fails, and keep the rules on rows afterwards', async () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir, log: () => undefined });
    await call(core, 'customers.create', { name: 'Precious Books Ltd' });
    core.close();

    const db = openDatabase(path.join(dir, 'billbook.db'));
    const newest = MIGRATIONS.at(-1)!.version;
    const fine = { version: 98, name: 'fine', up: 'ALTER TABLE customers ADD COLUMN loyalty INTEGER' };
    const broken = { version: 99, name: 'broken', up: 'SELECT no_such_function();' };
    let thrown: unknown;
    try {
      migrate(db, [...MIGRATIONS, fine, broken], path.join(dir, 'backups'), '2026-11-21T09:00:00.000Z');
    } catch (error) {
      thrown = error;
    }
    expect((thrown as MigrationError).message).toMatch(/version 99 \(broken\) failed.*The earlier steps went through: your books are now at version 98; a copy of them as they were before the update is at .*billbook-v\d+-before-v99/);
    expect((thrown as MigrationError).message).not.toContain('unchanged');
    expect(db.pragma('user_version', { simple: true })).toBe(98);
    expect(newest).toBeLessThan(98);
    // Foreign keys are off only while the steps run.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuse books written by a newer Billbook instead of opening them', () => {
    const dir = tempDir();
    createCore({ dataDir: dir, log: () => undefined }).close();
    const db = openDatabase(path.join(dir, 'billbook.db'));
    db.pragma('user_version = 999');
    db.close();
    expect(() => createCore({ dataDir: dir, log: () => undefined })).toThrow(/newer Billbook \(database version 999/);
  });
});
