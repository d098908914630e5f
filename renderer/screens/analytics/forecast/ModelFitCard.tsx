import { useId } from 'react';
import { SMOOTHING_MODEL_LABELS, type ModelFit, type RevenueForecastCurrency } from '../../../../shared/domain/intelligence';
import { money, plural } from '../../../lib/format';

const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(1)}%`);

/** Which model, why, and how far off it has been: the numbers to weigh the forecast by. */
export function ModelFitCard({ block }: { block: RevenueForecastCurrency }) {
  const headingId = useId();
  const c = block.currency;
  const maeText = (f: ModelFit) => (f.maeMinor === null ? '—' : money(f.maeMinor, c));
  return (
    <section className="panel-card" aria-labelledby={headingId}>
      <h2 id={headingId}>Model: {SMOOTHING_MODEL_LABELS[block.model]}</h2>
      <p>{block.reason}</p>
      <ul className="summary-cards">
        <li>
          <span className="stat-label">Typical miss</span>
          <span className="stat-value">{maeText(block.fit)}</span>
          <span className="stat-note">one month ahead, over the history</span>
        </li>
        <li>
          <span className="stat-label">Typical miss, as a share</span>
          <span className="stat-value">{pct(block.fit.mapePct)}</span>
          <span className="stat-note">as a share of the month’s billing</span>
        </li>
        <li>
          <span className="stat-label">Last 3 months, held out</span>
          <span className="stat-value">{pct(block.holdoutMapePct)}</span>
          <span className="stat-note">error forecasting them from the months before</span>
        </li>
        <li>
          <span className="stat-label">History</span>
          <span className="stat-value">{plural(block.historyMonths, 'month')}</span>
          <span className="stat-note">complete months with billing</span>
        </li>
      </ul>
      <details className="about">
        <summary>How this is worked out</summary>
        <p>
          Each month is forecast from the months before it, and the forecast compared with what was billed. The typical miss is the
          average of how far off those forecasts were (the mean absolute error, MAE); as a share, the same as a percentage of each
          month’s billing (MAPE). The models below were each tried this way, and the one that missed least was chosen.
        </p>
      {block.compared.length > 1 && (
        <div className="table-wrap">
          <table className="data-table intel-table">
            <caption className="visually-hidden">Models compared</caption>
            <thead>
              <tr>
                <th scope="col">Models compared</th>
                <th scope="col" className="num">Typical miss (MAE)</th>
                <th scope="col" className="num">As a share (MAPE)</th>
              </tr>
            </thead>
            <tbody>
              {block.compared.map((f) => (
                <tr key={f.model}>
                  <th scope="row">
                    {SMOOTHING_MODEL_LABELS[f.model]}
                    {f.model === block.model && <span className="badge badge-chosen">Chosen</span>}
                  </th>
                  <td className="num">{maeText(f)}</td>
                  <td className="num">{pct(f.mapePct)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      </details>
    </section>
  );
}
