import type { Migration } from '../migrate';
import type { SqliteDatabase } from '../open';

// Smaller books (issue 17): the indexes of payments and their allocations name the customer, the
// invoice and the payment by its row number (seq, a few bytes) instead of its 36-character id.
// Seven indexes carried those ids, about 100,000 payments and 163,000 allocations at 100,000 invoices.
//
// payments.customer_seq, payment_allocations.invoice_seq and payment_allocations.payment_seq are
// this computer's own: never synced, never shown. The text ids stay (sync and most reads use them).
// A seq is NULL only while its row's parent has not arrived: sync writes pulled rows with foreign
// keys off, in any order (an allocation can come a page before its payment). Each parent fills its
// waiting children when it arrives, through a small index of the rows still waiting (empty but for
// them): invoices and payments by trigger (the triggers that did the same for migration 19's
// invoice numbers, which now follow from the seqs being filled); customers in sync (sync/rows.ts
// writeCustomer), the only writer of a payment before its customer, so adding customers (an import
// of 100,000) pays nothing. A parent that goes (only sync removes one, to write it again with a new
// seq) leaves its children waiting again: invoices by trigger, payments and customers in sync/apply.ts.
//
// Both tables are copied, keeping every row's seq. The copies leave the old pages free, so the file
// is compacted afterwards (migrate.ts).

/** A payment's invoice numbers, in allocation id order (migration 20), read through the seqs. */
const numbersOf = (paymentSeq: string) =>
  `(SELECT group_concat(DISTINCT i.number ORDER BY a.id) FROM payment_allocations a JOIN invoices i ON i.seq = a.invoice_seq WHERE a.payment_seq = ${paymentSeq})`;

/** Indexes and triggers made again here with the seqs; every other one naming these tables is made again as it was. */
const REMADE = `
    -- A customer's payments by date, ties by seq; then the payments report's columns, so a report
    -- grouped by customer reads them in customer order without sorting every payment.
    CREATE INDEX payments_by_customer ON payments (customer_seq, paid_on, seq, currency, amount_minor, status);
    CREATE INDEX payments_with_credit ON payments (customer_seq, paid_on) WHERE status = 'completed' AND allocated_minor < amount_minor;
    CREATE INDEX payments_completed_by_date ON payments (paid_on, currency, amount_minor, customer_seq, status) WHERE status = 'completed';
    CREATE INDEX payments_completed_by_month ON payments (substr(paid_on, 1, 7), currency, amount_minor, paid_on, customer_seq, status)
      WHERE status = 'completed';
    CREATE INDEX payments_awaiting_customer ON payments (customer_id) WHERE customer_seq IS NULL;
    CREATE INDEX payment_allocations_by_date ON payment_allocations (allocated_on, invoice_seq, reversed_on, applied_minor, amount_minor, reversed_at);
    CREATE INDEX payment_allocations_by_invoice_date ON payment_allocations (invoice_seq, allocated_on, reversed_on, applied_minor, amount_minor, reversed_at);
    CREATE INDEX payment_allocations_by_payment ON payment_allocations (payment_seq);
    CREATE INDEX payment_allocations_awaiting_invoice ON payment_allocations (invoice_id) WHERE invoice_seq IS NULL;
    CREATE INDEX payment_allocations_awaiting_payment ON payment_allocations (payment_id) WHERE payment_seq IS NULL;

    CREATE TRIGGER payments_customer_changed AFTER UPDATE OF customer_id ON payments WHEN NEW.customer_id IS NOT OLD.customer_id BEGIN
      UPDATE payments SET customer_seq = (SELECT seq FROM customers WHERE id = NEW.customer_id) WHERE seq = NEW.seq;
    END;
    -- The app's writers and sync fill the seqs themselves; these put right any other insert that leaves
    -- one out (a NULL seq hides a payment from its customer and an allocation from its invoice's balance).
    CREATE TRIGGER payments_customer_seq_left_out AFTER INSERT ON payments WHEN NEW.customer_seq IS NULL BEGIN
      UPDATE payments SET customer_seq = (SELECT seq FROM customers WHERE id = NEW.customer_id) WHERE seq = NEW.seq;
    END;
    CREATE TRIGGER payment_allocations_seqs_left_out AFTER INSERT ON payment_allocations WHEN NEW.payment_seq IS NULL OR NEW.invoice_seq IS NULL BEGIN
      UPDATE payment_allocations SET payment_seq = coalesce(NEW.payment_seq, (SELECT seq FROM payments WHERE id = NEW.payment_id)),
        invoice_seq = coalesce(NEW.invoice_seq, (SELECT seq FROM invoices WHERE id = NEW.invoice_id))
      WHERE seq = NEW.seq;
    END;
    CREATE TRIGGER payments_invoice_numbers_insert AFTER INSERT ON payment_allocations WHEN NEW.payment_seq IS NOT NULL BEGIN
      UPDATE payments SET invoice_numbers = ${numbersOf('NEW.payment_seq')} WHERE seq = NEW.payment_seq;
    END;
    CREATE TRIGGER payments_invoice_numbers_delete AFTER DELETE ON payment_allocations WHEN OLD.payment_seq IS NOT NULL BEGIN
      UPDATE payments SET invoice_numbers = ${numbersOf('OLD.payment_seq')} WHERE seq = OLD.payment_seq;
    END;
    CREATE TRIGGER payments_invoice_numbers_update AFTER UPDATE OF payment_seq, invoice_seq ON payment_allocations
      WHEN OLD.payment_seq IS NOT NEW.payment_seq OR OLD.invoice_seq IS NOT NEW.invoice_seq
    BEGIN
      UPDATE payments SET invoice_numbers = ${numbersOf('payments.seq')} WHERE seq IN (OLD.payment_seq, NEW.payment_seq);
    END;
    CREATE TRIGGER payments_invoice_numbers_payment_arrived AFTER INSERT ON payments
      WHEN EXISTS (SELECT 1 FROM payment_allocations WHERE payment_seq IS NULL AND payment_id = NEW.id)
    BEGIN
      UPDATE payment_allocations SET payment_seq = NEW.seq WHERE payment_seq IS NULL AND payment_id = NEW.id;
    END;
    CREATE TRIGGER payments_invoice_numbers_invoice_arrived AFTER INSERT ON invoices
      WHEN EXISTS (SELECT 1 FROM payment_allocations WHERE invoice_seq IS NULL AND invoice_id = NEW.id)
    BEGIN
      UPDATE payment_allocations SET invoice_seq = NEW.seq WHERE invoice_seq IS NULL AND invoice_id = NEW.id;
    END;
    CREATE TRIGGER payments_invoice_numbers_invoice_removed AFTER DELETE ON invoices WHEN EXISTS (SELECT 1 FROM payment_allocations WHERE invoice_seq = OLD.seq) BEGIN
      UPDATE payment_allocations SET invoice_seq = NULL WHERE invoice_seq = OLD.seq;
    END;
    CREATE TRIGGER payments_invoice_numbers_numbered AFTER UPDATE OF number ON invoices WHEN OLD.number IS NOT NEW.number BEGIN
      UPDATE payments SET invoice_numbers = ${numbersOf('payments.seq')}
      WHERE seq IN (SELECT payment_seq FROM payment_allocations WHERE invoice_seq = NEW.seq);
    END;
  `;

const REMADE_NAMES = new Set([...REMADE.matchAll(/CREATE (?:INDEX|TRIGGER) (\w+)/g)].map((m) => m[1]!));

const TABLES = `
    CREATE TABLE payments_with_seqs (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      number TEXT NOT NULL UNIQUE,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      customer_seq INTEGER REFERENCES customers (seq),
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      currency TEXT NOT NULL,
      paid_on TEXT NOT NULL,
      method TEXT NOT NULL CHECK (method IN ('mpesa', 'bank', 'cash', 'card', 'other')),
      reference TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      -- Set by the window that records it, so a retried or double-clicked save records one payment.
      idempotency_key TEXT UNIQUE,
      allocated_minor INTEGER NOT NULL DEFAULT 0 CHECK (allocated_minor >= 0),
      status TEXT NOT NULL DEFAULT 'completed' CHECK (status IN ('completed', 'reversed')),
      reversed_at TEXT,
      reversal_reason TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      version INTEGER NOT NULL DEFAULT 1,
      duplicate_of TEXT,
      invoice_numbers TEXT,
      CHECK (allocated_minor <= amount_minor)
    ) STRICT;
    INSERT INTO payments_with_seqs (seq, id, number, customer_id, customer_seq, amount_minor, currency, paid_on, method, reference, notes, idempotency_key,
        allocated_minor, status, reversed_at, reversal_reason, created_at, updated_at, deleted_at, version, duplicate_of, invoice_numbers)
      SELECT p.seq, p.id, p.number, p.customer_id, c.seq, p.amount_minor, p.currency, p.paid_on, p.method, p.reference, p.notes, p.idempotency_key,
        p.allocated_minor, p.status, p.reversed_at, p.reversal_reason, p.created_at, p.updated_at, p.deleted_at, p.version, p.duplicate_of, p.invoice_numbers
      FROM payments p LEFT JOIN customers c ON c.id = p.customer_id ORDER BY p.seq;
    DROP TABLE payments;
    ALTER TABLE payments_with_seqs RENAME TO payments;

    CREATE TABLE payment_allocations_with_seqs (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      payment_id TEXT NOT NULL REFERENCES payments (id),
      payment_seq INTEGER REFERENCES payments (seq),
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
      invoice_seq INTEGER REFERENCES invoices (seq),
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      allocated_on TEXT NOT NULL,
      from_credit INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      reversed_at TEXT,
      reversed_on TEXT,
      applied_minor INTEGER NOT NULL DEFAULT 0 CHECK (applied_minor >= 0)
    ) STRICT;
    INSERT INTO payment_allocations_with_seqs (seq, id, payment_id, payment_seq, invoice_id, invoice_seq, amount_minor, allocated_on, from_credit,
        created_at, reversed_at, reversed_on, applied_minor)
      SELECT a.seq, a.id, a.payment_id, p.seq, a.invoice_id, i.seq, a.amount_minor, a.allocated_on, a.from_credit,
        a.created_at, a.reversed_at, a.reversed_on, a.applied_minor
      FROM payment_allocations a LEFT JOIN payments p ON p.id = a.payment_id LEFT JOIN invoices i ON i.id = a.invoice_id ORDER BY a.seq;
    DROP TABLE payment_allocations;
    ALTER TABLE payment_allocations_with_seqs RENAME TO payment_allocations;
  `;

function paymentSeqs(db: SqliteDatabase): void {
  const dependants = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT IN ('payments', 'payment_allocations')
         AND (tbl_name IN ('payments', 'payment_allocations') OR (type = 'trigger' AND (sql LIKE '%payments%' OR sql LIKE '%payment_allocations%')))
       ORDER BY type = 'trigger', name`,
    )
    .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const d of dependants) if (d.type === 'trigger') db.exec(`DROP TRIGGER "${d.name}"`);
  db.exec(TABLES);
  for (const d of dependants) if (!REMADE_NAMES.has(d.name)) db.exec(d.sql);
  db.exec(REMADE);
}

export const migration0027: Migration = {
  version: 27,
  vacuumAfter: true,
  name: 'payment and allocation indexes by seq',
  up: paymentSeqs,
};
