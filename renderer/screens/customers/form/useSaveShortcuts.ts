import { useEffect, useRef } from 'react';

/** Ctrl/Cmd+S saves, Escape cancels, while the form is on screen and no dialog is open. */
export function useSaveShortcuts(onSave: () => void, onCancel: () => void) {
  const handlers = useRef({ onSave, onCancel });
  useEffect(() => {
    handlers.current = { onSave, onCancel };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (document.querySelector('[role="dialog"]')) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        handlers.current.onSave();
      } else if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        handlers.current.onCancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
