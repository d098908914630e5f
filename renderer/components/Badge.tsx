import type { CustomerStatus, PaymentStatus } from '../../shared/domain/customer';

const paymentTitles: Record<PaymentStatus, string> = {
  good: 'No overdue invoices',
  warning: 'Invoices due soon or slightly late',
  overdue: 'Has overdue invoices',
};

const PAYMENT_LABELS: Record<PaymentStatus, string> = { good: 'Pays on time', warning: 'Due soon', overdue: 'Overdue' };
const STATUS_LABELS: Record<CustomerStatus, string> = { active: 'Active', inactive: 'Inactive', suspended: 'Suspended' };

export function PaymentBadge({ status }: { status: PaymentStatus }) {
  return (
    <span className={`badge badge-pay-${status}`} title={paymentTitles[status]}>
      {PAYMENT_LABELS[status]}
    </span>
  );
}

export function StatusBadge({ status }: { status: CustomerStatus }) {
  return <span className={`badge badge-status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function ArchivedBadge() {
  return <span className="badge badge-archived">Archived</span>;
}
