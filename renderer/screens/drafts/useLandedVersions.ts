// A newer version of the open draft made by AI while it is open: shown at once when nothing here is
// unsaved; otherwise only announced, so nothing typed is ever clobbered. A version saved by a person
// elsewhere is left to the save's own check ("This draft changed somewhere else" → Reload).
import { useEffect, useRef, useState, type RefObject } from 'react';
import { invoke } from '../../api';
import type { Invoice } from '../../../shared/domain/invoice';
import { useEventCount } from '../../lib/useEventCount';

interface LandedVersionsOptions {
  /** The draft as last saved or loaded here; null for a new invoice. */
  savedRef: RefObject<Invoice | null>;
  dirty: boolean;
  /** True while this editor is saving: its own save is not news. */
  busyRef: RefObject<boolean>;
  /** No unsaved changes: show the newer version. */
  onNewer: (invoice: Invoice) => void;
}

/** Returns the newest version held back because of unsaved changes (compare it with the draft shown). */
export function useLandedVersions({ savedRef, dirty, busyRef, onNewer }: LandedVersionsOptions): Invoice | null {
  const [heldBack, setHeldBack] = useState<Invoice | null>(null);
  const changed = useEventCount('invoices.changed', ({ ids }) => savedRef.current !== null && ids.includes(savedRef.current.id));
  const latest = useRef({ dirty, onNewer });
  useEffect(() => {
    latest.current = { dirty, onNewer };
  });

  useEffect(() => {
    const saved = savedRef.current;
    if (changed === 0 || !saved) return;
    let live = true;
    invoke('invoices.get', { id: saved.id }).then(
      (invoice) => {
        const now = savedRef.current;
        if (!live || !now || busyRef.current) return;
        if (invoice.status !== 'draft' || invoice.draft.source !== 'ai' || invoice.draft.version <= now.draft.version) return;
        if (latest.current.dirty) setHeldBack(invoice);
        else latest.current.onNewer(invoice);
      },
      () => {
        // Not reachable now: the next change tries again, and saving still checks the version.
      },
    );
    return () => {
      live = false;
    };
  }, [changed, savedRef, busyRef]);

  return heldBack;
}
