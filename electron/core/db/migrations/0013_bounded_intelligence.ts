import type { Migration } from '../migrate';

// Bounded intelligence reads at 100,000 invoices (issue 17). The anomaly rules and the collection
// plan look only at each customer's latest payment delays by due date (intelligence/repo.ts
// recentDelays): invoices paid in full with money, by customer and due date, let each customer's
// latest be read backwards and the read stop, where the paid-on index made it read every paid invoice.
export const migration0013: Migration = {
  version: 13,
  name: 'bounded intelligence',
  up: `
    CREATE INDEX invoices_paid_by_customer_due ON invoices (customer_id, due_date, paid_on, status, deleted_at, paid_minor)
      WHERE status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL;
    CREATE INDEX invoices_paid_by_customer_paid_on ON invoices (customer_id, paid_on, currency, issue_date, paid_minor, due_date, total_minor, status, deleted_at)
      WHERE status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL;
  `,
};
