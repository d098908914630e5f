import { memo } from 'react';
import type { CustomerListRow } from '../../../../shared/domain/customer';
import { formatPhone } from '../../../../shared/domain/phone';
import { PaymentBadge, StatusBadge } from '../../../components/Badge';
import { formatCount, formatDate, money } from '../../../lib/format';
import { rowStyle } from '../../../lib/useVirtualPages';
import { paths } from '../../../lib/router';

interface RowProps {
  row: CustomerListRow;
  rowIndex: number;
  /** Where the row sits in the scrolled body, and its height (px). */
  top: number;
  height: number;
}

export const CustomerRow = memo(function CustomerRow({ row, rowIndex, top, height }: RowProps) {
  const f = row.financials;
  return (
    <div role="row" aria-rowindex={rowIndex} className="table-row table-row-body" style={rowStyle(top, height)}>
      <div role="cell" className="table-cell col-customer">
        {/* The title shows a name the column cuts short. */}
        <a href={paths.customer(row.id)} className="cell-primary" title={row.name}>{row.name}</a>
        <span className="cell-secondary">{row.code}</span>
      </div>
      <div role="cell" className="table-cell col-contact">
        <span className="cell-primary cell-plain" title={row.email}>{row.email || '—'}</span>
        <span className="cell-secondary">{row.phone ? formatPhone(row.phone) : ''}</span>
      </div>
      <div role="cell" className="table-cell col-invoices num">{formatCount(f.invoiceCount)}</div>
      <div role="cell" className="table-cell col-outstanding num">{money(f.outstandingMinor, row.currency)}</div>
      <div role="cell" className="table-cell col-payment-status"><PaymentBadge status={f.paymentStatus} /></div>
      <div role="cell" className="table-cell col-last-invoice">{formatDate(f.lastInvoiceDate)}</div>
      <div role="cell" className="table-cell col-status"><StatusBadge status={row.status} /></div>
    </div>
  );
});

export function PlaceholderRow({ rowIndex, top, height }: { rowIndex: number; top: number; height: number }) {
  return (
    <div role="row" aria-rowindex={rowIndex} aria-busy="true" className="table-row table-row-body table-row-loading" style={rowStyle(top, height)}>
      <div role="cell" className="table-cell col-customer"><span className="skeleton" aria-label="Loading" /></div>
    </div>
  );
}
