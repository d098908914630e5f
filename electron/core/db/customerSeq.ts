// Invoices' indexes name the customer by seq (migration 26), not by id: reads that hand ids on
// turn the seq back into the id here, once per customer rather than once per invoice.
import type { Sql } from './sql';

/**
 * A column for reads of invoices through an index: the customer's id when the invoice has no seq
 * (its customer has not arrived from sync), read from the invoice's row; NULL, and no row read, otherwise.
 */
export const customerIdWithoutSeq = (alias: string) => `CASE WHEN ${alias}.customer_seq IS NULL THEN (SELECT w.customer_id FROM invoices w WHERE w.seq = ${alias}.seq) END`;

/**
 * The customer id of a seq (each looked up once per call of this), or `withoutSeq` when there is none.
 * Kept in an array by seq (seqs are small and dense): a Map cost 10 ms more over 98,000 paid invoices.
 */
export function customerIdsBySeq(sql: Sql): (seq: number | null, withoutSeq: string | null) => string {
  const known: (string | undefined)[] = [];
  const lookup = sql.prepare('SELECT id FROM customers WHERE seq = ?').pluck();
  return (seq, withoutSeq) => {
    if (seq === null) return withoutSeq ?? '';
    let id = known[seq];
    if (id === undefined) known[seq] = id = lookup.get(seq) as string;
    return id;
  };
}
