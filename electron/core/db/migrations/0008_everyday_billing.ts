import type { Migration } from '../migrate';
import type { SqliteDatabase } from '../open';
import { invoiceColumns, invoiceUpdateTrigger } from './0006_sync';

// Everyday billing (issue 16): quotes, refunds, recurring schedules and their periods, opening
// balances, and statements and quotes in the message log. Every new table syncs (server/PROTOCOL.md):
// the triggers below note touched rows in sync_dirty exactly as migrations 6 and 7 do, with each
// column list written out here as it ships (a later release's columns get their own migration).

/** The invoice columns this migration adds that sync (later migrations' invoice triggers watch them too). */
export const EVERYDAY_INVOICE_COLUMNS = ['kind', 'quote_id'] as const;

const SCHEDULE_FIELDS = [
  'customer_id', 'name', 'content', 'base_date', 'cadence', 'day_of_month', 'start_date', 'end_date', 'max_count', 'action', 'paused',
  'created_at', 'deleted_at',
] as const;

/** A row written once, then changed only in the listed columns (its one-way transitions). */
function factTriggers(table: string, transitions: readonly string[]): string {
  const insert = `CREATE TRIGGER ${table}_sync_insert AFTER INSERT ON ${table} BEGIN
    INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('${table}', NEW.id, '*') ON CONFLICT DO NOTHING;
  END;`;
  if (transitions.length === 0) return insert;
  return `${insert}
  CREATE TRIGGER ${table}_sync_update AFTER UPDATE OF ${transitions.join(', ')} ON ${table}
    WHEN ${transitions.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}
  BEGIN
    INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('${table}', NEW.id, '*') ON CONFLICT DO NOTHING;
  END;`;
}

export const NOTIFICATION_TYPES_V7 = "type IN ('invoice_sent', 'reminder', 'overdue', 'payment_received')";
export const NOTIFICATION_TYPES_V8 = "type IN ('invoice_sent', 'reminder', 'overdue', 'payment_received', 'quote_sent', 'statement')";

/**
 * Writes a table again with a piece of its definition replaced (SQLite cannot change a CHECK in
 * place): from its own definition, so every column it has stays, whatever earlier migrations added,
 * and with the indexes and triggers that name it put back as they were. The message log learns two
 * kinds of message this way, a quote and a statement.
 */
export function rewriteTableDefinition(db: SqliteDatabase, name: string, before: string, after: string): void {
  const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) as { sql: string } | undefined;
  if (!table?.sql.includes(before)) throw new Error(`The table ${name} is not as expected; it cannot be rewritten.`);
  const dependants = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> @name
         AND (tbl_name = @name OR (type = 'trigger' AND sql LIKE '%' || @name || '%')) ORDER BY type = 'trigger', name`,
    )
    .all({ name }) as { type: string; name: string; sql: string }[];
  for (const d of dependants) if (d.type === 'trigger') db.exec(`DROP TRIGGER "${d.name}"`);
  const temporary = `${name}_rewritten`;
  db.exec(table.sql.replace(before, after).replace(new RegExp(`^CREATE TABLE "?${name}"?`), `CREATE TABLE ${temporary}`));
  db.exec(`INSERT INTO ${temporary} SELECT * FROM ${name}; DROP TABLE ${name}; ALTER TABLE ${temporary} RENAME TO ${name};`);
  for (const d of dependants) db.exec(d.sql);
}

const UP = `
    -- What an invoices row is: an invoice; a quote while it is being drafted (the same editor, sentence
    -- drafting, versions and totals as an invoice; once issued it is a row of quotes); or a customer's
    -- opening balance brought from another tool, which ages and is paid like an invoice.
    ALTER TABLE invoices ADD COLUMN kind TEXT NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'quote', 'opening_balance'));
    -- The quote an invoice was converted from.
    ALTER TABLE invoices ADD COLUMN quote_id TEXT;
    -- Quote drafts, few beside the invoices: the invoice list leaves these rowids out.
    CREATE INDEX invoices_quote_drafts ON invoices (kind) WHERE kind = 'quote';
    CREATE INDEX invoices_by_quote ON invoices (quote_id) WHERE quote_id IS NOT NULL;
    CREATE TRIGGER invoices_final_is_invoice BEFORE UPDATE OF status ON invoices
      WHEN NEW.status <> 'draft' AND OLD.status = 'draft' AND NEW.kind = 'quote'
      BEGIN SELECT RAISE(ABORT, 'A quote is issued, not finalized; convert it to an invoice to bill it'); END;

    DROP TRIGGER IF EXISTS invoices_sync_update;
    ${invoiceUpdateTrigger([...invoiceColumns, ...EVERYDAY_INVOICE_COLUMNS])}

    -- An issued quote (or pro-forma invoice): what was sent, kept whole, so its number and content
    -- never change. Expired is worked out from expiry_date and today, like overdue.
    CREATE TABLE quotes (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      number TEXT NOT NULL UNIQUE,
      -- The invoices row it was drafted in (kept, with its versions, as the draft's history).
      draft_id TEXT,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      proforma INTEGER NOT NULL DEFAULT 0 CHECK (proforma IN (0, 1)),
      currency TEXT NOT NULL,
      issue_date TEXT NOT NULL,
      expiry_date TEXT NOT NULL,
      prices_include_tax INTEGER NOT NULL DEFAULT 0,
      discount TEXT,
      notes TEXT NOT NULL DEFAULT '',
      terms TEXT NOT NULL DEFAULT '',
      template TEXT NOT NULL,
      subtotal_minor INTEGER NOT NULL,
      discount_minor INTEGER NOT NULL,
      tax_minor INTEGER NOT NULL,
      total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
      tax_summary TEXT NOT NULL,
      -- JSON: the lines as issued, each with its amounts.
      lines TEXT NOT NULL,
      -- JSON of the customer's details as issued.
      bill_to TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'sent' CHECK (state IN ('sent', 'accepted', 'declined')),
      decided_on TEXT,
      decision_note TEXT NOT NULL DEFAULT '',
      -- The one invoice it was converted to.
      invoice_id TEXT,
      converted_at TEXT,
      issued_at TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      version INTEGER NOT NULL DEFAULT 1,
      CHECK (expiry_date >= issue_date)
    ) STRICT;
    CREATE INDEX quotes_by_issue ON quotes (issue_date, seq) WHERE deleted_at IS NULL;
    CREATE INDEX quotes_by_customer ON quotes (customer_id, issue_date);
    CREATE INDEX quotes_by_draft ON quotes (draft_id) WHERE draft_id IS NOT NULL;
    CREATE TRIGGER quotes_content_frozen
      BEFORE UPDATE OF number, draft_id, customer_id, proforma, currency, issue_date, expiry_date, prices_include_tax, discount, notes, terms,
        template, subtotal_minor, discount_minor, tax_minor, total_minor, tax_summary, lines, bill_to, issued_at ON quotes
      BEGIN SELECT RAISE(ABORT, 'An issued quote never changes; draft a new one'); END;
    CREATE TRIGGER quotes_decided_once BEFORE UPDATE OF state ON quotes
      WHEN OLD.state <> 'sent' AND NEW.state IS NOT OLD.state
      BEGIN SELECT RAISE(ABORT, 'A quote is accepted or declined once'); END;
    CREATE TRIGGER quotes_converted_once BEFORE UPDATE OF invoice_id ON quotes
      WHEN OLD.invoice_id IS NOT NULL AND NEW.invoice_id IS NOT OLD.invoice_id
      BEGIN SELECT RAISE(ABORT, 'A quote is converted to one invoice'); END;
    ${factTriggers('quotes', ['state', 'decided_on', 'decision_note', 'invoice_id', 'converted_at', 'deleted_at'])}

    -- Money paid back to a customer out of their credit. Reversed (with a reason), never deleted.
    CREATE TABLE refunds (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      number TEXT NOT NULL UNIQUE,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      currency TEXT NOT NULL,
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      refunded_on TEXT NOT NULL,
      method TEXT NOT NULL CHECK (method IN ('mpesa', 'bank', 'cash', 'card', 'other')),
      reference TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'completed' CHECK (status IN ('completed', 'reversed')),
      reversed_at TEXT,
      reversed_on TEXT,
      reversal_reason TEXT,
      -- Set by the window that records it, so a double click records one refund.
      idempotency_key TEXT UNIQUE,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX refunds_by_customer ON refunds (customer_id, refunded_on, seq);
    CREATE INDEX refunds_by_date ON refunds (refunded_on, seq);
    CREATE TRIGGER refunds_content_frozen
      BEFORE UPDATE OF number, customer_id, currency, amount_minor, refunded_on, method, reference, notes, created_at ON refunds
      BEGIN SELECT RAISE(ABORT, 'A recorded refund never changes; reverse it and record it again'); END;
    CREATE TRIGGER refunds_reversed_once BEFORE UPDATE OF status ON refunds
      WHEN OLD.status = 'reversed' AND NEW.status <> 'reversed'
      BEGIN SELECT RAISE(ABORT, 'A reversed refund stays reversed'); END;
    ${factTriggers('refunds', ['status', 'reversed_at', 'reversed_on', 'reversal_reason'])}

    -- A customer's credit is what their payments left unapplied less what was refunded; refunds made
    -- on two computers offline may take it below zero: that part is owed back, and shown.
    ALTER TABLE customer_balances ADD COLUMN refunded_minor INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customer_balances ADD COLUMN refund_excess_minor INTEGER NOT NULL DEFAULT 0;

    -- What to bill a customer on a cadence: the content (lines, or a sentence) and when.
    CREATE TABLE recurring_schedules (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      name TEXT NOT NULL DEFAULT '',
      -- JSON: { kind: 'lines', currency, pricesIncludeTax, discount, lines, notes, terms, template } or { kind: 'sentence', sentence }.
      content TEXT NOT NULL,
      -- The day the lines' words speak of: "for November 2026" rolls forward from here.
      base_date TEXT NOT NULL,
      cadence TEXT NOT NULL CHECK (cadence IN ('weekly', 'monthly', 'quarterly', 'yearly')),
      -- Monthly, quarterly and yearly: the day of the month (31: the last day of shorter months).
      day_of_month INTEGER CHECK (day_of_month IS NULL OR day_of_month BETWEEN 1 AND 31),
      start_date TEXT NOT NULL,
      end_date TEXT,
      max_count INTEGER CHECK (max_count IS NULL OR max_count >= 1),
      action TEXT NOT NULL CHECK (action IN ('draft', 'send')),
      paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      version INTEGER NOT NULL DEFAULT 1,
      CHECK (end_date IS NULL OR end_date >= start_date)
    ) STRICT;
    CREATE INDEX recurring_schedules_by_customer ON recurring_schedules (customer_id) WHERE deleted_at IS NULL;
    CREATE TRIGGER recurring_schedules_sync_insert AFTER INSERT ON recurring_schedules BEGIN
      INSERT INTO sync_dirty (tbl, row_id, field) VALUES ('recurring_schedules', NEW.id, '*') ON CONFLICT DO NOTHING;
    END;
    CREATE TRIGGER recurring_schedules_sync_update AFTER UPDATE ON recurring_schedules BEGIN
      INSERT INTO sync_dirty (tbl, row_id, field) SELECT * FROM (
        ${SCHEDULE_FIELDS.map((c) => `SELECT 'recurring_schedules', NEW.id, '${c}' WHERE OLD.${c} IS NOT NEW.${c}`).join('\n        UNION ALL ')}
      ) WHERE true ON CONFLICT DO NOTHING;
    END;

    -- Each period of a schedule, once: issued with its invoice, or skipped. The id is made from the
    -- schedule and the period key, and the pair is unique, so a period can be written only once here
    -- and the same row on every computer. Written in the transaction that makes the invoice.
    CREATE TABLE recurring_runs (
      id TEXT PRIMARY KEY,
      schedule_id TEXT NOT NULL REFERENCES recurring_schedules (id),
      -- The period: 2026-11 (monthly, quarterly), 2026 (yearly), the Monday of the week (weekly).
      period_key TEXT NOT NULL,
      period_on TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('issued', 'skipped')),
      invoice_id TEXT,
      -- Issued after its day (Billbook was closed): waits as a draft for a person to review before anything goes.
      held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      version INTEGER NOT NULL DEFAULT 1,
      UNIQUE (schedule_id, period_key)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX recurring_runs_by_invoice ON recurring_runs (invoice_id) WHERE invoice_id IS NOT NULL;
    CREATE TRIGGER recurring_runs_frozen BEFORE UPDATE ON recurring_runs
      BEGIN SELECT RAISE(ABORT, 'A period of a schedule is issued or skipped once'); END;
    ${factTriggers('recurring_runs', [])}

    -- Quotes and statements in the message log: which quote, which statement period.
    ALTER TABLE notifications ADD COLUMN quote_id TEXT;
    ALTER TABLE notifications ADD COLUMN period_from TEXT;
    ALTER TABLE notifications ADD COLUMN period_to TEXT;
    CREATE INDEX notifications_by_quote ON notifications (quote_id, created_at) WHERE quote_id IS NOT NULL;
  `;

export const migration0008: Migration = {
  version: 8,
  name: 'quotes, refunds, recurring schedules, opening balances',
  up: (db) => {
    db.exec(UP);
    rewriteTableDefinition(db, 'notifications', NOTIFICATION_TYPES_V7, NOTIFICATION_TYPES_V8);
  },
};
