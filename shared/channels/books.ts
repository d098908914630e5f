import { z } from 'zod';
import type { BackupRestoreResult, BackupView, BackupKind, BackupsView, BooksHealth, BooksRestoreResult } from '../domain/books';
import { output } from './output';

/** A file name directly inside the backups folder: no folders, no way out of it. */
export const backupFileNameSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.db$/, 'Pick one of the backup files (ending in .db) in the backups folder');

export const booksChannels = {
  /** Whether the books passed their check when they opened; when not, why, and the newest backup that passes. */
  'books.health': { input: z.object({}).default({}), output: output<BooksHealth>() },
  /**
   * Replaces damaged books with a copy of a backup from the backups folder, after checking the
   * backup. The damaged books are moved aside, never deleted. Refused when the books are fine.
   */
  'books.restore': { input: z.object({ fileName: backupFileNameSchema }), output: output<BooksRestoreResult>() },
  /** Every backup in the backups folder, newest first, with why it was made, and where the folder is. */
  'backups.list': { input: z.object({}).default({}), output: output<BackupsView>() },
  /** A backup now: a consistent copy of the books, checked before it is kept. */
  'backups.create': { input: z.object({}).default({}), output: output<BackupView & { kind: BackupKind }>() },
  /**
   * Replaces the books with a backup, at any time: the backup is checked first, and the books it
   * replaces are kept in the backups folder ("Books replaced by a restore"), so a restore can be undone.
   */
  'backups.restore': { input: z.object({ fileName: backupFileNameSchema }), output: output<BackupRestoreResult>() },
} as const;
