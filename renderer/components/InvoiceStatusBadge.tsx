import { INVOICE_STATUS_LABELS, type InvoiceStatus } from '../../shared/domain/invoiceStatus';
import { formatCount } from '../lib/format';
import './InvoiceStatusBadge.css';

interface InvoiceStatusBadgeProps {
  status: InvoiceStatus;
  overdue: boolean;
  daysOverdue: number;
  /** Show the stored status beside the overdue one (the invoice page); a list shows only the more urgent one. */
  both?: boolean;
}

export function overdueLabel(days: number): string {
  return days > 0 ? `Overdue · ${formatCount(days)} ${days === 1 ? 'day' : 'days'}` : 'Overdue';
}

/** Draft, Open, Partially paid, Paid, Void — or "Overdue · N days", amber up to 30 days and red after. */
export function InvoiceStatusBadge({ status, overdue, daysOverdue, both = false }: InvoiceStatusBadgeProps) {
  const plain = <span className={`badge badge-invoice-${status}`}>{INVOICE_STATUS_LABELS[status]}</span>;
  if (!overdue) return plain;
  const late = (
    <span
      className={`badge ${daysOverdue > 30 ? 'badge-invoice-overdue-long' : 'badge-invoice-overdue'}`}
      title={`${INVOICE_STATUS_LABELS[status]}, ${formatCount(daysOverdue)} ${daysOverdue === 1 ? 'day' : 'days'} past its due date`}
    >
      {overdueLabel(daysOverdue)}
    </span>
  );
  if (!both) return late;
  return (
    <span className="badge-pair">
      {plain}
      {late}
    </span>
  );
}
