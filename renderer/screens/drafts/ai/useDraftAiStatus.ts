// A draft's AI refinement as the backend sees it, kept fresh by the job and invoice events, with
// the running job's progress as it comes.
import { invoke } from '../../../api';
import type { DraftAiStatus } from '../../../../shared/domain/drafting';
import { useEventCount } from '../../../lib/useEventCount';
import { useJobProgress, type JobProgress } from '../../../lib/useJobProgress';
import { useRemote } from '../../../lib/useRemote';

export function useDraftAiStatus(draftId: string) {
  const jobMoved = useEventCount('jobs.changed', ({ job }) => job.subjectId === draftId);
  const draftMoved = useEventCount('invoices.changed', ({ ids }) => ids.includes(draftId));
  // The key ("Refine with AI" may need it) and the settings decide what the message says.
  const settingsMoved = useEventCount('settings.changed');
  const status = useRemote<DraftAiStatus>(() => invoke('drafting.status', { draftId }), `${draftId}|${jobMoved}|${draftMoved}|${settingsMoved}`);
  const progressByJob = useJobProgress();
  const job = status.state === 'ready' ? status.value.job : null;
  const progress: JobProgress | null = job && job.state === 'running'
    ? progressByJob.get(job.id) ?? (job.progress !== null ? { progress: job.progress, label: job.progressLabel } : null)
    : null;
  return { status, progress };
}
