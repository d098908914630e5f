// SQL for refunds: no rules, no transactions.
import type { RefundsTable } from '../db/schema';
import type { Sql } from '../db/sql';

export type RefundRow = Omit<RefundsTable, 'seq'> & { seq: number; customer_name: string };

const SELECT = 'SELECT r.*, c.name AS customer_name FROM refunds r JOIN customers c ON c.id = r.customer_id';

export function insertRefund(sql: Sql, row: Omit<RefundsTable, 'seq'>): void {
  sql
    .prepare(
      `INSERT INTO refunds (id, number, customer_id, currency, amount_minor, refunded_on, method, reference, notes, status, reversed_at, reversed_on,
         reversal_reason, idempotency_key, created_at, updated_at, deleted_at, version)
       VALUES (@id, @number, @customer_id, @currency, @amount_minor, @refunded_on, @method, @reference, @notes, @status, @reversed_at, @reversed_on,
         @reversal_reason, @idempotency_key, @created_at, @updated_at, @deleted_at, @version)`,
    )
    .run(row);
}

export function getRefundRow(sql: Sql, id: string): RefundRow | undefined {
  return sql.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RefundRow | undefined;
}

export function refundIdByKey(sql: Sql, key: string): string | undefined {
  return (sql.prepare('SELECT id FROM refunds WHERE idempotency_key = ?').get(key) as { id: string } | undefined)?.id;
}

export function markReversed(sql: Sql, id: string, reason: string, at: string, on: string): void {
  sql
    .prepare("UPDATE refunds SET status = 'reversed', reversed_at = ?, reversed_on = ?, reversal_reason = ?, updated_at = ?, version = version + 1 WHERE id = ?")
    .run(at, on, reason, at, id);
}

/** The customer's credit after refunds, and what was refunded beyond it (customer_balances keeps both in step). */
export function creditOf(sql: Sql, customerId: string): { credit_minor: number; refund_excess_minor: number } {
  return (sql.prepare('SELECT credit_minor, refund_excess_minor FROM customer_balances WHERE customer_id = ?').get(customerId) as
    | { credit_minor: number; refund_excess_minor: number }
    | undefined) ?? { credit_minor: 0, refund_excess_minor: 0 };
}

export function pageRefunds(sql: Sql, customerId: string | undefined, offset: number, limit: number): { rows: RefundRow[]; total: number } {
  const where = customerId ? 'WHERE r.customer_id = @customerId' : '';
  const rows = sql.prepare(`${SELECT} ${where} ORDER BY r.refunded_on DESC, r.seq DESC LIMIT @limit OFFSET @offset`).all({ customerId, limit, offset }) as RefundRow[];
  const { n } = sql.prepare(`SELECT count(*) AS n FROM refunds r ${where}`).get({ customerId }) as { n: number };
  return { rows, total: n };
}
