// Revenue forecast: billing for this month and the next ones, by exponential smoothing, with the fit error.
import { invoke } from '../../../api';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { useRemote } from '../../../lib/useRemote';
import { CurrencySwitch, useChosenCurrency } from '../CurrencySwitch';
import { useBooksChanged } from '../useBooksChanged';
import { ForecastChart } from './ForecastChart';
import { ModelFitCard } from './ModelFitCard';

export function ForecastTab() {
  const changed = useBooksChanged();
  const remote = useRemote(() => invoke('intelligence.revenueForecast', { months: 3 }), changed);
  const forecast = remote.state === 'ready' ? remote.value : null;
  const chosen = useChosenCurrency(forecast?.currencies.map((c) => c.currency) ?? []);
  const block = forecast?.currencies.find((c) => c.currency === chosen);

  return (
    <div className="forecast-tab">
      <p className="tab-intro">
        Billing for this month and the two after it (tax included, less credit notes, as on the overview), projected from past
        months by exponential smoothing. The model is
        chosen by how well it would have predicted each past month from the ones before it.
      </p>
      {remote.state === 'loading' && <Loading label="Forecasting revenue…" />}
      {remote.state === 'failed' && (
        <ErrorNotice title="The revenue forecast could not be loaded" message={remote.message}>
          <button type="button" className="btn" onClick={remote.reload}>Try again</button>
        </ErrorNotice>
      )}
      {forecast && forecast.currencies.length === 0 && (
        <p className="chart-empty">
          No billing history yet — a forecast needs past months of finalized invoices. It appears here once you have billed for a few
          months.
        </p>
      )}
      {forecast && block && (
        <>
          <div className="analytics-toolbar">
            <CurrencySwitch currencies={forecast.currencies} />
          </div>
          <ModelFitCard block={block} />
          <ForecastChart block={block} />
        </>
      )}
    </div>
  );
}
