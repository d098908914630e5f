import { PREDICTION_BASIS_LABELS, type InvoicePrediction } from '../../../../shared/domain/intelligence';
import { percentOf } from '../../../lib/amounts';
import { formatCount, formatDate, money } from '../../../lib/format';
import { paths } from '../../../lib/router';
import { WhyRow } from '../WhyRow';

function dueText(days: number): string {
  if (days === 0) return 'due today';
  return days > 0 ? `${formatCount(days)} ${days === 1 ? 'day' : 'days'} overdue` : `due in ${formatCount(-days)} ${days === -1 ? 'day' : 'days'}`;
}

/** One row per open invoice: when it should be paid, how likely on time, and the reasons. */
export function PredictionTable({ rows }: { rows: InvoicePrediction[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table intel-table prediction-table">
        <caption className="visually-hidden">Payment predictions for open invoices</caption>
        <thead>
          <tr>
            <th scope="col">Invoice</th>
            <th scope="col">Due</th>
            <th scope="col" className="num">Balance</th>
            <th scope="col">Expected payment</th>
            <th scope="col" className="num">On time</th>
            <th scope="col" className="num">In 30 days</th>
          </tr>
        </thead>
        {rows.map((r) => (
          // One group per invoice: its figures, then why, across the table.
          <tbody key={r.invoiceId}>
            <tr>
              <th scope="row">
                <a href={paths.invoice(r.invoiceId)}>{r.invoiceNumber}</a>
                <span className="cell-sub"><a href={paths.customer(r.customerId)}>{r.customerName}</a></span>
              </th>
              <td className="nowrap">
                {formatDate(r.dueDate)}
                <span className={`cell-sub${r.daysOverdue > 0 ? ' text-danger' : ''}`}>{dueText(r.daysOverdue)}</span>
              </td>
              <td className="num">{money(r.balanceMinor, r.currency)}</td>
              <td className="nowrap">
                {r.expectedPaymentDate ? (
                  <>
                    {formatDate(r.expectedPaymentDate)}
                    {r.paymentWindow && (
                      <span className="cell-sub" title="8 in 10 such invoices are paid in this window">
                        {formatDate(r.paymentWindow.from)} – {formatDate(r.paymentWindow.to)}
                      </span>
                    )}
                  </>
                ) : (
                  <span className="muted">No basis yet</span>
                )}
              </td>
              <td className="num">{percentOf(r.probabilityOnTime)}</td>
              <td className="num">{percentOf(r.probabilityWithin30Days)}</td>
            </tr>
            <WhyRow colSpan={6} reasons={r.reasons} extra={`Based on: ${PREDICTION_BASIS_LABELS[r.basis]}`} />
          </tbody>
        ))}
      </table>
    </div>
  );
}
