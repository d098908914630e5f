import type { Migration } from '../migrate';
import { invoiceColumns, invoiceUpdateTrigger } from './0006_sync';
import { EVERYDAY_INVOICE_COLUMNS } from './0008_everyday_billing';

// KRA eTIMS (electron/core/etims). KRA's answer for a final invoice or a credit note (its invoice
// number for the branch, the control unit's id, receipt counters, internal data, signature, date,
// the verification link) becomes columns of that document: synced to every computer, written once
// and frozen from then on. A catalog item carries its KRA classification and units (master data,
// merged per field). The line of documents waiting for KRA, the code lists and the items already
// registered at KRA are this computer's own, like the job queue, and never sync.

const RECEIPT = [
  ['etims_invoice_no', 'INTEGER'], ['etims_cu_id', 'TEXT'], ['etims_receipt_no', 'INTEGER'], ['etims_total_receipt_no', 'INTEGER'],
  ['etims_internal_data', 'TEXT'], ['etims_signature', 'TEXT'], ['etims_signed_at', 'TEXT'], ['etims_verify_url', 'TEXT'],
] as const;
/** KRA's answer as columns of an invoice or credit note (migration 10 watches them too). */
export const RECEIPT_NAMES = RECEIPT.map(([c]) => c);

const ITEM = ['etims_class_code', 'etims_item_type', 'etims_packaging_unit', 'etims_quantity_unit', 'etims_origin_country', 'etims_item_code'] as const;

const ITEM_SYNCED = ['code', 'name', 'unit', 'price_minor', 'currency', 'tax_rate_bp', 'deleted_at', ...ITEM];
const CREDIT_NOTE_WATCHED = ['deleted_at', ...RECEIPT_NAMES];

const changed = (columns: readonly string[]) => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

/** KRA's answer never changes once there: the services never try, and this holds even against a bug or a bad sync. */
const frozen = (table: string) => `
  CREATE TRIGGER ${table}_etims_frozen BEFORE UPDATE OF ${RECEIPT_NAMES.join(', ')} ON ${table}
    WHEN OLD.etims_signature IS NOT NULL AND (${changed(RECEIPT_NAMES)})
    BEGIN SELECT RAISE(ABORT, 'KRA eTIMS signed this document; its eTIMS details never change'); END;`;

export const migration0009: Migration = {
  version: 9,
  name: 'KRA eTIMS',
  up: `
    ${RECEIPT.map(([c, type]) => `ALTER TABLE invoices ADD COLUMN ${c} ${type};`).join('\n    ')}
    ${RECEIPT.map(([c, type]) => `ALTER TABLE credit_notes ADD COLUMN ${c} ${type};`).join('\n    ')}
    ${ITEM.map((c) => `ALTER TABLE items ADD COLUMN ${c} TEXT NOT NULL DEFAULT '';`).join('\n    ')}
    ${frozen('invoices')}
    ${frozen('credit_notes')}

    -- What is waiting for KRA: final documents without KRA's answer, oldest first (the transmitter's
    -- scan, and "Awaiting eTIMS" on every computer).
    CREATE INDEX invoices_awaiting_etims ON invoices (finalized_at, seq) WHERE etims_signature IS NULL AND status <> 'draft';
    CREATE INDEX credit_notes_awaiting_etims ON credit_notes (created_at, seq) WHERE etims_signature IS NULL;

    -- Sync (migration 6) watches KRA's answer too.
    DROP TRIGGER invoices_sync_update;
    ${invoiceUpdateTrigger([...invoiceColumns, ...EVERYDAY_INVOICE_COLUMNS, ...RECEIPT_NAMES])}
    DROP TRIGGER credit_notes_sync_update;
    CREATE TRIGGER credit_notes_sync_update AFTER UPDATE OF ${CREDIT_NOTE_WATCHED.join(', ')} ON credit_notes
      WHEN ${changed(CREDIT_NOTE_WATCHED)}
    BEGIN
      INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('credit_notes', NEW.id, '*') ON CONFLICT DO NOTHING;
    END;
    DROP TRIGGER items_sync_update;
    CREATE TRIGGER items_sync_update AFTER UPDATE ON items BEGIN
      INSERT INTO sync_dirty (tbl, row_id, field) SELECT * FROM (
        ${ITEM_SYNCED.map((c) => `SELECT 'items', NEW.id, '${c}' WHERE OLD.${c} IS NOT NEW.${c}`).join('\n        UNION ALL ')}
      ) WHERE true ON CONFLICT DO NOTHING;
    END;

    -- The line of documents to transmit, in the order they joined it. A document keeps the number
    -- KRA is asked for (invoice_no) from the moment it is sent until KRA answers: a request whose
    -- answer was lost ("sending" or "in_doubt") is asked about before it is ever sent again, with
    -- the very request sent before (request).
    CREATE TABLE etims_queue (
      seq INTEGER PRIMARY KEY,
      document_kind TEXT NOT NULL CHECK (document_kind IN ('invoice', 'credit_note')),
      document_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('waiting', 'sending', 'in_doubt', 'signed', 'failed', 'cancelled')),
      invoice_no INTEGER,
      job_id TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      error_code TEXT,
      message TEXT,
      request TEXT,
      queued_at TEXT NOT NULL,
      sent_at TEXT,
      finished_at TEXT,
      -- When the person was told it has waited more than a working day.
      late_notice_at TEXT,
      UNIQUE (document_kind, document_id)
    ) STRICT;
    CREATE INDEX etims_queue_open ON etims_queue (state, seq) WHERE state NOT IN ('signed', 'cancelled');

    -- KRA's code lists (selectCodeList) and item classifications (selectItemClsList), as last fetched.
    CREATE TABLE etims_codes (
      class TEXT NOT NULL,
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      sort INTEGER NOT NULL DEFAULT 0,
      extra TEXT NOT NULL DEFAULT '',
      in_use INTEGER NOT NULL DEFAULT 1,
      PRIMARY KEY (class, code)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE etims_item_classes (
      code TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      level INTEGER,
      tax_type TEXT,
      in_use INTEGER NOT NULL DEFAULT 1
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX etims_item_classes_by_name ON etims_item_classes (name COLLATE NOCASE);

    -- Items this computer registered at KRA (saveItem), with what was sent, so a change is sent again.
    CREATE TABLE etims_registered_items (
      item_code TEXT PRIMARY KEY,
      fingerprint TEXT NOT NULL,
      registered_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- An ordered provider's line (jobs/runner.ts): its first queued or running job, by seq.
    CREATE INDEX jobs_in_line ON jobs (provider, seq) WHERE state IN ('queued', 'running');
  `,
};
