// The invoice table: ARIA table semantics over a virtualized list, so 100,000 invoices scroll smoothly.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
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
  const scrollRef = useRef<HTMLDivElement>(null);
  const { version } = useSyncExternalStore(cache.subscribe, cache.getSnapshot);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total > 0) cache.ensure(first, last);
  }, [cache, first, last, total, version]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

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
      <div role="rowgroup" className="table-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = cache.row(item.index);
          const style = { transform: `translateY(${item.start - HEADER_HEIGHT}px)`, height: ROW_HEIGHT };
          return row ? (
            <InvoiceRow key={item.key} row={row} rowIndex={item.index + 2} style={style} />
          ) : (
            <PlaceholderRow key={item.key} rowIndex={item.index + 2} style={style} />
          );
        })}
      </div>
    </div>
  );
}
