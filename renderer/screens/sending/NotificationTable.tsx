// Messages as a table: when, (customer, invoice), channel and kind, recipients, status, (the
// provider's reference) and Cancel / Send again. The invoice page, the customer's Messages tab and
// the Messages screen each choose the columns they need.
import { NOTIFICATION_TYPE_LABELS, SEND_CHANNEL_LABELS, type NotificationView } from '../../../shared/domain/sending';
import { formatDateTime, plural } from '../../lib/format';
import { paths } from '../../lib/router';
import { NotificationActions } from './NotificationActions';
import { NotificationStatus, errorOf } from './NotificationStatus';
import { Fragment } from 'react';
import './sending.css';

interface NotificationTableProps {
  label: string;
  notifications: NotificationView[];
  showCustomer?: boolean;
  showInvoice?: boolean;
  /** The provider's message id (Message-ID or SMS id). */
  showReference?: boolean;
}

/** When it went, or else when it was asked for (a scheduled one's time is in its status). */
function whenOf(n: NotificationView): { at: string; what: string } {
  return n.sentAt ? { at: n.sentAt, what: 'sent' } : { at: n.createdAt, what: 'requested' };
}

export function NotificationTable({ label, notifications, showCustomer, showInvoice, showReference }: NotificationTableProps) {
  const columns = 5 + (showCustomer ? 1 : 0) + (showReference ? 1 : 0);
  return (
    <div className="table-wrap">
      <table className="data-table note-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">When</th>
            {showCustomer && <th scope="col">Customer</th>}
            <th scope="col">Message</th>
            <th scope="col">To</th>
            <th scope="col">Status</th>
            {showReference && <th scope="col">Provider reference</th>}
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {notifications.map((n) => {
            const when = whenOf(n);
            const error = errorOf(n);
            return (
              <Fragment key={n.id}>
              <tr className={error ? 'note-row-with-error' : undefined}>
                <td className="note-when">
                  <time dateTime={when.at}>{formatDateTime(when.at)}</time>
                  <span className="note-caption">{when.what}</span>
                </td>
                {showCustomer && (
                  <td className="note-customer"><a href={paths.customer(n.customerId)}>{n.customerName}</a></td>
                )}
                <td className="note-message">
                  <span className="note-channel">{SEND_CHANNEL_LABELS[n.channel]}</span>
                  <span className="note-caption">
                    {NOTIFICATION_TYPE_LABELS[n.type]}
                    {showInvoice && n.invoiceId && n.invoiceNumber && <> <a href={paths.invoice(n.invoiceId)}>{n.invoiceNumber}</a></>}
                    {n.channel === 'sms' && n.segments !== null && ` · ${plural(n.segments, 'segment')}`}
                    {n.channel === 'email' && n.attachPdf && ' · PDF attached'}
                  </span>
                </td>
                <td className="note-to">
                  <ul className="note-recipients">
                    {n.recipients.map((r) => <li key={r}>{r}</li>)}
                  </ul>
                </td>
                <td className="note-state"><NotificationStatus n={n} showError={false} /></td>
                {showReference && (
                  <td className="note-ref">{n.providerMessageId ? <span className="code">{n.providerMessageId}</span> : <span className="muted">—</span>}</td>
                )}
                <td className="row-actions"><NotificationActions n={n} /></td>
              </tr>
              {/* Why it failed, across the whole row: a reason is a sentence, too long for a column. */}
              {error && (
                <tr className="note-error-row">
                  <td colSpan={columns}><span className="note-error">{error}</span></td>
                </tr>
              )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
