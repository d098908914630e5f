// The queue as the panel shows it: refetched (at most every 300 ms) when a job changes or the
// settings do, and every 15 s for what changes without an event (a breaker's pause running out).
import { invoke } from '../../api';
import type { JobList, JobState } from '../../../shared/domain/jobs';
import { useEventCount } from '../../lib/useEventCount';
import { useNow } from '../../lib/useNow';
import { useRemote } from '../../lib/useRemote';
import { useThrottled } from '../../lib/useThrottled';

export function useJobList(state: JobState | '') {
  const jobsMoved = useThrottled(useEventCount('jobs.changed'), 300);
  const settingsMoved = useEventCount('settings.changed');
  const tick = useNow(15_000);
  return useRemote<JobList>(
    () => invoke('jobs.list', { ...(state ? { states: [state] } : {}), limit: 200 }),
    `${state}|${jobsMoved}|${settingsMoved}|${tick}`,
  );
}
