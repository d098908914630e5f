import { useCallback, useEffect, useState } from 'react';
import { invoke } from '../../../api';
import type { Invoice } from '../../../../shared/domain/invoice';
import { errorMessage } from '../../../lib/format';
import { useInvoicesChanged } from '../../../lib/useInvoicesChanged';

/** One invoice, fetched again whenever the backend says it (or its payments) changed. */
export function useInvoice(id: string) {
  const changed = useInvoicesChanged(({ ids }) => ids.length === 0 || ids.includes(id));
  const [invoice, setInvoice] = useState<Invoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let live = true;
    invoke('invoices.get', { id }).then(
      (inv) => {
        if (!live) return;
        setInvoice(inv);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [id, changed, asked]);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  return { invoice, setInvoice, error, reload };
}
