import fs from 'node:fs';
import path from 'node:path';
import type { SqliteDatabase } from './open';
import { createOwnerOnlyFile, ownerOnlyDir, sqliteFiles } from './files';

/**
 * Backups made before a migration that are kept: the newest five. Each is a whole copy of the
 * books, so on a 1 GB book more would crowd the disk; five still reach back past several updates.
 */
export const MIGRATION_BACKUPS_KEPT = 5;

const MIGRATION_BACKUP = /^billbook-v\d+-before-v\d+-(.+)\.db$/;

export interface Migration {
  version: number;
  name: string;
  /** SQL run in one transaction; a failure rolls the whole migration back. */
  up: string | ((db: SqliteDatabase) => void);
  /**
   * The migration copies a large table, leaving its old pages free: compact the file once every
   * pending migration has run (see compactAfterMigrating), or the upgrade grows the books.
   * 'always': the migration shrinks rows in place, which frees space inside pages rather than whole
   * pages, so the file is compacted however few pages are free.
   */
  vacuumAfter?: boolean | 'always';
}

export interface MigrationOutcome {
  from: number;
  to: number;
  /** The copy made before migrating, when there was anything to lose. */
  backupFile: string | null;
  /** Whether the file was compacted (VACUUM) after the migrations. */
  compacted?: boolean;
}

export class MigrationError extends Error {
  constructor(message: string, readonly backupFile: string | null) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Brings the database to the newest schema. Before touching a database that already holds data it
 * writes a consistent copy beside it (VACUUM INTO), so a failed migration never costs the books.
 */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[], backupDir: string | null, stamp: string): MigrationOutcome {
  const from = db.pragma('user_version', { simple: true }) as number;
  const newest = Math.max(0, ...migrations.map((m) => m.version));
  if (from > newest) {
    throw new MigrationError(
      `These books were last opened by a newer Billbook (database version ${from}; this version knows up to ${newest}). ` +
        'Install the newer Billbook again; nothing was changed.',
      null,
    );
  }
  const pending = migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  const to = pending.at(-1)?.version ?? from;
  if (pending.length === 0) return { from, to, backupFile: null };

  let backupFile: string | null = null;
  if (from > 0 && backupDir) {
    backupFile = path.join(backupDir, `billbook-v${from}-before-v${to}-${stamp.replace(/[:.]/g, '-')}.db`);
    try {
      ownerOnlyDir(backupDir);
      if (fs.existsSync(backupFile)) fs.rmSync(backupFile);
      // VACUUM INTO fills an empty file and keeps its mode; a file it made itself would be 0644.
      createOwnerOnlyFile(backupFile);
      db.prepare('VACUUM INTO ?').run(backupFile);
    } catch (error) {
      fs.rmSync(backupFile, { force: true });
      throw new MigrationError(
        `Billbook could not save a copy of your books before updating them (${(error as Error).message}), so it did not update them. ` +
          `Free some disk space in ${backupDir} and start Billbook again.`,
        null,
      );
    }
  }

  // A migration that rebuilds a table writes every row again, and books may hold rows whose parent
  // has not arrived yet (sync writes each pulled page with foreign keys off; an allocation can come a
  // page before its payment). With foreign keys on, copying such a row fails the whole update and the
  // app could never open. SQLite's own procedure for rebuilding tables turns them off first; the
  // pragma is ignored inside a transaction, so it is set around them.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  let reached = from;
  try {
    for (const migration of pending) {
      const apply = db.transaction(() => {
        if (typeof migration.up === 'string') db.exec(migration.up);
        else migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      });
      try {
        apply();
        reached = migration.version;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // Each step commits on its own: when earlier steps of this update went through, the books
        // are not as they were, and saying so matters more than the step that failed.
        const state = reached === from ? 'Your books are unchanged' : `The earlier steps went through: your books are now at version ${reached}`;
        throw new MigrationError(
          `Updating the database to version ${migration.version} (${migration.name}) failed: ${reason}. ` +
            (backupFile ? `${state}; a copy of them as they were before the update is at ${backupFile}.` : `${state}.`),
          backupFile,
        );
      }
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys}`);
  }
  if (backupDir && backupFile) pruneMigrationBackups(backupDir);
  const compacted = from > 0 && pending.some((m) => m.vacuumAfter) && compactAfterMigrating(db, pending.some((m) => m.vacuumAfter === 'always'));
  return { from, to, backupFile, ...(compacted ? { compacted } : {}) };
}

/**
 * Free pages, as a share of the file, from which a migration that asks for it compacts the books.
 * Migration 20 copies the invoice lines and frees about 52 of a 593 MiB book at 100,000 invoices (9%).
 */
export const COMPACT_FROM_FREE_SHARE = 0.05;

/**
 * VACUUM after a migration that rewrote a large table. It cannot run inside a transaction, so it
 * runs here, after the migrations' own, while the books are opening and nothing else reads them.
 * A failure leaves the migrated books as they were (VACUUM is all or nothing), only larger, so it
 * is not a failed migration. It builds the compacted copy in a temporary file, not in memory
 * (temp_store is MEMORY for the app's connection: that would be the whole book in RAM), then
 * writes it back through the WAL, which the checkpoint empties again.
 */
function compactAfterMigrating(db: SqliteDatabase, always: boolean): boolean {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  if (pages === 0 || (!always && free < pages * COMPACT_FROM_FREE_SHARE)) return false;
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  try {
    db.pragma('temp_store = FILE');
    db.exec('VACUUM');
    return true;
  } catch {
    return false;
  } finally {
    db.pragma(`temp_store = ${tempStore}`);
    if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/** Deletes all but the newest MIGRATION_BACKUPS_KEPT backups made before migrations; other files stay. */
export function pruneMigrationBackups(backupDir: string): void {
  const made = fs
    .readdirSync(backupDir)
    .map((name) => ({ name, stamp: MIGRATION_BACKUP.exec(name)?.[1] }))
    .filter((b): b is { name: string; stamp: string } => b.stamp !== undefined)
    // The stamps are ISO times with ':' and '.' made '-': they sort as text.
    .sort((a, b) => (a.stamp === b.stamp ? b.name.localeCompare(a.name) : b.stamp.localeCompare(a.stamp)));
  for (const { name } of made.slice(MIGRATION_BACKUPS_KEPT)) {
    for (const file of sqliteFiles(path.join(backupDir, name))) fs.rmSync(file, { force: true });
  }
}
