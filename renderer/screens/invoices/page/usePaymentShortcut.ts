import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../../../lib/keys';
import { useShortcuts } from '../../../stores/shortcuts';

/** "p" records a payment on the invoice page, when that is possible. Ignored while typing or in a dialog. */
export function usePaymentShortcut(enabled: boolean, open: () => void) {
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target) || useShortcuts.getState().helpOpen) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (event.key === 'p' || event.key === 'P') {
        event.preventDefault();
        openRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
