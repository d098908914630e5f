import { invoke } from '../../api';
import type { PaymentListRow } from '../../../shared/domain/payment';
import { formatDate, money } from '../../lib/format';
import { useRemote } from '../../lib/useRemote';
import { toast } from '../../stores/toasts';
import { ReasonDialog } from './ReasonDialog';
import { whatItTakesBack } from './reversal';

interface ReversePaymentDialogProps {
  payment: Pick<PaymentListRow, 'id' | 'number' | 'amountMinor' | 'currency' | 'paidOn'>;
  onClose: () => void;
  onReversed?: () => void;
}

/** Reverses a payment (a bounced cheque, an M-Pesa reversal, a mistake): the invoices it paid owe again. */
export function ReversePaymentDialog({ payment: p, onClose, onReversed }: ReversePaymentDialogProps) {
  const detail = useRemote(() => invoke('payments.get', { id: p.id }), p.id);
  return (
    <ReasonDialog
      title="Reverse payment"
      confirmLabel="Reverse payment"
      busyLabel="Reversing…"
      reasonHint="For example: cheque bounced, M-Pesa transaction reversed, recorded twice"
      onClose={onClose}
      onConfirm={async (reason) => {
        const reversed = await invoke('payments.reverse', { id: p.id, reason });
        toast.success(`Payment ${reversed.number} reversed`);
        onReversed?.();
        onClose();
      }}
    >
      <p>
        Reverse <strong>{p.number}</strong>, {money(p.amountMinor, p.currency)} received {formatDate(p.paidOn)}?{' '}
        <span aria-live="polite">{whatItTakesBack(detail.state === 'ready' ? detail.value : null)}</span>
        {' '}The payment stays in the records, marked reversed.
      </p>
    </ReasonDialog>
  );
}
