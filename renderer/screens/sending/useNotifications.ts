import type { EventMap } from '../../../shared/contract';
import type { NotificationView } from '../../../shared/domain/sending';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';

/**
 * A list of messages, fetched again when the backend says messages changed (and `matters` says the
 * change is about these). `key` names the query: a new key asks again.
 */
export function useNotifications(
  load: () => Promise<NotificationView[]>,
  key: string,
  matters?: (change: EventMap['sending.changed']) => boolean,
) {
  const changed = useEventCount('sending.changed', matters);
  // The message log syncs: what another computer sent arrives with a sync.
  const arrived = useEventCount('sync.applied');
  return useRemote(load, `${key}|${changed}|${arrived}`);
}
