import type { Migration } from '../migrate';

// Faster analytics at 100,000 invoices (issue 17). The two allocation indexes the receivables as of
// past days read (analytics/receivables/repo.ts) are written again holding every column those reads
// use: reversed_on and applied_minor came after them (migrations 4 and 6), so each allocation was a
// lookup in the table besides (a text primary key: WITHOUT ROWID), most of a dashboard's time.
// Finalized invoices' amounts by customer and currency, for the anomaly rules (intelligence/repo.ts
// amountGroups): grouped in index order, where the issue-date index needed a sort of every invoice.
export const migration0012: Migration = {
  version: 12,
  name: 'faster analytics',
  up: `
    DROP INDEX payment_allocations_by_date;
    CREATE INDEX payment_allocations_by_date ON payment_allocations (allocated_on, invoice_id, reversed_on, applied_minor, amount_minor, reversed_at);
    DROP INDEX payment_allocations_by_invoice_date;
    CREATE INDEX payment_allocations_by_invoice_date ON payment_allocations (invoice_id, allocated_on, reversed_on, applied_minor, amount_minor, reversed_at);
    CREATE INDEX invoices_final_by_customer_amount ON invoices (customer_id, currency, issue_date, total_minor)
      WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL;
  `,
};
