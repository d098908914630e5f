import type { Migration } from '../migrate';
import type { SqliteDatabase } from '../open';

// Smaller books (issue 17): every invoice index that named the customer carried its 36-character id
// (37 bytes an entry, ten indexes, about 100,000 entries each at 100,000 invoices). Invoices now also
// keep the customer's seq (customers' INTEGER PRIMARY KEY, a few bytes), and those indexes carry it
// instead; reads filter and group by it and join customers on seq for the id.
//
// customer_seq is this computer's own: sync never sends it (shared/sync/tables.ts lists what it does)
// and nothing shows it. It may be NULL: sync writes pulled rows with foreign keys off, and an invoice
// can arrive before its customer (rows come by version). Triggers keep it right whatever writes:
// - an invoice written without it (or whose customer changes) takes its customer's seq;
// - a customer that arrives gives its seq to the invoices waiting for it (a small partial index holds
//   only those), and a customer removed (sync's forced removal) takes it back from its invoices.
// An invoice whose customer is not in the books is in no customer's reads, as before (they joined
// customers or asked for one customer).
//
// The two covering indexes of paid and unpaid invoices by date no longer end with the invoice's id
// (37 bytes an entry; about 3.5 MiB at 100,000 invoices): every entry ends with the seq already, and
// their reads (receivables, intelligence, dashboard, drilldowns) key invoices by seq. A read that
// selected id through them would read the table row per invoice instead.
//
// The table is written again in full (a NOT NULL-free column could be added, but not placed beside
// customer_id nor given a foreign key with foreign keys on); every trigger naming invoices is dropped
// around the copy and made again from its own SQL, and the file is compacted afterwards (migrate.ts).

const TABLE = `
  CREATE TABLE invoices_with_customer_seq (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      -- The customer's seq on this computer (never synced); NULL while the customer has not arrived.
      customer_seq INTEGER REFERENCES customers (seq),
      number TEXT UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'partially_paid', 'paid', 'void')),
      currency TEXT NOT NULL,
      issue_date TEXT NOT NULL,
      due_date TEXT NOT NULL,
      due_date_from_terms INTEGER NOT NULL DEFAULT 1,
      prices_include_tax INTEGER NOT NULL DEFAULT 0,
      discount TEXT,
      notes TEXT NOT NULL DEFAULT '',
      terms TEXT NOT NULL DEFAULT '',
      template TEXT,
      subtotal_minor INTEGER NOT NULL DEFAULT 0,
      discount_minor INTEGER NOT NULL DEFAULT 0,
      tax_minor INTEGER NOT NULL DEFAULT 0,
      total_minor INTEGER NOT NULL DEFAULT 0 CHECK (total_minor >= 0),
      tax_summary TEXT NOT NULL DEFAULT '[]',
      paid_minor INTEGER NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
      credited_minor INTEGER NOT NULL DEFAULT 0 CHECK (credited_minor >= 0),
      balance_minor INTEGER NOT NULL DEFAULT 0 CHECK (balance_minor >= 0),
      paid_on TEXT,
      -- Who the invoice was made out to, copied at finalize: renaming the customer later never changes it.
      bill_to TEXT,
      draft_version INTEGER NOT NULL DEFAULT 1,
      source TEXT NOT NULL DEFAULT 'manual',
      prompt TEXT,
      ai_confidence REAL,
      finalized_at TEXT,
      voided_at TEXT,
      void_reason TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      version INTEGER NOT NULL DEFAULT 1, duplicate_of TEXT, kind TEXT NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'quote', 'opening_balance')), quote_id TEXT, etims_invoice_no INTEGER, etims_cu_id TEXT, etims_receipt_no INTEGER, etims_total_receipt_no INTEGER, etims_internal_data TEXT, etims_signature TEXT, etims_signed_at TEXT, etims_verify_url TEXT, share_token TEXT,
      CHECK (status = 'draft' OR number IS NOT NULL),
      CHECK (paid_minor + credited_minor + balance_minor = total_minor OR status IN ('draft', 'void'))
    ) STRICT`;

const COLUMNS = `seq, id, customer_id, number, status, currency, issue_date, due_date, due_date_from_terms, prices_include_tax, discount,
  notes, terms, template, subtotal_minor, discount_minor, tax_minor, total_minor, tax_summary, paid_minor, credited_minor, balance_minor,
  paid_on, bill_to, draft_version, source, prompt, ai_confidence, finalized_at, voided_at, void_reason, created_at, updated_at, deleted_at,
  version, duplicate_of, kind, quote_id, etims_invoice_no, etims_cu_id, etims_receipt_no, etims_total_receipt_no, etims_internal_data,
  etims_signature, etims_signed_at, etims_verify_url, share_token`;

/**
 * The indexes that named the customer by id, now by seq (migrations 12–17 made them; same order of
 * columns otherwise), and the list's indexes that ended with seq. Every entry of an index ends with
 * the row's seq anyway (it is the rowid), so an index (x, seq) kept it twice: (x) has the same order,
 * and the planner reads the rowid at the end for "ORDER BY x, seq" (about 0.35 MiB an index at
 * 100,000 invoices).
 */
const INDEXES = `
  CREATE INDEX invoices_by_customer_issue ON invoices (customer_seq, issue_date) WHERE deleted_at IS NULL;
  CREATE INDEX invoices_by_customer_status ON invoices (customer_seq, status, issue_date) WHERE deleted_at IS NULL;
  CREATE INDEX invoices_by_status_issue ON invoices (status, issue_date) WHERE deleted_at IS NULL;
  CREATE INDEX invoices_by_number ON invoices (number) WHERE deleted_at IS NULL;
  CREATE INDEX invoices_by_issue ON invoices (issue_date) WHERE deleted_at IS NULL;
  CREATE INDEX invoices_by_due ON invoices (due_date) WHERE deleted_at IS NULL;
  CREATE INDEX invoices_by_total ON invoices (total_minor) WHERE deleted_at IS NULL;
  CREATE INDEX invoices_by_balance ON invoices (balance_minor) WHERE deleted_at IS NULL;
  CREATE INDEX invoices_awaiting_etims ON invoices (finalized_at) WHERE etims_signature IS NULL AND status <> 'draft';
  CREATE INDEX invoices_unpaid_by_customer ON invoices (customer_seq, due_date) WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL;
  CREATE INDEX invoices_final_by_issue ON invoices (issue_date, currency, customer_seq, total_minor, status, deleted_at) WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL;
  CREATE INDEX invoices_paid_by_paid_on ON invoices (paid_on, currency, issue_date, paid_minor, status, deleted_at, customer_seq, due_date, total_minor) WHERE status = 'paid' AND deleted_at IS NULL;
  CREATE INDEX invoices_unpaid_by_issue ON invoices (issue_date, currency, customer_seq, due_date, total_minor, status, deleted_at) WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL;
  CREATE INDEX invoices_paid_by_customer_due ON invoices (customer_seq, due_date, paid_on, status, deleted_at, paid_minor) WHERE status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL;
  CREATE INDEX invoices_paid_by_customer_paid_on ON invoices (customer_seq, paid_on, currency, issue_date, paid_minor, due_date, total_minor, status, deleted_at) WHERE status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL;
  CREATE INDEX invoices_final_by_customer_month ON invoices (customer_seq, substr(issue_date, 1, 7), currency, total_minor, issue_date, status, deleted_at) WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL;
  CREATE INDEX invoices_final_by_customer_amount ON invoices (customer_seq, currency, issue_date, total_minor, status, deleted_at) WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL;
  -- Invoices whose customer has not arrived: usually none.
  CREATE INDEX invoices_awaiting_customer ON invoices (customer_id) WHERE customer_seq IS NULL;
`;

const RENAMED = new Set(
  [...INDEXES.matchAll(/CREATE INDEX (\w+)/g)].map((m) => m[1]!),
);

/** Keeps customer_seq right whatever writes invoices or customers. */
export const CUSTOMER_SEQ_TRIGGERS = `
  CREATE TRIGGER invoices_customer_seq_insert AFTER INSERT ON invoices WHEN NEW.customer_seq IS NOT (SELECT seq FROM customers WHERE id = NEW.customer_id) BEGIN
    UPDATE invoices SET customer_seq = (SELECT seq FROM customers WHERE id = NEW.customer_id) WHERE seq = NEW.seq;
  END;
  CREATE TRIGGER invoices_customer_seq_update AFTER UPDATE OF customer_id, customer_seq, deleted_at ON invoices WHEN NEW.customer_seq IS NOT (SELECT seq FROM customers WHERE id = NEW.customer_id) BEGIN
    UPDATE invoices SET customer_seq = (SELECT seq FROM customers WHERE id = NEW.customer_id) WHERE seq = NEW.seq;
  END;
  CREATE TRIGGER invoices_customer_arrived AFTER INSERT ON customers BEGIN
    UPDATE invoices SET customer_seq = NEW.seq WHERE customer_seq IS NULL AND customer_id = NEW.id;
  END;
  -- Live invoices only: every index by customer_seq leaves deleted ones out, and clearing those too
  -- read the whole table for each customer removed (58 ms each on the 100,000-invoice book). A deleted
  -- invoice brought back takes its customer's seq again (the update trigger watches deleted_at).
  CREATE TRIGGER invoices_customer_removed AFTER DELETE ON customers BEGIN
    UPDATE invoices SET customer_seq = NULL WHERE customer_seq = OLD.seq AND deleted_at IS NULL;
  END;
`;

function invoicesWithCustomerSeq(db: SqliteDatabase): void {
  const dependants = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> 'invoices'
         AND (tbl_name = 'invoices' OR (type = 'trigger' AND sql LIKE '%invoices%')) ORDER BY type = 'trigger', name`,
    )
    .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const d of dependants) if (d.type === 'trigger') db.exec(`DROP TRIGGER "${d.name}"`);
  db.exec(`
    ${TABLE};
    INSERT INTO invoices_with_customer_seq (${COLUMNS}, customer_seq)
      SELECT ${COLUMNS.split(',').map((c) => `i.${c.trim()}`).join(', ')}, c.seq FROM invoices i LEFT JOIN customers c ON c.id = i.customer_id ORDER BY i.seq;
    DROP TABLE invoices;
    ALTER TABLE invoices_with_customer_seq RENAME TO invoices;
  `);
  for (const d of dependants) if (!RENAMED.has(d.name)) db.exec(d.sql);
  db.exec(INDEXES);
  db.exec(CUSTOMER_SEQ_TRIGGERS);
}

export const migration0026: Migration = {
  version: 26,
  vacuumAfter: true,
  name: 'invoice indexes by the customer seq',
  up: invoicesWithCustomerSeq,
};
