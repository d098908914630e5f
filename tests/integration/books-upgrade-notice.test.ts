import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LARGE_BOOKS_BYTES, upgradeAhead, upgradeNeedsWindow, upgradeNotice, upgradeNoticePage } from '../../electron/core/books/upgrade';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open';
import { customer } from '../helpers/billing';
import { makeCore, tempDir } from '../helpers/core';
import { rewindBooks } from '../helpers/olderBooks';

const NEWEST = Math.max(...MIGRATIONS.map((m) => m.version));

describe('the notice shown while opening updates books from an older Billbook', () => {
  it('is due for books at an older schema, and no longer once they have opened', async () => {
    const dir = tempDir();
    const { core } = makeCore('2026-10-15T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    await customer(core, { name: 'Kamau Hardware' });
    core.close();
    const dbFile = path.join(dir, 'billbook.db');
    // Current books: nothing to say.
    expect(upgradeAhead(dir)).toBeNull();

    rewindBooks(dbFile, NEWEST - 2);
    const before = fs.statSync(dbFile);
    const upgrade = upgradeAhead(dir);
    expect(upgrade).toEqual({ from: NEWEST - 2, to: NEWEST, bytes: before.size });
    // Looking is not touching: the file is as it was (the clean-close note stays true).
    expect(fs.statSync(dbFile).mtimeMs).toBe(before.mtimeMs);
    expect(fs.statSync(dbFile).size).toBe(before.size);

    // Opening does the update; after it there is nothing to announce.
    const reopened = makeCore('2026-10-15T10:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(reopened.core.migration).toMatchObject({ from: NEWEST - 2, to: NEWEST });
    reopened.core.close();
    expect(upgradeAhead(dir)).toBeNull();
  });

  it('is due, once, for current books that synced and are not yet settled under the new rule', async () => {
    const dir = tempDir();
    const { core } = makeCore('2026-10-15T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    const buyer = await customer(core, { name: 'Kamau Hardware' });
    core.close();
    const dbFile = path.join(dir, 'billbook.db');
    const rewind = (synced: boolean) => {
      const db = openDatabase(dbFile);
      if (synced) db.prepare("INSERT OR IGNORE INTO sync_stamps (tbl, row_id, stamps) VALUES ('customers', ?, '{}')").run(buyer.id);
      db.prepare("DELETE FROM meta WHERE key = 'ledger.settlement_rule'").run();
      db.close();
    };
    // Never synced: opening only notes the rule, so there is nothing to announce.
    rewind(false);
    expect(upgradeAhead(dir)).toBeNull();
    rewind(true);
    const upgrade = upgradeAhead(dir);
    expect(upgrade).toEqual({ from: NEWEST, to: NEWEST, bytes: fs.statSync(dbFile).size, settlesAgain: true });
    const notice = upgradeNotice(upgrade!);
    expect(notice.heading).toBe('Updating your books');
    expect(notice.message).toContain('checked once');
    expect(notice.message).not.toContain('copy of the books');
    expect(upgradeNotice({ ...upgrade!, bytes: 650 * 1024 * 1024 }).message).toContain('At 650 MB, that takes a few seconds');
    // Opening settles them; after it there is nothing to announce.
    const reopened = makeCore('2026-10-15T10:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    reopened.core.close();
    expect(upgradeAhead(dir)).toBeNull();
  });

  it('says nothing for new books, books from a newer Billbook, or a file that is not books (opening reports those)', () => {
    const empty = tempDir();
    expect(upgradeAhead(empty)).toBeNull();

    const newer = tempDir();
    const db = openDatabase(path.join(newer, 'billbook.db'));
    db.pragma(`user_version = ${NEWEST + 1}`);
    db.close();
    expect(upgradeAhead(newer)).toBeNull();

    const notBooks = tempDir();
    fs.writeFileSync(path.join(notBooks, 'billbook.db'), 'a spreadsheet saved under the wrong name');
    expect(upgradeAhead(notBooks)).toBeNull();
  });

  it('tells a person what is happening, how long it takes and that a copy is kept, in a page with a heading and a labelled progress bar', () => {
    const small = upgradeNotice({ from: 16, to: 19, bytes: 2_000_000 });
    expect(small.heading).toBe('Updating your books');
    expect(small.message).toContain('version 16 to 19');
    expect(small.message).toContain('a few seconds');
    expect(small.message).toContain('copy of the books');
    const large = upgradeNotice({ from: 16, to: 19, bytes: 650 * 1024 * 1024 });
    expect(large.message).toContain('large (650 MB)');
    expect(large.message).toContain('a minute or two');
    expect(upgradeNotice({ from: 16, to: 19, bytes: LARGE_BOOKS_BYTES - 1 }).message).not.toContain('large');
    // A book of a few megabytes updates in well under a second: no window flashes up for it.
    expect(upgradeNeedsWindow({ from: 16, to: 19, bytes: 2_000_000 })).toBe(false);
    expect(upgradeNeedsWindow({ from: 16, to: 19, bytes: 650 * 1024 * 1024 })).toBe(true);

    const page = upgradeNoticePage({ from: 16, to: 19, bytes: 650 * 1024 * 1024 });
    expect(page).toContain('<h1>Updating your books</h1>');
    expect(page).toMatch(/role="progressbar" aria-label="Updating your books"/);
    // Self-contained: no script or outside file can load in it.
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/<script|src=|href=/);
  });
});
