import type { Migration } from '../migrate';

export const migration0002: Migration = {
  version: 2,
  name: 'invoices, drafts, payments, credit notes',
  up: `
    -- One row per invoice, draft or final. Money columns are derived from the lines, payments and
    -- credit notes inside the transaction that changes them, so lists read them without adding up.
    CREATE TABLE invoices (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      customer_id TEXT NOT NULL REFERENCES customers (id),
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
      version INTEGER NOT NULL DEFAULT 1,
      CHECK (status = 'draft' OR number IS NOT NULL),
      CHECK (paid_minor + credited_minor + balance_minor = total_minor OR status IN ('draft', 'void'))
    ) STRICT;
    -- Every list sort has an index that ends in seq, so a first page reads in order and stops.
    CREATE INDEX invoices_by_issue ON invoices (issue_date, seq) WHERE deleted_at IS NULL;
    CREATE INDEX invoices_by_due ON invoices (due_date, seq) WHERE deleted_at IS NULL;
    CREATE INDEX invoices_by_total ON invoices (total_minor, seq) WHERE deleted_at IS NULL;
    CREATE INDEX invoices_by_balance ON invoices (balance_minor, seq) WHERE deleted_at IS NULL;
    CREATE INDEX invoices_by_number ON invoices (number, seq) WHERE deleted_at IS NULL;
    CREATE INDEX invoices_by_status_issue ON invoices (status, issue_date, seq) WHERE deleted_at IS NULL;
    CREATE INDEX invoices_by_customer_issue ON invoices (customer_id, issue_date, seq) WHERE deleted_at IS NULL;
    -- A status filter sorted by customer walks customers by name and seeks each one's invoices here.
    CREATE INDEX invoices_by_customer_status ON invoices (customer_id, status, issue_date, seq) WHERE deleted_at IS NULL;
    -- Unpaid invoices by due date: overdue filters, the aging report and oldest-first allocation.
    CREATE INDEX invoices_unpaid_by_due ON invoices (due_date, currency, balance_minor) WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL;
    CREATE INDEX invoices_unpaid_by_customer ON invoices (customer_id, due_date) WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL;

    -- A finalized invoice never changes: only its settlement (paid, credited, balance, status) moves.
    -- The services refuse first with a message a person can act on; these hold even against a bug.
    CREATE TRIGGER invoices_final_content_frozen
      BEFORE UPDATE OF customer_id, number, currency, issue_date, due_date, prices_include_tax, discount, notes, terms,
        template, subtotal_minor, discount_minor, tax_minor, total_minor, tax_summary, bill_to, deleted_at ON invoices
      WHEN OLD.status <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'A finalized invoice never changes; issue a credit note instead'); END;
    CREATE TRIGGER invoices_status_moves_forward
      BEFORE UPDATE OF status ON invoices
      WHEN (OLD.status = 'void' AND NEW.status <> 'void') OR (OLD.status <> 'draft' AND NEW.status = 'draft')
      BEGIN SELECT RAISE(ABORT, 'A void invoice stays void, and a finalized one never becomes a draft again'); END;

    CREATE TABLE invoice_lines (
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
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
      PRIMARY KEY (invoice_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TRIGGER invoice_lines_frozen_insert BEFORE INSERT ON invoice_lines
      WHEN (SELECT status FROM invoices WHERE id = NEW.invoice_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'The lines of a finalized invoice never change'); END;
    CREATE TRIGGER invoice_lines_frozen_update BEFORE UPDATE ON invoice_lines
      WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'The lines of a finalized invoice never change'); END;
    CREATE TRIGGER invoice_lines_frozen_delete BEFORE DELETE ON invoice_lines
      WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'The lines of a finalized invoice never change'); END;

    -- Every save of a draft, kept whole, so any version can be read back or restored. A rowid table:
    -- its rows are a kilobyte or more, which WITHOUT ROWID would store at twice the size.
    CREATE TABLE draft_versions (
      id INTEGER PRIMARY KEY,
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
      version INTEGER NOT NULL,
      saved_at TEXT NOT NULL,
      source TEXT NOT NULL,
      prompt TEXT,
      ai_confidence REAL,
      note TEXT NOT NULL DEFAULT '',
      total_minor INTEGER NOT NULL,
      line_count INTEGER NOT NULL,
      content TEXT NOT NULL,
      UNIQUE (invoice_id, version)
    ) STRICT;

    -- Invoice numbers by their parts ("INV-2026-0042" also as "42"); a customer's name is found
    -- through customer_search, so renaming a customer never rewrites their invoices' index.
    CREATE VIRTUAL TABLE invoice_search USING fts5 (
      number,
      content = '',
      contentless_delete = 1,
      tokenize = 'unicode61',
      prefix = '2 3'
    );

    CREATE TABLE payments (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      number TEXT NOT NULL UNIQUE,
      customer_id TEXT NOT NULL REFERENCES customers (id),
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
      CHECK (allocated_minor <= amount_minor)
    ) STRICT;
    CREATE INDEX payments_by_customer ON payments (customer_id, paid_on, seq);
    CREATE INDEX payments_by_date ON payments (paid_on, seq);
    -- One live payment per M-Pesa code: the check before recording reads this index, and it holds the rule.
    CREATE UNIQUE INDEX payments_mpesa_code ON payments (reference) WHERE method = 'mpesa' AND status = 'completed';
    -- Payments with money not yet applied: the customer's credit.
    CREATE INDEX payments_with_credit ON payments (customer_id, paid_on) WHERE status = 'completed' AND allocated_minor < amount_minor;

    -- Append-only: a reversal marks the allocation, it never deletes it.
    CREATE TABLE payment_allocations (
      id TEXT PRIMARY KEY,
      payment_id TEXT NOT NULL REFERENCES payments (id),
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      allocated_on TEXT NOT NULL,
      from_credit INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      reversed_at TEXT
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX payment_allocations_by_payment ON payment_allocations (payment_id);
    CREATE INDEX payment_allocations_by_invoice ON payment_allocations (invoice_id);

    CREATE TABLE credit_notes (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      number TEXT NOT NULL UNIQUE,
      invoice_id TEXT NOT NULL REFERENCES invoices (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      currency TEXT NOT NULL,
      issue_date TEXT NOT NULL,
      reason TEXT NOT NULL,
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      tax_minor INTEGER NOT NULL CHECK (tax_minor >= 0),
      tax_summary TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX credit_notes_by_invoice ON credit_notes (invoice_id);
    CREATE INDEX credit_notes_by_customer ON credit_notes (customer_id, issue_date);

    -- The customer summary gains what billing now knows.
    ALTER TABLE customer_balances ADD COLUMN credit_minor INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customer_balances ADD COLUMN paid_invoice_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customer_balances ADD COLUMN days_to_pay_total INTEGER NOT NULL DEFAULT 0;
  `,
};
