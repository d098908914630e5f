import type { Migration } from '../migrate';
import { CUSTOMER_WORD, historyWordKey } from '../historyWords';
import { historyIdKey, uuidText } from '../uuidKey';

// Smaller books (issue 17), the history (audit_log), about 630,000 lines on the 100,000-invoice book:
// - a line's entity and action are kept as a number (db/historyWords.ts): about 14 bytes of words a line;
// - the details nobody added ('{}', every line the app writes) are NULL: 2 bytes a line;
// - the index that finds a line by its sync id holds 8 of the id's 16 bytes (db/uuidKey.ts,
//   historyIdKey: its time and 16 random bits), and a line is then matched by its whole id. It is
//   no longer UNIQUE: the app and sync look a line up before writing one, as they always did.
// The app and sync read all of them back as the same text.
//
// And three covering indexes, of paid invoices and of completed payments, leave out the status
// their WHERE already fixes ('paid', 'completed'): SQLite reads a column that a partial index's
// WHERE sets to one value from that WHERE, so the 5 to 10 bytes of it in each of about 425,000
// entries were never needed. Not in the two paid-invoice indexes by customer, whose WHERE has more
// terms: without the status there SQLite reads the invoice rows (tests/integration/migration-0029.test.ts
// compares every analytics plan with the status and without).
//
// STRICT tables cannot change a column's type in place, so the history is copied as migrations 18
// and 22 did: ids, order and every other column as they were. The copy leaves the old table's pages
// free, so the file is compacted afterwards (migrate.ts).
export const migration0029: Migration = {
  version: 29,
  vacuumAfter: true,
  name: 'smaller history lines, covering indexes without a fixed status',
  up: `
    CREATE TABLE audit_log_coded (
      id INTEGER PRIMARY KEY,
      at ANY NOT NULL,
      entity ANY NOT NULL,
      entity_id ANY NOT NULL,
      action ANY NOT NULL,
      summary ANY NOT NULL,
      details TEXT,
      sync_id ANY,
      actor TEXT NOT NULL DEFAULT '',
      device_name TEXT NOT NULL DEFAULT ''
    ) STRICT;
    INSERT INTO audit_log_coded (id, at, entity, entity_id, action, summary, details, sync_id, actor, device_name)
      SELECT id, at, ${historyWordKey('entity')}, entity_id, ${historyWordKey('action')}, summary, nullif(details, '{}'), sync_id, actor, device_name FROM audit_log ORDER BY id;
    DROP TABLE audit_log;
    ALTER TABLE audit_log_coded RENAME TO audit_log;
    CREATE INDEX audit_log_by_customer ON audit_log (entity_id, id) WHERE entity = ${CUSTOMER_WORD};
    CREATE INDEX audit_log_by_sync_id ON audit_log (${historyIdKey('sync_id')});
    CREATE TRIGGER audit_log_sync_insert AFTER INSERT ON audit_log BEGIN
      INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('audit_log', ${uuidText('NEW.sync_id')}, '*') ON CONFLICT DO NOTHING;
    END;

    DROP INDEX payments_completed_by_date;
    DROP INDEX payments_completed_by_month;
    DROP INDEX invoices_paid_by_paid_on;
    CREATE INDEX payments_completed_by_date ON payments (paid_on, currency, amount_minor, customer_seq) WHERE status = 'completed';
    CREATE INDEX payments_completed_by_month ON payments (substr(paid_on, 1, 7), currency, amount_minor, paid_on, customer_seq) WHERE status = 'completed';
    CREATE INDEX invoices_paid_by_paid_on ON invoices (paid_on, currency, issue_date, paid_minor, deleted_at, customer_seq, due_date, total_minor) WHERE status = 'paid' AND deleted_at IS NULL;
  `,
};
