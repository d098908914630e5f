// What a customer has been billed before: the AI prompt's context, the amount check, and the
// recurring-billing suggestions all read it.
import type { Sql } from '../db/sql';
import type { Discount } from '../../../shared/totals';

export interface PastInvoice {
  id: string;
  number: string;
  issueDate: string;
  currency: string;
  totalMinor: number;
  pricesIncludeTax: boolean;
  discount: Discount;
  lines: { description: string; quantityMilli: number; unit: string; unitPriceMinor: number; taxRateBp: number | null; priceIncludesTax: boolean | null }[];
}

/** The customer's finalized (not void) invoices, newest first, with their lines. */
export function pastInvoices(sql: Sql, customerId: string, limit: number): PastInvoice[] {
  const invoices = sql
    .prepare(
      `SELECT seq, id, number, issue_date, currency, total_minor, prices_include_tax, discount FROM invoices
       WHERE customer_seq = (SELECT seq FROM customers WHERE id = ?) AND status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL
       ORDER BY issue_date DESC, seq DESC LIMIT ?`,
    )
    .all(customerId, limit) as { seq: number; id: string; number: string; issue_date: string; currency: string; total_minor: number; prices_include_tax: number; discount: string | null }[];
  const lines = sql.prepare(
    `SELECT description, quantity_milli, unit, unit_price_minor, tax_rate_bp, price_includes_tax FROM invoice_lines WHERE invoice_seq = ? ORDER BY position`,
  );
  return invoices.map((row) => ({
    id: row.id,
    number: row.number,
    issueDate: row.issue_date,
    currency: row.currency,
    totalMinor: row.total_minor,
    pricesIncludeTax: row.prices_include_tax === 1,
    discount: row.discount ? (JSON.parse(row.discount) as Discount) : null,
    lines: (lines.all(row.seq) as { description: string; quantity_milli: number; unit: string; unit_price_minor: number; tax_rate_bp: number | null; price_includes_tax: number | null }[]).map((l) => ({
      description: l.description, quantityMilli: l.quantity_milli, unit: l.unit, unitPriceMinor: l.unit_price_minor, taxRateBp: l.tax_rate_bp,
      priceIncludesTax: l.price_includes_tax === null ? null : l.price_includes_tax === 1,
    })),
  }));
}

/** The middle of a list of amounts (the lower middle for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
