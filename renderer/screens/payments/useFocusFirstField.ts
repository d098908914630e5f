import { useEffect, type RefObject } from 'react';

/**
 * Puts the cursor in a dialog's first field. Dialog focuses its first button when it opens, and a
 * parent's effect runs after its children's, so this waits one task to have the last word.
 */
export function useFocusFirstField(ref: RefObject<HTMLInputElement | HTMLTextAreaElement | null>) {
  useEffect(() => {
    const timer = window.setTimeout(() => {
      ref.current?.focus();
      if (ref.current instanceof HTMLInputElement) ref.current.select();
    }, 0);
    return () => window.clearTimeout(timer);
  }, [ref]);
}
