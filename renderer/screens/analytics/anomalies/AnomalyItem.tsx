import type { Anomaly } from '../../../../shared/domain/intelligence';
import { formatDate, money } from '../../../lib/format';
import { monthLabel } from '../../../lib/months';
import { paths } from '../../../lib/router';

/** One anomaly: what it is about (with links), the backend's reason, and the figures behind it. */
export function AnomalyItem({ anomaly: a }: { anomaly: Anomaly }) {
  switch (a.kind) {
    case 'invoice_amount':
      return (
        <li>
          <p>
            <a href={paths.invoice(a.invoiceId)}>{a.invoiceNumber}</a> for <a href={paths.customer(a.customerId)}>{a.customerName}</a>,{' '}
            {formatDate(a.issueDate)}: <strong>{money(a.amountMinor, a.currency)}</strong>
          </p>
          <p>{a.reason}</p>
          <p className="anomaly-meta">
            Usual {money(a.medianMinor, a.currency)} over {a.priorInvoices} earlier invoices
            {a.robustZ !== null && ` · ${a.robustZ.toFixed(1)} times the usual variation`}
          </p>
        </li>
      );
    case 'payment_delay_jump':
      return (
        <li>
          <p>
            <a href={paths.customer(a.customerId)}>{a.customerName}</a>: now a median <strong>{a.recentMedianDaysLate} days late</strong>, was{' '}
            {a.earlierMedianDaysLate}
          </p>
          <p>{a.reason}</p>
          <p className="anomaly-meta">
            {a.recentInvoices} recent against {a.earlierInvoices} earlier invoices · a jump of {a.jumpDays} days (sharp from {a.thresholdDays})
          </p>
        </li>
      );
    case 'billing_drop':
      return (
        <li>
          <p>
            {monthLabel(a.month)}: billed <strong>{money(a.billedMinor, a.currency)}</strong>, {Math.abs(a.changePct).toFixed(0)}% below usual
          </p>
          <p>{a.reason}</p>
          <p className="anomaly-meta">
            Median of the {a.monthsCompared} months before: {money(a.trailingMedianMinor, a.currency)}
          </p>
        </li>
      );
  }
}
