import type { CloudMigration } from '../migrate';

// Getting paid through the Cloud: each organisation's M-Pesa (Daraja) and Paystack keys, sealed
// with CLOUD_SECRET_KEY; the secret path Daraja and Paystack call back on; cached Daraja tokens;
// M-Pesa prompts waiting for their answer; the Cloud's own payment-number series; the PDFs behind
// customer links; and keys for reading back an invoice number a customer typed.
export const migration0003: CloudMigration = {
  version: 3,
  name: 'payments',
  up: `
    CREATE TABLE org_payments (
      org_id uuid PRIMARY KEY REFERENCES orgs (id),
      -- Sealed JSON: { shortcode, kind: paybill|till, consumerKey, consumerSecret, passkey, baseUrl }.
      daraja text,
      -- Sealed JSON: { secretKey, baseUrl }.
      paystack text,
      -- The unguessable path part Daraja and Paystack call back on: its hash to find the organisation,
      -- and the part itself sealed, to build the addresses again.
      hook_hash text NOT NULL UNIQUE,
      hook_sealed text NOT NULL,
      links_enabled boolean NOT NULL DEFAULT true,
      link_days integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE daraja_tokens (
      org_id uuid PRIMARY KEY REFERENCES orgs (id),
      token text NOT NULL,
      expires_at timestamptz NOT NULL
    );

    CREATE TABLE stk_requests (
      id text PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs (id),
      checkout_id text NOT NULL UNIQUE,
      invoice_id text NOT NULL,
      amount_minor bigint NOT NULL,
      phone text NOT NULL,
      status text NOT NULL,
      receipt text,
      next_query_at timestamptz NOT NULL,
      queries integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX stk_requests_pending ON stk_requests (next_query_at) WHERE status = 'pending';

    CREATE TABLE paystack_references (
      reference text PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs (id),
      request_id text NOT NULL,
      invoice_id text NOT NULL,
      amount_minor bigint NOT NULL,
      created_at timestamptz NOT NULL
    );

    CREATE TABLE cloud_sequences (
      org_id uuid NOT NULL REFERENCES orgs (id),
      name text NOT NULL,
      next_value bigint NOT NULL,
      PRIMARY KEY (org_id, name)
    );

    CREATE TABLE invoice_pdfs (
      org_id uuid NOT NULL REFERENCES orgs (id),
      invoice_id text NOT NULL,
      pdf bytea NOT NULL,
      uploaded_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, invoice_id)
    );

    -- A typed Paybill account read back to an invoice: its letters and digits, its digits, its digit groups.
    ALTER TABLE sync_numbers ADD COLUMN alnum_key text GENERATED ALWAYS AS (upper(regexp_replace(number, '[^A-Za-z0-9]', '', 'g'))) STORED;
    ALTER TABLE sync_numbers ADD COLUMN digits_key text GENERATED ALWAYS AS (regexp_replace(regexp_replace(number, '[^0-9]', '', 'g'), '^0+(?=[0-9])', '')) STORED;
    CREATE INDEX sync_numbers_by_alnum ON sync_numbers (org_id, kind, alnum_key);
    CREATE INDEX sync_numbers_by_digits ON sync_numbers (org_id, kind, digits_key);
    -- The customer's page finds its invoice by the link's token.
    CREATE INDEX sync_rows_by_share_token ON sync_rows ((data->>'share_token')) WHERE tbl = 'invoices';
    CREATE INDEX sync_rows_by_invoice ON sync_rows (org_id, tbl, (data->>'invoice_id')) WHERE tbl IN ('payment_allocations', 'credit_notes');
    CREATE INDEX sync_rows_by_customer ON sync_rows (org_id, tbl, (data->>'customer_id')) WHERE tbl IN ('invoices', 'customers');

    GRANT SELECT, INSERT, UPDATE ON org_payments, daraja_tokens, stk_requests, paystack_references, cloud_sequences, invoice_pdfs TO billbook_app;
    -- A token is dropped when the keys change.
    GRANT DELETE ON daraja_tokens TO billbook_app;
    ALTER TABLE org_payments ENABLE ROW LEVEL SECURITY;
    ALTER TABLE daraja_tokens ENABLE ROW LEVEL SECURITY;
    ALTER TABLE stk_requests ENABLE ROW LEVEL SECURITY;
    ALTER TABLE paystack_references ENABLE ROW LEVEL SECURITY;
    ALTER TABLE cloud_sequences ENABLE ROW LEVEL SECURITY;
    ALTER TABLE invoice_pdfs ENABLE ROW LEVEL SECURITY;
    CREATE POLICY org_only ON org_payments TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
    CREATE POLICY org_only ON daraja_tokens TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
    CREATE POLICY org_only ON stk_requests TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
    CREATE POLICY org_only ON paystack_references TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
    CREATE POLICY org_only ON cloud_sequences TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
    CREATE POLICY org_only ON invoice_pdfs TO billbook_app USING (org_id = nullif(current_setting('billbook.org_id', true), '')::uuid);
  `,
};
