import { useEffect, type RefObject } from 'react';
import { isTypingTarget } from '../../../lib/keys';
import { navigate, paths } from '../../../lib/router';
import { useShortcuts } from '../../../stores/shortcuts';

/** "/" focuses the search box; "n" starts a new invoice. Ignored while typing or in a dialog. */
export function useInvoiceListShortcuts(searchRef: RefObject<HTMLInputElement | null>) {
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
        navigate(paths.draftNew());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchRef]);
}
