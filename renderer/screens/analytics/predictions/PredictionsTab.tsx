// Predictions: when each open invoice is likely to be paid and why, and how well the model has done on the past.
import { useId, useState } from 'react';
import { invoke } from '../../../api';
import { PREDICTION_SORTS, type PredictionSort } from '../../../../shared/domain/intelligence';
import { Checkbox } from '../../../components/Field';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { plural } from '../../../lib/format';
import { useRemote } from '../../../lib/useRemote';
import { Paging } from '../Paging';
import { useBooksChanged } from '../useBooksChanged';
import { BacktestCard } from './BacktestCard';
import { ModelAbout } from './ModelAbout';
import { PredictionTable } from './PredictionTable';

const PAGE = 50;

const SORT_LABELS: Record<PredictionSort, string> = {
  expectedDate: 'Expected payment date',
  dueDate: 'Due date',
  balance: 'Balance',
  daysLate: 'Days late expected',
  probabilityOnTime: 'Chance of paying on time',
};

export function PredictionsTab() {
  const id = useId();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [sort, setSort] = useState<PredictionSort>('expectedDate');
  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');
  const [offset, setOffset] = useState(0);
  const changed = useBooksChanged();
  const query = { overdueOnly, sort, direction, offset, limit: PAGE };
  const remote = useRemote(() => invoke('intelligence.predictions', query), `${JSON.stringify(query)}|${changed}`);
  const page = remote.state === 'ready' ? remote.value : null;

  const refilter = (apply: () => void) => {
    apply();
    setOffset(0);
  };

  return (
    <div className="predictions-tab">
      <p className="tab-intro">
        When each open invoice is likely to be paid, learned from how your customers have paid before — a customer’s own record where
        they have one, the whole book’s where they do not. Each prediction says why.
      </p>
      <section className="analytics-section" aria-labelledby={`${id}-open`}>
        <h2 id={`${id}-open`}>Open invoices</h2>
        <div className="filter-bar">
          <Checkbox id={`${id}-overdue`} label="Overdue only" checked={overdueOnly} onChange={(v) => refilter(() => setOverdueOnly(v))} />
          <div className="inline-field">
            <label htmlFor={`${id}-sort`}>Sort by</label>
            <select id={`${id}-sort`} value={sort} onChange={(e) => refilter(() => setSort(e.target.value as PredictionSort))}>
              {PREDICTION_SORTS.map((s) => <option key={s} value={s}>{SORT_LABELS[s]}</option>)}
            </select>
          </div>
          <div className="inline-field">
            <label htmlFor={`${id}-direction`}>Order</label>
            <select id={`${id}-direction`} value={direction} onChange={(e) => refilter(() => setDirection(e.target.value as 'asc' | 'desc'))}>
              <option value="asc">Ascending</option>
              <option value="desc">Descending</option>
            </select>
          </div>
          {page && <span className="muted" aria-live="polite">{plural(page.total, 'open invoice')}</span>}
        </div>
        {remote.state === 'loading' && <Loading label="Loading predictions…" />}
        {remote.state === 'failed' && (
          <ErrorNotice title="Predictions could not be loaded" message={remote.message}>
            <button type="button" className="btn" onClick={remote.reload}>Try again</button>
          </ErrorNotice>
        )}
        {page && page.model.paidInvoices === 0 && (
          <div className="notice notice-info">
            <p className="notice-title">No paid invoices yet — predictions need payment history</p>
            <p>Once customers pay some invoices, each open invoice gets an expected payment date and a chance of being paid on time.</p>
          </div>
        )}
        {page && page.total === 0 && (
          <p className="chart-empty">
            {overdueOnly
              ? 'No open invoice is past its due date.'
              : 'No open invoices. Predictions appear here for finalized invoices that still have money owing.'}
          </p>
        )}
        {page && page.rows.length > 0 && <PredictionTable rows={page.rows} />}
        {page && (
          <Paging label="Pages of predictions" offset={offset} shown={page.rows.length} total={page.total} pageSize={PAGE} onOffset={setOffset} />
        )}
        {page && <ModelAbout model={page.model} />}
      </section>
      <BacktestCard refreshKey={changed} />
    </div>
  );
}
