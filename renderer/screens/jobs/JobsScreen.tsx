// The queue panel: can AI run now (and if not, why), how many jobs are where, and each job with
// Cancel and Retry now. Live from the job events.
import { useState } from 'react';
import { JOB_STATE_LABELS, type JobState } from '../../../shared/domain/jobs';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { plural } from '../../lib/format';
import { useJobProgress } from '../../lib/useJobProgress';
import { useNow } from '../../lib/useNow';
import { paths } from '../../lib/router';
import { JobTable } from './JobTable';
import { ProviderCards } from './ProviderCards';
import { StateFilter } from './StateFilter';
import { useJobList } from './useJobList';
import './jobs.css';

function EmptyQueue() {
  return (
    <div className="empty">
      <h2>Nothing in the queue</h2>
      <p>
        Work that talks to the outside world waits here: when you draft an invoice from a sentence, its AI refinement
        queues here until Gemini can take it. Retries, rate limits and network outages are handled for you, and you
        can cancel or retry any job.
      </p>
      <div className="empty-actions">
        <a className="btn btn-primary" href={paths.draftNew()}>Draft an invoice from a sentence</a>
        <a className="btn" href={paths.settings('ai')}>AI settings</a>
      </div>
    </div>
  );
}

export function JobsScreen() {
  const [state, setState] = useState<JobState | ''>('');
  const list = useJobList(state);
  const progress = useJobProgress();
  const now = useNow(5000);

  return (
    <section className="screen jobs-screen">
      <header className="screen-header">
        <div>
          <h1>Queue</h1>
          <p className="muted screen-intro">Background work: AI refinement of drafts, retried and paced so nothing is lost or sent twice.</p>
        </div>
      </header>
      {list.state === 'loading' && <Loading label="Loading the queue…" />}
      {list.state === 'failed' && (
        <ErrorNotice title="The queue could not be loaded" message={list.message}>
          <button type="button" className="btn" onClick={list.reload}>Try again</button>
        </ErrorNotice>
      )}
      {list.state === 'ready' && (
        <>
          <ProviderCards providers={list.value.providers} now={now} />
          <StateFilter counts={list.value.counts} selected={state} onSelect={setState} />
          <p className="result-count" aria-live="polite">
            {state ? `${plural(list.value.jobs.length, 'job')} ${JOB_STATE_LABELS[state].toLowerCase()}` : plural(list.value.jobs.length, 'job')}
            {list.refreshing && <span className="muted"> · updating…</span>}
          </p>
          {list.value.jobs.length > 0 ? (
            <JobTable jobs={list.value.jobs} progress={progress} now={now} />
          ) : state ? (
            <p className="muted jobs-none">
              No jobs are “{JOB_STATE_LABELS[state]}” right now.{' '}
              <button type="button" className="btn-link" onClick={() => setState('')}>Show all jobs</button>
            </p>
          ) : (
            <EmptyQueue />
          )}
        </>
      )}
    </section>
  );
}
