import type { Migration } from '../migrate';

export const migration0004: Migration = {
  version: 4,
  name: 'saved reports, analytics indexes',
  up: `
    -- The business day an allocation was undone (reversal or unapply), in the device's zone like every
    -- other business date, so receivables on a past day do not shift by the UTC offset.
    ALTER TABLE payment_allocations ADD COLUMN reversed_on TEXT;
    UPDATE payment_allocations SET reversed_on = substr(reversed_at, 1, 10) WHERE reversed_at IS NOT NULL;

    -- A report definition a person saved from the report builder. Syncs like any other record.
    CREATE TABLE saved_reports (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      -- JSON of the ReportDefinition (shared/domain/analytics.ts).
      definition TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX saved_reports_by_name ON saved_reports (name COLLATE NOCASE, seq) WHERE deleted_at IS NULL;

    -- The dashboard reads every figure from an index that holds it, so a period of a 100,000-invoice
    -- book is summed without reading the wide invoice rows (a row lookup costs more than the sum).
    -- Each index also holds the columns its WHERE tests (status, deleted_at): SQLite treats a
    -- partial index as covering only when every column the query names is in it. The WHERE
    -- clauses are the ones the analytics queries repeat word for word: SQLite uses a partial index
    -- only when the query's WHERE contains it.
    -- Billed per month and per customer, invoice counts, reports over finalized invoices.
    CREATE INDEX invoices_final_by_issue ON invoices (issue_date, currency, customer_id, total_minor, status, deleted_at)
      WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL;
    -- A customer's first invoice (new customers by month): one seek per customer.
    CREATE INDEX invoices_final_by_customer_issue ON invoices (customer_id, issue_date, currency, status, deleted_at)
      WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL;
    -- Invoices paid in full by paid-on date: average days to pay, and the paid invoices that still
    -- owed something on a past day (receivables as of a date), with what that needs.
    CREATE INDEX invoices_paid_by_paid_on ON invoices (paid_on, currency, issue_date, paid_minor, status, deleted_at, customer_id, due_date, total_minor, id)
      WHERE status = 'paid' AND deleted_at IS NULL;
    -- Unpaid invoices with what receivables as of a date need.
    CREATE INDEX invoices_unpaid_by_issue ON invoices (issue_date, currency, customer_id, due_date, total_minor, status, deleted_at, id)
      WHERE status IN ('open', 'partially_paid') AND deleted_at IS NULL;
    -- A customer's most recently paid invoices (paying later than before).
    CREATE INDEX invoices_paid_by_customer ON invoices (customer_id, paid_on, issue_date, status, paid_minor, deleted_at)
      WHERE status = 'paid' AND paid_minor > 0 AND deleted_at IS NULL;
    CREATE INDEX credit_notes_by_issue ON credit_notes (issue_date, currency, amount_minor, customer_id, invoice_id, deleted_at) WHERE deleted_at IS NULL;
    CREATE INDEX payments_completed_by_date ON payments (paid_on, currency, amount_minor, customer_id, status) WHERE status = 'completed';
    -- Allocations with their dates and amounts, for receivables as of past days: a pass over a
    -- date range, and an invoice's earlier ones.
    CREATE INDEX payment_allocations_by_date ON payment_allocations (allocated_on, invoice_id, amount_minor, reversed_at);
    CREATE INDEX payment_allocations_by_invoice_date ON payment_allocations (invoice_id, allocated_on, amount_minor, reversed_at);
  `,
};
