// "Restore this backup?": what it puts back, what is lost (anything entered since), and that the
// books it replaces are kept as a backup of their own. After the restore the page reloads.
import { useState } from 'react';
import { invoke } from '../../api';
import type { BackupView } from '../../../shared/domain/books';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage, formatDateTime } from '../../lib/format';

/** Carries the result over the reload, for the notice on the next page. */
export const BACKUP_RESTORED_KEY = 'billbook.backupRestored';

export function RestoreBackupDialog({ backup, onClose }: { backup: BackupView; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const restore = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await invoke('backups.restore', { fileName: backup.fileName });
      sessionStorage.setItem(BACKUP_RESTORED_KEY, JSON.stringify(result));
      window.location.reload();
    } catch (e) {
      setProblem(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Restore this backup?"
      onClose={() => !busy && onClose()}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="button" className="btn btn-danger" onClick={() => void restore()} disabled={busy}>
            {busy ? 'Restoring…' : 'Restore backup'}
          </button>
        </>
      }
    >
      <p>
        Your books go back to <strong>{formatDateTime(backup.takenAt)}</strong> ({backup.fileName}). Anything entered after that is not in
        the backup.
      </p>
      <p>Billbook checks the backup first and changes nothing if it is damaged. Your books as they are now are kept as a backup, so you can come back to them.</p>
      {problem && <ErrorNotice title="The backup was not restored" message={problem} />}
    </Dialog>
  );
}
