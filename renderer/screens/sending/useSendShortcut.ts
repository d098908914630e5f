import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../../lib/keys';
import { useShortcuts } from '../../stores/shortcuts';

/**
 * Opens "Send…" from the keyboard: Ctrl/⌘+Shift+S anywhere on the page, and `letter` (e.g. "e")
 * when not typing. Ignored while a dialog or the shortcuts help is open.
 */
export function useSendShortcut(enabled: boolean, open: () => void, letter?: string) {
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey) return;
      const key = event.key.toLowerCase();
      const chord = (event.ctrlKey || event.metaKey) && event.shiftKey && key === 's';
      const single = letter !== undefined && !event.ctrlKey && !event.metaKey && !event.shiftKey && key === letter && !isTypingTarget(event.target);
      if (!chord && !single) return;
      if (useShortcuts.getState().helpOpen || document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      openRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, letter]);
}
