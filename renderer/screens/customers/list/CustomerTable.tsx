// The customer table: ARIA table semantics over a virtualized list, so 100,000 rows scroll smoothly.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PageCache } from '../../../lib/pageCache';
import type { CustomerListRow } from '../../../../shared/domain/customer';
import type { CustomerListQuery } from '../CustomerList';
import { CustomerRow, PlaceholderRow } from './CustomerRow';

export const ROW_HEIGHT = 56;
/** The sticky header row's height: rows are placed below it inside the one scroll container. */
const HEADER_HEIGHT = 40;

const COLUMNS = ['Customer', 'Contact', 'Invoices', 'Outstanding', 'Payment status', 'Last invoice', 'Status'];

interface CustomerTableProps {
  cache: PageCache<CustomerListQuery, CustomerListRow>;
  total: number;
  /** Changes when the query changes: the table scrolls back to the top. */
  queryKey: string;
}

export function CustomerTable({ cache, total, queryKey }: CustomerTableProps) {
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
    <div ref={scrollRef} className="table-scroll" role="table" aria-label="Customers" aria-rowcount={total + 1}>
      <div role="rowgroup" className="table-head" style={{ height: HEADER_HEIGHT }}>
        <div role="row" aria-rowindex={1} className="table-row">
          {COLUMNS.map((c) => (
            <div key={c} role="columnheader" className={`table-cell col-${c.toLowerCase().replace(/\s+/g, '-')}`}>
              {c}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="table-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = cache.row(item.index);
          const style = { transform: `translateY(${item.start - HEADER_HEIGHT}px)`, height: ROW_HEIGHT };
          return row ? (
            <CustomerRow key={item.key} row={row} rowIndex={item.index + 2} style={style} />
          ) : (
            <PlaceholderRow key={item.key} rowIndex={item.index + 2} style={style} />
          );
        })}
      </div>
    </div>
  );
}
