import { useEffect, useRef, useState } from 'react';
import { onEvent } from '../api';
import type { EventMap } from '../../shared/contract';

/**
 * A number that goes up every time the backend says invoices (or the payments on them) changed:
 * add it to an effect's deps to refetch. The filter sees the event and says whether it matters here.
 */
export function useInvoicesChanged(filter?: (change: EventMap['invoices.changed']) => boolean): number {
  const [count, setCount] = useState(0);
  const filterRef = useRef(filter);
  useEffect(() => {
    filterRef.current = filter;
  });
  useEffect(
    () =>
      onEvent('invoices.changed', (change) => {
        const f = filterRef.current;
        if (!f || f(change)) setCount((c) => c + 1);
      }),
    [],
  );
  return count;
}
