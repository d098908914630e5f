import type { EventMap } from '../../shared/contract';
import { useEventCount } from './useEventCount';

/**
 * A number that goes up every time the backend says invoices (or the payments on them) changed:
 * add it to an effect's deps to refetch. The filter sees the event and says whether it matters here.
 */
export function useInvoicesChanged(filter?: (change: EventMap['invoices.changed']) => boolean): number {
  return useEventCount('invoices.changed', filter);
}
