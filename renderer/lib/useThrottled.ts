import { useEffect, useRef, useState } from 'react';

/**
 * The value, passed on at most once every `ms` and always ending on the latest one. Unlike a
 * debounce it never waits forever: a queue that changes every second still refreshes.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, last.current + ms - Date.now());
    const timer = window.setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
