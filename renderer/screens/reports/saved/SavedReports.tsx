import { useId, useState } from 'react';
import { invoke } from '../../../api';
import type { SavedReport } from '../../../../shared/domain/analytics';
import { Dialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { errorMessage, formatDate } from '../../../lib/format';
import { toast } from '../../../stores/toasts';
import type { Remote } from '../../../lib/useRemote';
import { describeDefinition } from '../reportForm';
import { useReportStore } from '../reportStore';
import { GuardedButton } from '../../../components/Guarded';

interface Props {
  saved: Remote<SavedReport[]> & { reload: () => void };
  onOpen: (report: SavedReport) => void;
}

/** Saved report definitions by name: open one into the builder (and run it), or delete it. */
export function SavedReports({ saved, onOpen }: Props) {
  const headingId = useId();
  const opened = useReportStore((s) => s.opened);
  const [deleting, setDeleting] = useState<SavedReport | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async (report: SavedReport) => {
    setBusy(true);
    try {
      await invoke('reports.delete', { id: report.id });
      if (useReportStore.getState().opened?.id === report.id) useReportStore.getState().setOpened(null);
      toast.success(`Deleted “${report.name}”`);
      setDeleting(null);
      saved.reload();
    } catch (e) {
      toast.error(`Could not delete “${report.name}”: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="saved-reports" aria-labelledby={headingId}>
      <h2 id={headingId}>Saved reports</h2>
      {saved.state === 'loading' && <Loading label="Loading saved reports…" />}
      {saved.state === 'failed' && (
        <ErrorNotice title="Saved reports could not be loaded" message={saved.message}>
          <button type="button" className="btn" onClick={saved.reload}>Try again</button>
        </ErrorNotice>
      )}
      {saved.state === 'ready' && saved.value.length === 0 && (
        <p className="muted">None yet. Run a report, name it and save it to find it here next time.</p>
      )}
      {saved.state === 'ready' && saved.value.length > 0 && (
        <ul className="saved-list">
          {saved.value.map((r) => (
            <li key={r.id} aria-current={opened?.id === r.id ? 'true' : undefined}>
              <div className="saved-name">
                <strong>{r.name}</strong>
                <span className="cell-sub">{describeDefinition(r.definition)} · saved {formatDate(r.updatedAt)}</span>
              </div>
              <div className="saved-actions">
                <button type="button" className="btn btn-small" onClick={() => onOpen(r)}>
                  Open<span className="visually-hidden"> {r.name}</span>
                </button>
                <GuardedButton action="reports.write" className="btn btn-small btn-danger-outline" onClick={() => setDeleting(r)}>
                  Delete<span className="visually-hidden"> {r.name}</span>
                </GuardedButton>
              </div>
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <Dialog
          title="Delete saved report"
          onClose={() => setDeleting(null)}
          actions={
            <>
              <button type="button" className="btn" onClick={() => setDeleting(null)}>Keep it</button>
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void remove(deleting)}>Delete</button>
            </>
          }
        >
          <p>Delete “{deleting.name}”? Only the saved definition goes; no invoice or payment changes.</p>
        </Dialog>
      )}
    </section>
  );
}
