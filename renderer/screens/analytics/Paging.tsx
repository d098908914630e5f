import { formatCount } from '../../lib/format';

interface PagingProps {
  label: string;
  offset: number;
  shown: number;
  total: number;
  pageSize: number;
  onOffset: (offset: number) => void;
}

/** Previous / Next under a list longer than a page, with where the reader is. */
export function Paging({ label, offset, shown, total, pageSize, onOffset }: PagingProps) {
  if (total <= pageSize) return null;
  const last = offset + shown;
  return (
    <nav className="paging" aria-label={label}>
      <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <span aria-live="polite">
        {formatCount(offset + 1)}–{formatCount(last)} of {formatCount(total)}
      </span>
      <button type="button" className="btn btn-small" disabled={last >= total} onClick={() => onOffset(offset + pageSize)}>
        Next
      </button>
    </nav>
  );
}
