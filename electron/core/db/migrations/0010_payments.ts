import type { Migration } from '../migrate';
import { invoiceColumns, invoiceUpdateTrigger, rowTriggers } from './0006_sync';
import { EVERYDAY_INVOICE_COLUMNS } from './0008_everyday_billing';
import { RECEIPT_NAMES } from './0009_etims';

// Getting paid through the Cloud: money that came in (M-Pesa, Paystack, a statement), requests for
// money (an M-Pesa prompt, a Paystack link), and each final invoice's link for the customer. All
// sync; the invoice trigger is made again with the link among the columns it watches.

export const migration0010: Migration = {
  version: 10,
  name: 'payments through the Cloud',
  up: `
    CREATE TABLE incoming_payments (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      source TEXT NOT NULL CHECK (source IN ('mpesa_stk', 'mpesa_c2b', 'paystack', 'statement')),
      -- The M-Pesa receipt (QK7X1Y2Z3A) or Paystack reference: one per organisation.
      receipt TEXT NOT NULL UNIQUE,
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      currency TEXT NOT NULL,
      payer_phone TEXT NOT NULL DEFAULT '',
      payer_name TEXT NOT NULL DEFAULT '',
      account_reference TEXT NOT NULL DEFAULT '',
      paid_at TEXT NOT NULL,
      customer_id TEXT,
      invoice_id TEXT,
      status TEXT NOT NULL CHECK (status IN ('recorded', 'unmatched', 'assigned', 'dismissed')),
      payment_id TEXT,
      note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      version INTEGER NOT NULL DEFAULT 1,
      -- This computer's own note that it looked at the thank-you for this money (not synced).
      thanks_checked INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX incoming_payments_unmatched ON incoming_payments (paid_at) WHERE status = 'unmatched';

    CREATE TABLE payment_requests (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('stk', 'paystack')),
      invoice_id TEXT NOT NULL,
      phone TEXT NOT NULL DEFAULT '',
      amount_minor INTEGER NOT NULL,
      currency TEXT NOT NULL,
      status TEXT NOT NULL,
      result_code TEXT NOT NULL DEFAULT '',
      result_text TEXT NOT NULL DEFAULT '',
      checkout_id TEXT NOT NULL DEFAULT '',
      reference TEXT NOT NULL DEFAULT '',
      url TEXT NOT NULL DEFAULT '',
      requested_by TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX payment_requests_by_invoice ON payment_requests (invoice_id, created_at);

    -- The customer's page for a final invoice: an unguessable token, made here, so a PDF sent offline carries it.
    ALTER TABLE invoices ADD COLUMN share_token TEXT;
    CREATE UNIQUE INDEX invoices_by_share_token ON invoices (share_token) WHERE share_token IS NOT NULL;

    ${rowTriggers('incoming_payments', 'id', ['status', 'payment_id', 'customer_id', 'invoice_id', 'note'])}
    ${rowTriggers('payment_requests', 'id', [])}

    DROP TRIGGER invoices_sync_update;
    ${invoiceUpdateTrigger([...invoiceColumns, ...EVERYDAY_INVOICE_COLUMNS, ...RECEIPT_NAMES, 'share_token'])}
  `,
};
