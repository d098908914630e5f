// SQL for money that came in (incoming_payments): no rules, no transactions.
import type { Sql } from '../../db/sql';

export interface IncomingRow {
  id: string;
  source: 'mpesa_stk' | 'mpesa_c2b' | 'paystack' | 'statement';
  receipt: string;
  amount_minor: number;
  currency: string;
  payer_phone: string;
  payer_name: string;
  account_reference: string;
  paid_at: string;
  customer_id: string | null;
  invoice_id: string | null;
  status: 'recorded' | 'unmatched' | 'assigned' | 'dismissed';
  payment_id: string | null;
  note: string;
  created_at: string;
  updated_at: string;
}

export function insertIncoming(sql: Sql, row: IncomingRow): void {
  sql
    .prepare(
      `INSERT INTO incoming_payments (id, source, receipt, amount_minor, currency, payer_phone, payer_name, account_reference, paid_at,
         customer_id, invoice_id, status, payment_id, note, created_at, updated_at)
       VALUES (@id, @source, @receipt, @amount_minor, @currency, @payer_phone, @payer_name, @account_reference, @paid_at,
         @customer_id, @invoice_id, @status, @payment_id, @note, @created_at, @updated_at)`,
    )
    .run(row);
}

export function getIncoming(sql: Sql, id: string): IncomingRow | undefined {
  return sql.prepare('SELECT * FROM incoming_payments WHERE id = ? AND deleted_at IS NULL').get(id) as IncomingRow | undefined;
}

export function unmatched(sql: Sql): IncomingRow[] {
  return sql
    .prepare("SELECT * FROM incoming_payments WHERE status = 'unmatched' AND deleted_at IS NULL ORDER BY paid_at DESC, seq DESC")
    .all() as IncomingRow[];
}

export function countUnmatched(sql: Sql): number {
  return (sql.prepare("SELECT count(*) AS n FROM incoming_payments WHERE status = 'unmatched' AND deleted_at IS NULL").get() as { n: number }).n;
}

export function settleIncoming(
  sql: Sql,
  id: string,
  change: { status: 'assigned' | 'dismissed' | 'recorded'; payment_id: string | null; customer_id: string | null; invoice_id: string | null; note: string; at: string },
): void {
  sql
    .prepare(
      `UPDATE incoming_payments SET status = @status, payment_id = @payment_id, customer_id = @customer_id, invoice_id = @invoice_id,
         note = @note, updated_at = @at, version = version + 1
       WHERE id = @id`,
    )
    .run({ id, ...change });
}

/**
 * Where a receipt already is in the books: money in (any state), or a live payment with it as its
 * reference (typed by hand with any method). Payments' references are read once, for a whole file.
 */
export function whereReceiptIs(sql: Sql): (receipt: string) => string | null {
  const incoming = sql.prepare('SELECT i.status, p.number FROM incoming_payments i LEFT JOIN payments p ON p.id = i.payment_id WHERE i.receipt = ?');
  const references = new Map<string, string>();
  const rows = sql.prepare("SELECT upper(replace(reference, ' ', '')), number FROM payments WHERE reference <> '' AND status = 'completed'").raw().all() as [string, string][];
  for (const [reference, number] of rows) references.set(reference, number);
  return (receipt) => {
    const held = incoming.get(receipt) as { status: string; number: string | null } | undefined;
    if (held) {
      if (held.number) return held.number;
      return held.status === 'unmatched' ? 'the Unmatched inbox' : held.status === 'dismissed' ? 'dismissed money' : 'already recorded';
    }
    return references.get(receipt) ?? null;
  };
}
