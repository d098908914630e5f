import type { Migration } from '../migrate';
import { uuidKey, uuidText } from '../uuidKey';

// Smaller books (issue 17):
// - A history line's sync id and the id of what it is about (entity_id) are kept as 16 bytes
//   instead of 36 characters of text (db/uuidKey.ts), in the table and in its two indexes: the
//   100,000-invoice book has about 655,000 lines.
//   STRICT tables cannot change a column's type in place, so the table is copied. Ids, order and
//   every other column are as they were; the sync trigger notes the id as text, as before.
// - invoices_paid_by_customer: invoices_paid_by_customer_paid_on (migration 14) holds its columns,
//   sorted the same way (customer, paid-on day), less paid invoices without a paid-on day, whose
//   days are NULL and count for nothing in the dashboard's pay days, which now read that index.
// - invoices_final_by_customer_issue: a customer's first invoice (the dashboard's new customers) is
//   found through invoices_final_by_customer_month (migration 14), which holds the same invoices.
// The copy leaves the old table's pages free (about 150 MB on the 100,000-invoice book), so this
// migration asks for the file to be compacted afterwards (migrate.ts): without it an upgraded book
// would grow instead of shrinking.
export const migration0018: Migration = {
  version: 18,
  vacuumAfter: true,
  name: 'packed history ids, fewer invoice indexes',
  up: `
    CREATE TABLE audit_log_packed (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id ANY NOT NULL,
      action TEXT NOT NULL,
      summary TEXT NOT NULL,
      details TEXT NOT NULL DEFAULT '{}',
      sync_id ANY,
      actor TEXT NOT NULL DEFAULT '',
      device_name TEXT NOT NULL DEFAULT ''
    ) STRICT;
    INSERT INTO audit_log_packed (id, at, entity, entity_id, action, summary, details, sync_id, actor, device_name)
      SELECT id, at, entity, ${uuidKey('entity_id')}, action, summary, details, ${uuidKey('sync_id')}, actor, device_name FROM audit_log ORDER BY id;
    DROP TABLE audit_log;
    ALTER TABLE audit_log_packed RENAME TO audit_log;
    CREATE INDEX audit_log_by_customer ON audit_log (entity_id, id) WHERE entity = 'customer';
    CREATE UNIQUE INDEX audit_log_by_sync_id ON audit_log (sync_id);
    CREATE TRIGGER audit_log_sync_insert AFTER INSERT ON audit_log BEGIN
      INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('audit_log', ${uuidText('NEW.sync_id')}, '*') ON CONFLICT DO NOTHING;
    END;

    DROP INDEX invoices_paid_by_customer;
    DROP INDEX invoices_final_by_customer_issue;
  `,
};
