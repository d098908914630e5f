import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../../lib/keys';
import { useShortcuts } from '../../stores/shortcuts';

/** "R" runs the report, when no one is typing, no dialog is open and no modifier is held. */
export function useRunShortcut(run: () => void) {
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'r' && event.key !== 'R') return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target) || useShortcuts.getState().helpOpen) return;
      if (document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      runRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
