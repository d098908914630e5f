// "Send invoice": email, SMS or both, to the customer's addresses (editable), with an optional
// message and the PDF, now or at a chosen time; the messages as they will go, and what stops a
// channel. A draft is finalized first, with the number it will take shown before Send.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { invoke } from '../../api';
import { countryCodeOf, countryName } from '../../../shared/domain/countries';
import type { Invoice } from '../../../shared/domain/invoice';
import type { SendPreview, SendResult } from '../../../shared/domain/sending';
import { AppError } from '../../../shared/errors';
import { Dialog } from '../../components/Dialog';
import { describe } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage, formatCount, formatDate, formatDateTime, money } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { toast } from '../../stores/toasts';
import { ChannelPicker } from './ChannelPicker';
import { FinalizeNotice } from './FinalizeNotice';
import { zeroTotalMessage } from '../../../shared/domain/invoice';
import { MessagePreview } from './MessagePreview';
import { RecipientsInput } from './RecipientsInput';
import { appNow } from '../../lib/clock';
import { ScheduleField, type When } from './ScheduleField';
import {
  channelsOf, commitEntries, defaultSendAt, fieldErrorsOf, fromLocalInput, recipientsText, scheduleProblem,
  type ChannelChoice, type SendField,
} from './sendForm';
import { useNextNumber } from './useNextNumber';
import { useSendPreview } from './useSendPreview';
import './sending.css';

const MESSAGE_MAX = 1000;
const DEFAULT_COUNTRY = 'KE';
const MESSAGE_HINT = 'Replaces the email’s opening line and starts the SMS; the preview shows how it reads.';

interface SendDialogProps {
  /** The invoice as last saved; a draft is finalized at its current version. */
  invoice: Invoice;
  onClose: () => void;
  onSent: (result: SendResult) => void;
}

interface Recipients {
  values: string[];
  text: string;
}

/** Email when it can go and the customer has an address; else SMS when it can; else whichever is not blocked. */
function defaultChoice(p: SendPreview): ChannelChoice {
  const emailOk = !p.blockers.email;
  const smsOk = !p.blockers.sms;
  if (emailOk && p.defaultEmails.length > 0) return 'email';
  if (smsOk && p.defaultPhones.length > 0) return 'sms';
  return emailOk || !smsOk ? 'email' : 'sms';
}

function doneMessage(result: SendResult, sendAt: string | null, finalized: boolean): string {
  const to = recipientsText(result.notifications.flatMap((n) => n.recipients));
  const what = finalized ? `${result.invoiceNumber} finalized. ` : '';
  if (sendAt) return `${what}Scheduled for ${formatDateTime(sendAt)}: ${result.invoiceNumber} to ${to}`;
  const gone = result.notifications.length > 0 && result.notifications.every((n) => n.status === 'sent');
  return `${what}${gone ? 'Sent' : 'Sending'} to ${to}`;
}

/** The invoice's number when it is no longer a draft; null while it is (or when that cannot be told). */
async function finalizedNumber(invoiceId: string): Promise<string | null> {
  try {
    const now = await invoke('invoices.get', { id: invoiceId });
    return now.status === 'draft' ? null : now.number;
  } catch {
    return null;
  }
}

/** A refusal that changed nothing: the next press may use a new request id. */
const definite = (e: unknown) => e instanceof AppError && e.code !== 'internal';

export function SendDialog({ invoice, onClose, onSent }: SendDialogProps) {
  const isDraft = invoice.status === 'draft';
  // A number written the local way ("0722 123456") is read in the customer's country.
  const country = countryCodeOf(invoice.customer.address.country) ?? DEFAULT_COUNTRY;
  const ids = useId();
  // One id per opening: a double click, or a retry after a lost answer, sends once.
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [customMessage, setCustomMessage] = useState('');
  const [attachPdf, setAttachPdf] = useState(true);
  const { preview, stale } = useSendPreview(invoice.id, customMessage, attachPdf);
  const next = useNextNumber(invoice.id, isDraft);
  const now = useNow(30_000);

  const [choice, setChoice] = useState<ChannelChoice | null>(null);
  const [emails, setEmails] = useState<Recipients>({ values: [], text: '' });
  const [phones, setPhones] = useState<Recipients>({ values: [], text: '' });
  const [when, setWhen] = useState<When>('now');
  const [sendAt, setSendAt] = useState(() => defaultSendAt(appNow()));
  const [errors, setErrors] = useState<Partial<Record<SendField, string>>>({});
  const [problem, setProblem] = useState<{ title: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const bodyRef = useRef<HTMLDivElement>(null);

  const ready = preview.state === 'ready' ? preview.value : null;
  // The customer's addresses and the channel, filled in once from the first preview.
  const prefilled = useRef(false);
  useEffect(() => {
    if (!ready || prefilled.current) return;
    prefilled.current = true;
    setEmails({ values: ready.defaultEmails, text: '' });
    setPhones({ values: ready.defaultPhones, text: '' });
    setChoice(defaultChoice(ready));
  }, [ready]);

  const channels = choice ? channelsOf(choice) : [];
  const showEmail = channels.includes('email');
  const showSms = channels.includes('sms');
  const blockedNow = ready ? channels.some((c) => ready.blockers[c]) : true;
  const number = next.state === 'ready' ? next.number : null;
  // A zero draft is not finalized (it would use up a number): nothing to send.
  const zeroDraft = isDraft && invoice.totals.totalMinor === 0;
  const canSend = !zeroDraft && !busy && ready !== null && choice !== null && !blockedNow && (!isDraft || number !== null);

  const setError = (field: SendField, message: string | null) =>
    setErrors((old) => {
      const { [field]: _gone, ...rest } = old;
      return message ? { ...rest, [field]: message } : rest;
    });

  const focusFirstError = () =>
    window.requestAnimationFrame(() => {
      const root = bodyRef.current;
      const invalid = root?.querySelector<HTMLElement>('[aria-invalid="true"], .send-channels[aria-describedby] input:not(:disabled)');
      invalid?.focus();
    });

  const send = async () => {
    if (busyRef.current || !canSend || !choice) return;
    // What is still typed in a recipients box counts, as if Enter had been pressed.
    const found: Partial<Record<SendField, string>> = {};
    const mail = showEmail ? commitEntries('email', emails.values, emails.text, country) : { values: emails.values, text: emails.text, problem: null };
    const tel = showSms ? commitEntries('phone', phones.values, phones.text, country) : { values: phones.values, text: phones.text, problem: null };
    if (showEmail) {
      setEmails({ values: mail.values, text: mail.text });
      if (mail.problem) found.emails = mail.problem;
      else if (mail.values.length === 0) found.emails = 'Add at least one email address';
    }
    if (showSms) {
      setPhones({ values: tel.values, text: tel.text });
      if (tel.problem) found.phones = tel.problem;
      else if (tel.values.length === 0) found.phones = 'Add at least one phone number';
    }
    const later = when === 'later';
    if (later) {
      const wrong = scheduleProblem(sendAt, appNow());
      if (wrong) found.sendAt = wrong;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setProblem(null);
      focusFirstError();
      return;
    }

    const at = later ? fromLocalInput(sendAt)!.toISOString() : null;
    busyRef.current = true;
    setBusy(true);
    setProblem(null);
    try {
      const result = await invoke('sending.send', {
        invoiceId: invoice.id,
        requestId,
        channels,
        emails: showEmail ? mail.values : [],
        phones: showSms ? tel.values : [],
        customMessage,
        attachPdf,
        sendAt: at,
        ...(isDraft ? { finalizeVersion: invoice.draft.version } : {}),
      });
      toast.success(doneMessage(result, at, isDraft));
      onSent(result);
      onClose();
    } catch (e) {
      if (definite(e)) setRequestId(crypto.randomUUID());
      const fields = e instanceof AppError ? fieldErrorsOf(e.fields) : { byField: {}, other: [] };
      setErrors(fields.byField);
      const conflict = e instanceof AppError && e.code === 'conflict';
      let title = conflict && isDraft ? 'This draft changed since you opened it' : isDraft ? 'Not finalized or sent' : 'Not sent';
      // Finalizing stands on its own: the draft may have become an invoice though nothing was queued.
      const finalizedAs = isDraft ? await finalizedNumber(invoice.id) : null;
      if (finalizedAs) title = `Finalized as ${finalizedAs}, but not sent`;
      const hasFieldErrors = Object.keys(fields.byField).length > 0;
      if (!hasFieldErrors || fields.other.length > 0) setProblem({ title, message: fields.other.length > 0 ? fields.other.join(' ') : errorMessage(e) });
      if (hasFieldErrors) focusFirstError();
      busyRef.current = false;
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const later = when === 'later';
  let sendLabel = later ? 'Schedule' : 'Send now';
  if (isDraft) sendLabel = `Finalize${number ? ` as ${number}` : ''} and ${later ? 'schedule' : 'send'}`;
  if (busy) sendLabel = later ? 'Scheduling…' : 'Sending…';

  const title = isDraft ? 'Send draft invoice' : `Send invoice ${invoice.number ?? ''}`.trim();
  const messageId = `${ids}-message`;
  const messageError = errors.customMessage;

  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn-primary" disabled={!canSend} aria-keyshortcuts="Control+Enter" onClick={() => void send()}>
            {sendLabel}
          </button>
        </>
      }
    >
      <div ref={bodyRef} className="send-dialog" onKeyDown={onKeyDown}>
        <p className="send-summary">
          <strong>{invoice.customer.name}</strong>
          <span aria-hidden="true"> · </span>
          <span>{money(invoice.totals.totalMinor, invoice.currency)}</span>
          <span aria-hidden="true"> · </span>
          <span>due {formatDate(invoice.dueDate)}</span>
        </p>
        {zeroDraft ? <ErrorNotice title="Nothing to send" message={zeroTotalMessage(invoice.currency)} /> : isDraft && <FinalizeNotice next={next} />}
        {problem && <ErrorNotice title={problem.title} message={problem.message} />}
        {preview.state === 'loading' && <Loading label="Preparing the message…" />}
        {preview.state === 'failed' && (
          <ErrorNotice title="The message could not be prepared" message={preview.message}>
            <button type="button" className="btn" onClick={preview.reload}>Try again</button>
          </ErrorNotice>
        )}
        {ready && (
          <div className="send-grid">
            <div className="send-form">
              <ChannelPicker
                value={choice}
                onChange={(c) => {
                  setChoice(c);
                  setError('channels', null);
                }}
                blockers={ready.blockers}
                error={errors.channels}
              />
              {showEmail && (
                <RecipientsInput
                  id={`${ids}-emails`}
                  kind="email"
                  label="Email to"
                  listLabel="Email addresses"
                  hint="Press Enter or type a comma after each address."
                  placeholder="name@example.com"
                  values={emails.values}
                  text={emails.text}
                  onChange={(values, text) => setEmails({ values, text })}
                  error={errors.emails}
                  onProblem={(p) => setError('emails', p)}
                  country={country}
                />
              )}
              {showSms && (
                <RecipientsInput
                  id={`${ids}-phones`}
                  kind="phone"
                  label="SMS to"
                  listLabel="Phone numbers"
                  hint={`With + and the country code, e.g. +254722123456; a local number is read as ${countryName(country)}.`}
                  placeholder="+254722123456"
                  values={phones.values}
                  text={phones.text}
                  onChange={(values, text) => setPhones({ values, text })}
                  error={errors.phones}
                  onProblem={(p) => setError('phones', p)}
                  country={country}
                />
              )}
              <div className={`field${messageError ? ' field-invalid' : ''}`}>
                <label htmlFor={messageId}>Message to the customer (optional)</label>
                <textarea
                  {...describe(messageId, messageError, MESSAGE_HINT)}
                  className="send-message"
                  rows={3}
                  maxLength={MESSAGE_MAX}
                  value={customMessage}
                  placeholder="e.g. Thank you for your order. Payment is due in 14 days."
                  onChange={(e) => {
                    setCustomMessage(e.target.value);
                    if (messageError) setError('customMessage', null);
                  }}
                />
                <p id={`${messageId}-hint`} className="field-hint">
                  {MESSAGE_HINT} {formatCount(customMessage.length)} of {formatCount(MESSAGE_MAX)} characters.
                </p>
                {messageError && <p id={`${messageId}-error`} className="field-error">{messageError}</p>}
              </div>
              {showEmail && (
                <div className="send-attach">
                  <label className="switch">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={attachPdf}
                      aria-describedby={`${ids}-attach-hint`}
                      onChange={(e) => setAttachPdf(e.target.checked)}
                    />
                    <span>Attach the invoice PDF</span>
                  </label>
                  <p id={`${ids}-attach-hint`} className="field-hint">To the email. An SMS carries the amount and how to pay.</p>
                </div>
              )}
              <ScheduleField
                when={when}
                onWhen={(w) => {
                  setWhen(w);
                  setError('sendAt', null);
                }}
                sendAt={sendAt}
                onSendAt={(v) => {
                  setSendAt(v);
                  setError('sendAt', null);
                }}
                now={now}
                error={errors.sendAt}
              />
            </div>
            <MessagePreview preview={ready} showEmail={showEmail} showSms={showSms} attachPdf={attachPdf} updating={stale} />
          </div>
        )}
      </div>
    </Dialog>
  );
}
