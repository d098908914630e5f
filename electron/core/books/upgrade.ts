// Whether opening the books will update them to a newer schema, and what a person is told while it
// runs. Opening migrates and then compacts (db/migrate.ts); on a 100,000-invoice book that is several
// seconds, which the app must not spend showing nothing.
import fs from 'node:fs';
import { NEWEST_SCHEMA } from '../db/migrations';
import { openDatabase, type SqliteDatabase } from '../db/open';
import { booksFiles } from './open';
import { settlesAgainOnOpen } from '../ledger/settleAgain';

export interface BooksUpgrade {
  /** The schema the books are at, and the one this Billbook brings them to. */
  from: number;
  to: number;
  /** The books file's size, for the words ("large books take up to a minute"). */
  bytes: number;
  /**
   * Set when the schema is current and only the payments are settled again, once, on books that
   * sync (ledger/settleAgain.ts): seconds on a large book, with no copy made first.
   */
  settlesAgain?: true;
}

/**
 * The update opening these books will do, or null when there is none: no books yet (a new book is
 * made in a moment), books already current, or books this Billbook cannot migrate (newer, damaged,
 * not a database), which opening reports in its own words. Reads only; never throws.
 */
export function upgradeAhead(dataDir: string): BooksUpgrade | null {
  const { dbFile } = booksFiles(dataDir);
  let db: SqliteDatabase | null = null;
  try {
    if (!fs.existsSync(dbFile)) return null;
    const bytes = fs.statSync(dbFile).size;
    db = openDatabase(dbFile, { readOnly: true });
    const from = db.pragma('user_version', { simple: true });
    if (typeof from !== 'number' || from <= 0 || from > NEWEST_SCHEMA) return null;
    if (from < NEWEST_SCHEMA) return { from, to: NEWEST_SCHEMA, bytes };
    return settlesAgainOnOpen(db) ? { from, to: from, bytes, settlesAgain: true } : null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * Below this size the update takes well under a second (schema changes, a few thousand rows), and a
 * window that flashes up and away would only puzzle; the app opens as usual.
 */
export const UPGRADE_WINDOW_FROM_BYTES = 16 * 1024 * 1024;

export const upgradeNeedsWindow = (upgrade: BooksUpgrade) => upgrade.bytes >= UPGRADE_WINDOW_FROM_BYTES;

/** From this size the notice says the wait can be long; below it, the update takes a few seconds at most. */
export const LARGE_BOOKS_BYTES = 100 * 1024 * 1024;

export interface UpgradeNotice {
  title: string;
  heading: string;
  message: string;
}

export function upgradeNotice(upgrade: BooksUpgrade): UpgradeNotice {
  if (upgrade.settlesAgain) {
    const large = upgrade.bytes >= LARGE_BOOKS_BYTES ? `At ${Math.round(upgrade.bytes / (1024 * 1024))} MB, that takes a few seconds. ` : '';
    return {
      title: 'Billbook — updating your books',
      heading: 'Updating your books',
      message:
        'This version of Billbook works out what each payment settled so that every computer of your organisation agrees, ' +
        'even when two of them applied the same credit while offline. Your books are checked once, now. ' +
        large +
        'Please keep Billbook open; it starts by itself when this is done.',
    };
  }
  const size = upgrade.bytes >= LARGE_BOOKS_BYTES ? `Your books are large (${Math.round(upgrade.bytes / (1024 * 1024))} MB), so this can take a minute or two. ` : 'This takes a few seconds. ';
  return {
    title: 'Billbook — updating your books',
    heading: 'Updating your books',
    message:
      `This version of Billbook keeps your books in a newer format (version ${upgrade.from} to ${upgrade.to}). ` +
      size +
      'A copy of the books as they were is saved first, in the backups folder. Please keep Billbook open; it starts by itself when the update is done.',
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained page (no scripts, no outside files) for the small window shown during the update. */
export function upgradeNoticePage(upgrade: BooksUpgrade): string {
  const notice = upgradeNotice(upgrade);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(notice.title)}</title>
<style>
  body { font: 14px/1.5 system-ui, sans-serif; margin: 0; padding: 24px 28px; color: #1f2933; background: #fff; }
  h1 { font-size: 18px; margin: 0 0 8px; }
  p { margin: 0 0 16px; }
  .bar { height: 6px; border-radius: 3px; background: #e4e7eb; overflow: hidden; }
  .bar span { display: block; width: 35%; height: 100%; border-radius: 3px; background: #2563eb; animation: move 1.6s ease-in-out infinite; }
  @keyframes move { from { transform: translateX(-100%); } to { transform: translateX(290%); } }
  @media (prefers-reduced-motion: reduce) { .bar span { animation: none; width: 100%; opacity: .5; } }
</style></head>
<body><main>
<h1>${escapeHtml(notice.heading)}</h1>
<p>${escapeHtml(notice.message)}</p>
<div class="bar" role="progressbar" aria-label="Updating your books" aria-busy="true"><span></span></div>
</main></body></html>`;
}
