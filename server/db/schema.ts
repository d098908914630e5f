// Table types for Kysely, as stored. Services map them to the shapes the API returns.
import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../../shared/permissions';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface AccountsTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgsTable {
  id: string;
  name: string;
  version: Generated<number>;
  sso_issuer: string | null;
  sso_client_id: string | null;
  sso_client_secret: string | null;
  sso_domain: string | null;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface MembershipsTable {
  org_id: string;
  account_id: string;
  role: Role;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  org_id: string;
  email: string;
  role: Exclude<Role, 'owner'>;
  token_hash: string;
  invited_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SessionsTable {
  token_hash: string;
  account_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface SignInLinksTable {
  token_hash: string;
  email: string;
  purpose: 'email_link' | 'sso';
  account_id: string | null;
  state: string | null;
  details: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface DevicesTable {
  id: string;
  org_id: string;
  account_id: string;
  name: string;
  code: string;
  series_index: number;
  token_hash: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  last_mutation_id: Generated<number>;
  clock_skew_ms: Generated<number>;
  app_version: Generated<string>;
  schema_version: Generated<number>;
}

export interface AuditEventsTable {
  id: Generated<number>;
  org_id: string;
  at: Timestamp;
  account_id: string | null;
  device_id: string | null;
  action: string;
  target: Generated<string>;
  details: Json<Record<string, unknown>>;
  request_id: Generated<string>;
}

export interface RateLimitsTable {
  bucket: string;
  window_start: Timestamp;
  hits: number;
}

export interface SyncRowsTable {
  org_id: string;
  tbl: string;
  row_id: string;
  data: Json<Record<string, unknown>>;
  stamps: Json<Record<string, string>>;
  version: number;
  changed_by: string | null;
}

export interface SyncNumbersTable {
  org_id: string;
  kind: string;
  number: string;
  row_id: string;
}

export interface SyncRefusalsTable {
  org_id: string;
  device_id: string;
  mutation_id: number;
  code: string;
  message: string;
  rows: Json<unknown[]>;
  at: Timestamp;
}

export interface SyncClaimsTable {
  org_id: string;
  key: string;
  device_id: string;
  at: Timestamp;
}

export interface OrgPaymentsTable {
  org_id: string;
  daraja: string | null;
  paystack: string | null;
  hook_hash: string;
  hook_sealed: string;
  links_enabled: Generated<boolean>;
  link_days: Generated<number>;
  updated_at: Timestamp;
}

export interface StkRequestsTable {
  id: string;
  org_id: string;
  checkout_id: string;
  invoice_id: string;
  amount_minor: number;
  phone: string;
  status: string;
  receipt: string | null;
  next_query_at: Timestamp;
  queries: Generated<number>;
  created_at: Timestamp;
}

export interface PaystackReferencesTable {
  reference: string;
  org_id: string;
  request_id: string;
  invoice_id: string;
  amount_minor: number;
  created_at: Timestamp;
}

export interface InvoicePdfsTable {
  org_id: string;
  invoice_id: string;
  pdf: Buffer;
  uploaded_at: Timestamp;
}

export interface DarajaTokensTable {
  org_id: string;
  token: string;
  expires_at: Timestamp;
}

export interface CloudDB {
  daraja_tokens: DarajaTokensTable;
  org_payments: OrgPaymentsTable;
  stk_requests: StkRequestsTable;
  paystack_references: PaystackReferencesTable;
  invoice_pdfs: InvoicePdfsTable;
  sync_rows: SyncRowsTable;
  sync_numbers: SyncNumbersTable;
  sync_refusals: SyncRefusalsTable;
  sync_claims: SyncClaimsTable;
  accounts: AccountsTable;
  orgs: OrgsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  sign_in_links: SignInLinksTable;
  devices: DevicesTable;
  audit_events: AuditEventsTable;
  rate_limits: RateLimitsTable;
}
