// Unmatched payments: money that came in (Paybill payments the Cloud could not tie to an invoice,
// statement lines nobody accepted, overpayments) waiting for a person, each with suggestions
// ranked with their reasons. Assign in one step, split over invoices, keep as the customer's
// credit, or dismiss with a reason. Refreshes when this computer or a sync changes the books.
import { useEffect, useState } from 'react';
import { invoke } from '../../api';
import { INCOMING_SOURCE_LABELS, type IncomingView, type MoneyInSuggestion } from '../../../shared/channels/statementImport';
import { ConfidenceMeter } from '../../components/ConfidenceMeter';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { isTypingTarget } from '../../lib/keys';
import { errorMessage, formatDate, money, plural } from '../../lib/format';
import { paths } from '../../lib/router';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';
import { toast } from '../../stores/toasts';
import { ChooseCustomerDialog } from '../payments/ChooseCustomerDialog';
import { ReasonDialog } from '../payments/ReasonDialog';
import { SplitDialog } from './SplitDialog';
import { useCan } from '../../lib/useCan';
import './unmatched.css';

type Open =
  | { kind: 'split'; payment: IncomingView; to: MoneyInSuggestion }
  | { kind: 'dismiss'; payment: IncomingView }
  | { kind: 'choose'; payment: IncomingView }
  | null;

const targetWords = (s: MoneyInSuggestion) => (s.invoiceNumber ? `${s.invoiceNumber} · ${s.customerName}` : `${s.customerName} (oldest unpaid first)`);

export function UnmatchedScreen() {
  const changes = useEventCount('invoices.changed') + useEventCount('sync.applied');
  const list = useRemote(() => invoke('payments.incoming.list', {}), `incoming-${changes}`);
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const role = useCan('payments.match');
  const rows = list.state === 'ready' ? list.value.rows : null;

  const assign = async (payment: IncomingView, to: MoneyInSuggestion, allocations?: { invoiceId: string; amountMinor: number }[]) => {
    setBusy(payment.id);
    try {
      // One invoice: as much as it owes (the rest older invoices or credit, as the service plans it).
      const planned = allocations ?? (to.invoiceId ? [{ invoiceId: to.invoiceId, amountMinor: Math.min(payment.amountMinor, to.balanceMinor) }].filter((a) => a.amountMinor > 0) : (await invoke('payments.proposeAllocation', { customerId: to.customerId, amountMinor: payment.amountMinor })).allocations.map((a) => ({ invoiceId: a.invoiceId, amountMinor: a.amountMinor })));
      const done = await invoke('payments.incoming.assign', { id: payment.id, customerId: to.customerId, allocations: planned });
      toast.success(`${payment.receipt} recorded as ${done.paymentNumber} for ${to.customerName}`);
    } catch (e) {
      toast.error(`${payment.receipt} not assigned: ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };

  // A: assign the first waiting payment to its best suggestion — the inbox's most frequent action.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'a' || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector('[role="dialog"]') || !role.allowed || busy) return;
      const first = rows?.find((r) => r.suggestions.length > 0);
      if (!first) return;
      event.preventDefault();
      void assign(first, first.suggestions[0]!);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="screen unmatched-screen">
      <header className="screen-header">
        <div>
          <h1>Unmatched payments</h1>
          <p className="muted screen-intro">
            Money received that is not yet tied to an invoice: Paybill payments with an account Billbook could not read, statement lines left for later, overpayments.
            Press <kbd>A</kbd> to assign the first one to its best suggestion.
          </p>
        </div>
        <div className="header-actions">
          <a className="btn" href={paths.statementImport()}>Import statement</a>
        </div>
      </header>
      {!role.allowed && <p className="notice notice-warning" role="note">{role.reason} You can see what waits here.</p>}
      {list.state === 'failed' && <ErrorNotice title="Unmatched payments could not be loaded" message={list.message} />}
      {list.state === 'loading' && <Loading label="Loading unmatched payments…" />}
      <p className="result-count" aria-live="polite">{rows ? `${plural(rows.length, 'payment')} waiting` : ''}</p>
      {rows && rows.length === 0 && (
        <div className="empty">
          <p>Nothing waits here. Money the Cloud receives by Paybill is matched to invoices by its account number; what it cannot place lands here, as do the lines of an imported M-Pesa statement you leave for later.</p>
          <p><a href={paths.statementImport()}>Import an M-Pesa statement</a> to record a month of payments at once.</p>
        </div>
      )}
      {rows && rows.length > 0 && (
        <ul className="money-in-list" aria-label="Waiting payments">
          {rows.map((p) => (
            <li key={p.id} className="money-in" aria-labelledby={`in-${p.id}`}>
              <div className="money-in-head">
                <h2 id={`in-${p.id}`}>{money(p.amountMinor, p.currency)} · {p.receipt}</h2>
                <span className="muted">{INCOMING_SOURCE_LABELS[p.source]} · {formatDate(p.paidOn)}</span>
              </div>
              <p className="money-in-facts">
                From {p.payerName || 'an unknown payer'}{p.payerPhone ? ` (${p.payerPhone})` : ''}
                {p.accountReference ? <> · account “{p.accountReference}”</> : ' · no account typed'}
              </p>
              {p.suggestions.length === 0 && <p className="muted">No invoice or customer fits. Choose the customer who paid, or dismiss it.</p>}
              {p.suggestions.length > 0 && (
                <ol className="suggestions" aria-label={`Suggestions for ${p.receipt}`}>
                  {p.suggestions.map((s, i) => (
                    <li key={`${s.customerId}-${s.invoiceId ?? ''}`} className="suggestion">
                      <div>
                        <strong>{targetWords(s)}</strong> <ConfidenceMeter confidence={s.confidence} />
                        <ul>{s.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
                      </div>
                      <div className="money-in-actions">
                        <button type="button" className={`btn${i === 0 ? ' btn-primary' : ''}`} disabled={!role.allowed || busy === p.id} title={role.reason}
                          aria-label={`Assign ${p.receipt} to ${targetWords(s)}`} onClick={() => void assign(p, s)}>
                          Assign{i === 0 && <kbd aria-hidden="true">A</kbd>}
                        </button>
                        <button type="button" className="btn" disabled={!role.allowed || busy === p.id} title={role.reason}
                          aria-label={`Split ${p.receipt} over ${s.customerName}'s invoices`} onClick={() => setOpen({ kind: 'split', payment: p, to: s })}>Split…</button>
                        <button type="button" className="btn" disabled={!role.allowed || busy === p.id} title={role.reason}
                          aria-label={`Keep ${p.receipt} as ${s.customerName}'s credit`} onClick={() => void assign(p, s, [])}>Keep as credit</button>
                      </div>
                    </li>
                  ))}
                </ol>
              )}
              <div className="money-in-actions">
                <button type="button" className="btn" disabled={!role.allowed || busy === p.id} title={role.reason} onClick={() => setOpen({ kind: 'choose', payment: p })}
                  aria-label={`Choose who paid ${p.receipt}`}>Choose customer…</button>
                <button type="button" className="btn btn-danger" disabled={!role.allowed || busy === p.id} title={role.reason} onClick={() => setOpen({ kind: 'dismiss', payment: p })}
                  aria-label={`Dismiss ${p.receipt}`}>Dismiss…</button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {open?.kind === 'split' && (
        <SplitDialog payment={open.payment} to={open.to} onClose={() => setOpen(null)} onDone={(message) => { setOpen(null); toast.success(message); }} />
      )}
      {open?.kind === 'choose' && (
        <ChooseCustomerDialog
          onClose={() => setOpen(null)}
          onChosen={(c) => {
            const payment = open.payment;
            setOpen({ kind: 'split', payment, to: { invoiceId: null, invoiceNumber: null, customerId: c.id, customerName: c.name, balanceMinor: 0, confidence: 0, reasons: [] } });
          }}
        />
      )}
      {open?.kind === 'dismiss' && (
        <ReasonDialog
          title={`Dismiss ${open.payment.receipt}`}
          reasonHint="Kept with it and in the history, e.g. “refunded to the sender” or “not business money”"
          confirmLabel="Dismiss"
          busyLabel="Dismissing…"
          onClose={() => setOpen(null)}
          onConfirm={async (reason) => {
            await invoke('payments.incoming.dismiss', { id: open.payment.id, reason });
            toast.success(`${open.payment.receipt} dismissed`);
            setOpen(null);
          }}
        >
          <p>{money(open.payment.amountMinor, open.payment.currency)} from {open.payment.payerName || 'an unknown payer'} will leave the inbox without being recorded as a payment.</p>
        </ReasonDialog>
      )}
    </section>
  );
}
