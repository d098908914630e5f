import { useEffect, useState } from 'react';
import { appNow } from './clock';

/** The time now (ms), moving on every `everyMs`: for "in 2 min" texts that must not go stale. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => appNow());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(appNow()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
