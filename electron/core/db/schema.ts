// Table types for Kysely. Column names are the stored ones; services map them to domain names.
import type { Generated } from 'kysely';

export interface CustomersTable {
  seq: Generated<number>;
  id: string;
  code: string;
  name: string;
  email: string;
  phone: string;
  secondary_email: string;
  secondary_phone: string;
  street: string;
  city: string;
  postal_code: string;
  country: string;
  business_type: string;
  tax_id: string;
  payment_terms_days: number;
  credit_limit_minor: number;
  currency: string;
  status: string;
  preferred_payment_method: string | null;
  auto_send_invoices: number;
  send_reminders: number;
  ai_template: string;
  ai_language: string;
  ai_include_tax: number;
  notes: string;
  tags: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

/** Derived from invoices and payments; the billing core keeps it in step inside its own transactions. */
export interface CustomerBalancesTable {
  customer_id: string;
  invoice_count: number;
  billed_minor: number;
  paid_minor: number;
  outstanding_minor: number;
  last_invoice_date: string | null;
  oldest_unpaid_due_date: string | null;
  credit_minor: number;
  paid_invoice_count: number;
  days_to_pay_total: number;
  /** Refunds not reversed (migration 8). */
  refunded_minor: number;
  /** What was refunded beyond the credit there was (two computers refunding offline): owed back. */
  refund_excess_minor: number;
}

export interface InvoicesTable {
  seq: Generated<number>;
  id: string;
  customer_id: string;
  /** The customer's seq on this computer (migration 26), never synced: what the invoice indexes carry. NULL only while a pulled invoice's customer has not arrived. */
  customer_seq: number;
  number: string | null;
  status: string;
  currency: string;
  issue_date: string;
  due_date: string;
  due_date_from_terms: number;
  prices_include_tax: number;
  /** JSON of the Discount, or null. */
  discount: string | null;
  notes: string;
  terms: string;
  template: string | null;
  subtotal_minor: number;
  discount_minor: number;
  tax_minor: number;
  total_minor: number;
  tax_summary: string;
  paid_minor: number;
  credited_minor: number;
  balance_minor: number;
  paid_on: string | null;
  /** JSON of the InvoiceBillTo, set at finalize. */
  bill_to: string | null;
  draft_version: number;
  source: string;
  prompt: string | null;
  ai_confidence: number | null;
  finalized_at: string | null;
  voided_at: string | null;
  void_reason: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
  /** 'invoice', 'quote' (a quote being drafted) or 'opening_balance' (migration 8). */
  kind: string;
  /** The quote this invoice was converted from. */
  quote_id: string | null;
}

export interface InvoiceLinesTable {
  /** The invoice's seq (migration 20): its id is read through the invoice. */
  invoice_seq: number;
  position: number;
  description: string;
  quantity_milli: number;
  unit: string;
  unit_price_minor: number;
  tax_rate_bp: number | null;
  /** 1/0 for a line that says; null: follows the invoice. */
  price_includes_tax: number | null;
  amount_minor: number;
  discount_minor: number;
  net_minor: number;
  tax_minor: number;
  /** The catalog item the line was filled from; null for lines typed freely. */
  item_id: string | null;
}

export interface DraftVersionsTable {
  /** invoice_id and sync_id are kept as 16 bytes (migration 24, db/uuidKey.ts): SQL reads them through uuidText. */
  invoice_id: string;
  version: number;
  saved_at: string;
  source: string;
  prompt: string | null;
  ai_confidence: number | null;
  note: string;
  total_minor: number;
  line_count: number;
  /** '' when packed into content_packed (db/pack.ts). */
  content: string;
  content_packed: Uint8Array | null;
  /** JSON string[]. */
  warnings: string;
  /** The same on every device (sync's key for a version). */
  sync_id: string;
  /** Who saved it, and on which computer, once the books sync. */
  author: string;
}

export interface InvoiceSearchTable {
  rowid: number;
  number: string;
}

export interface PaymentsTable {
  seq: Generated<number>;
  id: string;
  number: string;
  customer_id: string;
  /** The customer's seq (migration 27): this computer's own, for its indexes; never synced or shown. */
  customer_seq: number;
  amount_minor: number;
  currency: string;
  paid_on: string;
  method: string;
  reference: string;
  notes: string;
  idempotency_key: string | null;
  allocated_minor: number;
  status: string;
  reversed_at: string | null;
  reversal_reason: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

export interface PaymentAllocationsTable {
  id: string;
  payment_id: string;
  /** The payment's and the invoice's seqs (migration 27): this computer's own, for its indexes; never synced or shown. */
  payment_seq: number;
  invoice_id: string;
  invoice_seq: number;
  amount_minor: number;
  allocated_on: string;
  from_credit: number;
  created_at: string;
  reversed_at: string | null;
  /** The business day it was undone; set with reversed_at. */
  reversed_on?: string | null;
  /** What it really settles: all of it, unless two devices over-paid the invoice offline (derived, never synced). */
  applied_minor: number;
}

export interface CreditNotesTable {
  seq: Generated<number>;
  id: string;
  number: string;
  invoice_id: string;
  customer_id: string;
  currency: string;
  issue_date: string;
  reason: string;
  amount_minor: number;
  tax_minor: number;
  tax_summary: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

export interface CustomerTagsTable {
  customer_id: string;
  tag: string;
  /** The customer's seq and name, copied so a tag's customers are listed in name order from one index. */
  customer_seq: number;
  name: string;
}

export interface CustomerSearchTable {
  rowid: number;
  name: string;
  email: string;
  phone: string;
  code: string;
  tax_id: string;
  state: string;
}

export interface SequencesTable {
  name: string;
  next_value: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  /** Milliseconds since 1970, or text not in toISOString's form (db/instant.ts, migration 22): read it with instantText. */
  at: number | string;
  /** A number for the app's own words, or the word (db/historyWords.ts, migration 29): read it with history_word. */
  entity: number | string;
  entity_id: string;
  /** As entity. */
  action: number | string;
  /** Text, or packed (db/summaryPack.ts, migration 22): read it with summary_text. */
  summary: string | Uint8Array;
  /** NULL for '{}' (migration 29). */
  details: string | null;
}

/** The sync outbox: one row per local mutation, in the same transaction as the mutation. */
export interface ChangesTable {
  counter: Generated<number>;
  device_id: string;
  mutation: string;
  entity: string;
  entity_id: string;
  /** '' when packed into args_packed (db/pack.ts). */
  args: string;
  args_packed: Uint8Array | null;
  hlc: string;
  schema_version: number;
  created_at: string;
  pushed_at: string | null;
  /** JSON [[table, id], …] of the synced rows it touched. */
  rows: string;
  mutation_id: number | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface JobsTable {
  seq: Generated<number>;
  id: string;
  kind: string;
  provider: string;
  state: string;
  priority: number;
  payload: string;
  idempotency_key: string | null;
  attempts: number;
  max_attempts: number;
  rate_limited: number;
  run_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  last_error_class: string | null;
  result: string | null;
  progress: number | null;
  progress_label: string;
  subject_id: string | null;
  subject_label: string;
  batch_id: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface SettingsTable {
  section: string;
  value: string;
  updated_at: string;
}

export interface SavedReportsTable {
  seq: Generated<number>;
  id: string;
  name: string;
  /** JSON of the ReportDefinition. */
  definition: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

export interface NotificationsTable {
  seq: Generated<number>;
  id: string;
  request_key: string;
  type: string;
  channel: string;
  customer_id: string;
  invoice_id: string | null;
  payment_id: string | null;
  /** JSON array. */
  recipients: string;
  subject: string;
  message: string;
  html: string | null;
  attach_pdf: number;
  template: string | null;
  segments: number | null;
  tone: string | null;
  reminder_offset: number | null;
  scheduled_for: string;
  job_id: string | null;
  outcome: string | null;
  provider_message_id: string | null;
  error: string | null;
  sending_started_at: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
  /** A quote's message (migration 8). */
  quote_id?: string | null;
  /** A statement's period. */
  period_from?: string | null;
  period_to?: string | null;
}

export interface ItemsTable {
  seq: Generated<number>;
  id: string;
  code: string;
  name: string;
  unit: string;
  price_minor: number | null;
  currency: string;
  tax_rate_bp: number | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

export interface QuotesTable {
  seq: Generated<number>;
  id: string;
  number: string;
  draft_id: string | null;
  customer_id: string;
  proforma: number;
  currency: string;
  issue_date: string;
  expiry_date: string;
  prices_include_tax: number;
  discount: string | null;
  notes: string;
  terms: string;
  template: string;
  subtotal_minor: number;
  discount_minor: number;
  tax_minor: number;
  total_minor: number;
  tax_summary: string;
  /** JSON of the lines as issued. */
  lines: string;
  /** JSON of the InvoiceBillTo as issued. */
  bill_to: string;
  state: string;
  decided_on: string | null;
  decision_note: string;
  invoice_id: string | null;
  converted_at: string | null;
  issued_at: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

export interface RefundsTable {
  seq: Generated<number>;
  id: string;
  number: string;
  customer_id: string;
  currency: string;
  amount_minor: number;
  refunded_on: string;
  method: string;
  reference: string;
  notes: string;
  status: string;
  reversed_at: string | null;
  reversed_on: string | null;
  reversal_reason: string | null;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

export interface RecurringSchedulesTable {
  seq: Generated<number>;
  id: string;
  customer_id: string;
  name: string;
  /** JSON of the ScheduleContent. */
  content: string;
  base_date: string;
  cadence: string;
  day_of_month: number | null;
  start_date: string;
  end_date: string | null;
  max_count: number | null;
  action: string;
  paused: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

export interface RecurringRunsTable {
  id: string;
  schedule_id: string;
  period_key: string;
  period_on: string;
  outcome: string;
  invoice_id: string | null;
  held: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

export interface DB {
  customers: CustomersTable;
  customer_balances: CustomerBalancesTable;
  customer_tags: CustomerTagsTable;
  customer_search: CustomerSearchTable;
  sequences: SequencesTable;
  audit_log: AuditLogTable;
  changes: ChangesTable;
  meta: MetaTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  draft_versions: DraftVersionsTable;
  invoice_search: InvoiceSearchTable;
  payments: PaymentsTable;
  payment_allocations: PaymentAllocationsTable;
  credit_notes: CreditNotesTable;
  jobs: JobsTable;
  settings: SettingsTable;
  saved_reports: SavedReportsTable;
  notifications: NotificationsTable;
  items: ItemsTable;
  quotes: QuotesTable;
  refunds: RefundsTable;
  recurring_schedules: RecurringSchedulesTable;
  recurring_runs: RecurringRunsTable;
}
