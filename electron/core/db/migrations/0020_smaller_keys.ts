import type { Migration } from '../migrate';
import type { SqliteDatabase } from '../open';

// Smaller books (issue 17), two tables whose keys repeated 36-character ids.
//
// 1. An invoice's lines name their invoice by its row number (invoices.seq,
// a few bytes) instead of its 36-character id. The lines are the books' most numerous rows (about
// 550,000 on a 100,000-invoice book), and the id was their largest column and the first half of
// their key. Only this table changes: code reads the lines through their invoice (by id, as before),
// and sync carries them inside the invoice row with no key of their own, so nothing outside the
// books sees the change.
//
// seq is the invoices table's INTEGER PRIMARY KEY: VACUUM keeps it, and a foreign key may name it.
// Lines whose invoice is not in the books (sync writes with foreign keys off) could never be read,
// through the app or by sync, and are not carried over.
// The triggers are those of migrations 2 and 6, reading the invoice by seq; the sync triggers note
// the invoice's id as before (nothing is noted for lines whose invoice has just been removed, which
// only sync's own removal and clearing the books do, and both write or clear what was noted anyway).
//
// 2. Payment allocations become a rowid table (seq) with their id kept UNIQUE: a WITHOUT ROWID table's
//    indexes each repeat its key, the 36-character id, and this one has three (by payment, by invoice
//    and date, by date; about 163,000 entries each at 100,000 invoices). Now they carry the seq. The
//    rows are copied in id order, so a payment's allocations are read in the same order as before;
//    columns, indexes and triggers are as they were (sync reads and writes them by id, as before),
//    except that migration 19's triggers now say the order of a payment's invoice numbers: by
//    allocation id, the order they read the index in before (an index holding the seq would give the
//    order each computer wrote them in, which sync does not keep the same on every computer).
//
// The copies leave the old tables' pages free, so the file is compacted afterwards (migrate.ts).
const statusOf = (row: 'NEW' | 'OLD') => `(SELECT status FROM invoices WHERE seq = ${row}.invoice_seq)`;
const frozen = (event: 'INSERT' | 'UPDATE' | 'DELETE', row: 'NEW' | 'OLD') => `
    CREATE TRIGGER invoice_lines_frozen_${event.toLowerCase()} BEFORE ${event} ON invoice_lines
      WHEN ${statusOf(row)} <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'The lines of a finalized invoice never change'); END;`;
const noted = (event: 'INSERT' | 'UPDATE' | 'DELETE', row: 'NEW' | 'OLD') => `
    CREATE TRIGGER invoice_lines_sync_${event.toLowerCase()} AFTER ${event} ON invoice_lines BEGIN
      INSERT INTO sync_dirty (tbl, row_id, field) SELECT 'invoices', id, '*' FROM invoices WHERE seq = ${row}.invoice_seq ON CONFLICT DO NOTHING;
    END;`;

const ALLOCATION_COLUMNS = 'id, payment_id, invoice_id, amount_minor, allocated_on, from_credit, created_at, reversed_at, reversed_on, applied_minor';

const NUMBERS_IN_INDEX_ORDER = 'group_concat(DISTINCT i.number)';
const NUMBERS_IN_ID_ORDER = 'group_concat(DISTINCT i.number ORDER BY a.id)';

/**
 * Payment allocations as a rowid table. Its indexes and every trigger naming it (its own, and those
 * of migration 19 on payments and invoices) are dropped around the copy and made again as they were.
 */
function allocationsWithSeq(db: SqliteDatabase): void {
  const dependants = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> 'payment_allocations'
         AND (tbl_name = 'payment_allocations' OR (type = 'trigger' AND sql LIKE '%payment_allocations%')) ORDER BY type = 'trigger', name`,
    )
    .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const d of dependants) if (d.type === 'trigger') db.exec(`DROP TRIGGER "${d.name}"`);
  db.exec(`
    CREATE TABLE payment_allocations_with_seq (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      payment_id TEXT NOT NULL REFERENCES payments (id),
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      allocated_on TEXT NOT NULL,
      from_credit INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      reversed_at TEXT,
      reversed_on TEXT,
      applied_minor INTEGER NOT NULL DEFAULT 0 CHECK (applied_minor >= 0)
    ) STRICT;
    INSERT INTO payment_allocations_with_seq (${ALLOCATION_COLUMNS}) SELECT ${ALLOCATION_COLUMNS} FROM payment_allocations ORDER BY id;
    DROP TABLE payment_allocations;
    ALTER TABLE payment_allocations_with_seq RENAME TO payment_allocations;
  `);
  for (const d of dependants) db.exec(d.sql.replaceAll(NUMBERS_IN_INDEX_ORDER, NUMBERS_IN_ID_ORDER));
}

const LINES = `
    CREATE TABLE invoice_lines_by_seq (
      invoice_seq INTEGER NOT NULL REFERENCES invoices (seq),
      position INTEGER NOT NULL,
      description TEXT NOT NULL,
      quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
      unit TEXT NOT NULL DEFAULT '',
      unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
      tax_rate_bp INTEGER CHECK (tax_rate_bp IS NULL OR tax_rate_bp BETWEEN 0 AND 10000),
      price_includes_tax INTEGER,
      amount_minor INTEGER NOT NULL,
      discount_minor INTEGER NOT NULL,
      net_minor INTEGER NOT NULL,
      tax_minor INTEGER NOT NULL,
      item_id TEXT,
      PRIMARY KEY (invoice_seq, position)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO invoice_lines_by_seq (invoice_seq, position, description, quantity_milli, unit, unit_price_minor, tax_rate_bp,
        price_includes_tax, amount_minor, discount_minor, net_minor, tax_minor, item_id)
      SELECT i.seq, l.position, l.description, l.quantity_milli, l.unit, l.unit_price_minor, l.tax_rate_bp,
        l.price_includes_tax, l.amount_minor, l.discount_minor, l.net_minor, l.tax_minor, l.item_id
      FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
      ORDER BY i.seq, l.position;
    DROP TABLE invoice_lines;
    ALTER TABLE invoice_lines_by_seq RENAME TO invoice_lines;
    CREATE INDEX invoice_lines_by_item ON invoice_lines (item_id) WHERE item_id IS NOT NULL;
    ${frozen('INSERT', 'NEW')}
    ${frozen('UPDATE', 'OLD')}
    ${frozen('DELETE', 'OLD')}
    ${noted('INSERT', 'NEW')}
    ${noted('UPDATE', 'NEW')}
    ${noted('DELETE', 'OLD')}
  `;

export const migration0020: Migration = {
  version: 20,
  vacuumAfter: true,
  name: 'smaller keys: invoice lines by invoice seq, payment allocations with a seq',
  up: (db) => {
    db.exec(LINES);
    allocationsWithSeq(db);
  },
};
