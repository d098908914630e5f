// Every payment: receipt, date, customer, method, reference, the invoices it paid and the amount,
// with its receipt a click away. Reversed payments stay, struck through.
import type { PaymentListRow } from '../../../shared/domain/payment';
import { PAYMENT_METHOD_LABELS } from '../../../shared/domain/invoice';
import { formatDate, money } from '../../lib/format';
import { paths } from '../../lib/router';

interface PaymentTableProps {
  rows: PaymentListRow[];
  onReceipt: (row: PaymentListRow) => void;
}

export function PaymentTable({ rows, onReceipt }: PaymentTableProps) {
  return (
    <div className="table-wrap">
      <table className="data-table billing-table payments-table" aria-label="Payments">
        <thead>
          <tr>
            <th scope="col">Receipt</th>
            <th scope="col">Date</th>
            <th scope="col">Customer</th>
            <th scope="col">Method</th>
            <th scope="col">Reference</th>
            <th scope="col">Paid invoices</th>
            <th scope="col" className="num">Amount</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => {
            const reversed = p.status === 'reversed';
            return (
              <tr key={p.id} className={reversed ? 'row-reversed' : undefined}>
                <td className="nowrap">
                  <span className="struck">{p.number}</span>
                  {reversed && <span className="badge badge-reversed">Reversed</span>}
                </td>
                <td className="nowrap"><span className="struck">{formatDate(p.paidOn)}</span></td>
                <td className="cell-wrap"><a href={paths.customerTab(p.customerId, 'payments')}>{p.customerName}</a></td>
                <td><span className="struck">{PAYMENT_METHOD_LABELS[p.method]}</span></td>
                <td><span className="struck code">{p.reference || '—'}</span></td>
                <td className="cell-wrap">
                  <span className="struck">
                    {p.invoiceNumbers.length > 0 ? p.invoiceNumbers.map((n, i) => <span key={n} className="nowrap">{n}{i < p.invoiceNumbers.length - 1 ? ', ' : ''}</span>) : '—'}
                  </span>
                  {p.unallocatedMinor > 0 && !reversed && <span className="cell-note">{money(p.unallocatedMinor, p.currency)} kept as credit</span>}
                </td>
                <td className="num nowrap"><span className="struck">{money(p.amountMinor, p.currency)}</span></td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => onReceipt(p)}>
                    Receipt<span className="visually-hidden"> {p.number}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
