import type { Sql } from '../db/sql';

export interface ActivityRow {
  id: number;
  at: string;
  action: string;
  summary: string;
}

/**
 * A customer's history, newest first (customer id, limit). The entity is written into the SQL, not
 * bound: only then can SQLite use the partial index of customers' lines (migration 16, audit_log_by_customer).
 */
export const CUSTOMER_ACTIVITY_SQL = "SELECT id, at, action, summary FROM audit_log WHERE entity = 'customer' AND entity_id = ? ORDER BY id DESC LIMIT ?";

export function listCustomerActivity(sql: Sql, customerId: string, limit: number): ActivityRow[] {
  return sql.prepare(CUSTOMER_ACTIVITY_SQL).all(customerId, limit) as ActivityRow[];
}
