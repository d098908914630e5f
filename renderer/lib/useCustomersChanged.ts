import { useEffect, useState } from 'react';
import { onEvent } from '../api';

/** A number that goes up every time the backend says customers changed: add it to an effect's deps to refetch. */
export function useCustomersChanged(filter?: (ids: string[]) => boolean): number {
  const [count, setCount] = useState(0);
  useEffect(
    () =>
      onEvent('customers.changed', ({ ids }) => {
        if (!filter || filter(ids)) setCount((c) => c + 1);
      }),
    // The filter is read when an event arrives; callers pass a stable or inline function.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  return count;
}
