// The invoice table: ARIA table semantics over a virtualized list, so 100,000 invoices scroll smoothly.
import { useVirtualPages } from '../../../lib/useVirtualPages';
import type { InvoiceListRow, InvoiceSort } from '../../../../shared/domain/invoice';
import type { InvoiceListQuery } from '../../../stores/invoiceQuery';
import type { PageCache } from '../../../lib/pageCache';
import { InvoiceRow, PlaceholderRow } from './InvoiceRow';

export const ROW_HEIGHT = 48;
/** The sticky header row's height: rows are placed below it inside the one scroll container. */
const HEADER_HEIGHT = 40;

const COLUMNS: { label: string; sort: InvoiceSort | null; num?: boolean }[] = [
  { label: 'Number', sort: 'number' },
  { label: 'Customer', sort: 'customer' },
  { label: 'Issued', sort: 'issueDate' },
  { label: 'Due', sort: 'dueDate' },
  { label: 'Total', sort: 'total', num: true },
  { label: 'Balance', sort: 'balance', num: true },
  { label: 'Status', sort: null },
];

/** Which way a column sorts when first chosen: names A→Z, numbers, dates and amounts newest or largest first. */
export const FIRST_DIRECTION: Record<InvoiceSort, 'asc' | 'desc'> = {
  number: 'desc', customer: 'asc', issueDate: 'desc', dueDate: 'desc', total: 'desc', balance: 'desc',
};

interface InvoiceTableProps {
  cache: PageCache<InvoiceListQuery, InvoiceListRow>;
  total: number;
  /** Changes when the query changes: the table scrolls back to the top. */
  queryKey: string;
  sort: InvoiceSort;
  direction: 'asc' | 'desc';
  onSort: (sort: InvoiceSort) => void;
}

export function InvoiceTable({ cache, total, queryKey, sort, direction, onSort }: InvoiceTableProps) {
  const { scrollRef, items, totalSize } = useVirtualPages(cache, total, queryKey, { row: ROW_HEIGHT, header: HEADER_HEIGHT });

  return (
    <div ref={scrollRef} className="table-scroll" role="table" aria-label="Invoices" aria-rowcount={total + 1}>
      <div role="rowgroup" className="table-head" style={{ height: HEADER_HEIGHT }}>
        <div role="row" aria-rowindex={1} className="table-row invoice-grid">
          {COLUMNS.map((c) => {
            const active = c.sort !== null && c.sort === sort;
            return (
              <div
                key={c.label}
                role="columnheader"
                className={`table-cell${c.num ? ' num' : ''}`}
                aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : c.sort ? 'none' : undefined}
              >
                {c.sort ? (
                  <button type="button" className={`sort-button${active ? ' sort-active' : ''}`} onClick={() => onSort(c.sort!)}>
                    {c.label}
                    <span aria-hidden="true" className="sort-arrow">{active ? (direction === 'asc' ? '↑' : '↓') : '↕'}</span>
                  </button>
                ) : (
                  c.label
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="table-body" style={{ height: totalSize }}>
        {items.map((item) => {
          const row = cache.row(item.index);
          // Numbers, not a style object made anew each render: a row already drawn is not drawn again as the list scrolls.
          const top = item.start - HEADER_HEIGHT;
          return row ? (
            <InvoiceRow key={item.key} row={row} rowIndex={item.index + 2} top={top} height={ROW_HEIGHT} />
          ) : (
            <PlaceholderRow key={item.key} rowIndex={item.index + 2} top={top} height={ROW_HEIGHT} />
          );
        })}
      </div>
    </div>
  );
}
