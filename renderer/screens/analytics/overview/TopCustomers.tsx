import { useId } from 'react';
import type { CurrencyDashboard, TopCustomerRow } from '../../../../shared/domain/analytics';
import { formatCount, money } from '../../../lib/format';
import { paths } from '../../../lib/router';
import type { DrillRequest } from '../drilldown/DrilldownDialog';

interface Props {
  title: string;
  rows: TopCustomerRow[];
  /** Which amount the list is ranked by: it comes first after the name. */
  by: 'billed' | 'outstanding';
  block: CurrencyDashboard;
  empty: string;
  onDrill: (request: DrillRequest) => void;
}

/** A top-10 list of customers; each opens its customer page, and "View invoices" the invoices behind the amount. */
export function TopCustomers({ title, rows, by, block, empty, onDrill }: Props) {
  const headingId = useId();
  const { currency } = block;
  const amounts: { key: 'billedMinor' | 'outstandingMinor' | 'overdueMinor'; label: string }[] =
    by === 'billed'
      ? [{ key: 'billedMinor', label: 'Billed' }, { key: 'outstandingMinor', label: 'Outstanding' }]
      : [{ key: 'outstandingMinor', label: 'Outstanding' }, { key: 'overdueMinor', label: 'Overdue' }];
  return (
    <section className="list-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table list-table">
            <thead>
              <tr>
                <th scope="col" className="rank">#</th>
                <th scope="col">Customer</th>
                {amounts.map((a) => <th key={a.key} scope="col" className="num">{a.label}</th>)}
                <th scope="col" className="num">Invoices</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.customerId}>
                  <td className="rank">{i + 1}</td>
                  <th scope="row" className="list-customer">
                    <a href={paths.customer(r.customerId)}>{r.name}</a>
                  </th>
                  {amounts.map((a) => <td key={a.key} className="num">{money(r[a.key], currency)}</td>)}
                  <td className="num">{formatCount(r.invoiceCount)}</td>
                  <td className="row-action">
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => onDrill({ target: r.drilldown, label: `${r.name}’s ${by === 'billed' ? 'billing in the period' : 'balance'} (${currency})` })}
                    >
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
