// "AI refinement": where the draft's refinement stands, what AI changed, and the one-click ways to
// keep it, go back to the offline draft, or ask again.
import { useState } from 'react';
import { invoke } from '../../../api';
import type { DraftAiStatus } from '../../../../shared/domain/drafting';
import type { Invoice } from '../../../../shared/domain/invoice';
import { AiStateBadge } from '../../../components/AiStateBadge';
import { ConfidenceMeter } from '../../../components/ConfidenceMeter';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { ProgressBar } from '../../../components/ProgressBar';
import { errorMessage } from '../../../lib/format';
import { whenText } from '../../../lib/relativeTime';
import type { JobProgress } from '../../../lib/useJobProgress';
import { useNow } from '../../../lib/useNow';
import { paths } from '../../../lib/router';
import { DiffTable } from './DiffTable';
import './ai.css';
import { GuardedButton } from '../../../components/Guarded';

interface AiRefinementPanelProps {
  status: DraftAiStatus;
  progress: JobProgress | null;
  /** The version the editor holds: restoring and applying name it, so a stale editor cannot overwrite a newer save. */
  currentVersion: number;
  dirty: boolean;
  onStatus: (status: DraftAiStatus) => void;
  /** The draft's content was replaced (AI applied, or back to the offline version): the editor shows it. */
  onReplaced: (invoice: Invoice, message: string) => void;
}

const REPLACE_QUESTION = 'Your unsaved changes in the editor will be replaced. Go ahead?';

export function AiRefinementPanel({ status, progress, currentVersion, dirty, onStatus, onReplaced }: AiRefinementPanelProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ title: string; message: string } | null>(null);
  const now = useNow(5000);
  const { state, job, diff, warnings, confidence } = status;

  const act = async (name: string, title: string, work: () => Promise<void>, replaces = false) => {
    if (busy) return;
    if (replaces && dirty && !window.confirm(REPLACE_QUESTION)) return;
    setBusy(name);
    setProblem(null);
    try {
      await work();
    } catch (e) {
      setProblem({ title, message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  const backToOffline = () =>
    act('back', 'Not restored', async () => {
      const invoice = await invoke('drafts.restore', { id: status.draftId, version: status.offlineVersion!, currentVersion });
      onReplaced(invoice, `Back to the offline draft (saved as version ${invoice.draft.version})`);
    }, true);

  const apply = () =>
    act('apply', 'AI changes not applied', async () => {
      const invoice = await invoke('drafting.applyRefinement', { draftId: status.draftId, jobId: job!.id, currentVersion });
      onReplaced(invoice, `AI changes applied as version ${invoice.draft.version}`);
    }, true);

  const refine = () => act('refine', 'Could not ask AI', async () => onStatus(await invoke('drafting.refine', { draftId: status.draftId })));

  const tryNow = () =>
    act('retry', 'Could not try again', async () => {
      await invoke('jobs.retryNow', { id: job!.id });
      onStatus(await invoke('drafting.status', { draftId: status.draftId }));
    });

  const canGoBack = state === 'refined' && status.offlineVersion !== null && status.refinedVersion === currentVersion;
  const canRefine = status.aiReady && (state === 'failed' || state === 'cancelled' || state === 'drafted_offline') && status.prompt !== null;
  const waitingJob = state === 'waiting' && job ? job : null;

  return (
    <section className="form-section ai-panel" aria-labelledby="ai-title">
      <div className="ai-head">
        <h2 id="ai-title">AI refinement</h2>
        <AiStateBadge state={state} />
        {confidence !== null && <ConfidenceMeter confidence={confidence} />}
        <div className="ai-actions">
          {waitingJob && (
            <button type="button" className="btn btn-small" disabled={busy !== null} onClick={() => void tryNow()}>
              {busy === 'retry' ? 'Trying…' : 'Try now'}
            </button>
          )}
          {canRefine && (
            <GuardedButton action="drafts.write" className="btn btn-small" disabled={busy !== null} onClick={() => void refine()}>
              {busy === 'refine' ? 'Asking…' : 'Refine with AI'}
            </GuardedButton>
          )}
          {canGoBack && (
            <GuardedButton action="drafts.write" className="btn btn-small" disabled={busy !== null} onClick={() => void backToOffline()}>
              {busy === 'back' ? 'Restoring…' : 'Back to offline version'}
            </GuardedButton>
          )}
          {state === 'review' && job && (
            <GuardedButton action="drafts.write" className="btn btn-small btn-primary" disabled={busy !== null} onClick={() => void apply()}>
              {busy === 'apply' ? 'Applying…' : 'Apply AI changes'}
            </GuardedButton>
          )}
        </div>
      </div>
      <p className="ai-message" role="status">{status.message}</p>
      {problem && <ErrorNotice title={problem.title} message={problem.message} />}
      {state === 'refining' && (
        <div className="ai-progress">
          <ProgressBar label="AI refinement progress" value={progress?.progress ?? null} valueText={progress?.label} />
          <span className="muted">{progress?.label || 'Working…'}</span>
        </div>
      )}
      {waitingJob && (
        <p className="ai-job-facts muted">
          {waitingJob.attempts > 0 && <>Attempt {waitingJob.attempts} of {waitingJob.maxAttempts} used · </>}
          {/* Waiting for the network has no set time: it runs as soon as Gemini answers again. */}
          {waitingJob.state === 'queued' ? `Next try ${whenText(waitingJob.runAt, now)}` : 'Runs as soon as Gemini can be reached'} ·{' '}
          <a href={paths.jobs()}>Open the queue</a>
        </p>
      )}
      {state === 'refined' && !canGoBack && status.offlineVersion !== null && (
        <p className="ai-job-facts muted">
          The draft is at version {currentVersion}. Version history keeps the offline draft (version {status.offlineVersion})
          {status.refinedVersion !== null && <> and the AI’s (version {status.refinedVersion})</>}.
        </p>
      )}
      {diff && <DiffTable diff={diff} title={state === 'review' ? 'What AI would change' : 'What AI changed'} />}
      {warnings.length > 0 && (
        <div className="ai-warnings">
          <h3 id="ai-warnings-title">Check before finalizing</h3>
          <ul aria-labelledby="ai-warnings-title">
            {warnings.map((w) => <li key={w}>{w}</li>)}
          </ul>
        </div>
      )}
    </section>
  );
}
