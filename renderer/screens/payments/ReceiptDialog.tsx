// A payment's receipt: the PDF as the customer gets it, "Save as PDF", and sending it by email (the
// PDF attached) or SMS to the addresses on the customer's record (or others typed here).
import { useId, useMemo, useRef, useState } from 'react';
import { invoke } from '../../api';
import type { PaymentListRow } from '../../../shared/domain/payment';
import type { SendChannel } from '../../../shared/domain/sending';
import { AppError } from '../../../shared/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage, money } from '../../lib/format';
import { paths } from '../../lib/router';
import { useRemote } from '../../lib/useRemote';
import { toast } from '../../stores/toasts';
import { bytesOfBase64, saveBytes } from '../invoices/page/pdf/pdfBytes';
import { PdfPages } from '../invoices/page/pdf/PdfPages';
import '../invoices/page/pdf/pdf.css';
import { GuardedButton } from '../../components/Guarded';

const list = (text: string) => text.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);

export function ReceiptDialog({ payment, onClose }: { payment: PaymentListRow; onClose: () => void }) {
  const id = useId();
  const pdf = useRemote(() => invoke('payments.receiptPdf', { id: payment.id }), payment.id);
  const preview = useRemote(() => invoke('payments.receiptPreview', { id: payment.id }), payment.id);
  const bytes = useMemo(() => (pdf.state === 'ready' ? bytesOfBase64(pdf.value.base64) : null), [pdf]);
  const [channels, setChannels] = useState<Record<SendChannel, boolean> | null>(null);
  const [emails, setEmails] = useState<string | null>(null);
  const [phones, setPhones] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  // One request per press of Send: a double click or a retry of it sends once.
  const requestId = useRef(crypto.randomUUID());

  const ready = preview.state === 'ready' ? preview.value : null;
  const reversed = payment.status === 'reversed';
  const chosen = channels ?? { email: !!ready && !ready.blockers.email && ready.defaultEmails.length > 0, sms: false };
  const emailText = emails ?? ready?.defaultEmails.join(', ') ?? '';
  const phoneText = phones ?? ready?.defaultPhones.join(', ') ?? '';

  const save = () => {
    if (pdf.state !== 'ready' || !bytes) return;
    saveBytes(pdf.value.fileName, bytes, 'application/pdf');
    if (!window.billbook) toast.success(`Downloaded ${pdf.value.fileName}`);
  };

  const send = async () => {
    const picked = (['email', 'sms'] as const).filter((c) => chosen[c]);
    if (picked.length === 0) {
      setProblem({ message: 'Choose email, SMS or both.', fields: {} });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await invoke('payments.sendReceipt', { id: payment.id, requestId: requestId.current, channels: picked, emails: list(emailText), phones: list(phoneText) });
      toast.success(`Receipt ${payment.number} is on its way (${picked.map((c) => (c === 'email' ? 'email' : 'SMS')).join(' and ')}); Messages shows when it went`);
      onClose();
    } catch (e) {
      requestId.current = crypto.randomUUID();
      setProblem({ message: errorMessage(e), fields: e instanceof AppError ? e.fields ?? {} : {} });
      setBusy(false);
    }
  };

  const toggle = (c: SendChannel) => (checked: boolean) => setChannels({ ...chosen, [c]: checked });
  const fieldError = (key: string) => problem?.fields[key];

  return (
    <Dialog
      title={`Receipt ${payment.number}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>Close</button>
          <button type="button" className="btn" disabled={!bytes} onClick={save}>Save as PDF</button>
          {!reversed && (
            <GuardedButton action="invoices.send" className="btn btn-primary" disabled={busy || !ready || (!!ready.blockers.email && !!ready.blockers.sms)} onClick={() => void send()}>
              {busy ? 'Sending…' : 'Send receipt'}
            </GuardedButton>
          )}
        </>
      }
    >
      <div className="receipt-dialog">
        <p className="muted receipt-summary">
          {money(payment.amountMinor, payment.currency)} from {payment.customerName}
          {reversed ? ' · reversed: no receipt is sent for it' : ''}
        </p>
        {problem && <ErrorNotice title="Not sent" message={problem.message} />}
        {!reversed && ready && (
          <fieldset className="receipt-send">
            <legend>Send it</legend>
            <div className="receipt-channel">
              <div className="checkbox">
                <input id={`${id}-email`} type="checkbox" checked={chosen.email} disabled={!!ready.blockers.email} onChange={(e) => toggle('email')(e.target.checked)} />
                <label htmlFor={`${id}-email`}>By email, with the PDF</label>
              </div>
              {ready.blockers.email ? (
                <p className="field-hint">{ready.blockers.email} <a href={paths.settings('email')}>Open email settings</a></p>
              ) : (
                chosen.email && (
                  <div className="field">
                    <label htmlFor={`${id}-emails`}>Email to</label>
                    <input id={`${id}-emails`} type="text" value={emailText} onChange={(e) => setEmails(e.target.value)} aria-invalid={fieldError('emails') ? true : undefined} aria-describedby={`${id}-emails-hint`} />
                    <p id={`${id}-emails-hint`} className="field-hint">{fieldError('emails') ?? 'Several addresses: separate them with commas.'}</p>
                  </div>
                )
              )}
            </div>
            <div className="receipt-channel">
              <div className="checkbox">
                <input id={`${id}-sms`} type="checkbox" checked={chosen.sms} disabled={!!ready.blockers.sms} onChange={(e) => toggle('sms')(e.target.checked)} />
                <label htmlFor={`${id}-sms`}>By SMS</label>
              </div>
              {ready.blockers.sms ? (
                <p className="field-hint">{ready.blockers.sms} <a href={paths.settings('sms')}>Open SMS settings</a></p>
              ) : (
                chosen.sms && (
                  <div className="field">
                    <label htmlFor={`${id}-phones`}>Text to</label>
                    <input id={`${id}-phones`} type="text" value={phoneText} onChange={(e) => setPhones(e.target.value)} aria-invalid={fieldError('phones') ? true : undefined} aria-describedby={`${id}-phones-hint`} />
                    <p id={`${id}-phones-hint`} className="field-hint">{fieldError('phones') ?? `+254… numbers. The message: “${ready.sms.text}”`}</p>
                  </div>
                )
              )}
            </div>
          </fieldset>
        )}
        {pdf.state === 'failed' && (
          <ErrorNotice title="The receipt could not be made" message={pdf.message}>
            <button type="button" className="btn" onClick={pdf.reload}>Try again</button>
          </ErrorNotice>
        )}
        {pdf.state === 'loading' && <Loading label="Making the receipt…" />}
        {bytes && <PdfPages data={bytes} documentName={`receipt ${payment.number}`} />}
      </div>
    </Dialog>
  );
}
