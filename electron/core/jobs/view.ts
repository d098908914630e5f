import type { FailureClass, JobKind, JobState, JobView, Provider } from '../../../shared/domain/jobs';
import type { JobRow } from './repo';

export function toJobView(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind as JobKind,
    provider: row.provider as Provider,
    state: row.state as JobState,
    priority: row.priority,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    rateLimitedCount: row.rate_limited,
    runAt: row.run_at,
    lastError: row.last_error,
    lastErrorClass: row.last_error_class as FailureClass | null,
    progress: row.state === 'running' ? row.progress : null,
    progressLabel: row.progress_label,
    subjectId: row.subject_id,
    subjectLabel: row.subject_label,
    batchId: row.batch_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}
