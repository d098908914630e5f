// The customer's financial summary, recomputed from their invoices and payments inside every
// transaction that changes them. A customer has tens to thousands of invoices; the sums read one
// index range, so recomputing is cheap and can never drift the way running totals can.
import { AppError } from '../../../shared/errors';
import { formatMoney, MAX_BALANCE_MINOR, type CurrencyCode } from '../../../shared/money';
import type { Sql } from '../db/sql';

const FINAL = "status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL";

/** The running totals that must stay within MAX_BALANCE_MINOR, and how the person knows each. */
const CAPPED = [
  ['billed_minor', 'billed total'],
  ['paid_minor', 'paid total'],
  ['outstanding_minor', 'balance owed'],
  ['credit_minor', 'credit'],
] as const;

type Totals = Record<(typeof CAPPED)[number][0], number> & { name: string; currency: string };

function totalsOf(sql: Sql, customerId: string): Totals | undefined {
  return sql
    .prepare(
      `SELECT c.name, c.currency, b.billed_minor, b.paid_minor, b.outstanding_minor, b.credit_minor
       FROM customer_balances b JOIN customers c ON c.id = b.customer_id WHERE b.customer_id = ?`,
    )
    .get(customerId) as Totals | undefined;
}

/**
 * Recomputes the customer's totals, and refuses (rolling back the caller's transaction) a change
 * that takes one past MAX_BALANCE_MINOR: each amount is capped, but many of them could still add up
 * past 2^53, where numbers stop being exact. A total already past the cap may still come down.
 */
export function refreshCustomerBalance(sql: Sql, customerId: string): void {
  const before = totalsOf(sql, customerId);
  sql
    .prepare(
      `UPDATE customer_balances SET (invoice_count, billed_minor, paid_minor, outstanding_minor, last_invoice_date,
          oldest_unpaid_due_date, paid_invoice_count, days_to_pay_total) = (
         SELECT count(*), coalesce(sum(total_minor - credited_minor), 0), coalesce(sum(paid_minor), 0),
           coalesce(sum(balance_minor), 0), max(issue_date), min(CASE WHEN balance_minor > 0 THEN due_date END),
           coalesce(sum(CASE WHEN status = 'paid' AND paid_minor > 0 THEN 1 ELSE 0 END), 0),
           coalesce(sum(CASE WHEN status = 'paid' AND paid_minor > 0
             THEN max(0, CAST(julianday(paid_on) - julianday(issue_date) AS INTEGER)) ELSE 0 END), 0)
         FROM invoices WHERE customer_seq = (SELECT seq FROM customers WHERE id = @id) AND ${FINAL}),
       refunded_minor = (SELECT coalesce(sum(amount_minor), 0) FROM refunds WHERE customer_id = @id AND status = 'completed')
       WHERE customer_id = @id`,
    )
    .run({ id: customerId });
  // Credit is what payments left unapplied less what was refunded out of it. Refunds made on two
  // computers offline may together take more than there was: that part is owed back (and shown),
  // never a negative credit that would quietly pay the next invoice.
  sql
    .prepare(
      `UPDATE customer_balances SET
         credit_minor = max(0, unapplied - refunded_minor), refund_excess_minor = max(0, refunded_minor - unapplied)
       FROM (SELECT coalesce(sum(amount_minor - allocated_minor), 0) AS unapplied FROM payments
             WHERE customer_seq = (SELECT seq FROM customers WHERE id = @id) AND status = 'completed' AND allocated_minor < amount_minor)
       WHERE customer_id = @id`,
    )
    .run({ id: customerId });
  const after = totalsOf(sql, customerId);
  if (!after) return;
  for (const [column, label] of CAPPED) {
    if (after[column] <= MAX_BALANCE_MINOR || after[column] <= (before?.[column] ?? 0)) continue;
    const currency = after.currency as CurrencyCode;
    throw new AppError(
      'invalid_input',
      `That would take ${after.name}'s ${label} to ${formatMoney(after[column], currency)}, past the ${formatMoney(MAX_BALANCE_MINOR, currency)} Billbook can keep for one customer. Nothing was changed; check the amount for extra zeros.`,
    );
  }
}

/** Whether a customer has books that fix their currency: a finalized invoice or a payment. */
export function hasLedgerEntries(sql: Sql, customerId: string): boolean {
  const row = sql
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM invoices WHERE customer_seq = (SELECT seq FROM customers WHERE id = @id) AND status <> 'draft' AND deleted_at IS NULL)
           OR EXISTS (SELECT 1 FROM payments WHERE customer_seq = (SELECT seq FROM customers WHERE id = @id)) AS used`,
    )
    .get({ id: customerId }) as { used: number };
  return row.used === 1;
}
