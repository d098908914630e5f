import type { Migration } from '../migrate';

export const migration0001: Migration = {
  version: 1,
  name: 'customers, audit log, outbox',
  up: `
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

    CREATE TABLE sequences (name TEXT PRIMARY KEY, next_value INTEGER NOT NULL) STRICT;

    -- seq is the stable integer key the search index points at (VACUUM may renumber a bare rowid).
    CREATE TABLE customers (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      email TEXT NOT NULL DEFAULT '',
      phone TEXT NOT NULL DEFAULT '',
      secondary_email TEXT NOT NULL DEFAULT '',
      secondary_phone TEXT NOT NULL DEFAULT '',
      street TEXT NOT NULL DEFAULT '',
      city TEXT NOT NULL DEFAULT '',
      postal_code TEXT NOT NULL DEFAULT '',
      country TEXT NOT NULL DEFAULT 'KE',
      business_type TEXT NOT NULL DEFAULT '',
      tax_id TEXT NOT NULL DEFAULT '',
      payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365),
      credit_limit_minor INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit_minor >= 0),
      currency TEXT NOT NULL DEFAULT 'KES',
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'suspended')),
      preferred_payment_method TEXT,
      auto_send_invoices INTEGER NOT NULL DEFAULT 0,
      send_reminders INTEGER NOT NULL DEFAULT 1,
      ai_template TEXT NOT NULL DEFAULT 'professional',
      ai_language TEXT NOT NULL DEFAULT 'en',
      ai_include_tax INTEGER NOT NULL DEFAULT 1,
      notes TEXT NOT NULL DEFAULT '',
      tags TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE, seq) WHERE deleted_at IS NULL;
    CREATE INDEX customers_by_status_name ON customers (status, name COLLATE NOCASE) WHERE deleted_at IS NULL;
    CREATE INDEX customers_by_created ON customers (created_at) WHERE deleted_at IS NULL;
    CREATE INDEX customers_by_email ON customers (email) WHERE email <> '';
    CREATE INDEX customers_by_phone ON customers (phone) WHERE phone <> '';
    CREATE INDEX customers_by_tax_id ON customers (tax_id) WHERE tax_id <> '';

    CREATE TABLE customer_balances (
      customer_id TEXT PRIMARY KEY REFERENCES customers (id),
      invoice_count INTEGER NOT NULL DEFAULT 0,
      billed_minor INTEGER NOT NULL DEFAULT 0,
      paid_minor INTEGER NOT NULL DEFAULT 0,
      outstanding_minor INTEGER NOT NULL DEFAULT 0,
      last_invoice_date TEXT,
      oldest_unpaid_due_date TEXT
    ) STRICT;
    -- customer_id breaks ties, so a sorted first page reads from the index instead of sorting everyone.
    CREATE INDEX customer_balances_by_outstanding ON customer_balances (outstanding_minor, customer_id);
    CREATE INDEX customer_balances_by_last_invoice ON customer_balances (last_invoice_date, customer_id);
    CREATE INDEX customer_balances_by_due ON customer_balances (oldest_unpaid_due_date);
    CREATE INDEX customer_balances_by_billed ON customer_balances (billed_minor);

    CREATE TABLE customer_tags (
      customer_id TEXT NOT NULL REFERENCES customers (id),
      tag TEXT NOT NULL,
      PRIMARY KEY (tag, customer_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX customer_tags_by_customer ON customer_tags (customer_id);

    -- phone holds every digit suffix of the number, so a typed fragment matches as a prefix.
    -- state holds "live"/"archived" and the status, so a search and its count never leave the index.
    -- Contentless: the text lives in customers; this holds only the index.
    CREATE VIRTUAL TABLE customer_search USING fts5 (
      name, email, phone, code, tax_id, state,
      content = '',
      contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3 4'
    );

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      action TEXT NOT NULL,
      summary TEXT NOT NULL,
      details TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id);

    CREATE TABLE changes (
      counter INTEGER PRIMARY KEY,
      device_id TEXT NOT NULL,
      mutation TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      args TEXT NOT NULL,
      hlc TEXT NOT NULL,
      schema_version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      pushed_at TEXT
    ) STRICT;
    CREATE INDEX changes_unpushed ON changes (counter) WHERE pushed_at IS NULL;
  `,
};
