import { Dialog } from '../../../components/Dialog';

interface ArchiveDialogProps {
  name: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

export function ArchiveDialog({ name, busy, onConfirm, onClose }: ArchiveDialogProps) {
  return (
    <Dialog
      title="Archive customer"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={busy}>
            {busy ? 'Archiving…' : 'Archive customer'}
          </button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
        </>
      }
    >
      <p>
        Archive <strong>{name}</strong>? Archived customers are hidden from lists and pickers, but their invoices,
        payments and history are kept. You can restore them at any time (tick “Show archived” on the customer list).
      </p>
    </Dialog>
  );
}
