// What the books' check found, in words, with the way back: the newest backup that passes.
import type { BooksHealth } from '../../../shared/domain/books';
import { newestGoodBackup } from './backups';
import type { BooksFiles, OpenedBooks } from './open';

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

function whatHappened(opened: Exclude<OpenedBooks, { state: 'ok' }>, dataDir: string): string {
  const books = `your books (billbook.db in ${dataDir})`;
  if (opened.state === 'read_only') {
    return `Billbook checked ${books} as it opened them and found damage, so it opened them read-only: you can look things up, but nothing can be changed.`;
  }
  switch (opened.problem) {
    case 'not_a_database':
      return `The file billbook.db in ${dataDir} is not a Billbook database (another program may have written over it), so Billbook cannot show your books. Nothing was changed.`;
    case 'cannot_open':
      return `Billbook could not open billbook.db in ${dataDir}: it may be a folder, locked by another program, or not yours. Nothing was changed.`;
    case 'damaged':
      return `Billbook checked ${books} as it opened them and found them too damaged to read. Nothing was changed.`;
    case 'other_version':
      return `Billbook checked ${books} as it opened them and found damage; they are also from another Billbook version (${opened.detail}), so it cannot show them. Nothing was changed.`;
    case 'unreadable':
      return `Billbook could not read ${books} (${opened.detail}). Nothing was changed.`;
  }
}

/** The books' state for `books.health`; when they are not fine, backups are checked (newest first) to find one to offer. */
export function describeHealth(files: BooksFiles, opened: OpenedBooks): BooksHealth {
  const { dataDir, backupsDir, damagedDir } = files;
  if (opened.state === 'ok') return { state: 'ok', message: null, dataDir, backupsDir, damagedDir, offer: null, skipped: [] };
  const { offer, skipped, count } = newestGoodBackup(backupsDir);
  const rescue = `Copy the folder ${dataDir} somewhere safe before anything else, then get help recovering it (SQLite's .recover command often saves what is still readable).`;
  const next = offer
    ? `Restore the newest backup that passed the check, ${offer.fileName} from ${when(offer.takenAt)}: the damaged books are moved aside to ${damagedDir}, not deleted. Backups are in ${backupsDir}.`
    : count > 0
      ? `No backup in ${backupsDir} passed the check. ${rescue}`
      : `There are no backups in ${backupsDir}. ${rescue}`;
  return { state: opened.state, message: `${whatHappened(opened, dataDir)} ${next}`, dataDir, backupsDir, damagedDir, offer, skipped };
}
