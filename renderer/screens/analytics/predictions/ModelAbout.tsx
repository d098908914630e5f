import type { PaymentModelSummary } from '../../../../shared/domain/intelligence';
import { percentOf } from '../../../lib/amounts';
import { formatCount } from '../../../lib/format';

const days = (n: number | null) => (n === null ? '—' : `${n.toFixed(1).replace(/\.0$/, '')} days`);

/** "About these predictions": what the model learned from and how, in the backend's own sentences. */
export function ModelAbout({ model }: { model: PaymentModelSummary }) {
  return (
    <details className="about">
      <summary>About these predictions</summary>
      <dl>
        <div><dt>Paid invoices learned from</dt><dd>{formatCount(model.paidInvoices)}</dd></div>
        <div><dt>Customers with history</dt><dd>{formatCount(model.customersWithHistory)}</dd></div>
        <div><dt>Typical lateness (median)</dt><dd>{days(model.bookMedianDaysLate)}</dd></div>
        <div><dt>Paid on time</dt><dd>{percentOf(model.bookOnTimeRate)}</dd></div>
      </dl>
      <ul>
        {model.notes.map((note) => <li key={note}>{note}</li>)}
      </ul>
    </details>
  );
}
