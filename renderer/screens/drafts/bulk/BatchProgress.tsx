// After "Create N drafts": how far the AI refinement of the run has got, a row per draft with a
// link to it, and the customers that were skipped and why.
import { DRAFT_AI_STATE_LABELS, type BulkDraftResult, type DraftAiState } from '../../../../shared/domain/drafting';
import { AiStateBadge } from '../../../components/AiStateBadge';
import { ProgressBar } from '../../../components/ProgressBar';
import { plural } from '../../../lib/format';
import { paths } from '../../../lib/router';
import { useBatch } from './useBatch';

interface BatchProgressProps {
  result: BulkDraftResult;
  onAnother: () => void;
}

export function BatchProgress({ result, onAnother }: BatchProgressProps) {
  const batch = useBatch(result.batchId);
  // No jobs at all means AI refinement is off: the offline drafts are all there is, and they are done.
  const noJobs = batch.state === 'ready' && batch.value === null;
  const status = batch.state === 'ready' ? batch.value : null;
  const byDraft = new Map(status?.drafts.map((d) => [d.draftId, d]) ?? []);
  const total = result.created.length;
  const finished = noJobs ? total : status?.finished ?? 0;
  const failed = status?.failed ?? 0;
  const done = finished >= total;

  return (
    <section className="form-section bulk-progress" aria-labelledby="bulk-progress-title">
      <div className="section-head">
        <h2 id="bulk-progress-title">{done ? 'Bulk drafts ready' : 'Refining the drafts'}</h2>
        <a className="btn" href={paths.jobs()}>Open the queue</a>
        <button type="button" className="btn" onClick={onAnother}>Draft another batch</button>
      </div>
      {total > 0 && (
        <div className="bulk-progress-bar">
          <ProgressBar label="Bulk drafts finished" value={finished} max={total} valueText={`${finished} of ${total} drafts finished`} />
          <p className="bulk-progress-text" role="status">
            <strong>{finished} of {total}</strong> finished
            {failed > 0 && <span className="bulk-failed"> · {failed} failed (the offline draft stands)</span>}
            {noJobs && <span className="muted"> · No AI refinement (switched off, or no Gemini key yet), so the offline drafts are final</span>}
          </p>
        </div>
      )}
      {batch.state === 'failed' && <p className="field-error">Progress could not be read: {batch.message}. It updates when the next job moves.</p>}
      {total === 0 && <p>No drafts were made: every customer was skipped.</p>}
      {total > 0 && (
        <div className="table-wrap">
          <table className="data-table bulk-table" aria-label="Drafts in this run">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">AI refinement</th>
                <th scope="col">Sentence</th>
                <th scope="col"><span className="visually-hidden">Open</span></th>
              </tr>
            </thead>
            <tbody>
              {result.created.map((c) => {
                const row = byDraft.get(c.draftId);
                const state: DraftAiState = row?.state ?? (noJobs ? 'drafted_offline' : 'waiting');
                // "Refined" under "Refined by AI" says nothing new.
                const message = row?.message && !DRAFT_AI_STATE_LABELS[state].startsWith(row.message) ? row.message : null;
                return (
                  <tr key={c.draftId}>
                    <td>{c.customerName}</td>
                    <td>
                      <AiStateBadge state={state} />
                      {message && <span className="bulk-message muted">{message}</span>}
                    </td>
                    <td className="bulk-prompt">{c.prompt}</td>
                    <td className="row-actions">
                      <a href={paths.draftEdit(c.draftId)} aria-label={`Open the draft for ${c.customerName}`}>Open draft</a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {result.skipped.length > 0 && (
        <div className="bulk-skipped">
          <h3>Skipped: {plural(result.skipped.length, 'customer')}</h3>
          <ul>
            {result.skipped.map((s) => (
              <li key={s.customerId}><strong>{s.customerName}</strong>: {s.reason}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
