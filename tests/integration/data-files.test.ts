import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { call, makeCore, tempDir } from '../helpers/core';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const modes = (files: string[]) => Object.fromEntries(files.map((f) => [path.basename(f), modeOf(f).toString(8)]));
// The version before the newest: migration numbers may skip (branches take numbers ahead of merging).
const PREVIOUS = MIGRATIONS.at(-2)!.version;
const NEWEST = MIGRATIONS.at(-1)!.version;

/** Books at the previous schema version, so opening them migrates (and makes a backup). */
function previousVersionBooks(dir: string): void {
  const db = openDatabase(path.join(dir, 'billbook.db'));
  migrate(db, MIGRATIONS.filter((m) => m.version <= PREVIOUS), null, '2026-11-01T09:00:00.000Z');
  db.close();
}

// Modes are a POSIX matter; Windows keeps the data folder private through its ACLs.
describe.skipIf(process.platform === 'win32')('the data folder is the owner’s only', () => {
  let umask = 0;
  beforeEach(() => {
    // The loosest umask: the modes must not depend on it.
    umask = process.umask(0);
  });
  afterEach(() => {
    process.umask(umask);
  });

  it('creates the folder 0700 and the books, WAL and shared-memory files 0600', async () => {
    const root = tempDir();
    const dataDir = path.join(root, 'Billbook');
    try {
      const { core } = makeCore(undefined, { dataDir, reminderScanMs: 0 });
      await call(core, 'customers.create', { name: 'Wanjiku Traders' });
      const db = path.join(dataDir, 'billbook.db');
      expect(fs.existsSync(`${db}-wal`)).toBe(true);
      expect(modeOf(dataDir).toString(8)).toBe('700');
      expect(modes([db, `${db}-wal`, `${db}-shm`])).toEqual({ 'billbook.db': '600', 'billbook.db-wal': '600', 'billbook.db-shm': '600' });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('takes group and others off an existing folder, books, WAL and backups when it opens them', async () => {
    const dir = tempDir();
    const first = makeCore(undefined, { dataDir: dir, reminderScanMs: 0 });
    await call(first.core, 'customers.create', { name: 'Wanjiku Traders' });
    const db = path.join(dir, 'billbook.db');
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups, { mode: 0o755 });
    fs.copyFileSync(db, path.join(backups, 'billbook-v4-before-v5-2026-10-01T09-00-00-000Z.db'));
    for (const file of [dir, backups]) fs.chmodSync(file, 0o755);
    for (const file of [db, `${db}-wal`, `${db}-shm`, path.join(backups, 'billbook-v4-before-v5-2026-10-01T09-00-00-000Z.db')]) fs.chmodSync(file, 0o644);
    first.core.close();

    const { core } = makeCore(undefined, { dataDir: dir, reminderScanMs: 0 });
    expect((await call(core, 'customers.list', {})).total).toBe(1);
    expect(modes([dir, backups])).toEqual({ [path.basename(dir)]: '700', backups: '700' });
    expect(modes([db, `${db}-wal`, `${db}-shm`, path.join(backups, 'billbook-v4-before-v5-2026-10-01T09-00-00-000Z.db')])).toEqual({
      'billbook.db': '600', 'billbook.db-wal': '600', 'billbook.db-shm': '600', 'billbook-v4-before-v5-2026-10-01T09-00-00-000Z.db': '600',
    });
  });

  it('never gives the owner a permission they had taken away (a books file made read-only stays so)', () => {
    const dir = tempDir();
    makeCore(undefined, { dataDir: dir, reminderScanMs: 0 }).core.close();
    const db = path.join(dir, 'billbook.db');
    fs.chmodSync(db, 0o444);
    makeCore(undefined, { dataDir: dir, reminderScanMs: 0 });
    expect(modeOf(db).toString(8)).toBe('400');
  });

  it('writes the backup made before a migration 0600 in a 0700 backups folder', () => {
    const dir = tempDir();
    previousVersionBooks(dir);
    const { core } = makeCore(undefined, { dataDir: dir, reminderScanMs: 0 });
    const backupFile = core.migration.backupFile!;
    expect(fs.existsSync(backupFile)).toBe(true);
    expect(modeOf(path.dirname(backupFile)).toString(8)).toBe('700');
    expect(modeOf(backupFile).toString(8)).toBe('600');
  });
});

describe('backups made before migrations', () => {
  it('keeps the newest five, and nothing else in the folder is touched', () => {
    const dir = tempDir();
    previousVersionBooks(dir);
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups);
    const older = [1, 2, 3, 4, 5, 6].map((day) => `billbook-v${PREVIOUS - 1}-before-v${PREVIOUS}-2026-10-0${day}T09-00-00-000Z.db`);
    for (const name of older) fs.writeFileSync(path.join(backups, name), 'an old backup');
    fs.writeFileSync(path.join(backups, 'my-own-copy.db'), 'kept by hand');

    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(path.basename(core.migration.backupFile!)).toBe(`billbook-v${PREVIOUS}-before-v${NEWEST}-2026-11-21T09-00-00-000Z.db`);
    expect(fs.readdirSync(backups).sort()).toEqual([...older.slice(2), path.basename(core.migration.backupFile!), 'my-own-copy.db'].sort());
  });
});
