// Cash flow: what should come in over the next 12 weeks, from the open invoices' predictions.
import { invoke } from '../../../api';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { useRemote } from '../../../lib/useRemote';
import { CurrencySwitch, useChosenCurrency } from '../CurrencySwitch';
import { useBooksChanged } from '../useBooksChanged';
import { CashflowChart } from './CashflowChart';
import { CashflowSummary } from './CashflowSummary';

export function CashflowTab() {
  const changed = useBooksChanged();
  const remote = useRemote(() => invoke('intelligence.cashflow', { weeks: 12 }), changed);
  const forecast = remote.state === 'ready' ? remote.value : null;
  const chosen = useChosenCurrency(forecast?.currencies.map((c) => c.currency) ?? []);
  const block = forecast?.currencies.find((c) => c.currency === chosen);

  return (
    <div className="cashflow-tab">
      <p className="tab-intro">
        Money expected in each of the next 12 weeks: every open balance times its chance of being paid that week. The shaded band runs
        from a poor week to a good one (10th to 90th percentile of many simulated outcomes).
      </p>
      {remote.state === 'loading' && <Loading label="Forecasting collections…" />}
      {remote.state === 'failed' && (
        <ErrorNotice title="The cash-flow forecast could not be loaded" message={remote.message}>
          <button type="button" className="btn" onClick={remote.reload}>Try again</button>
        </ErrorNotice>
      )}
      {forecast && forecast.currencies.length === 0 && (
        <p className="chart-empty">
          Nothing is owed to you, so no collections are expected. Once invoices are finalized and still unpaid, the money they should
          bring in appears here week by week.
        </p>
      )}
      {forecast && block && (
        <>
          <div className="analytics-toolbar">
            <CurrencySwitch currencies={forecast.currencies} />
          </div>
          <CashflowSummary block={block} />
          <CashflowChart block={block} />
          <details className="about">
            <summary>How this forecast is made</summary>
            <ul>
              {forecast.notes.map((n) => <li key={n}>{n}</li>)}
              <li>
                {forecast.simulation.runs.toLocaleString('en-GB')} simulated runs; the band is their {forecast.simulation.lowPercentile}th to{' '}
                {forecast.simulation.highPercentile}th percentile.
              </li>
            </ul>
          </details>
        </>
      )}
    </div>
  );
}
