// The sidebar's count of money waiting in the Unmatched inbox; kept fresh by local changes and syncs.
import { invoke } from '../../api';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';

export function UnmatchedCount() {
  const changes = useEventCount('invoices.changed') + useEventCount('sync.applied');
  const count = useRemote(() => invoke('payments.incoming.count', {}), `unmatched-${changes}`);
  const n = count.state === 'ready' ? count.value.unmatched : 0;
  if (n === 0) return null;
  return <span className="nav-count" aria-label={`${n} waiting`}>{n}</span>;
}
