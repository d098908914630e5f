import type { Sql } from '../db/sql';
import { instantText } from '../db/instant';
import { uuidKey } from '../db/uuidKey';

export interface ActivityRow {
  id: number;
  at: string;
  action: string;
  summary: string;
}

/**
 * A customer's history, newest first (customer id, limit). The entity is written into the SQL, not
 * bound: only then can SQLite use the partial index of customers' lines (migration 16, audit_log_by_customer).
 * The customer's id is looked up in its stored form (16 bytes, migration 18); the time and the sentence are
 * read as their text (kept as milliseconds and packed, migration 22). Parameters @id, @limit.
 */
export const CUSTOMER_ACTIVITY_SQL = `SELECT id, ${instantText('at')} AS at, action, summary_text(summary) AS summary FROM audit_log WHERE entity = 'customer' AND entity_id = ${uuidKey('@id')} ORDER BY id DESC LIMIT @limit`;

export function listCustomerActivity(sql: Sql, customerId: string, limit: number): ActivityRow[] {
  return sql.prepare(CUSTOMER_ACTIVITY_SQL).all({ id: customerId, limit }) as ActivityRow[];
}
