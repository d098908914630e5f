// Sends an issued quote by email (the PDF attached) and/or SMS to the customer's addresses, as the
// invoice send does; each message is on the queue and in the message log.
import { useId, useRef, useState } from 'react';
import { invoke } from '../../api';
import type { QuoteListRow } from '../../../shared/domain/quote';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { errorMessage } from '../../lib/format';
import { useRemote } from '../../lib/useRemote';
import { toast } from '../../stores/toasts';

export function SendQuoteDialog({ row, onClose }: { row: QuoteListRow; onClose: () => void }) {
  const id = useId();
  const customer = useRemote(() => invoke('customers.get', { id: row.customerId }), row.customerId);
  const [email, setEmail] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const [useEmail, setUseEmail] = useState(true);
  const [useSms, setUseSms] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const requestId = useRef(crypto.randomUUID());
  const c = customer.state === 'ready' ? customer.value : null;
  const emailValue = email ?? c?.email ?? '';
  const phoneValue = phone ?? c?.phone ?? '';

  const send = async () => {
    if (busy) return;
    const channels = [...(useEmail ? ['email' as const] : []), ...(useSms ? ['sms' as const] : [])];
    setBusy(true);
    setFailure(null);
    try {
      await invoke('quotes.send', {
        id: row.id, requestId: requestId.current, channels,
        emails: useEmail && emailValue ? [emailValue.trim()] : [], phones: useSms && phoneValue ? [phoneValue.trim()] : [],
      });
      toast.success(`${row.number ?? 'Quote'} queued to ${row.customerName}`);
      onClose();
    } catch (e) {
      setFailure(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Send ${row.proforma ? 'pro-forma invoice' : 'quote'} ${row.number ?? ''}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn-primary" disabled={busy || !c || (!useEmail && !useSms)} onClick={() => void send()}>{busy ? 'Sending…' : 'Send'}</button>
        </>
      }
    >
      {customer.state === 'loading' && <Loading label="Loading the customer…" />}
      {failure && <ErrorNotice title="Not sent" message={failure} />}
      {c && (
        <>
          <label className="checkbox-row"><input type="checkbox" checked={useEmail} onChange={(e) => setUseEmail(e.target.checked)} /> <span>By email, with the PDF</span></label>
          {useEmail && (
            <Field id={`${id}-email`} label="Email address">
              <input id={`${id}-email`} type="email" value={emailValue} onChange={(e) => setEmail(e.target.value)} />
            </Field>
          )}
          <label className="checkbox-row"><input type="checkbox" checked={useSms} onChange={(e) => setUseSms(e.target.checked)} /> <span>By SMS</span></label>
          {useSms && (
            <Field id={`${id}-phone`} label="Phone number" hint="In international form, e.g. +254722123456">
              <input id={`${id}-phone`} type="tel" value={phoneValue} onChange={(e) => setPhone(e.target.value)} />
            </Field>
          )}
        </>
      )}
    </Dialog>
  );
}
