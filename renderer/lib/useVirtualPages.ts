// The scrolling of a long paged list: only the rows in view are drawn, and the pages behind them
// are fetched as they scroll in. A new query scrolls back to the top.
import { useEffect, useRef, useSyncExternalStore, type CSSProperties } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PageCache } from './pageCache';

export function useVirtualPages<Q, R>(cache: PageCache<Q, R>, total: number, queryKey: string, sizes: { row: number; header: number }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { version } = useSyncExternalStore(cache.subscribe, cache.getSnapshot);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => sizes.row,
    overscan: 12,
    scrollMargin: sizes.header,
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

  return { scrollRef, items, totalSize: virtualizer.getTotalSize() };
}

/** A virtual row's place in the scrolled body. */
export function rowStyle(top: number, height: number): CSSProperties {
  return { transform: `translateY(${top}px)`, height };
}
