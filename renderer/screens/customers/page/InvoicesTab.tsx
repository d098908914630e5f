import { useState } from 'react';
import { invoke } from '../../../api';
import { PAGE, useFirstRows } from './useFirstRows';
import type { Customer } from '../../../../shared/domain/customer';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { InvoiceStatusBadge } from '../../../components/InvoiceStatusBadge';
import { Loading } from '../../../components/Loading';
import { formatDate, money, plural } from '../../../lib/format';
import { invoiceHref } from '../../invoices/list/InvoiceRow';
import { DraftStarters } from './DraftStarters';
import { SuggestedInvoices } from './SuggestedInvoices';
import './drafting.css';

/** The customer's invoices, newest first, a hundred at a time. */
export function InvoicesTab({ customer, refreshToken }: { customer: Customer; refreshToken: number }) {
  const { rows, total, error, showMore } = useFirstRows(
    (offset: number, limit: number) => invoke('invoices.list', { customerId: customer.id, sort: 'issueDate', direction: 'desc', offset, limit }),
    customer.id,
    refreshToken,
  );

  const [starterMessage, setStarterMessage] = useState<string | null>(null);

  const header = (
    <>
      <div className="section-header">
        <p className="muted section-count">{rows ? plural(total, 'invoice') : ''}</p>
        <div className="header-actions">
          <DraftStarters customer={customer} onMessage={setStarterMessage} />
        </div>
      </div>
      {starterMessage && (
        <p className="starter-message" role="status">
          {starterMessage}{' '}
          <button type="button" className="btn-link" onClick={() => setStarterMessage(null)}>Dismiss</button>
        </p>
      )}
      <SuggestedInvoices customer={customer} refreshToken={refreshToken} />
    </>
  );

  if (error) return <>{header}<ErrorNotice title="Invoices could not be loaded" message={error} /></>;
  if (!rows) return <Loading label="Loading invoices…" />;
  if (rows.length === 0) {
    return (
      <>
        {header}
        <p className="muted">No invoices for {customer.name} yet. Use New invoice at the top to draft one; it gets a number when you finalize it.</p>
      </>
    );
  }
  return (
    <>
      {header}
      <div className="table-wrap">
        <table className="data-table billing-table" aria-label={`Invoices for ${customer.name}`}>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Issued</th>
              <th scope="col">Due</th>
              <th scope="col" className="num">Total</th>
              <th scope="col" className="num">Balance</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td><a href={invoiceHref(r)}>{r.number ?? 'Draft'}</a></td>
                <td>{formatDate(r.issueDate)}</td>
                <td>{formatDate(r.dueDate)}</td>
                <td className="num">{money(r.totalMinor, r.currency)}</td>
                <td className="num">{r.status === 'draft' || r.status === 'void' ? '—' : money(r.balanceMinor, r.currency)}</td>
                <td><InvoiceStatusBadge status={r.status} overdue={r.overdue} daysOverdue={r.daysOverdue} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length < total && (
        <p className="show-more">
          <button type="button" className="btn" onClick={showMore}>
            Show {Math.min(PAGE, total - rows.length)} more of {plural(total - rows.length, 'older invoice')}
          </button>
        </p>
      )}
    </>
  );
}
