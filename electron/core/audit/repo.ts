import type { Sql } from '../db/sql';
import { instantText } from '../db/instant';
import { uuidKey } from '../db/uuidKey';
import { summaryText } from '../db/summaryPack';
import { CUSTOMER_WORD, historyWordText } from '../db/historyWords';

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
 * read as text (the time kept as milliseconds, migration 22); the sentence is read as stored and
 * unpacked line by line (sentenceOf). The entity and action are kept as numbers (migration 29,
 * db/historyWords.ts): the action is read as its word line by line. Parameters @id, @limit.
 */
export const CUSTOMER_ACTIVITY_SQL = `SELECT id, ${instantText('at')} AS at, action, summary FROM audit_log WHERE entity = ${CUSTOMER_WORD} AND entity_id = ${uuidKey('@id')} ORDER BY id DESC LIMIT @limit`;

/** What a line says when its sentence was packed with a code this version does not have. */
export const UNREADABLE_SENTENCE = 'A line this version of Billbook cannot read (written by a newer version): update Billbook to see it.';

/**
 * A line's sentence as text. One packed by a newer Billbook (a code added since; books opened again
 * by an older version) reads as a notice, so the rest of the customer's history still shows.
 */
function sentenceOf(stored: unknown): string {
  try {
    return summaryText(stored) ?? '';
  } catch {
    return UNREADABLE_SENTENCE;
  }
}

export function listCustomerActivity(sql: Sql, customerId: string, limit: number): ActivityRow[] {
  const rows = sql.prepare(CUSTOMER_ACTIVITY_SQL).all({ id: customerId, limit }) as (Omit<ActivityRow, 'summary' | 'action'> & { action: unknown; summary: unknown })[];
  return rows.map((row) => ({ ...row, action: historyWordText(row.action), summary: sentenceOf(row.summary) }));
}
