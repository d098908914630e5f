import { useEffect, useRef, useState } from 'react';
import { onEvent } from '../api';
import type { EventMap, EventName } from '../../shared/contract';

/**
 * A number that goes up every time the backend sends `event` (and the filter, read when the event
 * arrives, says it matters here): add it to an effect's deps to refetch.
 */
export function useEventCount<E extends EventName>(event: E, filter?: (payload: EventMap[E]) => boolean): number {
  const [count, setCount] = useState(0);
  const filterRef = useRef(filter);
  useEffect(() => {
    filterRef.current = filter;
  });
  useEffect(
    () =>
      onEvent(event, (payload) => {
        const f = filterRef.current;
        if (!f || f(payload)) setCount((c) => c + 1);
      }),
    [event],
  );
  return count;
}
