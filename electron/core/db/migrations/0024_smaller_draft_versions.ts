import type { Migration } from '../migrate';
import { uuidKey, uuidText } from '../uuidKey';

// Smaller books (issue 17): a saved draft version names its draft (invoice_id) and itself (sync_id)
// by 16 bytes instead of 36 characters of text (db/uuidKey.ts), in the table and in both of its
// unique indexes. There is about one version per invoice (every invoice was a draft once): about
// 100,000 on the 100,000-invoice book, each with those two ids four times over.
//
// STRICT tables cannot change a column's type in place, so the table is copied; rows, their order
// (id), versions and every other column are as they were, and the app and sync read the ids back as
// the same text. The foreign key to invoices(id) cannot hold for a 16-byte key and goes: versions
// are only written for a draft the app holds, or by sync, which writes with foreign keys off anyway
// (a version may arrive before its draft). The sync trigger notes the id as text, as before.
//
// And payments_by_mpesa_code keeps only the code: it was made covering (code, created_at, id) for
// sync's "which payment with this code came first", but a code has one payment, two at most, so
// reading their rows costs nothing, and created_at and the 36-character id were most of each entry.
//
// The copy leaves the old table's pages free, so the file is compacted afterwards (migrate.ts).
export const migration0024: Migration = {
  version: 24,
  vacuumAfter: true,
  name: 'smaller draft version ids, a smaller M-Pesa code index',
  up: `
    CREATE TABLE draft_versions_packed (
      id INTEGER PRIMARY KEY,
      invoice_id ANY NOT NULL,
      version INTEGER NOT NULL,
      saved_at TEXT NOT NULL,
      source TEXT NOT NULL,
      prompt TEXT,
      ai_confidence REAL,
      note TEXT NOT NULL DEFAULT '',
      total_minor INTEGER NOT NULL,
      line_count INTEGER NOT NULL,
      content TEXT NOT NULL,
      warnings TEXT NOT NULL DEFAULT '[]',
      sync_id ANY,
      author TEXT NOT NULL DEFAULT '',
      content_packed BLOB,
      UNIQUE (invoice_id, version)
    ) STRICT;
    INSERT INTO draft_versions_packed (id, invoice_id, version, saved_at, source, prompt, ai_confidence, note, total_minor, line_count, content, warnings, sync_id, author, content_packed)
      SELECT id, ${uuidKey('invoice_id')}, version, saved_at, source, prompt, ai_confidence, note, total_minor, line_count, content, warnings, ${uuidKey('sync_id')}, author, content_packed
      FROM draft_versions ORDER BY id;
    DROP TABLE draft_versions;
    ALTER TABLE draft_versions_packed RENAME TO draft_versions;
    CREATE UNIQUE INDEX draft_versions_by_sync_id ON draft_versions (sync_id);
    CREATE TRIGGER draft_versions_sync_insert AFTER INSERT ON draft_versions BEGIN
      INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('draft_versions', ${uuidText('NEW.sync_id')}, '*') ON CONFLICT DO NOTHING;
    END;

    DROP INDEX payments_by_mpesa_code;
    CREATE INDEX payments_by_mpesa_code ON payments (reference) WHERE method = 'mpesa' AND status = 'completed';
  `,
};
