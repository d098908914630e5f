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

/** Why a backup was made: by hand, by the daily schedule, before an update, or the books a restore replaced. */
export const BACKUP_KINDS = ['manual', 'daily', 'update', 'before_restore', 'other'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  manual: 'Made by hand', daily: 'Daily', update: 'Before an update', before_restore: 'Books replaced by a restore', other: 'Other',
};

export interface BackupsView {
  /** The folder backups are kept in. */
  backupsDir: string;
  backups: (BackupView & { kind: BackupKind })[];
  /** Whether the books can be backed up or replaced now (not while they are damaged or unreadable: use the notice). */
  booksState: BooksState;
}

export interface BackupRestoreResult {
  restored: BackupView;
  /** The books the backup replaced, kept in the backups folder under this name. */
  keptAs: string;
}
