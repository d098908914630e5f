// The jobs: what each is for, where it stands, its attempts, when it runs next and what went wrong,
// with Cancel and Retry now on each row.
import { Fragment, useState } from 'react';
import { invoke } from '../../api';
import { JOB_KIND_LABELS, JOB_STATE_LABELS, LIVE_JOB_STATES, type JobView } from '../../../shared/domain/jobs';
import { ProgressBar } from '../../components/ProgressBar';
import { errorMessage } from '../../lib/format';
import type { JobProgress } from '../../lib/useJobProgress';
import { clockText, whenText } from '../../lib/relativeTime';
import { paths } from '../../lib/router';
import { toast } from '../../stores/toasts';

interface JobTableProps {
  jobs: JobView[];
  progress: ReadonlyMap<string, JobProgress>;
  now: number;
}

/** "Refine draft with AI · Draft for Baraka Hardware": how the buttons name the job they act on. */
function jobName(job: JobView): string {
  return `${JOB_KIND_LABELS[job.kind]}${job.subjectLabel ? ` · ${job.subjectLabel}` : ''}`;
}

function subjectHref(job: JobView): string | null {
  return job.kind === 'ai.draft' && job.subjectId ? paths.draftEdit(job.subjectId) : null;
}

const WAITING_FOR: Record<string, string> = {
  gemini: 'When Gemini can be reached', smtp: 'When the mail server answers', sms: 'When the SMS provider answers',
};

function NextRun({ job, now }: { job: JobView; now: number }) {
  if (job.state === 'running') return <>Running now</>;
  if (job.state === 'queued') return <>{whenText(job.runAt, now)}</>;
  // No set time: the queue checks the connection itself and runs it as soon as the other end answers.
  if (job.state === 'offline') return <>{WAITING_FOR[job.provider] ?? 'When the connection is back'}</>;
  return <span className="muted">{job.finishedAt ? `Ended ${clockText(job.finishedAt, now)}` : '—'}</span>;
}

export function JobTable({ jobs, progress, now }: JobTableProps) {
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (job: JobView, action: 'cancel' | 'retry') => {
    if (busy) return;
    setBusy(job.id);
    try {
      if (action === 'cancel') {
        await invoke('jobs.cancel', { id: job.id });
        toast.success(`Cancelled: ${jobName(job)}`);
      } else {
        await invoke('jobs.retryNow', { id: job.id });
        toast.success(`Running again now: ${jobName(job)}`);
      }
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="table-wrap">
      <table className="data-table job-table" aria-label="Jobs">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">State</th>
            <th scope="col" className="num">Attempts</th>
            <th scope="col">Next run</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => {
            const href = subjectHref(job);
            const live = progress.get(job.id);
            const fraction = live?.progress ?? job.progress;
            const label = live?.label ?? job.progressLabel;
            const canCancel = LIVE_JOB_STATES.includes(job.state);
            const canRetry = job.state !== 'running' && job.state !== 'succeeded';
            const name = jobName(job);
            const error = job.lastError && !(job.state === 'cancelled' && job.lastError === 'Cancelled') ? job.lastError : null;
            return (
              <Fragment key={job.id}>
              <tr className={error ? 'job-row-with-error' : undefined}>
                <td className="job-what">
                  <span className="job-kind">{JOB_KIND_LABELS[job.kind]}</span>
                  {href ? <a href={href}>{job.subjectLabel || 'Open the draft'}</a> : <span>{job.subjectLabel}</span>}
                </td>
                <td className="job-state">
                  <span className={`badge job-badge job-badge-${job.state}`}>{JOB_STATE_LABELS[job.state]}</span>
                  {job.state === 'running' && (
                    <div className="job-progress">
                      <ProgressBar label={`Progress of ${name}`} value={fraction} valueText={label || undefined} />
                      {label && <span className="muted">{label}</span>}
                    </div>
                  )}
                </td>
                <td className="num">{job.attempts} of {job.maxAttempts}</td>
                <td className="job-next"><NextRun job={job} now={now} /></td>
                <td className="row-actions">
                  {canRetry && (
                    <button type="button" className="btn btn-small" aria-label={`Retry now: ${name}`} disabled={busy === job.id} onClick={() => void act(job, 'retry')}>
                      Retry now
                    </button>
                  )}
                  {canCancel && (
                    <button type="button" className="btn btn-small" aria-label={`Cancel: ${name}`} disabled={busy === job.id} onClick={() => void act(job, 'cancel')}>
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
              {/* The last error across the whole row: a reason is a sentence, too long for a column. */}
              {error && (
                <tr className="job-error-row">
                  <td colSpan={5}><span className="job-error-label">Last error:</span> {error}</td>
                </tr>
              )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
