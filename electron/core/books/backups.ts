// The backups folder as a person sees it: copies of the books, newest first, and the newest that
// passes the check.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupView } from '../../../shared/domain/books';
import { checkBooksFile, type BooksProblem } from './check';

/** Why a backup was passed over, in a person's words (the details go to the log). */
export const PROBLEM_WORDS: Record<BooksProblem, string> = {
  damaged: 'damaged: it failed the check',
  not_a_database: 'not a database',
  cannot_open: 'could not be opened',
  unreadable: 'could not be read',
};

/** The stamp Billbook puts in its file names: an ISO time with ':' and '.' made '-'. */
const STAMP = /(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/;

function takenAt(name: string, mtime: Date): string {
  const m = STAMP.exec(name);
  if (m) {
    const iso = `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`;
    if (!Number.isNaN(Date.parse(iso))) return iso;
  }
  return mtime.toISOString();
}

/** The .db files directly in the folder (not links, not folders), newest first. */
export function listBackups(backupsDir: string): BackupView[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(backupsDir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.db'))
    .map((e) => {
      const stat = fs.statSync(path.join(backupsDir, e.name));
      return { fileName: e.name, takenAt: takenAt(e.name, stat.mtime), bytes: stat.size };
    })
    .sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.fileName.localeCompare(a.fileName));
}

export interface BackupOffer {
  offer: BackupView | null;
  /** Newer backups that failed the check, newest first. */
  skipped: { fileName: string; problem: string }[];
  /** How many backups there are in all. */
  count: number;
}

/** Checks backups from the newest until one passes; that one is offered. */
export function newestGoodBackup(backupsDir: string): BackupOffer {
  const backups = listBackups(backupsDir);
  const skipped: BackupOffer['skipped'] = [];
  for (const backup of backups) {
    const check = checkBooksFile(path.join(backupsDir, backup.fileName));
    if (check.ok) return { offer: backup, skipped, count: backups.length };
    skipped.push({ fileName: backup.fileName, problem: PROBLEM_WORDS[check.problem] });
  }
  return { offer: null, skipped, count: backups.length };
}
