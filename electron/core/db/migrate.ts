import fs from 'node:fs';
import path from 'node:path';
import type { SqliteDatabase } from './open';

export interface Migration {
  version: number;
  name: string;
  /** SQL run in one transaction; a failure rolls the whole migration back. */
  up: string | ((db: SqliteDatabase) => void);
}

export interface MigrationOutcome {
  from: number;
  to: number;
  /** The copy made before migrating, when there was anything to lose. */
  backupFile: string | null;
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
    fs.mkdirSync(backupDir, { recursive: true });
    backupFile = path.join(backupDir, `billbook-v${from}-before-v${to}-${stamp.replace(/[:.]/g, '-')}.db`);
    try {
      if (fs.existsSync(backupFile)) fs.rmSync(backupFile);
      db.prepare('VACUUM INTO ?').run(backupFile);
    } catch (error) {
      throw new MigrationError(
        `Billbook could not save a copy of your books before updating them (${(error as Error).message}), so it did not update them. ` +
          `Free some disk space in ${backupDir} and start Billbook again.`,
        null,
      );
    }
  }

  for (const migration of pending) {
    const apply = db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new MigrationError(
        `Updating the database to version ${migration.version} (${migration.name}) failed: ${reason}. ` +
          (backupFile ? `Your books are unchanged; a copy was also saved at ${backupFile}.` : 'Your books are unchanged.'),
        backupFile,
      );
    }
  }
  return { from, to, backupFile };
}
