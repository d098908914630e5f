// What an invoice has been paid and credited, and what is left: recomputed from the allocations and
// credit notes inside the transaction that changed them, so the stored figures are never out of step.
import { AppError } from '../../../shared/errors';
import type { Sql } from '../db/sql';

interface SettlementRow {
  status: string;
  total_minor: number;
  paid: number;
  credited: number;
  last_paid: string | null;
  last_credit: string | null;
}

/** Refreshes one finalized invoice's paid, credited, balance, status and paid-on date. */
export function refreshInvoiceSettlement(sql: Sql, invoiceId: string, now: string): void {
  const row = sql
    .prepare(
      `SELECT i.status, i.total_minor,
         coalesce((SELECT sum(amount_minor) FROM payment_allocations WHERE invoice_id = i.id AND reversed_at IS NULL), 0) AS paid,
         coalesce((SELECT sum(amount_minor) FROM credit_notes WHERE invoice_id = i.id AND deleted_at IS NULL), 0) AS credited,
         (SELECT max(allocated_on) FROM payment_allocations WHERE invoice_id = i.id AND reversed_at IS NULL) AS last_paid,
         (SELECT max(issue_date) FROM credit_notes WHERE invoice_id = i.id AND deleted_at IS NULL) AS last_credit
       FROM invoices i WHERE i.id = ?`,
    )
    .get(invoiceId) as SettlementRow | undefined;
  if (!row || row.status === 'draft' || row.status === 'void') return;
  const balance = row.total_minor - row.paid - row.credited;
  // The services refuse over-allocation before writing; reaching this means a bug, and the
  // transaction rolls back rather than store a negative balance.
  if (balance < 0) throw new AppError('conflict', 'That would pay or credit more than the invoice is for. Nothing was changed.');
  const status = balance === 0 ? 'paid' : row.paid + row.credited > 0 ? 'partially_paid' : 'open';
  const paidOn = balance === 0 ? [row.last_paid, row.last_credit].filter((d): d is string => d !== null).sort().at(-1) ?? null : null;
  sql
    .prepare(
      `UPDATE invoices SET paid_minor = ?, credited_minor = ?, balance_minor = ?, status = ?, paid_on = ?, updated_at = ?, version = version + 1
       WHERE id = ?`,
    )
    .run(row.paid, row.credited, balance, status, paidOn, now, invoiceId);
}
