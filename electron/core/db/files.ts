// The books hold a business's customers and money: no other user of the machine may read them.
// Folders are 0700 and files 0600, whatever the umask. Windows has no such modes; its per-user
// profile folder (where Electron puts userData) is private through ACLs, so these are no-ops there.
import fs from 'node:fs';
import path from 'node:path';

const POSIX = process.platform !== 'win32';

/** Takes group and others off an existing file or folder; never adds a bit the owner lacks. */
function ownerOnly(target: string): void {
  if (!POSIX) return;
  const mode = fs.statSync(target).mode & 0o777;
  if ((mode & 0o077) !== 0) fs.chmodSync(target, mode & 0o700);
}

/** Makes the folder (0700, parents too) or takes group and others off the one that is there. */
export function ownerOnlyDir(dir: string): void {
  if (fs.existsSync(dir)) return ownerOnly(dir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode passes through the umask; chmod does not.
  if (POSIX) fs.chmodSync(dir, 0o700);
}

/** Takes group and others off the file when it exists. */
export function ownerOnlyFileIfPresent(file: string): void {
  try {
    ownerOnly(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Creates an empty file that only the owner can read (for SQLite to fill: it gives its -wal and
 * -shm files the mode of the database file). Fails if something is already there.
 */
export function createOwnerOnlyFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
  if (POSIX) fs.chmodSync(file, 0o600);
}

/** The database file and the files SQLite keeps beside it. */
export function sqliteFiles(dbFile: string): string[] {
  return [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`];
}

/** The books file and its companions, owner-only; a new books file is created so. */
export function secureBooksFiles(dbFile: string): void {
  if (!fs.existsSync(dbFile)) createOwnerOnlyFile(dbFile);
  for (const file of sqliteFiles(dbFile)) ownerOnlyFileIfPresent(file);
}

/** Every file directly in the folder, and the folder, owner-only. */
export function secureFolder(dir: string): void {
  if (!fs.existsSync(dir)) return;
  ownerOnly(dir);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) ownerOnlyFileIfPresent(path.join(dir, entry.name));
  }
}
