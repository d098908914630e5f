import type { Invoice } from '../../../../shared/domain/invoice';
import { PAYMENT_METHOD_LABELS } from '../../../../shared/domain/invoice';
import { formatDate, money } from '../../../lib/format';

export function PaymentsSection({ invoice }: { invoice: Invoice }) {
  const fmt = (minor: number) => money(minor, invoice.currency);
  if (invoice.payments.length === 0) {
    return <p className="muted">No payments yet.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label="Payments on this invoice">
        <thead>
          <tr>
            <th scope="col">Receipt</th>
            <th scope="col">Date</th>
            <th scope="col">Method</th>
            <th scope="col">Reference</th>
            <th scope="col" className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {invoice.payments.map((p) => (
            <tr key={`${p.paymentId}-${p.allocatedOn}`} className={p.reversed ? 'row-reversed' : undefined}>
              <td>
                <span className="struck">{p.paymentNumber}</span>
                {p.reversed && <> <span className="badge badge-reversed">Reversed</span></>}
              </td>
              <td><span className="struck">{formatDate(p.allocatedOn)}</span></td>
              <td><span className="struck">{PAYMENT_METHOD_LABELS[p.method]}</span></td>
              <td><span className="struck code">{p.reference || '—'}</span></td>
              <td className="num"><span className="struck">{fmt(p.amountMinor)}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
