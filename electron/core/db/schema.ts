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
}

export interface CustomerTagsTable {
  customer_id: string;
  tag: string;
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
  at: string;
  entity: string;
  entity_id: string;
  action: string;
  summary: string;
  details: string;
}

/** The sync outbox: one row per local mutation, in the same transaction as the mutation. */
export interface ChangesTable {
  counter: Generated<number>;
  device_id: string;
  mutation: string;
  entity: string;
  entity_id: string;
  args: string;
  hlc: string;
  schema_version: number;
  created_at: string;
  pushed_at: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
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
}
