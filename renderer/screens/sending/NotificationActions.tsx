// Cancel a message that has not gone yet; send one again that failed, was cancelled or is unconfirmed.
import { useState } from 'react';
import { invoke } from '../../api';
import { SEND_CHANNEL_LABELS, type NotificationStatus, type NotificationView } from '../../../shared/domain/sending';
import { errorMessage } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { recipientsText } from './sendForm';
import { GuardedButton } from '../../components/Guarded';

const CANCELLABLE: readonly NotificationStatus[] = ['scheduled', 'pending', 'retrying'];
const RESENDABLE: readonly NotificationStatus[] = ['failed', 'cancelled', 'unconfirmed'];

/** "email to a@b.co about INV-2026-0001": how buttons and notices name the message. */
export function messageName(n: NotificationView): string {
  const about = n.invoiceNumber ? ` about ${n.invoiceNumber}` : '';
  return `${SEND_CHANNEL_LABELS[n.channel]} to ${recipientsText(n.recipients)}${about}`;
}

export function NotificationActions({ n }: { n: NotificationView }) {
  const [busy, setBusy] = useState(false);
  const canCancel = CANCELLABLE.includes(n.status);
  const canResend = RESENDABLE.includes(n.status);
  if (!canCancel && !canResend) return null;
  const name = messageName(n);

  const act = async (action: 'sending.cancel' | 'sending.resend') => {
    if (busy) return;
    setBusy(true);
    try {
      await invoke(action, { id: n.id });
      toast.success(action === 'sending.cancel' ? `Cancelled: ${name}` : `Sending again: ${name}`);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="note-actions">
      {canCancel && (
        <GuardedButton action="invoices.send" className="btn btn-small" disabled={busy} aria-label={`Cancel ${name}`} onClick={() => void act('sending.cancel')}>
          Cancel
        </GuardedButton>
      )}
      {canResend && (
        <GuardedButton action="invoices.send" className="btn btn-small" disabled={busy} aria-label={`Send again: ${name}`} onClick={() => void act('sending.resend')}>
          Send again
        </GuardedButton>
      )}
    </div>
  );
}
