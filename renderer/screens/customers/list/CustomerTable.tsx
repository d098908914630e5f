// The customer table: ARIA table semantics over a virtualized list, so 100,000 rows scroll smoothly.
import { useVirtualPages } from '../../../lib/useVirtualPages';
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
  const { scrollRef, items, totalSize } = useVirtualPages(cache, total, queryKey, { row: ROW_HEIGHT, header: HEADER_HEIGHT });

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
      <div role="rowgroup" className="table-body" style={{ height: totalSize }}>
        {items.map((item) => {
          const row = cache.row(item.index);
          // Numbers, not a style object made anew each render: a row already drawn is not drawn again as the list scrolls.
          const top = item.start - HEADER_HEIGHT;
          return row ? (
            <CustomerRow key={item.key} row={row} rowIndex={item.index + 2} top={top} height={ROW_HEIGHT} />
          ) : (
            <PlaceholderRow key={item.key} rowIndex={item.index + 2} top={top} height={ROW_HEIGHT} />
          );
        })}
      </div>
    </div>
  );
}
