// The customer's financial summary, recomputed from their invoices and payments inside every
// transaction that changes them. A customer has tens to thousands of invoices; the sums read one
// index range, so recomputing is cheap and can never drift the way running totals can.
import type { Sql } from '../db/sql';

const FINAL = "status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL";

export function refreshCustomerBalance(sql: Sql, customerId: string): void {
  sql
    .prepare(
      `UPDATE customer_balances SET (invoice_count, billed_minor, paid_minor, outstanding_minor, last_invoice_date,
          oldest_unpaid_due_date, paid_invoice_count, days_to_pay_total) = (
         SELECT count(*), coalesce(sum(total_minor - credited_minor), 0), coalesce(sum(paid_minor), 0),
           coalesce(sum(balance_minor), 0), max(issue_date), min(CASE WHEN balance_minor > 0 THEN due_date END),
           coalesce(sum(CASE WHEN status = 'paid' AND paid_minor > 0 THEN 1 ELSE 0 END), 0),
           coalesce(sum(CASE WHEN status = 'paid' AND paid_minor > 0
             THEN max(0, CAST(julianday(paid_on) - julianday(issue_date) AS INTEGER)) ELSE 0 END), 0)
         FROM invoices WHERE customer_id = @id AND ${FINAL}),
       credit_minor = (
         SELECT coalesce(sum(amount_minor - allocated_minor), 0) FROM payments
         WHERE customer_id = @id AND status = 'completed' AND allocated_minor < amount_minor)
       WHERE customer_id = @id`,
    )
    .run({ id: customerId });
}

/** Whether a customer has books that fix their currency: a finalized invoice or a payment. */
export function hasLedgerEntries(sql: Sql, customerId: string): boolean {
  const row = sql
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM invoices WHERE customer_id = @id AND status <> 'draft' AND deleted_at IS NULL)
           OR EXISTS (SELECT 1 FROM payments WHERE customer_id = @id) AS used`,
    )
    .get({ id: customerId }) as { used: number };
  return row.used === 1;
}
