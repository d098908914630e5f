import { v7 } from 'uuid';
import type { Migration } from '../migrate';

// Sync (server/PROTOCOL.md). (The triggers write ON CONFLICT DO NOTHING rather than INSERT OR IGNORE:
// an outer statement's own conflict clause, an upsert's among them, would override OR IGNORE.) Triggers on every synced table note, in `sync_dirty`, which rows (and,
// for customers, which fields) a transaction touched; the service's recordMutation turns them into
// the outbox row and stamps them. Remote rows are applied with the same tables, and their
// transaction clears what the triggers noted. Draft versions and history entries get ids that are
// the same on every device; allocations keep what they really settle (two devices may over-pay one
// invoice offline); a second payment with one M-Pesa code is kept and flagged, not refused.

// The synced columns as they were when this migration shipped. Later releases add columns to
// shared/sync/tables.ts, and their own migrations recreate these triggers: a trigger here that
// named a column a later migration adds would fail on every update made before that migration.
const customerFields = [
  'code', 'name', 'email', 'phone', 'secondary_email', 'secondary_phone', 'street', 'city', 'postal_code', 'country', 'business_type', 'tax_id',
  'payment_terms_days', 'credit_limit_minor', 'currency', 'status', 'preferred_payment_method', 'auto_send_invoices', 'send_reminders',
  'ai_template', 'ai_language', 'ai_include_tax', 'notes', 'tags', 'created_at', 'deleted_at',
] as const;

/** Per-field dirt for customers: one row per column that really changed. */
const customerUpdateTrigger = `
  CREATE TRIGGER customers_sync_update AFTER UPDATE ON customers BEGIN
    INSERT INTO sync_dirty (tbl, row_id, field) SELECT * FROM (
    ${customerFields.map((c) => `SELECT 'customers', NEW.id, '${c}' WHERE OLD.${c} IS NOT NEW.${c}`).join('\n    UNION ALL ')}
    ) WHERE true ON CONFLICT DO NOTHING;
  END;`;

/** An invoice's life as synced: paid and partly paid are worked out on each device. */
const lifecycle = (ref: 'OLD' | 'NEW') => `CASE ${ref}.status WHEN 'draft' THEN 'draft' WHEN 'void' THEN 'void' ELSE 'final' END`;
const invoiceColumns = [
  'customer_id', 'number', 'currency', 'issue_date', 'due_date', 'due_date_from_terms', 'prices_include_tax', 'discount', 'notes',
  'terms', 'template', 'subtotal_minor', 'discount_minor', 'tax_minor', 'total_minor', 'tax_summary', 'bill_to', 'source', 'prompt',
  'ai_confidence', 'finalized_at', 'voided_at', 'void_reason', 'created_at', 'deleted_at', 'duplicate_of',
] as const;

function rowTriggers(table: string, keyColumn: string, updateColumns: readonly string[]): string {
  const insert = `CREATE TRIGGER ${table}_sync_insert AFTER INSERT ON ${table} BEGIN
    INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('${table}', NEW.${keyColumn}, '*') ON CONFLICT DO NOTHING;
  END;`;
  if (updateColumns.length === 0) return insert;
  return `${insert}
  CREATE TRIGGER ${table}_sync_update AFTER UPDATE OF ${updateColumns.join(', ')} ON ${table}
    WHEN ${updateColumns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}
  BEGIN
    INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('${table}', NEW.${keyColumn}, '*') ON CONFLICT DO NOTHING;
  END;`;
}

export const migration0006: Migration = {
  version: 6,
  name: 'sync',
  up: (db) => {
    db.exec(`
      CREATE TABLE sync_dirty (tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (tbl, row_id, field)) STRICT, WITHOUT ROWID;
      -- Field -> HLC stamp of each synced row, once this device syncs; "*" for every field without its own.
      CREATE TABLE sync_stamps (tbl TEXT NOT NULL, row_id TEXT NOT NULL, stamps TEXT NOT NULL, PRIMARY KEY (tbl, row_id)) STRICT, WITHOUT ROWID;
      -- What the Cloud refused or could not take, for the person: with what to do.
      CREATE TABLE sync_problems (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        mutation TEXT,
        counter INTEGER,
        entity TEXT,
        entity_id TEXT,
        resolved_at TEXT
      ) STRICT;
      CREATE INDEX sync_problems_open ON sync_problems (at) WHERE resolved_at IS NULL;

      -- The synced rows a change touched ([[table, id], …]), and the id the Cloud knows it by: given
      -- when it is first sent, consecutive per device, the same on every retry.
      ALTER TABLE changes ADD COLUMN rows TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE changes ADD COLUMN mutation_id INTEGER;
      CREATE UNIQUE INDEX changes_by_mutation_id ON changes (mutation_id) WHERE mutation_id IS NOT NULL;

      ALTER TABLE draft_versions ADD COLUMN sync_id TEXT;
      ALTER TABLE draft_versions ADD COLUMN author TEXT NOT NULL DEFAULT '';
      ALTER TABLE audit_log ADD COLUMN sync_id TEXT;
      ALTER TABLE audit_log ADD COLUMN actor TEXT NOT NULL DEFAULT '';
      ALTER TABLE audit_log ADD COLUMN device_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE invoices ADD COLUMN duplicate_of TEXT;
      ALTER TABLE payments ADD COLUMN duplicate_of TEXT;
      ALTER TABLE payment_allocations ADD COLUMN applied_minor INTEGER NOT NULL DEFAULT 0 CHECK (applied_minor >= 0);
      UPDATE payment_allocations SET applied_minor = CASE WHEN reversed_at IS NULL THEN amount_minor ELSE 0 END;
      ALTER TABLE notifications ADD COLUMN remote_status TEXT;

      -- Two devices may take one M-Pesa code offline: both payments are kept, the later flagged.
      DROP INDEX payments_mpesa_code;
      CREATE INDEX payments_by_mpesa_code ON payments (reference, created_at, id) WHERE method = 'mpesa' AND status = 'completed';
    `);
    // Ids for what was written before, the same kind the device makes now.
    const setVersion = db.prepare('UPDATE draft_versions SET sync_id = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id FROM draft_versions').all() as { id: number }[]) setVersion.run(v7(), row.id);
    const setAudit = db.prepare('UPDATE audit_log SET sync_id = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id FROM audit_log').all() as { id: number }[]) setAudit.run(v7(), row.id);
    db.exec(`
      CREATE UNIQUE INDEX draft_versions_by_sync_id ON draft_versions (sync_id);
      CREATE UNIQUE INDEX audit_log_by_sync_id ON audit_log (sync_id);

      CREATE TRIGGER customers_sync_insert AFTER INSERT ON customers BEGIN
        INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('customers', NEW.id, '*') ON CONFLICT DO NOTHING;
      END;
      ${customerUpdateTrigger}

      CREATE TRIGGER invoices_sync_insert AFTER INSERT ON invoices BEGIN
        INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('invoices', NEW.id, '*') ON CONFLICT DO NOTHING;
      END;
      CREATE TRIGGER invoices_sync_update AFTER UPDATE ON invoices
        WHEN ${lifecycle('OLD')} IS NOT ${lifecycle('NEW')} OR ${invoiceColumns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}
      BEGIN
        INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('invoices', NEW.id, '*') ON CONFLICT DO NOTHING;
      END;
      CREATE TRIGGER invoice_lines_sync_insert AFTER INSERT ON invoice_lines BEGIN
        INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('invoices', NEW.invoice_id, '*') ON CONFLICT DO NOTHING;
      END;
      CREATE TRIGGER invoice_lines_sync_update AFTER UPDATE ON invoice_lines BEGIN
        INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('invoices', NEW.invoice_id, '*') ON CONFLICT DO NOTHING;
      END;
      CREATE TRIGGER invoice_lines_sync_delete AFTER DELETE ON invoice_lines BEGIN
        INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('invoices', OLD.invoice_id, '*') ON CONFLICT DO NOTHING;
      END;

      ${rowTriggers('draft_versions', 'sync_id', [])}
      ${rowTriggers('payments', 'id', ['status', 'reversed_at', 'reversal_reason'])}
      ${rowTriggers('payment_allocations', 'id', ['reversed_at', 'reversed_on'])}
      ${rowTriggers('credit_notes', 'id', ['deleted_at'])}
      ${rowTriggers('settings', 'section', ['value'])}
      ${rowTriggers('saved_reports', 'id', ['name', 'definition', 'deleted_at'])}
      ${rowTriggers('notifications', 'id', ['outcome', 'provider_message_id', 'error', 'sent_at', 'scheduled_for', 'job_id'])}
      ${rowTriggers('audit_log', 'sync_id', [])}
      -- A message's progress is its job's: the log row goes out again when the job moves on.
      CREATE TRIGGER jobs_sync_sending AFTER UPDATE OF state ON jobs WHEN NEW.kind IN ('send.email', 'send.sms') AND OLD.state IS NOT NEW.state BEGIN
        INSERT INTO sync_dirty (tbl, row_id, field) SELECT 'notifications', id, '*' FROM notifications WHERE job_id = NEW.id ON CONFLICT DO NOTHING;
      END;
    `);
  },
};
