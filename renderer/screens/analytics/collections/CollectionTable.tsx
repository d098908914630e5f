import { COLLECTION_TONE_LABELS, type CollectionRow, type ContactChannel } from '../../../../shared/domain/intelligence';
import { percentOf } from '../../../lib/amounts';
import { formatCount, formatDate, money, plural } from '../../../lib/format';
import { paths } from '../../../lib/router';
import { WhyRow } from '../WhyRow';

const CHANNEL_LABELS: Record<ContactChannel, string> = { email: 'email', sms: 'SMS', phone: 'a phone call' };

function contactText(r: CollectionRow): string {
  const every = r.contactEveryDays === 1 ? 'every day' : `every ${formatCount(r.contactEveryDays)} days`;
  return `${every} by ${CHANNEL_LABELS[r.channel]}`;
}

/** One row per overdue customer and currency: what they owe, the strategy and the reasons for it. */
export function CollectionTable({ rows }: { rows: CollectionRow[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table intel-table collection-table">
        <caption className="visually-hidden">Collection strategy for each overdue customer</caption>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col" className="num">Overdue</th>
            <th scope="col">Oldest due</th>
            <th scope="col">Strategy</th>
            <th scope="col">Get in touch</th>
          </tr>
        </thead>
        {rows.map((r) => (
          <tbody key={`${r.customerId}-${r.currency}`}>
            <tr>
              <th scope="row">
                <a href={paths.customer(r.customerId)}>{r.customerName}</a>
                <span className="cell-sub">
                  {r.customerCode} · on time {percentOf(r.onTimeRate)}
                </span>
              </th>
              <td className="num">
                {money(r.overdueMinor, r.currency)}
                <span className="cell-sub">{plural(r.overdueInvoices, 'invoice')}</span>
              </td>
              <td className="nowrap">
                {formatDate(r.oldestDueDate)}
                <span className="cell-sub text-danger">{plural(r.daysOverdue, 'day')} overdue</span>
              </td>
              <td className="nowrap">
                <span className={`badge badge-tone-${r.tone}`}>{COLLECTION_TONE_LABELS[r.tone]}</span>
                {r.worsening && <span className="cell-sub text-danger">Paying later than before</span>}
              </td>
              <td>
                {contactText(r)}
                <span className="cell-sub">
                  {r.expectedPaymentDate ? `Expected by ${formatDate(r.expectedPaymentDate)}` : 'No sign yet of when it will come'}
                </span>
              </td>
            </tr>
            <WhyRow colSpan={5} reasons={r.reasons} />
          </tbody>
        ))}
      </table>
    </div>
  );
}
