// A bulk run's progress: drafting.batch, fetched again (at most every 400 ms) when one of its jobs moves.
import { invoke } from '../../../api';
import type { BatchStatus } from '../../../../shared/domain/drafting';
import { AppError } from '../../../../shared/errors';
import { useEventCount } from '../../../lib/useEventCount';
import { useRemote } from '../../../lib/useRemote';
import { useThrottled } from '../../../lib/useThrottled';

/** null: the run has no jobs (AI refinement is off), so its offline drafts are all there is. */
export function useBatch(batchId: string) {
  const moved = useThrottled(useEventCount('jobs.changed', ({ job }) => job.batchId === batchId), 400);
  return useRemote<BatchStatus | null>(
    () =>
      invoke('drafting.batch', { batchId }).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'not_found') return null;
        throw e;
      }),
    `${batchId}|${moved}`,
  );
}
