// Whether the books passed their check when they opened, and the way back when they did not.

/**
 * ok: read and write as usual. read_only: the check found damage; what is still readable is shown,
 * nothing can be changed. unavailable: the file cannot be read at all (not a database, cannot be opened).
 */
export const BOOKS_STATES = ['ok', 'read_only', 'unavailable'] as const;
export type BooksState = (typeof BOOKS_STATES)[number];

export interface BackupView {
  /** The file's name inside the backups folder: what `books.restore` takes. */
  fileName: string;
  /** When it was made (from its name, else the file's time), ISO-8601 UTC. */
  takenAt: string;
  bytes: number;
}

export interface BooksHealth {
  state: BooksState;
  /** What happened and what to do; null when the books are fine. */
  message: string | null;
  dataDir: string;
  backupsDir: string;
  /** Where damaged books are moved when a backup replaces them. */
  damagedDir: string;
  /** The newest backup that passed the check, offered for restoring; null when the books are fine or none did. */
  offer: BackupView | null;
  /** Backups newer than the offer that failed the check, newest first, with why. */
  skipped: { fileName: string; problem: string }[];
}

export interface BooksRestoreResult {
  restored: BackupView;
  /** Where the damaged books were moved to (never deleted). */
  keptAside: string;
  health: BooksHealth;
}
