// Opening the books: owner-only files, the check, then read-write (migrated) when they pass, or
// read-only when damaged, or not at all when they cannot be read.
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, NEWEST_SCHEMA } from '../db/migrations';
import { migrate, type MigrationOutcome } from '../db/migrate';
import { openDatabase, type SqliteDatabase } from '../db/open';
import { ownerOnlyFileIfPresent, secureBooksFiles, secureFolder, sqliteFiles } from '../db/files';
import { checkBooksFile, closedCleanAndUntouched, forgetCleanClose, problemOf, type BooksProblem } from './check';

export interface BooksFiles {
  dataDir: string;
  dbFile: string;
  backupsDir: string;
  /** Where damaged books go when a backup replaces them. */
  damagedDir: string;
}

export function booksFiles(dataDir: string): BooksFiles {
  return {
    dataDir,
    dbFile: path.join(dataDir, 'billbook.db'),
    backupsDir: path.join(dataDir, 'backups'),
    damagedDir: path.join(dataDir, 'damaged'),
  };
}

export type OpenedBooks =
  | { state: 'ok'; db: SqliteDatabase; migration: MigrationOutcome; /** When every page was last checked (for the note left at a clean close). */ fullCheckAt: string }
  | { state: 'read_only'; db: SqliteDatabase; migration: MigrationOutcome; detail: string }
  | { state: 'unavailable'; problem: BooksProblem | 'other_version'; detail: string };

/**
 * Never throws for a file that is damaged or cannot be opened (the app starts and says so);
 * a failed migration still throws MigrationError, as it leaves the books unchanged.
 */
export function openBooks(files: BooksFiles, stamp: string, log: (message: string, error?: unknown) => void): OpenedBooks {
  const { dbFile, backupsDir } = files;
  const isNew = !fs.existsSync(dbFile);
  try {
    secureBooksFiles(dbFile);
    secureFolder(backupsDir);
  } catch (error) {
    // Opening the books says more about a file that is not ours than chmod does.
    log('Could not make the books readable by their owner only', error);
  }
  // New books have nothing to check; everything else is checked before anything is written to it.
  // Reading every page costs about a second a gigabyte, so books Billbook closed cleanly and nothing
  // touched since get only their schema checked (check.ts closedCleanAndUntouched); a crash, a
  // change from outside or a week since the last full check brings the full check back.
  const clean = isNew ? null : closedCleanAndUntouched(dbFile, stamp);
  const check = isNew ? ({ ok: true } as const) : checkBooksFile(dbFile, clean ? { only: 'sqlite_schema' } : {});
  const fullCheckAt = clean ? clean.fullCheckAt : stamp;
  if (!check.ok && check.problem !== 'damaged') return { state: 'unavailable', problem: check.problem, detail: check.detail };
  if (!check.ok) return openReadOnly(dbFile, check.detail);

  let db: SqliteDatabase;
  try {
    db = openDatabase(dbFile);
  } catch (error) {
    return { state: 'unavailable', problem: problemOf(error), detail: (error as Error).message };
  }
  // SQLite gives new -wal and -shm files the books' mode; ones left by an older Billbook are fixed here.
  for (const file of sqliteFiles(dbFile).slice(1)) ownerOnlyFileIfPresent(file);
  // Open from here on: a crash before the next clean close leaves no note, so the next open checks fully.
  forgetCleanClose(dbFile);
  try {
    return { state: 'ok', db, migration: migrate(db, MIGRATIONS, backupsDir, stamp), fullCheckAt };
  } catch (error) {
    db.close();
    throw error;
  }
}

function openReadOnly(dbFile: string, findings: string): OpenedBooks {
  let db: SqliteDatabase | null = null;
  try {
    db = openDatabase(dbFile, { readOnly: true });
    // Damaged books cannot be migrated, and this version's queries need this version's tables.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== NEWEST_SCHEMA) {
      db.close();
      return { state: 'unavailable', problem: 'other_version', detail: `database version ${version}; this Billbook reads version ${NEWEST_SCHEMA}` };
    }
    return { state: 'read_only', db, migration: { from: version, to: version, backupFile: null }, detail: findings };
  } catch (error) {
    db?.close();
    return { state: 'unavailable', problem: problemOf(error), detail: (error as Error).message };
  }
}
