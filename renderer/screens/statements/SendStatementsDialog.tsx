// "Send statements": this month's statement (or another period's) to every customer with a balance
// at its end, each a message on the queue, sent once however often this is pressed; the queue shows
// the progress and the message log each one.
import { useId, useState } from 'react';
import { invoke } from '../../api';
import type { StatementBatchResult } from '../../../shared/channels/statements';
import { Dialog } from '../../components/Dialog';
import { DateInput } from '../../components/DateInput';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { todayLocal } from '../../lib/clock';
import { errorMessage, plural } from '../../lib/format';
import { paths } from '../../lib/router';
import './statements.css';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function SendStatementsDialog({ onClose }: { onClose: () => void }) {
  const id = useId();
  const today = todayLocal();
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<StatementBatchResult | null>(null);
  const valid = ISO.test(from) && ISO.test(to) && from <= to;

  const send = async () => {
    if (busy || !valid) return;
    setBusy(true);
    setFailure(null);
    try {
      setResult(await invoke('statements.sendAll', { from, to, channel }));
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Send statements"
      onClose={onClose}
      actions={
        result ? (
          <button type="button" className="btn btn-primary" onClick={onClose}>Done</button>
        ) : (
          <>
            <button type="button" className="btn" onClick={onClose}>Cancel</button>
            <button type="button" className="btn btn-primary" disabled={busy || !valid} onClick={() => void send()}>{busy ? 'Queuing…' : 'Send statements'}</button>
          </>
        )
      }
    >
      <p>Each customer who owes money (or has credit) at the end of the period gets their statement. A customer already sent this period’s statement is not sent it again.</p>
      <div className="statement-period">
        <Field id={`${id}-from`} label="From">
          <DateInput id={`${id}-from`} label="First day" value={from} max={today} onValue={setFrom} disabled={result !== null} />
        </Field>
        <Field id={`${id}-to`} label="To">
          <DateInput id={`${id}-to`} label="Last day" value={to} max={today} onValue={setTo} disabled={result !== null} />
        </Field>
        <div className="statement-view" role="radiogroup" aria-label="Send by">
          <label><input type="radio" name={`${id}-channel`} checked={channel === 'email'} onChange={() => setChannel('email')} disabled={result !== null} /> Email (with the PDF)</label>
          <label><input type="radio" name={`${id}-channel`} checked={channel === 'sms'} onChange={() => setChannel('sms')} disabled={result !== null} /> SMS (the balance)</label>
        </div>
      </div>
      {!valid && <p className="field-error" role="alert">Enter the first and last day of the period; the first comes before the last.</p>}
      {failure && <ErrorNotice title="Statements were not sent" message={failure} />}
      {result && (
        <div className="send-statements-result" role="status">
          <p>
            <strong>{plural(result.queued, 'statement')} queued</strong> for {plural(result.customers, 'customer')} with a balance.{' '}
            <a href={paths.jobs()}>Follow them on the Queue</a> · <a href={paths.messages()}>Message log</a>
          </p>
          {result.skipped.length > 0 && (
            <>
              <p>{plural(result.skipped.length, 'customer')} could not be sent one:</p>
              <ul>{result.skipped.map((s) => <li key={s.customerId}><a href={paths.customer(s.customerId)}>{s.name}</a>: {s.reason}</li>)}</ul>
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}
