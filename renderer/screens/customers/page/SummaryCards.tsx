import type { ReactNode } from 'react';
import type { Customer } from '../../../../shared/domain/customer';
import { PaymentBadge } from '../../../components/Badge';
import { formatCount, formatDate, money } from '../../../lib/format';

export function SummaryCards({ customer }: { customer: Customer }) {
  const f = customer.financials;
  const cards: [label: string, value: ReactNode][] = [
    ['Total billed', money(f.billedMinor, customer.currency)],
    ['Total paid', money(f.paidMinor, customer.currency)],
    ['Outstanding', money(f.outstandingMinor, customer.currency)],
    ['Invoices', formatCount(f.invoiceCount)],
    ['Last invoice', formatDate(f.lastInvoiceDate)],
    ['Payment status', <PaymentBadge key="pay" status={f.paymentStatus} />],
  ];
  return (
    <section className="stats stats-6" aria-label="Summary">
      {cards.map(([label, value]) => (
        <div key={label} className="stat">
          <span className="stat-label">{label}</span>
          <span className="stat-value">{value}</span>
        </div>
      ))}
    </section>
  );
}
