// KRA eTIMS report: the documents of a period, transmitted (signed), waiting and refused, each with
// KRA's number or what to fix; and the CSV for the accountant.
import { useState } from 'react';
import { invoke } from '../../api';
import type { EtimsReport, EtimsState } from '../../../shared/domain/etims';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { todayLocal } from '../../lib/clock';
import { downloadText } from '../../lib/csv';
import { errorMessage, formatDate, money, plural } from '../../lib/format';
import { paths } from '../../lib/router';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';
import { toast } from '../../stores/toasts';
import './etims.css';

/** Short, for the table's column; the invoice page says it in full. */
const STATE_LABELS: Record<EtimsState, string> = { signed: 'Signed', awaiting: 'Waiting', sending: 'Sending', in_doubt: 'Checking', failed: 'Refused', not_applicable: 'Not sent' };

const monthStart = (day: string) => `${day.slice(0, 8)}01`;

export function EtimsScreen() {
  const today = todayLocal();
  const [period, setPeriod] = useState({ from: monthStart(today), to: today });
  const [shown, setShown] = useState(period);
  const changed = useEventCount('invoices.changed');
  const report = useRemote<EtimsReport>(() => invoke('etims.report', shown), `${shown.from}|${shown.to}|${changed}`);
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const out = await invoke('etims.export', shown);
      downloadText(out.fileName, out.csvText, 'text/csv');
      toast.success(`Exported ${plural(out.rows, 'document')} to ${out.fileName}`);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="screen etims-screen">
      <header className="screen-header">
        <div>
          <h1>KRA eTIMS</h1>
          <p className="muted screen-intro">Invoices and credit notes sent to KRA, still waiting, or refused with what to fix. <a href={paths.settings('etims')}>eTIMS settings</a></p>
        </div>
      </header>
      <form
        className="etims-period"
        aria-label="Period"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(period);
        }}
      >
        <div className="field">
          <label htmlFor="etims-from">From</label>
          <input id="etims-from" type="date" value={period.from} onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))} />
        </div>
        <div className="field">
          <label htmlFor="etims-to">To</label>
          <input id="etims-to" type="date" value={period.to} onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))} />
        </div>
        <button type="submit" className="btn">Show</button>
        <button type="button" className="btn" disabled={exporting || report.state !== 'ready'} onClick={() => void exportCsv()}>
          {exporting ? 'Exporting…' : 'Export CSV for the accountant'}
        </button>
      </form>
      {report.state === 'loading' && <Loading label="Loading the eTIMS report…" />}
      {report.state === 'failed' && (
        <ErrorNotice title="The eTIMS report could not be loaded" message={report.message}>
          <button type="button" className="btn" onClick={report.reload}>Try again</button>
        </ErrorNotice>
      )}
      {report.state === 'ready' && (
        <>
          <ul className="etims-counts" aria-label="Documents in the period">
            <li><strong>{report.value.counts.signed}</strong> signed by KRA</li>
            <li><strong>{report.value.counts.awaiting}</strong> waiting</li>
            <li className={report.value.counts.failed > 0 ? 'etims-count-failed' : undefined}><strong>{report.value.counts.failed}</strong> refused</li>
          </ul>
          {report.value.rows.length === 0 ? (
            <p className="empty">No invoices or credit notes for KRA eTIMS from {formatDate(shown.from)} to {formatDate(shown.to)}.</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table etims-table">
                <caption className="visually-hidden">Documents for KRA eTIMS from {formatDate(shown.from)} to {formatDate(shown.to)}</caption>
                <thead>
                  <tr>
                    <th scope="col">Document</th>
                    <th scope="col">Date</th>
                    <th scope="col">Customer</th>
                    <th scope="col" className="num">Total</th>
                    <th scope="col" className="num">VAT</th>
                    <th scope="col">eTIMS</th>
                    <th scope="col">CU invoice no. / what to fix</th>
                  </tr>
                </thead>
                <tbody>
                  {report.value.rows.map((r) => (
                    <tr key={`${r.kind}:${r.id}`}>
                      <th scope="row"><a href={paths.invoice(r.invoiceId)}>{r.kind === 'credit_note' ? `Credit note ${r.number}` : r.number}</a></th>
                      <td>{formatDate(r.issueDate)}</td>
                      <td>{r.customerName}</td>
                      <td className="num">{money(r.totalMinor, r.currency)}</td>
                      <td className="num">{money(r.taxMinor, r.currency)}</td>
                      <td><span className={`badge etims-badge-${r.state}`}>{STATE_LABELS[r.state]}</span>{r.workingDaysWaiting ? <span className="muted"> {plural(r.workingDaysWaiting, 'working day')}</span> : null}</td>
                      <td className={r.cuInvoiceNo ? 'mono' : 'etims-message'}>{r.cuInvoiceNo ?? r.message ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
