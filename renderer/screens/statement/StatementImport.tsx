// Import statement: choose the M-Pesa statement (CSV or Excel from the business portal); each sum
// received is matched to an invoice with a confidence and the reasons; the person keeps, changes
// or rejects each match; the kept ones are recorded as M-Pesa payments and the rest wait in the
// Unmatched inbox. Receipts already in the books are shown and skipped. Works with no network.
import { useEffect, useId, useState } from 'react';
import { invoke } from '../../api';
import type { StatementImportResult, StatementLineView, StatementPreview } from '../../../shared/channels/statementImport';
import { ConfidenceMeter } from '../../components/ConfidenceMeter';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage, formatDate, money, plural } from '../../lib/format';
import { MOD_KEY } from '../../lib/modKey';
import { paths } from '../../lib/router';
import { toast } from '../../stores/toasts';
import '../unmatched/unmatched.css';

/** What each line will do: record to suggestion i, or wait in the inbox. */
type Choice = number | 'inbox';

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

const choiceLabel = (line: StatementLineView, i: number) => {
  const s = line.suggestions[i]!;
  return `${s.invoiceNumber ?? 'Oldest unpaid'} · ${s.customerName} (${Math.round(s.confidence * 100)}%)`;
};

export function StatementImport() {
  const id = useId();
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<StatementPreview | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState<'reading' | 'recording' | null>(null);
  const [result, setResult] = useState<StatementImportResult | null>(null);

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    setFailure('');
    setPreview(null);
    setResult(null);
    setBusy('reading');
    try {
      const next = { fileName: chosen.name, base64: toBase64(await chosen.arrayBuffer()) };
      const read = await invoke('payments.statement.preview', next);
      setFile(next);
      setPreview(read);
      setChoices(Object.fromEntries(read.lines.filter((l) => l.state === 'new').map((l) => [l.receipt, l.proposed === 'record' ? 0 : 'inbox'])));
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const fresh = preview?.lines.filter((l) => l.state === 'new') ?? [];
  const known = preview?.lines.filter((l) => l.state === 'recorded') ?? [];
  const toRecord = fresh.filter((l) => choices[l.receipt] !== 'inbox' && choices[l.receipt] !== undefined);
  const toInbox = fresh.length - toRecord.length;

  const commit = async () => {
    if (!file || !preview || busy) return;
    setBusy('recording');
    setFailure('');
    try {
      const decisions = fresh.map((l) => {
        const choice = choices[l.receipt];
        const s = typeof choice === 'number' ? l.suggestions[choice] : undefined;
        return s ? { receipt: l.receipt, action: 'record' as const, customerId: s.customerId, ...(s.invoiceId ? { invoiceId: s.invoiceId } : {}) } : { receipt: l.receipt, action: 'inbox' as const };
      });
      const done = await invoke('payments.statement.commit', { ...file, decisions });
      setResult(done);
      setPreview(null);
      setFile(null);
      toast.success(`Recorded ${plural(done.recorded, 'payment')} from the statement`);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  // Ctrl/⌘+Enter records the reviewed statement: the one step this screen is for.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || !preview || fresh.length === 0) return;
      if (document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      void commit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="screen statement-import">
      <header className="screen-header">
        <div>
          <h1>Import M-Pesa statement</h1>
          <p className="muted screen-intro">
            Money received on your Paybill or Till, matched to invoices for you to check. Nothing is recorded until you say so, and it works offline.
          </p>
        </div>
        <div className="header-actions">
          <a className="btn" href={paths.payments()}>Back to payments</a>
        </div>
      </header>

      <div className="field">
        <label htmlFor={`${id}-file`}>Statement file (CSV or Excel)</label>
        <input id={`${id}-file`} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={`${id}-hint`}
          disabled={busy !== null} onChange={(e) => { void choose(e.target.files?.[0]); e.target.value = ''; }} />
        <p id={`${id}-hint`} className="field-hint">
          In the M-Pesa business portal: Account Statement → choose the dates → Export as CSV or Excel. PDF statements cannot be read; export CSV or Excel instead.
        </p>
      </div>
      {busy === 'reading' && <p role="status">Reading and matching the statement…</p>}
      {failure && <ErrorNotice title={busy === null && preview ? 'Not recorded' : 'The statement could not be used'} message={failure} />}

      {result && (
        <div className="notice" role="status">
          <p>
            Recorded {plural(result.recorded, 'payment')}{result.paymentNumbers.length > 0 ? ` (${result.paymentNumbers[0]}${result.paymentNumbers.length > 1 ? ` … ${result.paymentNumbers.at(-1)}` : ''})` : ''};
            {' '}{plural(result.unmatched, 'payment')} left in <a href={paths.unmatched()}>Unmatched payments</a>; {result.skipped} already in the books.
          </p>
        </div>
      )}

      {!preview && !result && busy === null && !failure && (
        <div className="empty">
          <p>Choose a statement to begin. Each payment is matched by the account number the customer typed, then by their phone and the amount, then by the amount and date.</p>
        </div>
      )}

      {preview && (
        <>
          <div className="statement-summary" aria-live="polite">
            <span><strong>{preview.fileName}</strong></span>
            <span>{plural(fresh.length, 'payment')} to review</span>
            <span>{plural(known.length, 'receipt')} already recorded</span>
            <span>{plural(preview.leftOut.length, 'row')} not money received</span>
            {preview.problems.length > 0 && <span>{plural(preview.problems.length, 'row')} could not be read</span>}
          </div>
          {fresh.length === 0 && <p className="empty">Every payment in this statement is already in the books: there is nothing new to record.</p>}
          {fresh.length > 0 && (
            <div className="table-wrap">
              <table className="data-table statement-table" aria-label="Payments to review">
                <thead>
                  <tr>
                    <th scope="col">Receipt</th>
                    <th scope="col">Paid on</th>
                    <th scope="col">From</th>
                    <th scope="col">Account</th>
                    <th scope="col" className="num">Amount</th>
                    <th scope="col">Record to</th>
                    <th scope="col" className="col-details">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {fresh.map((l) => {
                    const choice = choices[l.receipt] ?? 'inbox';
                    const s = typeof choice === 'number' ? l.suggestions[choice] : undefined;
                    return (
                      <tr key={l.receipt}>
                        <th scope="row">{l.receipt}</th>
                        <td>{formatDate(l.paidOn)}</td>
                        <td>{l.payerName}<br /><span className="muted">{l.payerPhone}</span></td>
                        <td>{l.accountReference || <span className="muted">none</span>}</td>
                        <td className="num">{money(l.amountMinor, l.currency)}</td>
                        <td>
                          <select aria-label={`Record ${l.receipt} to`} value={String(choice)}
                            onChange={(e) => setChoices((c) => ({ ...c, [l.receipt]: e.target.value === 'inbox' ? 'inbox' : Number(e.target.value) }))}>
                            {l.suggestions.map((_, i) => <option key={i} value={i}>{choiceLabel(l, i)}</option>)}
                            <option value="inbox">Leave in Unmatched</option>
                          </select>
                          {s && <div><ConfidenceMeter confidence={s.confidence} /></div>}
                        </td>
                        <td className="col-details">
                          {s ? <ul className="reasons">{s.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
                            : <span className="muted">{l.suggestions.length === 0 ? 'Nothing in the books fits: it waits in Unmatched.' : 'Left for later.'}</span>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <div className="statement-actions">
            <button type="button" className="btn btn-primary" disabled={busy !== null || fresh.length === 0} onClick={() => void commit()}>
              {busy === 'recording' ? 'Recording…' : `Record ${plural(toRecord.length, 'payment')}${toInbox ? `, leave ${toInbox} in Unmatched` : ''}`}
            </button>
            <span className="muted"><kbd>{MOD_KEY}</kbd>+<kbd>Enter</kbd></span>
            <button type="button" className="btn" disabled={busy !== null} onClick={() => { setPreview(null); setFile(null); }}>Cancel</button>
          </div>
          {known.length > 0 && (
            <details>
              <summary>{plural(known.length, 'receipt')} already in the books (skipped)</summary>
              <ul>{known.map((l) => <li key={l.receipt}>{l.receipt}: {money(l.amountMinor, l.currency)} from {l.payerName || l.payerPhone}, already {l.recordedAs?.startsWith('PAY') ? `recorded as ${l.recordedAs}` : `in ${l.recordedAs}`}</li>)}</ul>
            </details>
          )}
          {(preview.leftOut.length > 0 || preview.problems.length > 0) && (
            <details>
              <summary>Rows not imported</summary>
              <ul>
                {preview.problems.map((p) => <li key={`p${p.line}`}>Line {p.line} ({p.receipt}): {p.reason}. Check the file; this row is not imported.</li>)}
                {preview.leftOut.map((p) => <li key={`l${p.line}`}>Line {p.line} ({p.receipt}): {p.reason}</li>)}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
