import { memo, type MouseEvent } from 'react';
import type { InvoiceListRow } from '../../../../shared/domain/invoice';
import { InvoiceStatusBadge } from '../../../components/InvoiceStatusBadge';
import { formatDate, money } from '../../../lib/format';
import { rowStyle } from '../../../lib/useVirtualPages';
import { navigate, paths } from '../../../lib/router';

export function invoiceHref(row: { id: string; status: string }): string {
  return row.status === 'draft' ? paths.draftEdit(row.id) : paths.invoice(row.id);
}

interface RowProps {
  row: InvoiceListRow;
  rowIndex: number;
  /** Where the row sits in the scrolled body, and its height (px). */
  top: number;
  height: number;
}

/** Clicking anywhere on a row opens it; the number is the link keyboards and screen readers use. */
function openRow(event: MouseEvent<HTMLDivElement>, href: string) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.target instanceof Element && event.target.closest('a, button')) return;
  if (window.getSelection()?.toString()) return;
  navigate(href);
}

export const InvoiceRow = memo(function InvoiceRow({ row, rowIndex, top, height }: RowProps) {
  const href = invoiceHref(row);
  const isDraft = row.status === 'draft';
  return (
    <div role="row" aria-rowindex={rowIndex} className="table-row table-row-body invoice-grid invoice-row" style={rowStyle(top, height)} onClick={(e) => openRow(e, href)}>
      <div role="cell" className="table-cell">
        <a href={href} className={`cell-primary${isDraft ? ' invoice-draft-link' : ''}`} aria-label={isDraft ? `Draft for ${row.customerName}` : undefined}>
          {row.number ?? 'Draft'}
        </a>
      </div>
      <div role="cell" className="table-cell">
        <span className="cell-primary cell-plain" title={row.customerName}>{row.customerName}</span>
      </div>
      <div role="cell" className="table-cell">{formatDate(row.issueDate)}</div>
      <div role="cell" className="table-cell">{formatDate(row.dueDate)}</div>
      <div role="cell" className="table-cell num">{money(row.totalMinor, row.currency)}</div>
      <div role="cell" className="table-cell num">
        {isDraft || row.status === 'void' ? <span className="muted">—</span> : money(row.balanceMinor, row.currency)}
      </div>
      <div role="cell" className="table-cell">
        <InvoiceStatusBadge status={row.status} overdue={row.overdue} daysOverdue={row.daysOverdue} />
      </div>
    </div>
  );
});

export function PlaceholderRow({ rowIndex, top, height }: { rowIndex: number; top: number; height: number }) {
  return (
    <div role="row" aria-rowindex={rowIndex} aria-busy="true" className="table-row table-row-body table-row-loading invoice-grid" style={rowStyle(top, height)}>
      <div role="cell" className="table-cell"><span className="skeleton" aria-label="Loading" /></div>
    </div>
  );
}
