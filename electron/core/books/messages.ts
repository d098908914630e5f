// What a person reads when the disk or the books file refuses: what happened, whether anything
// changed, and what to do. Every message names the folder, since that is where they must look.

/** Where the books are, and whether they are open read-only (damage found when they opened). */
export interface StoragePlace {
  dataDir: string;
  backupsDir: string;
  readOnly: boolean;
}

const STORAGE_CODES = ['SQLITE_CORRUPT', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_NOTADB', 'SQLITE_IOERR'] as const;
export type StorageCode = (typeof STORAGE_CODES)[number];

/** The primary SQLite result code of a better-sqlite3 error (its extended code names it: SQLITE_CORRUPT_INDEX). */
export function storageCodeOf(error: unknown): StorageCode | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  return STORAGE_CODES.find((c) => code === c || code.startsWith(`${c}_`)) ?? null;
}

/** The message for a storage failure in the middle of work; null for anything else. */
export function storageMessage(error: unknown, place: StoragePlace): string | null {
  const code = storageCodeOf(error);
  const { dataDir, backupsDir } = place;
  switch (code) {
    case 'SQLITE_CORRUPT':
      return place.readOnly
        ? `This part of your books is damaged, so Billbook cannot show it. Nothing was changed. Restore a backup with the notice at the top of the window (backups are in ${backupsDir}).`
        : `Billbook found damage in your books (billbook.db in ${dataDir}) while reading them, so this could not be done. Nothing was changed. ` +
            `Quit and start Billbook again: it checks the books as it opens them and offers the newest good backup from ${backupsDir}.`;
    case 'SQLITE_FULL':
      return `The disk holding your books (${dataDir}) is full, so this change was not saved. Nothing was half-written: the whole change was rolled back. Free some disk space, then try again.`;
    case 'SQLITE_READONLY':
      return place.readOnly
        ? `Your books are open read-only because Billbook found damage in them, so this was not saved. ` +
            `Restore a backup with the notice at the top of the window (backups are in ${backupsDir}), then try again. Your books are in ${dataDir}.`
        : `Billbook may not write to your books (billbook.db in ${dataDir}): the file, its folder or the disk is read-only. Nothing was changed. ` +
            'Make that folder and file writable for your user (or move the folder off a read-only disk), then restart Billbook.';
    case 'SQLITE_CANTOPEN':
      return `Billbook could not open a file it needs in ${dataDir}: the folder may have been moved, renamed or deleted, or its drive disconnected. Nothing was changed. ` +
        'Check that the folder is there and yours, then restart Billbook.';
    case 'SQLITE_NOTADB':
      return `The file billbook.db in ${dataDir} is not a Billbook database any more: another program may have written over it. Nothing was changed. ` +
        `Quit and start Billbook again: it offers the newest good backup from ${backupsDir}.`;
    case 'SQLITE_IOERR':
      return `Billbook could not read or write the disk holding your books (${dataDir}). Nothing was changed. ` +
        'Check that the disk is still connected and working, then try again; if it keeps happening, copy that folder somewhere safe.';
    default:
      return null;
  }
}
