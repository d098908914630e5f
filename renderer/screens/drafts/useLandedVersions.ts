// A newer version of the open draft made while it is open, by AI on this computer or by a person on
// another computer (it arrived with a sync): shown at once when nothing here is unsaved; otherwise
// only announced, with the other version to look at, so nothing typed is ever clobbered. A version
// saved by a person in another window of this computer is left to the save's own check ("This draft
// changed somewhere else" → Reload).
import { useEffect, useRef, useState, type RefObject } from 'react';
import { invoke } from '../../api';
import type { Invoice } from '../../../shared/domain/invoice';
import { useEventCount } from '../../lib/useEventCount';

export type LandedOrigin = 'ai' | 'elsewhere';

export interface Landed {
  invoice: Invoice;
  origin: LandedOrigin;
}

interface LandedVersionsOptions {
  /** The draft as last saved or loaded here; null for a new invoice. */
  savedRef: RefObject<Invoice | null>;
  dirty: boolean;
  /** True while this editor is saving: its own save is not news. */
  busyRef: RefObject<boolean>;
  /** No unsaved changes: show the newer version. */
  onNewer: (invoice: Invoice, origin: LandedOrigin) => void;
  /** Another computer finalized (or voided) the draft open here. */
  onFinalizedElsewhere?: (invoice: Invoice) => void;
}

/** Returns the newest version held back because of unsaved changes (compare it with the draft shown). */
export function useLandedVersions({ savedRef, dirty, busyRef, onNewer, onFinalizedElsewhere }: LandedVersionsOptions): Landed | null {
  const [heldBack, setHeldBack] = useState<Landed | null>(null);
  const mine = (ids: string[]) => savedRef.current !== null && ids.includes(savedRef.current.id);
  // Set when a sync brought this draft: the next look at it knows the change came from elsewhere.
  const synced = useRef(false);
  const changed = useEventCount('invoices.changed', ({ ids }) => mine(ids));
  const arrived = useEventCount('sync.applied', ({ invoiceIds }) => {
    const hit = mine(invoiceIds);
    if (hit) synced.current = true;
    return hit;
  });
  const latest = useRef({ dirty, onNewer, onFinalizedElsewhere });
  useEffect(() => {
    latest.current = { dirty, onNewer, onFinalizedElsewhere };
  });

  useEffect(() => {
    const saved = savedRef.current;
    if ((changed === 0 && arrived === 0) || !saved) return;
    const elsewhere = synced.current;
    synced.current = false;
    let live = true;
    invoke('invoices.get', { id: saved.id }).then(
      (invoice) => {
        const now = savedRef.current;
        if (!live || !now || busyRef.current) return;
        if (invoice.status !== 'draft') {
          if (elsewhere) latest.current.onFinalizedElsewhere?.(invoice);
          return;
        }
        const origin: LandedOrigin | null = elsewhere ? 'elsewhere' : invoice.draft.source === 'ai' ? 'ai' : null;
        if (!origin || invoice.draft.version <= now.draft.version) return;
        if (latest.current.dirty) setHeldBack({ invoice, origin });
        else latest.current.onNewer(invoice, origin);
      },
      () => {
        // Not reachable now: the next change tries again, and saving still checks the version.
      },
    );
    return () => {
      live = false;
    };
  }, [changed, arrived, savedRef, busyRef]);

  return heldBack;
}
