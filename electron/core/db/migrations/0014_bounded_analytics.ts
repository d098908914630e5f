import type { Migration } from '../migrate';

// Bounded analytics reads at 100,000 invoices (issue 17). The anomaly rules and the collection plan
// look only at each customer's latest payment delays by due date (intelligence/repo.ts recentDelays),
// and the payment model at each customer's latest payments (recentPaid): invoices paid in full with
// money, by customer and due date and by customer and paid day, let each customer's latest be read
// backwards and the read stop, where the paid-on index made them read every paid invoice. Finalized
// invoices by customer and month: a report grouped by customer and month (reports/repo.ts) gets each
// group whole, where by issue date SQLite sorted every invoice first; completed payments by month the
// same for a payments report by month. Each holds the columns of its
// partial WHERE too, or SQLite looks up every row to check them.
export const migration0014: Migration = {
  version: 14,
  name: 'bounded analytics',
  up: `
    CREATE INDEX invoices_paid_by_customer_due ON invoices (customer_id, due_date, paid_on, status, deleted_at, paid_minor)
      WHERE status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL;
    CREATE INDEX invoices_paid_by_customer_paid_on ON invoices (customer_id, paid_on, currency, issue_date, paid_minor, due_date, total_minor, status, deleted_at)
      WHERE status = 'paid' AND deleted_at IS NULL AND paid_minor > 0 AND paid_on IS NOT NULL;
    CREATE INDEX invoices_final_by_customer_month ON invoices (customer_id, substr(issue_date, 1, 7), currency, total_minor, issue_date, status, deleted_at)
      WHERE status IN ('open', 'partially_paid', 'paid') AND deleted_at IS NULL;
    CREATE INDEX payments_completed_by_month ON payments (substr(paid_on, 1, 7), currency, amount_minor, paid_on, customer_id, status)
      WHERE status = 'completed';
  `,
};
