import { useEffect, type RefObject } from 'react';
import { isTypingTarget } from './keys';
import { navigate } from './router';
import { useShortcuts } from '../stores/shortcuts';
import { toast } from '../stores/toasts';
import type { Action } from '../../shared/permissions';
import { canNow } from './useCan';

/**
 * A list screen's keys: "/" focuses its search box; "n" opens `newPath` (a new customer, a new
 * invoice), unless the signed-in role may not (`newAction`): then it says why. Ignored while typing
 * or while a dialog is open.
 */
export function useListShortcuts(searchRef: RefObject<HTMLInputElement | null>, newPath: string, newAction?: Action) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target) || useShortcuts.getState().helpOpen) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        const permission = newAction ? canNow(newAction) : null;
        if (permission && !permission.allowed) toast.info(permission.reason ?? '');
        else navigate(newPath);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchRef, newPath, newAction]);
}
