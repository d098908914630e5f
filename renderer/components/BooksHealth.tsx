// The books' check, shown where every screen can see it: damaged books open read-only (a notice
// above the screen) or not at all (the notice instead of the screen), with the folders named and
// the newest backup that passed the check one confirmation away.
import { useEffect, useId, useState } from 'react';
import type { BackupView, BooksHealth, BooksRestoreResult } from '../../shared/domain/books';
import { invoke } from '../api';
import { errorMessage, formatDateTime } from '../lib/format';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import './BooksHealth.css';
import { GuardedButton } from './Guarded';

/** Carries the restore's result over the reload that makes every screen read the restored books. */
const RESTORED_KEY = 'billbook.booksRestored';

const TITLES: Record<Exclude<BooksHealth['state'], 'ok'>, string> = {
  read_only: 'Your books are open read-only',
  unavailable: 'Billbook cannot open your books',
};

function size(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function RestoreDialog({ health, backup, onClose }: { health: BooksHealth; backup: BackupView; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const restore = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await invoke('books.restore', { fileName: backup.fileName });
      sessionStorage.setItem(RESTORED_KEY, JSON.stringify(result));
      window.location.reload();
    } catch (error) {
      setProblem(errorMessage(error));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Restore this backup?"
      onClose={() => !busy && onClose()}
      actions={
        <>
            <button type="button" className="btn btn-danger" onClick={() => void restore()} disabled={busy}>
              {busy ? 'Restoring…' : 'Restore backup'}
            </button>
            <button type="button" className="btn" onClick={onClose} disabled={busy}>Cancel</button>
        </>
      }
    >
      <p>
        Billbook will check <strong>{backup.fileName}</strong> (from {formatDateTime(backup.takenAt)}) once more and put a copy of
        it in place of your books. Anything entered after that time is not in it.
      </p>
      <p>
        Your damaged books are moved aside to <code className="books-path">{health.damagedDir}</code>, not deleted.
      </p>
      {problem && <ErrorNotice title="The backup was not restored" message={problem} />}
    </Dialog>
  );
}

/** Shown while the books did not pass their check; nothing at all when they did. */
export function BooksHealthNotice({ health }: { health: BooksHealth }) {
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  if (health.state === 'ok') return null;
  const { offer } = health;
  // In place of the screen (books that cannot be read) the notice is the page's title.
  const Heading = health.state === 'unavailable' ? 'h1' : 'h2';
  return (
    <>
      <section className="notice notice-error books-health" aria-labelledby={headingId}>
        <Heading id={headingId} className="notice-title">{TITLES[health.state]}</Heading>
        <p>{health.message}</p>
        <dl className="books-places">
          <dt>Your books</dt>
          <dd><code className="books-path">{health.dataDir}</code></dd>
          <dt>Backups</dt>
          <dd><code className="books-path">{health.backupsDir}</code></dd>
        </dl>
        {offer && (
          <div className="books-offer">
            <p>
              Newest backup that passed the check: <strong>{offer.fileName}</strong>, from {formatDateTime(offer.takenAt)} ({size(offer.bytes)}).
            </p>
            <div className="notice-actions">
              <GuardedButton action="settings.write" className="btn btn-primary" onClick={() => setConfirming(true)}>
                Restore this backup
              </GuardedButton>
            </div>
          </div>
        )}
        {health.skipped.length > 0 && (
          <details className="books-skipped">
            <summary>Newer backups passed over ({health.skipped.length})</summary>
            <ul>
              {health.skipped.map((s) => (
                <li key={s.fileName}>
                  <code className="books-path">{s.fileName}</code>: {s.problem}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      {/* Beside the notice, not in it: the dialog keeps its own colours. */}
      {confirming && offer && <RestoreDialog health={health} backup={offer} onClose={() => setConfirming(false)} />}
    </>
  );
}

/** After a restore and the reload that follows it: what was restored and where the damaged books went. */
export function BooksRestoredNotice() {
  const headingId = useId();
  // Read on the first render; removed in an effect, so a second render (StrictMode) reads it too.
  const [result, setResult] = useState<BooksRestoreResult | null>(() => {
    try {
      return JSON.parse(sessionStorage.getItem(RESTORED_KEY) ?? 'null') as BooksRestoreResult | null;
    } catch {
      return null;
    }
  });
  useEffect(() => sessionStorage.removeItem(RESTORED_KEY), []);
  if (!result) return null;
  return (
    <section className="notice notice-success books-health" aria-labelledby={headingId}>
      <h2 id={headingId} className="notice-title">Your books are restored</h2>
      <p>
        Billbook restored your books from <strong>{result.restored.fileName}</strong> (from {formatDateTime(result.restored.takenAt)}).
        Anything entered after that time is not in them.
      </p>
      <p>
        The damaged books were moved to <code className="books-path">{result.keptAside}</code>; keep them until you are sure
        nothing is missing.
      </p>
      <div className="notice-actions">
        <button type="button" className="btn" onClick={() => setResult(null)}>Dismiss</button>
      </div>
    </section>
  );
}
