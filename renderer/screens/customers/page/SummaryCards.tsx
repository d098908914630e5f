import type { ReactNode } from 'react';
import type { Customer } from '../../../../shared/domain/customer';
import { PaymentBadge } from '../../../components/Badge';
import { formatCount, formatDate, money } from '../../../lib/format';
import './billing.css';

function daysToPay(days: number | null): string {
  if (days === null) return 'None paid in full';
  const whole = Math.round(days);
  return `${formatCount(whole)} ${whole === 1 ? 'day' : 'days'}`;
}

export function SummaryCards({ customer }: { customer: Customer }) {
  const f = customer.financials;
  const cards: [label: string, value: ReactNode][] = [
    ['Total billed', money(f.billedMinor, customer.currency)],
    ['Total paid', money(f.paidMinor, customer.currency)],
    ['Outstanding', money(f.outstandingMinor, customer.currency)],
    ['Credit', f.creditMinor > 0 ? money(f.creditMinor, customer.currency) : <span className="muted">None</span>],
    ['Invoices', formatCount(f.invoiceCount)],
    ['Last invoice', formatDate(f.lastInvoiceDate)],
    ['Average days to pay', f.averageDaysToPay === null ? <span className="muted">{daysToPay(null)}</span> : daysToPay(f.averageDaysToPay)],
    ['Payment status', <PaymentBadge key="pay" status={f.paymentStatus} />],
  ];
  return (
    <section className="stats stats-8" aria-label="Summary">
      {cards.map(([label, value]) => (
        <div key={label} className="stat">
          <span className="stat-label">{label}</span>
          <span className="stat-value">{value}</span>
        </div>
      ))}
    </section>
  );
}
