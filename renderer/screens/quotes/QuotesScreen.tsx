// The quotes list: drafts and issued quotes (and pro-forma invoices) newest first, with the status
// each has today (expired is worked out from its date), what is quoted and open, and how many became
// invoices. From a row: edit a draft, preview the PDF, accept or decline, convert to an invoice once.
import { useId, useMemo, useRef, useState } from 'react';
import { invoke } from '../../api';
import { QUOTE_STATUS_LABELS, QUOTE_STATUSES, type QuoteListRow, type QuoteStatus } from '../../../shared/domain/quote';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage, formatDate, money, plural } from '../../lib/format';
import { navigate, paths } from '../../lib/router';
import { useDebounced } from '../../lib/useDebounced';
import { useInvoicesChanged } from '../../lib/useInvoicesChanged';
import { useListShortcuts } from '../../lib/useListShortcuts';
import { useRemote } from '../../lib/useRemote';
import { toast } from '../../stores/toasts';
import { PdfPages } from '../invoices/page/pdf/PdfPages';
import { bytesOfBase64, saveBytes } from '../invoices/page/pdf/pdfBytes';
import '../invoices/page/pdf/pdf.css';
import { SendQuoteDialog } from './SendQuoteDialog';
import './quotes.css';

type Filter = 'all' | QuoteStatus;

function QuotePdfDialog({ row, onClose }: { row: QuoteListRow; onClose: () => void }) {
  const pdf = useRemote(() => invoke('quotes.pdf', { id: row.id }), row.id);
  const ready = pdf.state === 'ready' ? pdf.value : null;
  const bytes = useMemo(() => (ready ? bytesOfBase64(ready.base64) : null), [ready]);
  return (
    <Dialog
      title={`PDF of ${row.proforma ? 'pro-forma invoice' : 'quote'} ${row.number ?? ''}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>Close</button>
          <button type="button" className="btn btn-primary" disabled={!ready || !bytes} onClick={() => ready && bytes && saveBytes(ready.fileName, bytes, 'application/pdf')}>
            Save as PDF
          </button>
        </>
      }
    >
      <div className="pdf-preview">
        {pdf.state === 'failed' && <ErrorNotice title="The PDF could not be made" message={pdf.message} />}
        {pdf.state !== 'failed' && !bytes && <Loading label="Making the PDF…" />}
        {bytes && <PdfPages data={bytes} documentName={row.number ?? 'the quote'} />}
      </div>
    </Dialog>
  );
}

function ConvertDialog({ row, onClose, onDone }: { row: QuoteListRow; onClose: () => void; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const convert = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const { invoice } = await invoke('quotes.convert', { id: row.id });
      toast.success(`${row.number ?? 'Quote'} converted to invoice ${invoice.number ?? ''}`);
      onDone();
      navigate(paths.invoice(invoice.id));
    } catch (e) {
      setFailure(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Convert to invoice"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void convert()}>{busy ? 'Converting…' : 'Convert to invoice'}</button>
        </>
      }
    >
      {failure && <ErrorNotice title="Not converted" message={failure} />}
      <p>
        Make the invoice for <strong>{row.number}</strong> ({money(row.totalMinor, row.currency)}, {row.customerName}) now? It keeps the quote’s lines,
        customer and terms, is dated today and finalized with the next invoice number. A quote is converted once.
      </p>
    </Dialog>
  );
}

export function QuotesScreen() {
  const searchRef = useRef<HTMLInputElement>(null);
  const filterId = useId();
  const [status, setStatus] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const settled = useDebounced(search, 150);
  const changed = useInvoicesChanged();
  const [asked, setAsked] = useState(0);
  const list = useRemote(() => invoke('quotes.list', { status, search: settled, limit: 500 }), `${status}|${settled}|${changed}|${asked}`);
  const [pdfOf, setPdfOf] = useState<QuoteListRow | null>(null);
  const [converting, setConverting] = useState<QuoteListRow | null>(null);
  const [sending, setSending] = useState<QuoteListRow | null>(null);
  useListShortcuts(searchRef, paths.quoteNew());
  const reload = () => setAsked((n) => n + 1);

  const decide = async (row: QuoteListRow, decision: 'accepted' | 'declined') => {
    try {
      await invoke('quotes.decide', { id: row.id, decision });
      toast.success(`${row.number ?? 'Quote'} marked ${decision}`);
      reload();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  const page = list.state === 'ready' ? list.value : null;
  const summary = page?.summary;

  return (
    <section className="screen screen-list quote-list">
      <header className="screen-header">
        <h1>Quotes</h1>
        <div className="header-actions">
          <button type="button" className="btn btn-primary" onClick={() => navigate(paths.quoteNew())} aria-keyshortcuts="N" title="New quote (N)">
            New quote
          </button>
        </div>
      </header>
      {summary && (
        <div className="quote-summary" role="group" aria-label="Quote summary">
          <div className="summary-card">
            <p className="muted">Open quotes</p>
            <p className="summary-value">{money(summary.openValueMinor, summary.currency)}</p>
          </div>
          <div className="summary-card">
            <p className="muted">Issued</p>
            <p className="summary-value">{summary.issued}</p>
          </div>
          <div className="summary-card">
            <p className="muted">Conversion rate</p>
            <p className="summary-value">{summary.conversionRatePercent === null ? '—' : `${summary.conversionRatePercent}%`}</p>
            <p className="muted">{plural(summary.converted, 'quote')} became invoices</p>
          </div>
        </div>
      )}
      <div className="quote-toolbar">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search"
          placeholder="Search quote number or customer ( / )"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <div className="inline-field">
          <label htmlFor={filterId}>Status</label>
          <select id={filterId} value={status} onChange={(e) => setStatus(e.target.value as Filter)}>
            <option value="all">All</option>
            {QUOTE_STATUSES.map((s) => <option key={s} value={s}>{QUOTE_STATUS_LABELS[s]}</option>)}
          </select>
        </div>
      </div>
      {list.state === 'failed' && (
        <ErrorNotice title="Quotes could not be loaded" message={list.message}>
          <button type="button" className="btn" onClick={list.reload}>Try again</button>
        </ErrorNotice>
      )}
      {list.state === 'loading' && <Loading label="Loading quotes…" />}
      {page && page.total === 0 && (
        <p className="muted">
          {status === 'all' && settled === '' ? 'No quotes yet. A quote is drafted like an invoice; press N to start one.' : 'No quotes match.'}
        </p>
      )}
      {page && page.total > 0 && (
        <>
          <p className="result-count" aria-live="polite">{plural(page.total, 'quote')}</p>
          <div className="table-wrap">
            <table className="data-table" aria-label="Quotes">
              <thead>
                <tr>
                  <th scope="col">Quote</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Date</th>
                  <th scope="col">Valid until</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">Total</th>
                  <th scope="col"><span className="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => (
                  <tr key={r.id}>
                    <td className="nowrap">
                      {r.number ?? <span className="muted">Draft</span>}
                      {r.proforma && <span className="cell-note">Pro-forma invoice</span>}
                    </td>
                    <td>{r.customerName}</td>
                    <td className="nowrap">{formatDate(r.issueDate)}</td>
                    <td className="nowrap">{r.expiryDate ? formatDate(r.expiryDate) : '—'}</td>
                    <td>
                      <span className={`badge badge-quote-${r.status}`}>{QUOTE_STATUS_LABELS[r.status]}</span>
                      {r.invoice && (
                        <span className="cell-note">
                          Invoice <a href={paths.invoice(r.invoice.id)}>{r.invoice.number}</a>
                        </span>
                      )}
                    </td>
                    <td className="num nowrap">{money(r.totalMinor, r.currency)}</td>
                    <td className="row-actions">
                      <div className="quote-actions">
                      {r.status === 'draft' ? (
                        <a className="btn btn-small" href={paths.draftEdit(r.id)} aria-label={`Edit the draft quote for ${r.customerName}`}>Edit</a>
                      ) : (
                        <>
                          <button type="button" className="btn btn-small" onClick={() => setPdfOf(r)} aria-label={`PDF of ${r.number}`}>PDF</button>
                          {r.status === 'sent' && (
                            <>
                              <button type="button" className="btn btn-small" onClick={() => setSending(r)} aria-label={`Send ${r.number}`}>Send</button>
                              <button type="button" className="btn btn-small" onClick={() => void decide(r, 'accepted')} aria-label={`Accept ${r.number}`}>Accept</button>
                              <button type="button" className="btn btn-small" onClick={() => void decide(r, 'declined')} aria-label={`Decline ${r.number}`}>Decline</button>
                            </>
                          )}
                          {(r.status === 'sent' || r.status === 'accepted') && !r.invoice && (
                            <button type="button" className="btn btn-small btn-primary" onClick={() => setConverting(r)} aria-label={`Convert ${r.number} to invoice`}>
                              Convert to invoice
                            </button>
                          )}
                        </>
                      )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {pdfOf && <QuotePdfDialog row={pdfOf} onClose={() => setPdfOf(null)} />}
      {sending && <SendQuoteDialog row={sending} onClose={() => setSending(null)} />}
      {converting && <ConvertDialog row={converting} onClose={() => setConverting(null)} onDone={reload} />}
    </section>
  );
}
