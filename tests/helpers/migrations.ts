// Books taken back to an older schema, as an older Billbook left them: for each migration's upgrade test.
import type { SqliteDatabase } from '../../electron/core/db/open';
import { NOTIFICATION_TYPES_V7, NOTIFICATION_TYPES_V8, rewriteTableDefinition } from '../../electron/core/db/migrations/0008_everyday_billing';

/** Drops what migration 8 adds (quotes, refunds, schedules, kinds of invoice), leaving version 7's books. */
export function undoMigration8(db: SqliteDatabase): void {
  db.exec(`
    DROP TABLE recurring_runs; DROP TABLE recurring_schedules; DROP TABLE refunds; DROP TABLE quotes;
    DROP INDEX invoices_quote_drafts; DROP INDEX invoices_by_quote; DROP TRIGGER invoices_final_is_invoice; DROP TRIGGER invoices_sync_update;
    CREATE TRIGGER invoices_sync_update AFTER UPDATE ON invoices WHEN OLD.number IS NOT NEW.number OR OLD.status IS NOT NEW.status BEGIN
      INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('invoices', NEW.id, '*') ON CONFLICT DO NOTHING;
    END;
    ALTER TABLE invoices DROP COLUMN kind; ALTER TABLE invoices DROP COLUMN quote_id;
    ALTER TABLE customer_balances DROP COLUMN refunded_minor; ALTER TABLE customer_balances DROP COLUMN refund_excess_minor;
    DROP INDEX notifications_by_quote; ALTER TABLE notifications DROP COLUMN quote_id; ALTER TABLE notifications DROP COLUMN period_from; ALTER TABLE notifications DROP COLUMN period_to;
  `);
  rewriteTableDefinition(db, 'notifications', NOTIFICATION_TYPES_V8, NOTIFICATION_TYPES_V7);
  db.pragma('user_version = 7');
}
