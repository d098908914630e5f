import type { Invoice } from '../../../../shared/domain/invoice';
import { formatDate, money } from '../../../lib/format';

export function CreditNotesSection({ invoice }: { invoice: Invoice }) {
  if (invoice.creditNotes.length === 0) {
    return <p className="muted">No credit notes. Issue one to reduce what is owed without changing the invoice.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label="Credit notes on this invoice">
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Date</th>
            <th scope="col">Reason</th>
            <th scope="col" className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {invoice.creditNotes.map((c) => (
            <tr key={c.id}>
              <td className="nowrap">{c.number}</td>
              <td className="nowrap">{formatDate(c.issueDate)}</td>
              <td>{c.reason}</td>
              <td className="num nowrap">{money(c.amountMinor, c.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
