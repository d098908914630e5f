import type { Invoice } from '../../../../shared/domain/invoice';
import { paymentTermsLabel } from '../../../../shared/domain/customer';
import { overdueLabel } from '../../../components/InvoiceStatusBadge';
import { formatDate, money } from '../../../lib/format';

/** The few facts a person looks for first: who, when, how much, how much is left. */
export function InvoiceFacts({ invoice }: { invoice: Invoice }) {
  const fmt = (minor: number) => money(minor, invoice.currency);
  const isDraft = invoice.status === 'draft';
  const dueNote = invoice.dueDateFromTerms ? paymentTermsLabel(invoice.customer.paymentTermsDays) : null;
  return (
    <dl className="stats invoice-facts" aria-label="Invoice summary">
      <div className="stat">
        <dt className="stat-label">Issued</dt>
        <dd className="stat-value">{formatDate(invoice.issueDate)}</dd>
      </div>
      <div className="stat">
        <dt className="stat-label">Due</dt>
        <dd className="stat-value">
          {formatDate(invoice.dueDate)}
          {invoice.overdue ? (
            <span className="stat-note stat-note-danger">{overdueLabel(invoice.daysOverdue)}</span>
          ) : invoice.paidOn ? (
            <span className="stat-note">Paid {formatDate(invoice.paidOn)}</span>
          ) : (
            dueNote && <span className="stat-note">{dueNote}</span>
          )}
        </dd>
      </div>
      <div className="stat">
        <dt className="stat-label">Total</dt>
        <dd className="stat-value">{fmt(invoice.totals.totalMinor)}</dd>
      </div>
      <div className="stat">
        <dt className="stat-label">Balance due</dt>
        <dd className={`stat-value${invoice.overdue ? ' stat-value-danger' : ''}`}>
          {isDraft ? <span className="muted">Not issued yet</span> : invoice.status === 'void' ? <span className="muted">Void</span> : fmt(invoice.balanceMinor)}
        </dd>
      </div>
    </dl>
  );
}
