import type { Migration } from '../migrate';

// The anomaly rules' read of every invoice amount (intelligence/repo.ts amountGroups) from the index
// alone (issue 17). invoices_final_by_customer_amount (migration 12) lacked the columns of its own
// partial WHERE, so SQLite fetched each invoice's table row to check status and deleted_at: 100,000
// lookups on a first call. Written again holding them (a few bytes per invoice).
export const migration0017: Migration = {
  version: 17,
  name: 'covering amounts',
  up: `
    DROP INDEX invoices_final_by_customer_amount;
    CREATE INDEX invoices_final_by_customer_amount ON invoices (customer_id, currency, issue_date, total_minor, status, deleted_at)
      WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL;
  `,
};
