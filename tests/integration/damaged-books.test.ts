import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toErrorShape } from '../../electron/core/handlers';
import { cleanCloseFile, readCleanClose } from '../../electron/core/books/check';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { call, makeCore, refused, tempDir } from '../helpers/core';
import { copyBooks, damageLeafPages, sha256, writeNotADatabase } from '../helpers/damage';

const START = '2026-11-21T09:00:00.000Z';
const QUIET = { reminderScanMs: 0, pdfWorkers: 0, jobs: { autoStart: false } } as const;
const LATEST = MIGRATIONS.at(-1)!.version;
/** Named as Billbook names the copies it makes before a migration. */
const backupName = (stamp: string) => `billbook-v${LATEST - 1}-before-v${LATEST}-${stamp}.db`;

/** Books of `count` customers, long enough names that the customers table spans many pages. Closed. */
async function booksWithCustomers(count: number) {
  const dir = tempDir();
  const { core } = makeCore(START, { dataDir: dir, ...QUIET });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push((await call(core, 'customers.create', { name: `Customer ${String(i).padStart(3, '0')} ${'x'.repeat(100)}`, email: `c${i}@example.com` })).id);
  }
  core.close();
  return { dir, ids, dbFile: path.join(dir, 'billbook.db'), backupsDir: path.join(dir, 'backups') };
}

describe('damaged books', () => {
  it('open read-only when four leaf pages of customers are damaged: writes refused with a message, the file untouched, intact reads still answer', async () => {
    const { dir, ids, dbFile, backupsDir } = await booksWithCustomers(200);
    damageLeafPages(dbFile, 'customers', 4);
    const damagedBytes = sha256(dbFile);
    const { core } = makeCore(START, { dataDir: dir, ...QUIET });

    const write = await refused(core, 'customers.create', { name: 'Late Arrival Ltd' });
    expect(write.code).toBe('storage');
    expect(write.message).toMatch(/read-only because Billbook found damage.*was not saved/);
    expect(write.message).toContain(dir);
    expect((await refused(core, 'settings.setSecret', { name: 'smtpPassword', value: 'hunter2' })).message).toMatch(/read-only/);

    const health = await call(core, 'books.health', {});
    expect(health).toMatchObject({ state: 'read_only', dataDir: dir, backupsDir, offer: null, skipped: [] });
    expect(health.message).toMatch(/found damage.*read-only/);
    expect(health.message).toContain(dir);
    expect(health.message).toContain(`There are no backups in ${backupsDir}`);

    // Rows on pages that are intact still answer; so do tables that are intact.
    expect((await call(core, 'customers.get', { id: ids[0]! })).name).toMatch(/^Customer 000/);
    expect((await call(core, 'invoices.list', {})).total).toBe(0);
    expect((await call(core, 'settings.get', {})).reminders.enabled).toBe(false);
    // A read that reaches the damage says so, instead of "Something went wrong".
    const list = await refused(core, 'customers.list', { limit: 500 });
    expect(list.code).toBe('storage');
    expect(list.message).toMatch(/part of your books is damaged.*Nothing was changed.*Restore/);

    core.close();
    expect(sha256(dbFile)).toBe(damagedBytes);
  });

  it('offer the newest backup that passes the check, skipping newer damaged ones; restoring checks it first and keeps the damaged books aside', async () => {
    const { dir, dbFile, backupsDir } = await booksWithCustomers(150);
    fs.mkdirSync(backupsDir);
    const good = backupName('2026-10-01T09-00-00-000Z');
    copyBooks(dbFile, path.join(backupsDir, good));
    const later = makeCore(START, { dataDir: dir, ...QUIET });
    await call(later.core, 'customers.create', { name: 'After The Backup Ltd' });
    later.core.close();
    const damagedBackup = backupName('2026-11-01T09-00-00-000Z');
    copyBooks(dbFile, path.join(backupsDir, damagedBackup));
    damageLeafPages(path.join(backupsDir, damagedBackup), 'customers', 4);
    const notABackup = backupName('2026-11-15T09-00-00-000Z');
    writeNotADatabase(path.join(backupsDir, notABackup));
    damageLeafPages(dbFile, 'customers', 4);
    const damagedBytes = sha256(dbFile);

    const { core } = makeCore(START, { dataDir: dir, ...QUIET });
    const health = await call(core, 'books.health', {});
    expect(health.state).toBe('read_only');
    expect(health.offer).toMatchObject({ fileName: good, takenAt: '2026-10-01T09:00:00.000Z' });
    expect(health.skipped.map((s) => s.fileName)).toEqual([notABackup, damagedBackup]);
    expect(health.message).toContain('Restore the newest backup that passed the check');

    // A damaged backup is refused before anything is moved or replaced.
    const bad = await refused(core, 'books.restore', { fileName: damagedBackup });
    expect(bad.code).toBe('storage');
    expect(bad.message).toMatch(/is damaged too.*Nothing was changed/);
    expect(sha256(dbFile)).toBe(damagedBytes);
    expect(fs.existsSync(path.join(dir, 'damaged'))).toBe(false);
    // Only a file in the backups folder can be restored.
    expect((await refused(core, 'books.restore', { fileName: '../billbook.db' })).code).toBe('invalid_input');
    expect((await refused(core, 'books.restore', { fileName: 'billbook-nowhere.db' })).code).toBe('not_found');

    const restored = await call(core, 'books.restore', { fileName: good });
    expect(restored.health.state).toBe('ok');
    expect(path.dirname(restored.keptAside)).toBe(path.join(dir, 'damaged'));
    expect(sha256(restored.keptAside)).toBe(damagedBytes);
    expect((await call(core, 'books.health', {})).state).toBe('ok');
    const rows = await call(core, 'customers.list', { limit: 500 });
    expect(rows.total).toBe(150);
    expect(rows.rows.map((r) => r.name)).not.toContain('After The Backup Ltd');
    await call(core, 'customers.create', { name: 'Back In Business Ltd' });
    expect(fs.existsSync(path.join(backupsDir, good))).toBe(true);
    if (process.platform !== 'win32') {
      expect((fs.statSync(dbFile).mode & 0o777).toString(8)).toBe('600');
      expect((fs.statSync(path.join(dir, 'damaged')).mode & 0o777).toString(8)).toBe('700');
    }
    // Books that passed their check are never replaced.
    expect((await refused(core, 'books.restore', { fileName: good })).code).toBe('conflict');
    core.close();

    const again = makeCore(START, { dataDir: dir, ...QUIET });
    expect((await call(again.core, 'books.health', {})).state).toBe('ok');
    expect((await call(again.core, 'customers.list', {})).total).toBe(151);
  });

  it('a books file that is not a database serves nothing, says so, and the newest good backup restores', async () => {
    const { dir, dbFile, backupsDir } = await booksWithCustomers(3);
    fs.mkdirSync(backupsDir);
    const good = backupName('2026-10-01T09-00-00-000Z');
    copyBooks(dbFile, path.join(backupsDir, good));
    writeNotADatabase(dbFile);

    const { core } = makeCore(START, { dataDir: dir, ...QUIET });
    const health = await call(core, 'books.health', {});
    expect(health.state).toBe('unavailable');
    expect(health.message).toMatch(/is not a Billbook database/);
    expect(health.message).toContain(dir);
    expect(health.offer?.fileName).toBe(good);
    for (const channel of ['customers.list', 'invoices.list', 'settings.get'] as const) {
      const error = await refused(core, channel, {});
      expect(error).toEqual({ code: 'storage', message: health.message });
    }
    expect(() => core.context).toThrow(/not a Billbook database/);

    const restored = await call(core, 'books.restore', { fileName: good });
    expect(fs.readFileSync(restored.keptAside, 'utf8')).toMatch(/^Quarterly plan/);
    expect((await call(core, 'customers.list', {})).total).toBe(3);
  });

  it('books closed cleanly and untouched open on a schema check; a crash, a change from outside or a week brings the full check back', async () => {
    const { dir, dbFile } = await booksWithCustomers(200);
    const note = cleanCloseFile(dbFile);
    expect(readCleanClose(dbFile)).toMatchObject({ size: fs.statSync(dbFile).size, fullCheckAt: START });

    // While the books are open there is no note: a crash leaves none, so the next open reads every page.
    const running = makeCore(START, { dataDir: dir, ...QUIET });
    expect(fs.existsSync(note)).toBe(false);
    running.core.close();
    expect(readCleanClose(dbFile)?.fullCheckAt).toBe(START);

    // Damage written by another program changes the file's time: found at once.
    damageLeafPages(dbFile, 'customers', 4);
    const outside = makeCore(START, { dataDir: dir, ...QUIET });
    expect((await call(outside.core, 'books.health', {})).state).toBe('read_only');
    outside.core.close();

    // Damage that leaves size and time alone (a failing disk) is what only the full check sees: the
    // schema check lets such books open, and a week after the last full check every page is read again.
    const stat = fs.statSync(dbFile);
    const unseen = (fullCheckAt: string) => fs.writeFileSync(note, JSON.stringify({ size: stat.size, mtimeMs: stat.mtimeMs, fullCheckAt }));
    unseen('2026-11-20T09:00:00.000Z');
    const trusted = makeCore(START, { dataDir: dir, ...QUIET });
    expect((await call(trusted.core, 'books.health', {})).state).toBe('ok');
    trusted.core.context.sql.db.close();
    unseen('2026-11-14T08:59:59.000Z');
    const weekOld = makeCore(START, { dataDir: dir, ...QUIET });
    expect((await call(weekOld.core, 'books.health', {})).state).toBe('read_only');
  });

  it('books that cannot be opened at all (billbook.db is a folder) say so instead of failing to start', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'billbook.db'));
    const { core } = makeCore(START, { dataDir: dir, ...QUIET });
    const health = await call(core, 'books.health', {});
    expect(health.state).toBe('unavailable');
    expect(health.message).toMatch(/could not open/);
    expect(health.message).toContain(dir);
    expect(health.message).toContain(`There are no backups in ${path.join(dir, 'backups')}`);
  });
});

describe('storage errors', () => {
  it('a write that meets a full disk is refused with a message and rolls back whole', async () => {
    const { core } = makeCore(START, QUIET);
    await call(core, 'customers.create', { name: 'First Ltd' });
    const db = core.context.sql.db;
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const counts = () => ({ customers: count('customers'), audit: count('audit_log'), changes: count('changes') });
    // SQLite answers a disk that is full and a file at its page limit the same way: SQLITE_FULL.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let refusal: { code: string; message: string } | null = null;
    for (let i = 0; i < 500 && !refusal; i++) {
      const before = counts();
      const envelope = await core.api['customers.create']({ name: `Filler ${i}`, notes: 'z'.repeat(4000) });
      if (!envelope.ok) {
        refusal = envelope.error;
        expect(counts()).toEqual(before);
      }
    }
    expect(refusal?.code).toBe('storage');
    expect(refusal?.message).toMatch(/disk holding your books .* is full.*Nothing was half-written.*rolled back.*Free some disk space/);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('a books file made read-only refuses writes with a message', async () => {
    const dir = tempDir();
    makeCore(START, { dataDir: dir, ...QUIET }).core.close();
    fs.chmodSync(path.join(dir, 'billbook.db'), 0o444);
    const { core } = makeCore(START, { dataDir: dir, ...QUIET });
    const error = await refused(core, 'customers.create', { name: 'Wanjiku Traders' });
    expect(error.message).toMatch(/may not write to your books.*read-only.*Nothing was changed/);
  });

  it('each SQLite failure, provoked for real, maps to what happened and what to do', async () => {
    const dir = tempDir();
    const place = { dataDir: dir, backupsDir: path.join(dir, 'backups'), readOnly: false };
    const thrown = (work: () => unknown): unknown => {
      try {
        work();
      } catch (error) {
        return error;
      }
      throw new Error('expected a failure');
    };
    const file = path.join(dir, 'scratch.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x TEXT)');
    db.prepare('INSERT INTO t VALUES (?)').run('one');

    const { dbFile: damagedFile } = await booksWithCustomers(120);
    damageLeafPages(damagedFile, 'customers', 4);
    const damaged = new Database(damagedFile, { readonly: true });
    const junk = path.join(dir, 'junk.db');
    writeNotADatabase(junk);
    const full = new Database(path.join(dir, 'full.db'));
    full.pragma('max_page_count = 3');
    full.exec('CREATE TABLE t (x TEXT)');

    const cases: [string, unknown, RegExp][] = [
      ['SQLITE_CORRUPT', thrown(() => damaged.prepare('SELECT * FROM customers').all()), /found damage in your books.*Nothing was changed.*Quit and start Billbook again/],
      ['SQLITE_FULL', thrown(() => { for (;;) full.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(1000)); }), /is full.*rolled back.*Free some disk space/],
      ['SQLITE_READONLY', thrown(() => new Database(file, { readonly: true }).prepare('INSERT INTO t VALUES (?)').run('two')), /may not write to your books.*Nothing was changed.*writable/],
      ['SQLITE_CANTOPEN', thrown(() => db.prepare('VACUUM INTO ?').run(path.join(dir, 'gone', 'copy.db'))), /could not open a file it needs.*Nothing was changed.*restart Billbook/],
      ['SQLITE_NOTADB', thrown(() => new Database(junk).pragma('user_version')), /not a Billbook database.*Nothing was changed.*backup/],
    ];
    for (const [code, error, message] of cases) {
      expect((error as { code: string }).code.startsWith(code)).toBe(true);
      const shape = toErrorShape(error, () => undefined, place);
      expect(shape.code, code).toBe('storage');
      expect(shape.message, code).toMatch(message);
      expect(shape.message, code).toContain(dir);
    }
    // Once the books are open read-only, a refused write says why, and how to get out of it.
    const readOnly = toErrorShape(cases[2]![1], () => undefined, { ...place, readOnly: true });
    expect(readOnly.message).toMatch(/read-only because Billbook found damage.*was not saved.*Restore/);
    damaged.close();
    full.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
