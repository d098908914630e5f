// Backups: make one now, the daily ones and how many are kept, every backup in the folder with why
// it was made, and restoring any of them (checked first; the books it replaces are kept as a backup).
import { useEffect, useState } from 'react';
import { invoke } from '../../api';
import { BACKUP_KIND_LABELS, type BackupKind, type BackupRestoreResult, type BackupView } from '../../../shared/domain/books';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage, formatDateTime, plural } from '../../lib/format';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';
import { toast } from '../../stores/toasts';
import { DailySettings } from './DailySettings';
import { BACKUP_RESTORED_KEY, RestoreBackupDialog } from './RestoreBackupDialog';
import './backups.css';
import { GuardedButton } from '../../components/Guarded';

export function size(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** After a restore and the reload that follows: what came back, and where the books it replaced are. */
function RestoredNotice() {
  const [result, setResult] = useState<BackupRestoreResult | null>(() => {
    try {
      return JSON.parse(sessionStorage.getItem(BACKUP_RESTORED_KEY) ?? 'null') as BackupRestoreResult | null;
    } catch {
      return null;
    }
  });
  useEffect(() => sessionStorage.removeItem(BACKUP_RESTORED_KEY), []);
  if (!result) return null;
  return (
    <section className="notice notice-success" aria-labelledby="backup-restored-title">
      <h2 id="backup-restored-title" className="notice-title">Your books are restored</h2>
      <p>
        Restored from <strong>{result.restored.fileName}</strong> (from {formatDateTime(result.restored.takenAt)}). Your books as they were
        before are kept as <strong>{result.keptAs}</strong>, listed below: restore that one to go back.
      </p>
      <div className="notice-actions">
        <button type="button" className="btn" onClick={() => setResult(null)}>Dismiss</button>
      </div>
    </section>
  );
}

export function BackupsScreen() {
  const [made, setMade] = useState(0);
  const changed = useEventCount('settings.changed');
  const list = useRemote(() => invoke('backups.list', {}), `${made}|${changed}`);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<(BackupView & { kind: BackupKind }) | null>(null);
  const value = list.state === 'ready' ? list.value : null;
  const canChange = value?.booksState === 'ok';

  const backUpNow = async () => {
    setBusy(true);
    try {
      const backup = await invoke('backups.create', {});
      toast.success(`Backed up: ${backup.fileName} (${size(backup.bytes)}), checked and kept`);
      setMade((n) => n + 1);
    } catch (e) {
      toast.error(`No backup made: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="screen backups-screen">
      <header className="screen-header">
        <div>
          <h1>Backups</h1>
          <p className="muted screen-intro">Copies of your books, each checked as it is made. Restore one if something goes wrong; nothing is lost by restoring.</p>
        </div>
        <div className="header-actions">
          <button type="button" className="btn btn-primary" disabled={busy || !canChange} onClick={() => void backUpNow()}>
            {busy ? 'Backing up…' : 'Back up now'}
          </button>
        </div>
      </header>
      <RestoredNotice />
      {list.state === 'loading' && <Loading label="Loading backups…" />}
      {list.state === 'failed' && <ErrorNotice title="Backups could not be listed" message={list.message} />}
      {value && (
        <>
          <section className="backups-where" aria-labelledby="backups-where-title">
            <h2 id="backups-where-title">Where they are</h2>
            <p>
              <code className="books-path">{value.backupsDir}</code>
            </p>
            <p className="muted">Copy this folder to a USB stick or cloud drive now and then: a backup on the same disk does not survive the disk.</p>
          </section>
          <DailySettings />
          <section aria-labelledby="backups-list-title">
            <h2 id="backups-list-title">Backups ({plural(value.backups.length, 'file')})</h2>
            {value.backups.length === 0 ? (
              <p className="muted">No backups yet. Use “Back up now”, or leave daily backups on and one is made each day Billbook runs.</p>
            ) : (
              <div className="table-wrap">
                <table className="data-table backups-table" aria-label="Backups">
                  <thead>
                    <tr>
                      <th scope="col">Made</th>
                      <th scope="col">Why</th>
                      <th scope="col">File</th>
                      <th scope="col" className="num">Size</th>
                      <th scope="col"><span className="visually-hidden">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {value.backups.map((b) => (
                      <tr key={b.fileName}>
                        <td className="nowrap">{formatDateTime(b.takenAt)}</td>
                        <td>{BACKUP_KIND_LABELS[b.kind]}</td>
                        <td className="backups-file"><code>{b.fileName}</code></td>
                        <td className="num nowrap">{size(b.bytes)}</td>
                        <td className="row-actions">
                          <GuardedButton action="settings.write" className="btn btn-small" disabled={!canChange} onClick={() => setRestoring(b)}>
                            Restore<span className="visually-hidden"> {b.fileName}</span>
                          </GuardedButton>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {!canChange && <p className="field-hint">Your books did not pass their check: restore from the notice at the top of the page.</p>}
          </section>
        </>
      )}
      {restoring && <RestoreBackupDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </section>
  );
}
