// What syncs: each table's synced columns and how its rows merge (server/PROTOCOL.md). Both the
// desktop (which reads and writes its SQLite rows by these lists) and the Cloud (which checks what
// it is sent against them) use this file.

export type MergeKind =
  /** Each field on its own: the later stamp wins per field (master data). */
  | 'field'
  /** The whole row: the later stamp wins (drafts, settings, reports, the message log). */
  | 'row'
  /** Written once; only the transitions rules.ts allows (payments' reversal, invoices' void). */
  | 'fact';

export interface SyncedTable {
  name: SyncedTableName;
  merge: MergeKind;
  /** Synced columns, besides the key. */
  columns: readonly string[];
  /** The column holding a document number that must be unique in the organisation. */
  numberColumn?: string;
  /** Applied in this order within a page: parents before children. */
  rank: number;
}

export const SYNCED_TABLE_NAMES = [
  'settings', 'customers', 'items', 'invoices', 'draft_versions', 'payments', 'payment_allocations', 'credit_notes', 'saved_reports', 'notifications', 'audit_log',
  'incoming_payments', 'payment_requests',
  'quotes', 'refunds', 'recurring_schedules', 'recurring_runs',
] as const;
export type SyncedTableName = (typeof SYNCED_TABLE_NAMES)[number];

/**
 * What KRA eTIMS answered for a final invoice or a credit note (electron/core/etims): written once,
 * by the computer that transmits for the branch, and a fact of the document from then on.
 */
export const ETIMS_RECEIPT_COLUMNS = [
  'etims_invoice_no', 'etims_cu_id', 'etims_receipt_no', 'etims_total_receipt_no', 'etims_internal_data', 'etims_signature',
  'etims_signed_at', 'etims_verify_url',
] as const;

export const SYNCED_TABLES: Record<SyncedTableName, SyncedTable> = {
  settings: { name: 'settings', merge: 'row', rank: 0, columns: ['value'] },
  customers: {
    name: 'customers', merge: 'field', rank: 1,
    columns: [
      'code', 'name', 'email', 'phone', 'secondary_email', 'secondary_phone', 'street', 'city', 'postal_code', 'country', 'business_type', 'tax_id',
      'payment_terms_days', 'credit_limit_minor', 'currency', 'status', 'preferred_payment_method', 'auto_send_invoices', 'send_reminders',
      'ai_template', 'ai_language', 'ai_include_tax', 'notes', 'tags', 'created_at', 'deleted_at',
    ],
  },
  items: {
    name: 'items', merge: 'field', rank: 1,
    columns: [
      'code', 'name', 'unit', 'price_minor', 'currency', 'tax_rate_bp', 'created_at', 'deleted_at',
      'etims_class_code', 'etims_item_type', 'etims_packaging_unit', 'etims_quantity_unit', 'etims_origin_country', 'etims_item_code',
    ],
  },
  invoices: {
    name: 'invoices', merge: 'fact', rank: 2, numberColumn: 'number',
    columns: [
      'customer_id', 'number', 'lifecycle', 'currency', 'issue_date', 'due_date', 'due_date_from_terms', 'prices_include_tax', 'discount', 'notes',
      'terms', 'template', 'subtotal_minor', 'discount_minor', 'tax_minor', 'total_minor', 'tax_summary', 'bill_to', 'source', 'prompt',
      'ai_confidence', 'finalized_at', 'voided_at', 'void_reason', 'created_at', 'deleted_at', 'duplicate_of', 'share_token', 'lines', ...ETIMS_RECEIPT_COLUMNS,
      // Migration 8: a quote being drafted, or an opening balance, is an invoices row of its kind; an
      // invoice converted from a quote names it.
      'kind', 'quote_id',
    ],
  },
  draft_versions: {
    name: 'draft_versions', merge: 'fact', rank: 3,
    columns: ['invoice_id', 'saved_at', 'source', 'prompt', 'ai_confidence', 'note', 'total_minor', 'line_count', 'content', 'warnings', 'author'],
  },
  payments: {
    name: 'payments', merge: 'fact', rank: 3, numberColumn: 'number',
    columns: ['number', 'customer_id', 'amount_minor', 'currency', 'paid_on', 'method', 'reference', 'notes', 'status', 'reversed_at', 'reversal_reason', 'created_at'],
  },
  payment_allocations: {
    name: 'payment_allocations', merge: 'fact', rank: 4,
    columns: ['payment_id', 'invoice_id', 'amount_minor', 'allocated_on', 'from_credit', 'created_at', 'reversed_at', 'reversed_on'],
  },
  credit_notes: {
    name: 'credit_notes', merge: 'fact', rank: 4, numberColumn: 'number',
    columns: [
      'number', 'invoice_id', 'customer_id', 'currency', 'issue_date', 'reason', 'amount_minor', 'tax_minor', 'tax_summary', 'created_at', 'deleted_at',
      ...ETIMS_RECEIPT_COLUMNS,
    ],
  },
  saved_reports: { name: 'saved_reports', merge: 'row', rank: 1, columns: ['name', 'definition', 'created_at', 'deleted_at'] },
  notifications: {
    name: 'notifications', merge: 'row', rank: 5,
    columns: [
      'request_key', 'type', 'channel', 'customer_id', 'invoice_id', 'payment_id', 'recipients', 'subject', 'message', 'html', 'attach_pdf', 'template',
      'segments', 'tone', 'reminder_offset', 'scheduled_for', 'status', 'provider_message_id', 'error', 'sent_at', 'created_at',
      'quote_id', 'period_from', 'period_to',
    ],
  },
  audit_log: { name: 'audit_log', merge: 'fact', rank: 6, columns: ['at', 'entity', 'entity_id', 'action', 'summary', 'details', 'actor', 'device_name'] },
  // Money that arrived by M-Pesa, Paystack or a statement: one per receipt in the organisation; it is
  // recorded as a payment, or waits in the Unmatched inbox until someone assigns or dismisses it.
  incoming_payments: {
    name: 'incoming_payments', merge: 'fact', rank: 5, numberColumn: 'receipt',
    columns: ['source', 'receipt', 'amount_minor', 'currency', 'payer_phone', 'payer_name', 'account_reference', 'paid_at', 'customer_id', 'invoice_id', 'status', 'payment_id', 'note', 'created_at'],
  },
  // Requests for money made through the Cloud (an M-Pesa prompt on a phone, a Paystack link): written by the Cloud.
  payment_requests: {
    name: 'payment_requests', merge: 'row', rank: 5,
    columns: ['kind', 'invoice_id', 'phone', 'amount_minor', 'currency', 'status', 'result_code', 'result_text', 'checkout_id', 'reference', 'url', 'requested_by', 'created_at', 'updated_at'],
  },
  /**
   * An issued quote: its content and number never change; it moves once from sent to accepted or
   * declined, and is converted to one invoice at most (merge.ts).
   */
  quotes: {
    name: 'quotes', merge: 'fact', rank: 2, numberColumn: 'number',
    columns: [
      'number', 'draft_id', 'customer_id', 'proforma', 'currency', 'issue_date', 'expiry_date', 'prices_include_tax', 'discount', 'notes', 'terms',
      'template', 'subtotal_minor', 'discount_minor', 'tax_minor', 'total_minor', 'tax_summary', 'lines', 'bill_to', 'state', 'decided_on',
      'decision_note', 'invoice_id', 'converted_at', 'issued_at', 'created_at', 'deleted_at',
    ],
  },
  /** Money paid back out of a customer's credit: written once, reversed once. */
  refunds: {
    name: 'refunds', merge: 'fact', rank: 3, numberColumn: 'number',
    columns: ['number', 'customer_id', 'currency', 'amount_minor', 'refunded_on', 'method', 'reference', 'notes', 'status', 'reversed_at', 'reversed_on', 'reversal_reason', 'created_at'],
  },
  /** What to bill a customer on a cadence: master data, merged per field. */
  recurring_schedules: {
    name: 'recurring_schedules', merge: 'field', rank: 2,
    columns: [
      'customer_id', 'name', 'content', 'base_date', 'cadence', 'day_of_month', 'start_date', 'end_date', 'max_count', 'action', 'paused',
      'created_at', 'deleted_at',
    ],
  },
  /**
   * One period of a schedule, issued (with its invoice) or skipped. Its id is made from the schedule
   * and the period, so two computers can only ever write the same row for one period.
   */
  recurring_runs: {
    name: 'recurring_runs', merge: 'fact', rank: 4,
    columns: ['schedule_id', 'period_key', 'period_on', 'outcome', 'invoice_id', 'held', 'created_at'],
  },
};

/** An invoice's life as the books record it; paid and partly paid are worked out, never synced. */
export type InvoiceLifecycle = 'draft' | 'final' | 'void';

export type SyncValue = string | number | null | SyncLineValue[];
export type SyncLineValue = Record<string, string | number | null>;
export type SyncData = Record<string, SyncValue>;
/** Field -> HLC stamp; "*" stands for every field without a stamp of its own. */
export type SyncStamps = Record<string, string>;

export interface SyncRow {
  table: SyncedTableName;
  id: string;
  data: SyncData;
  stamps: SyncStamps;
}

export function isSyncedTable(name: string): name is SyncedTableName {
  return (SYNCED_TABLE_NAMES as readonly string[]).includes(name);
}
