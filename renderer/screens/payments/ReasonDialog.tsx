// A confirmation that needs a written reason: void an invoice, reverse a payment.
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { describe, Field } from '../../components/Field';
import { formFailure, NO_FAILURE, type FormFailure } from './errors';
import { useFocusFirstField } from './useFocusFirstField';
import './payments.css';

interface ReasonDialogProps {
  title: string;
  /** What happens, in a sentence or two, above the reason. */
  children: ReactNode;
  reasonLabel?: string;
  reasonHint?: string;
  confirmLabel: string;
  busyLabel: string;
  /** Throws the backend's error on failure; the dialog shows it. */
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}

export function ReasonDialog({ title, children, reasonLabel = 'Reason', reasonHint, confirmLabel, busyLabel, onConfirm, onClose }: ReasonDialogProps) {
  const formId = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<FormFailure>(NO_FAILURE);
  useFocusFirstField(reasonRef);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (reason.trim() === '') {
      setFailure({ fields: { reason: 'A reason is required: say why, for the record' }, message: null });
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(NO_FAILURE);
    try {
      await onConfirm(reason.trim());
    } catch (error) {
      setFailure(formFailure(error, ['reason']));
      setBusy(false);
    }
  };

  const reasonError = failure.fields.reason;
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="submit" form={formId} className="btn btn-danger" disabled={busy}>{busy ? busyLabel : confirmLabel}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="reason-form">
        {children}
        <Field id={`${formId}-reason`} label={reasonLabel} hint={reasonHint} error={reasonError}>
          <textarea
            ref={reasonRef}
            rows={3}
            required
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              // Enter alone confirms, as in the other dialogs; Shift+Enter starts a new line.
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            {...describe(`${formId}-reason`, reasonError, reasonHint)}
          />
        </Field>
        {failure.message && <ErrorNotice title={`${title} failed`} message={failure.message} />}
      </form>
    </Dialog>
  );
}
