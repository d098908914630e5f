// Backups a person asks for or Billbook makes every day, beside the ones made before an update:
// one mechanism (SQLite's VACUUM INTO: a consistent copy even while the books are in use, written
// to an owner-only file and checked with quick_check), one folder, and names that say which is which.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupKind, BackupView } from '../../../shared/domain/books';
import { AppError } from '../../../shared/errors';
import { createOwnerOnlyFile, ownerOnlyDir, sqliteFiles } from '../db/files';
import { listBackups, PROBLEM_WORDS } from './backups';
import { checkBooksFile } from './check';

const stampOf = (iso: string) => iso.replace(/[:.]/g, '-');

/** What a backup's file name says it is. */
export function kindOf(fileName: string): BackupKind {
  if (/^billbook-manual-/.test(fileName)) return 'manual';
  if (/^billbook-daily-/.test(fileName)) return 'daily';
  if (/^billbook-v\d+-before-v\d+-/.test(fileName)) return 'update';
  if (/^billbook-before-restore-/.test(fileName)) return 'before_restore';
  return 'other';
}

export function backupsWithKinds(backupsDir: string): (BackupView & { kind: BackupKind })[] {
  return listBackups(backupsDir).map((b) => ({ ...b, kind: kindOf(b.fileName) }));
}

/**
 * Writes a consistent copy of the books file into the backups folder and checks it; a copy that
 * fails the check is deleted and the failure said. Reads the books on a connection of its own, so
 * it needs nothing from the one in use and changes nothing.
 */
export function copyBooks(dbFile: string, backupsDir: string, kind: 'manual' | 'daily', at: string): BackupView & { kind: BackupKind } {
  ownerOnlyDir(backupsDir);
  const base = `billbook-${kind}-${stampOf(at)}`;
  let file = path.join(backupsDir, `${base}.db`);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(backupsDir, `${base}-${n}.db`);
  createOwnerOnlyFile(file);
  const source = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    source.prepare('VACUUM INTO ?').run(file);
  } catch (error) {
    fs.rmSync(file, { force: true });
    const full = /SQLITE_FULL|disk is full|ENOSPC/i.test(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`);
    throw new AppError(
      'storage',
      full
        ? `There is not enough free disk space in ${backupsDir} for a backup. Free some space and try again; your books are unchanged.`
        : `The backup could not be written to ${backupsDir} (${(error as Error).message}). Your books are unchanged.`,
    );
  } finally {
    source.close();
  }
  const check = checkBooksFile(file);
  if (!check.ok) {
    for (const f of sqliteFiles(file)) fs.rmSync(f, { force: true });
    throw new AppError('storage', `The backup came out ${PROBLEM_WORDS[check.problem]}, so it was deleted. Your books are unchanged; try again.`);
  }
  const stat = fs.statSync(file);
  return { fileName: path.basename(file), takenAt: at, bytes: stat.size, kind };
}

/** Deletes all but the newest `keep` daily backups. Backups made by hand, before an update or before a restore stay. */
export function pruneDaily(backupsDir: string, keep: number): void {
  const daily = backupsWithKinds(backupsDir).filter((b) => b.kind === 'daily');
  for (const old of daily.slice(keep)) {
    for (const f of sqliteFiles(path.join(backupsDir, old.fileName))) fs.rmSync(f, { force: true });
  }
}

/** The business date of the newest daily backup, from its name; null when there is none. */
export function lastDailyDate(backupsDir: string, dateOf: (iso: string) => string): string | null {
  const newest = backupsWithKinds(backupsDir).find((b) => b.kind === 'daily');
  return newest ? dateOf(newest.takenAt) : null;
}

/**
 * Moves the books (closed) into the backups folder as a "before restore" backup, so a restore can
 * itself be undone from the same list. Returns the backup's name.
 */
export function keepBooksAsBackup(dbFile: string, backupsDir: string, at: string): string {
  ownerOnlyDir(backupsDir);
  const base = `billbook-before-restore-${stampOf(at)}`;
  let target = path.join(backupsDir, `${base}.db`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(backupsDir, `${base}-${n}.db`);
  for (const file of sqliteFiles(dbFile)) {
    if (fs.existsSync(file)) fs.renameSync(file, `${target}${file.slice(dbFile.length)}`);
  }
  return path.basename(target);
}
