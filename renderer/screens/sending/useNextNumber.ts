import { useEffect, useState } from 'react';
import { invoke } from '../../api';
import { errorMessage } from '../../lib/format';

export type NextNumber = { state: 'idle' } | { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; number: string };

/** The number a draft will take when it is finalized (asked only for a draft). */
export function useNextNumber(invoiceId: string, isDraft: boolean): NextNumber {
  const [next, setNext] = useState<NextNumber>(isDraft ? { state: 'loading' } : { state: 'idle' });
  useEffect(() => {
    if (!isDraft) return;
    let live = true;
    invoke('invoices.nextNumber', { id: invoiceId }).then(
      ({ number }) => {
        if (live) setNext({ state: 'ready', number });
      },
      (e: unknown) => {
        if (live) setNext({ state: 'failed', message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [invoiceId, isDraft]);
  return next;
}
