// Putting a backup in place of damaged books. The order is what keeps it safe: the backup is
// copied beside the books first (a failure there, a full disk say, leaves everything as it was),
// then the damaged books move aside (never deleted), then the copy takes their name.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createOwnerOnlyFile, ownerOnlyDir, sqliteFiles } from '../db/files';

/** A consistent copy of the backup, written by SQLite (so a -wal beside the backup is included), owner-only. */
export function stageCopy(backupFile: string, stagingFile: string): void {
  for (const file of sqliteFiles(stagingFile)) fs.rmSync(file, { force: true });
  createOwnerOnlyFile(stagingFile);
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    source.prepare('VACUUM INTO ?').run(stagingFile);
  } catch (error) {
    fs.rmSync(stagingFile, { force: true });
    throw error;
  } finally {
    source.close();
  }
}

/**
 * Moves the books and the files SQLite keeps beside them (its WAL may hold the last changes) into
 * damagedDir under one stamped name. Returns where the books file went.
 */
export function keepAside(dbFile: string, damagedDir: string, stamp: string): string {
  ownerOnlyDir(damagedDir);
  const base = `billbook-${stamp.replace(/[:.]/g, '-')}`;
  let target = path.join(damagedDir, `${base}.db`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(damagedDir, `${base}-${n}.db`);
  for (const file of sqliteFiles(dbFile)) {
    if (fs.existsSync(file)) fs.renameSync(file, `${target}${file.slice(dbFile.length)}`);
  }
  return target;
}
