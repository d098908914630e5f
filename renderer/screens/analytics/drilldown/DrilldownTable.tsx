import type { DrilldownPage, DrilldownTarget } from '../../../../shared/domain/analytics';
import { InvoiceStatusBadge } from '../../../components/InvoiceStatusBadge';
import { formatCount, formatDate, money } from '../../../lib/format';
import { paths } from '../../../lib/router';

/** What each row adds to the figure, named for the kind of figure (see DrilldownRow.contributionMinor). */
const CONTRIBUTION: Record<DrilldownTarget['kind'], string> = {
  billed: 'Billed in range',
  collected: 'Applied in range',
  receivables: 'Owed that day',
  newCustomers: 'First invoice',
  paid: 'Total paid',
};

export function DrilldownTable({ page, kind }: { page: DrilldownPage; kind: DrilldownTarget['kind'] }) {
  const showDays = kind === 'receivables';
  return (
    <div className="table-wrap">
      <table className="data-table drill-table">
        <caption className="visually-hidden">{page.title}</caption>
        <thead>
          <tr>
            <th scope="col">Invoice</th>
            <th scope="col">Issued · due</th>
            <th scope="col" className="num">Total</th>
            <th scope="col" className="num">Balance today</th>
            <th scope="col" className="num">{CONTRIBUTION[kind]}</th>
            {showDays && <th scope="col" className="num">Days past due</th>}
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a href={paths.invoice(r.id)}>{r.number ?? 'Draft'}</a>
                <span className="cell-sub drill-customer"><a href={paths.customer(r.customerId)}>{r.customerName}</a></span>
              </th>
              <td className="nowrap">
                {formatDate(r.issueDate)}
                <span className="cell-sub">due {formatDate(r.dueDate)}</span>
              </td>
              <td className="num">{money(r.totalMinor, r.currency)}</td>
              <td className="num">{money(r.balanceMinor, r.currency)}</td>
              <td className="num">{money(r.contributionMinor, r.currency)}</td>
              {showDays && <td className="num">{r.daysPastDue === null ? '—' : r.daysPastDue < 0 ? `due in ${formatCount(-r.daysPastDue)}` : formatCount(r.daysPastDue)}</td>}
              <td><InvoiceStatusBadge status={r.status} overdue={r.overdue} daysOverdue={r.daysOverdue} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
