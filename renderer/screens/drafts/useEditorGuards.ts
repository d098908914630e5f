// Keyboard shortcuts and leave-warnings for the draft editor.
import { useCallback, useEffect, useRef } from 'react';

/** Ctrl/⌘+S saves, Ctrl/⌘+Enter finalizes, Ctrl/⌘+Shift+S opens Send, while no dialog is open. */
export function useEditorShortcuts(onSave: () => void, onFinalize: () => void, onSend: () => void) {
  const handlers = useRef({ onSave, onFinalize, onSend });
  useEffect(() => {
    handlers.current = { onSave, onFinalize, onSend };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key !== 's' && key !== 'enter') return;
      event.preventDefault();
      if (document.querySelector('[role="dialog"]')) return;
      // A change still in the focused input has already reached the form: React updates on input.
      if (key === 's' && event.shiftKey) handlers.current.onSend();
      else if (key === 's') handlers.current.onSave();
      else handlers.current.onFinalize();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export const LEAVE_QUESTION = 'This draft has unsaved changes. Leave without saving them?';

/**
 * Asks before leaving with unsaved changes: links inside the app (a confirm), Back/Forward and any
 * other change of address (a confirm; staying puts the address back before the screen changes), and
 * closing or reloading the browser tab (beforeunload). In Electron a blocked unload is silent unless
 * the main process handles 'will-prevent-unload', so there only the in-app moves ask.
 * Returns `allowLeave(href)`: the editor's own move to `href` (after a save, a discard) goes without asking.
 */
export function useLeaveWarning(dirty: boolean): (href: string) => void {
  const dirtyRef = useRef(dirty);
  /** An address the app itself is moving to, or one a person already agreed to leave for by a link. */
  const allowedRef = useRef<string | null>(null);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);
  useEffect(() => {
    /** The address this editor is at: where "stay" puts it back. */
    let here = window.location.href;
    /** An address a person agreed to leave for when Back's popstate asked; its hashchange does not ask again. */
    let agreed: string | null = null;

    const mayLeave = (): boolean => {
      const to = window.location.href;
      if (to === here || to === agreed) return true;
      const allowed = allowedRef.current;
      if (allowed !== null && allowed === window.location.hash) return true;
      if (dirtyRef.current && !window.confirm(LEAVE_QUESTION)) return false;
      agreed = to;
      return true;
    };
    // Put the old address back before anything renders with the new one: nothing remounts, nothing is lost.
    const stay = (event: Event) => {
      event.stopImmediatePropagation();
      window.history.replaceState(window.history.state, '', here);
    };

    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirtyRef.current) event.preventDefault();
    };
    const onClick = (event: MouseEvent) => {
      if (!dirtyRef.current || event.defaultPrevented || event.button !== 0) return;
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      const href = link?.getAttribute('href');
      if (!href || !href.startsWith('#') || href === window.location.hash) return;
      if (window.confirm(LEAVE_QUESTION)) allowedRef.current = href;
      else event.preventDefault();
    };
    // Back, Forward, Alt+←: the address has already changed when popstate fires, and React may
    // render on it (it flushes pending work during popstate), so the question is asked there, in
    // capture, ahead of everyone else.
    const onPopState = (event: PopStateEvent) => {
      if (!mayLeave()) stay(event);
    };
    // Any change of hash (also a typed address, or a Back that skipped popstate). Capture listeners on
    // the target run first, so the shell has not heard of it yet.
    const onHashChange = (event: HashChangeEvent) => {
      // Put back at popstate: nothing changed.
      if (window.location.href === here) return;
      if (!mayLeave()) {
        stay(event);
        return;
      }
      here = window.location.href;
      agreed = null;
      allowedRef.current = null;
    };
    // In Electron the main process turns this into a "Leave without saving?" dialog.
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('popstate', onPopState, true);
    window.addEventListener('hashchange', onHashChange, true);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('popstate', onPopState, true);
      window.removeEventListener('hashchange', onHashChange, true);
      document.removeEventListener('click', onClick, true);
    };
  }, []);
  return useCallback((href: string) => {
    allowedRef.current = href;
  }, []);
}
