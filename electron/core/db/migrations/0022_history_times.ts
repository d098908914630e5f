import type { Migration } from '../migrate';
import { instantKey } from '../instant';
import { uuidText } from '../uuidKey';

// Smaller books (issue 17), the history (audit_log), about 655,000 lines on the 100,000-invoice book:
// - a line's time (at) is kept as whole milliseconds, an INTEGER of 6 bytes, instead of its
//   24-character ISO text (db/instant.ts); any other text stays as it is. About 18 bytes a line.
// - its sentence (summary) is packed (db/summaryPack.ts): about 55 bytes become about 18.
// The app and sync still read both as the same text.
// STRICT tables cannot change a column's type in place, so the table is copied as migration 18 did:
// ids, order, indexes and every other column as they were. The copy leaves the old table's pages
// free, so the file is compacted afterwards (migrate.ts).
export const migration0022: Migration = {
  version: 22,
  vacuumAfter: true,
  name: 'history times as milliseconds, sentences packed',
  up: `
    CREATE TABLE audit_log_timed (
      id INTEGER PRIMARY KEY,
      at ANY NOT NULL,
      entity TEXT NOT NULL,
      entity_id ANY NOT NULL,
      action TEXT NOT NULL,
      summary ANY NOT NULL,
      details TEXT NOT NULL DEFAULT '{}',
      sync_id ANY,
      actor TEXT NOT NULL DEFAULT '',
      device_name TEXT NOT NULL DEFAULT ''
    ) STRICT;
    INSERT INTO audit_log_timed (id, at, entity, entity_id, action, summary, details, sync_id, actor, device_name)
      SELECT id, ${instantKey('at')}, entity, entity_id, action, summary_key(summary), details, sync_id, actor, device_name FROM audit_log ORDER BY id;
    DROP TABLE audit_log;
    ALTER TABLE audit_log_timed RENAME TO audit_log;
    CREATE INDEX audit_log_by_customer ON audit_log (entity_id, id) WHERE entity = 'customer';
    CREATE UNIQUE INDEX audit_log_by_sync_id ON audit_log (sync_id);
    CREATE TRIGGER audit_log_sync_insert AFTER INSERT ON audit_log BEGIN
      INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('audit_log', ${uuidText('NEW.sync_id')}, '*') ON CONFLICT DO NOTHING;
    END;
  `,
};
