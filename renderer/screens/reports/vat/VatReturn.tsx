// The VAT return: output VAT per rate per month (invoices less credit notes), per currency.
import { useId, useState } from 'react';
import { invoke } from '../../../api';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../lib/format';
import { useRemote } from '../../../lib/useRemote';
import { useInvoicesChanged } from '../../../lib/useInvoicesChanged';
import { ExportButtons } from '../results/ExportButtons';
import { VatTable } from './VatTable';
import { appNow, localDateOf } from '../../../lib/clock';
import { DateInput } from '../../../components/DateInput';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Last calendar month, the period a monthly VAT return is usually for. */
function lastMonth(): { from: string; to: string } {
  const now = new Date(appNow());
  const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const last = new Date(now.getFullYear(), now.getMonth(), 0);
  return { from: localDateOf(first), to: localDateOf(last) };
}

export function VatReturn() {
  const id = useId();
  const [range, setRange] = useState(lastMonth);
  const problem = !DATE.test(range.from) ? 'Choose the first day' : !DATE.test(range.to) ? 'Choose the last day' : range.from > range.to ? 'The last day is before the first day' : null;
  const changed = useInvoicesChanged();
  // An unfinished range keeps the last report on screen rather than asking for a wrong one.
  const remote = useRemote(() => (problem ? Promise.reject(new Error(problem)) : invoke('reports.tax', range)), `${range.from}|${range.to}|${changed}`);
  const report = remote.state === 'ready' ? remote.value : null;

  return (
    <section className="vat-return" aria-labelledby={`${id}-title`}>
      <div className="section-head">
        <div>
          <h2 id={`${id}-title`}>VAT return</h2>
          <p className="muted">Output VAT by rate and month: finalized invoices by issue month, less credit notes by their own issue month.</p>
        </div>
        {report && !problem && <ExportButtons report={{ kind: 'tax', range }} what={`of the VAT return ${formatDate(range.from)} – ${formatDate(range.to)}`} />}
      </div>
      <div className="filter-bar">
        <div className="inline-field">
          <label htmlFor={`${id}-from`}>From</label>
          <DateInput label="From" id={`${id}-from`}  value={range.from} aria-invalid={problem && problem !== 'Choose the last day' ? true : undefined} onValue={(value) => setRange({ ...range, from: value })} />
        </div>
        <div className="inline-field">
          <label htmlFor={`${id}-to`}>To</label>
          <DateInput label="To" id={`${id}-to`}  value={range.to} aria-invalid={problem === 'Choose the last day' || problem === 'The last day is before the first day' ? true : undefined} onValue={(value) => setRange({ ...range, to: value })} />
        </div>
        {problem && <p className="field-error" role="alert">{problem}</p>}
      </div>
      {remote.state === 'loading' && <Loading label="Adding up VAT…" />}
      {remote.state === 'failed' && !problem && (
        <ErrorNotice title="The VAT report could not be made" message={remote.message}>
          <button type="button" className="btn" onClick={remote.reload}>Try again</button>
        </ErrorNotice>
      )}
      {report && report.currencies.length === 0 && (
        <p className="chart-empty">No finalized invoices or credit notes between {formatDate(report.from)} and {formatDate(report.to)}, so no VAT is due for it.</p>
      )}
      {report && report.currencies.map((c) => <VatTable key={c.currency} report={c} />)}
    </section>
  );
}
