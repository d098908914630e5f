// Keyboard shortcuts and leave-warnings for the draft editor.
import { useEffect, useRef } from 'react';

/** Ctrl/⌘+S saves, Ctrl/⌘+Enter finalizes, while no dialog is open. */
export function useEditorShortcuts(onSave: () => void, onFinalize: () => void) {
  const handlers = useRef({ onSave, onFinalize });
  useEffect(() => {
    handlers.current = { onSave, onFinalize };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key !== 's' && key !== 'enter') return;
      event.preventDefault();
      if (document.querySelector('[role="dialog"]')) return;
      // A change still in the focused input has already reached the form: React updates on input.
      if (key === 's') handlers.current.onSave();
      else handlers.current.onFinalize();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export const LEAVE_QUESTION = 'This draft has unsaved changes. Leave without saving them?';

/**
 * Asks before leaving with unsaved changes: links inside the app (a confirm), and closing or
 * reloading the browser tab (beforeunload). In Electron a blocked unload is silent unless the main
 * process handles 'will-prevent-unload', so there only the in-app links ask.
 */
export function useLeaveWarning(dirty: boolean) {
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirtyRef.current) event.preventDefault();
    };
    const onClick = (event: MouseEvent) => {
      if (!dirtyRef.current || event.defaultPrevented || event.button !== 0) return;
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      const href = link?.getAttribute('href');
      if (!href || !href.startsWith('#') || href === window.location.hash) return;
      if (!window.confirm(LEAVE_QUESTION)) event.preventDefault();
    };
    // In Electron the main process turns this into a "Leave without saving?" dialog.
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, []);
}
