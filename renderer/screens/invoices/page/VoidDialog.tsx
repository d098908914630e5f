import { invoke } from '../../../api';
import type { Invoice } from '../../../../shared/domain/invoice';
import { money } from '../../../lib/format';
import { toast } from '../../../stores/toasts';
import { ReasonDialog } from '../../payments/ReasonDialog';

interface VoidDialogProps {
  invoice: Invoice;
  onClose: () => void;
  onVoided: (invoice: Invoice) => void;
}

export function VoidDialog({ invoice, onClose, onVoided }: VoidDialogProps) {
  return (
    <ReasonDialog
      title="Void invoice"
      confirmLabel="Void invoice"
      busyLabel="Voiding…"
      reasonHint="Kept with the invoice, for example: issued to the wrong customer"
      onClose={onClose}
      onConfirm={async (reason) => {
        const voided = await invoke('invoices.void', { id: invoice.id, reason });
        toast.success(`Invoice ${voided.number ?? ''} voided`);
        onVoided(voided);
        onClose();
      }}
    >
      <p>
        Void <strong>{invoice.number}</strong> for {money(invoice.totals.totalMinor, invoice.currency)}? It will owe nothing
        and stay in the records, marked void; its number is not reused. To reduce an invoice that is partly right, issue a
        credit note instead.
      </p>
    </ReasonDialog>
  );
}
