import type { CustomerStatus, PaymentStatus } from '../../shared/domain/customer';

const paymentTitles: Record<PaymentStatus, string> = {
  good: 'No overdue invoices',
  warning: 'Invoices due soon or slightly late',
  overdue: 'Has overdue invoices',
};

export function PaymentBadge({ status }: { status: PaymentStatus }) {
  return (
    <span className={`badge badge-pay-${status}`} title={paymentTitles[status]}>
      {status}
    </span>
  );
}

export function StatusBadge({ status }: { status: CustomerStatus }) {
  return <span className={`badge badge-status-${status}`}>{status}</span>;
}

export function ArchivedBadge() {
  return <span className="badge badge-archived">archived</span>;
}
