import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './format';

export type Remote<T> =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; value: T; /** A refetch is under way; the value shown is the last one. */ refreshing: boolean };

/**
 * Loads `load()` now and again whenever `key` changes (add event counters to it to refetch).
 * A refetch keeps the last answer on screen; only the newest request's answer may land.
 */
export function useRemote<T>(load: () => Promise<T>, key: string): Remote<T> & { reload: () => void; set: (value: T) => void } {
  const [remote, setRemote] = useState<Remote<T>>({ state: 'loading' });
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const ticket = useRef(0);

  useEffect(() => {
    const mine = ++ticket.current;
    setRemote((r) => (r.state === 'ready' ? { ...r, refreshing: true } : r));
    loadRef.current().then(
      (value) => {
        if (mine === ticket.current) setRemote({ state: 'ready', value, refreshing: false });
      },
      (e: unknown) => {
        if (mine !== ticket.current) return;
        // A failed refresh keeps what is on screen: the next event tries again.
        setRemote((r) => (r.state === 'ready' ? { ...r, refreshing: false } : { state: 'failed', message: errorMessage(e) }));
      },
    );
  }, [key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const set = useCallback((value: T) => {
    ticket.current += 1;
    setRemote({ state: 'ready', value, refreshing: false });
  }, []);
  return { ...remote, reload, set };
}
