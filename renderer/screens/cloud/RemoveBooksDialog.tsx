// A removed computer's copy of the organisation's books goes, after a backup, once confirmed.
import { useState } from 'react';
import { invoke } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage } from '../../lib/format';
import { navigate, paths } from '../../lib/router';
import { setAccount } from '../../stores/cloud';
import { toast } from '../../stores/toasts';

export function RemoveBooksDialog({ orgName, onClose }: { orgName: string; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setAccount(await invoke('cloud.removeLocalBooks', {}));
      toast.success(`${orgName}’s books were removed from this computer; a backup was kept`);
      onClose();
      navigate(paths.settings('account'));
    } catch (e) {
      setProblem(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Remove this computer’s books?"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="button" className="btn btn-danger" onClick={() => void remove()} disabled={busy}>
            {busy ? 'Removing…' : 'Back up and remove'}
          </button>
        </>
      }
    >
      <p>
        This computer was removed from {orgName}. Its copy of {orgName}’s books is saved to a backup first (see Backups), then removed, and this
        computer signs out. The organisation’s books in Billbook Cloud are not touched.
      </p>
      {problem && <ErrorNotice title="Not removed" message={problem} />}
    </Dialog>
  );
}
