import { useEventCount } from '../../lib/useEventCount';
import { useInvoicesChanged } from '../../lib/useInvoicesChanged';

/**
 * A key that changes whenever the figures may have: invoices or payments, customers (names, limits)
 * or settings (KPI thresholds). Add it to a useRemote key to refetch.
 */
export function useBooksChanged(): string {
  const invoices = useInvoicesChanged();
  const customers = useEventCount('customers.changed');
  const settings = useEventCount('settings.changed');
  return `${invoices}.${customers}.${settings}`;
}
