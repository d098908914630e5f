// "Are you sure?" for a Billbook Cloud action: says what happens, runs it, shows a refusal in place.
import { useState, type ReactNode } from 'react';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage } from '../../lib/format';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  busyLabel: string;
  children: ReactNode;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function ConfirmDialog({ title, confirmLabel, busyLabel, children, onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setProblem(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="button" className="btn btn-danger" onClick={() => void confirm()} disabled={busy}>{busy ? busyLabel : confirmLabel}</button>
        </>
      }
    >
      {children}
      {problem && <ErrorNotice title="Not done" message={problem} />}
    </Dialog>
  );
}
