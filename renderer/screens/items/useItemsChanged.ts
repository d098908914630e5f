import { useEffect, useState } from 'react';
import { onEvent } from '../../api';

/**
 * A number that goes up every time the backend says catalog items changed, here or on another computer
 * (a sync brought rows): add it to an effect's deps to refetch.
 */
export function useItemsChanged(): number {
  const [count, setCount] = useState(0);
  useEffect(() => onEvent('items.changed', () => setCount((c) => c + 1)), []);
  useEffect(() => onEvent('sync.applied', () => setCount((c) => c + 1)), []);
  return count;
}
