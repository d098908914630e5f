// SQL for the tax report: the tax summaries of invoices and credit notes, per currency, month and rate.
import type { Sql } from '../../db/sql';
import { taxSummaryPart } from '../../db/invoiceForms';

// A summary's parts, in either of its stored forms (db/invoiceForms.ts).
const RATE = taxSummaryPart('t.value', 'taxRateBp');
const NET = taxSummaryPart('t.value', 'netMinor');
const TAX = taxSummaryPart('t.value', 'taxMinor');

export interface TaxDbRow {
  kind: 'invoice' | 'credit';
  currency: string;
  month: string;
  tax_rate_bp: number | null;
  net_minor: number;
  tax_minor: number;
}

export interface TaxCountDbRow {
  kind: 'invoice' | 'credit';
  currency: string;
  month: string;
  n: number;
}

interface Range {
  from: string;
  to: string;
  currency?: string;
}

const params = (r: Range) => ({ from: r.from, to: r.to, ...(r.currency ? { currency: r.currency } : {}) });

/** Finalized (not void) invoices by issue month and credit notes by their own issue month, per rate. */
export function taxByRate(sql: Sql, range: Range): TaxDbRow[] {
  const currency = range.currency ? 'AND currency = @currency' : '';
  return sql
    .prepare(
      `SELECT 'invoice' AS kind, currency, substr(issue_date, 1, 7) AS month, ${RATE} AS tax_rate_bp,
         sum(${NET}) AS net_minor, sum(${TAX}) AS tax_minor
       FROM invoices, json_each(invoices.tax_summary) t
       WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL AND issue_date BETWEEN @from AND @to ${currency}
       GROUP BY 2, 3, 4
       UNION ALL
       SELECT 'credit', currency, substr(issue_date, 1, 7), ${RATE}, sum(${NET}), sum(${TAX})
       FROM credit_notes, json_each(credit_notes.tax_summary) t
       WHERE deleted_at IS NULL AND issue_date BETWEEN @from AND @to ${currency}
       GROUP BY 2, 3, 4`,
    )
    .all(params(range)) as TaxDbRow[];
}

export function documentCounts(sql: Sql, range: Range): TaxCountDbRow[] {
  const currency = range.currency ? 'AND currency = @currency' : '';
  return sql
    .prepare(
      `SELECT 'invoice' AS kind, currency, substr(issue_date, 1, 7) AS month, count(*) AS n
       FROM invoices INDEXED BY invoices_final_by_issue
       WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL AND issue_date BETWEEN @from AND @to ${currency}
       GROUP BY 2, 3
       UNION ALL
       SELECT 'credit', currency, substr(issue_date, 1, 7), count(*) FROM credit_notes
       WHERE deleted_at IS NULL AND issue_date BETWEEN @from AND @to ${currency}
       GROUP BY 2, 3`,
    )
    .all(params(range)) as TaxCountDbRow[];
}
