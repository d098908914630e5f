import { useId } from 'react';
import type { AttentionReasonKind, CurrencyDashboard } from '../../../../shared/domain/analytics';
import { formatDate, money } from '../../../lib/format';
import { paths } from '../../../lib/router';
import type { DrillRequest } from '../drilldown/DrilldownDialog';

const REASON_LABELS: Record<AttentionReasonKind, string> = {
  overdue: 'Overdue',
  payingLater: 'Paying later',
  nearCreditLimit: 'Near credit limit',
  overCreditLimit: 'Over credit limit',
};

interface Props {
  block: CurrencyDashboard;
  today: string;
  onDrill: (request: DrillRequest) => void;
}

/** Customers to look at today, most overdue first, each with the reasons in words. */
export function NeedsAttention({ block, today, onDrill }: Props) {
  const headingId = useId();
  const { currency } = block;
  const rows = block.lists.needsAttention;
  return (
    <section className="list-card" aria-labelledby={headingId}>
      <h3 id={headingId}>Customers needing attention</h3>
      <p className="chart-card-description">As of today ({formatDate(today)}), whatever the period: overdue money, slower payment, credit limits.</p>
      {rows.length === 0 ? (
        <p className="muted">No one needs attention today: nothing in {currency} is overdue, no one is paying later than they used to, and everyone is within their credit limit.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table list-table attention-table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col" className="num">Owed</th>
                <th scope="col">Why</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.customerId}>
                  <th scope="row" className="list-customer"><a href={paths.customer(r.customerId)}>{r.name}</a></th>
                  <td className="num">
                    {money(r.outstandingMinor, currency)}
                    {r.overdueMinor > 0 && <span className="owed-overdue">{money(r.overdueMinor, currency)} overdue</span>}
                    {r.creditLimitMinor > 0 && <span className="cell-sub">limit {money(r.creditLimitMinor, currency)}</span>}
                  </td>
                  <td>
                    <ul className="reason-list">
                      {r.reasons.map((reason) => (
                        <li key={reason.kind}>
                          <span className={`badge badge-reason badge-reason-${reason.kind}`}>{REASON_LABELS[reason.kind]}</span> {reason.text}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="row-action">
                    <button type="button" className="btn btn-small" onClick={() => onDrill({ target: r.drilldown, label: `${r.name}’s balance today (${currency})` })}>
                      View invoices<span className="visually-hidden"> for {r.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
