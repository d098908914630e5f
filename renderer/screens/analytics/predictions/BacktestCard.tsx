import { useId } from 'react';
import { invoke } from '../../../api';
import type { BacktestResult } from '../../../../shared/domain/intelligence';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { percentOf } from '../../../lib/amounts';
import { formatCount, formatDate } from '../../../lib/format';
import { useRemote } from '../../../lib/useRemote';

const days = (n: number | null) => (n === null ? '—' : `${n.toFixed(1)} days`);
const score = (n: number | null) => (n === null ? '—' : n.toFixed(3));

/** The plain answer first: does the model beat "paid on the due date"? Never dressed up either way. */
function Verdict({ result }: { result: BacktestResult }) {
  const tested = result.testInvoices > 0 && result.modelMaeDays !== null;
  const title = result.beatsBaseline
    ? 'Yes — the model beats the baseline'
    : tested
      ? 'No — the model does not beat the baseline (yet)'
      : 'Not tested yet — too few settled invoices';
  return (
    <div className={`verdict ${result.beatsBaseline ? 'verdict-yes' : 'verdict-no'}`}>
      <p className="verdict-title">{title}</p>
      <p>{result.verdict}</p>
    </div>
  );
}

function Calibration({ result }: { result: BacktestResult }) {
  const bins = result.calibration.filter((b) => b.invoices > 0);
  if (bins.length === 0) return <p className="muted">No tested invoices to compare predicted and actual on-time rates with.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table intel-table">
        <caption>Calibration: predicted chance of paying on time against what happened</caption>
        <thead>
          <tr>
            <th scope="col">Predicted chance</th>
            <th scope="col" className="num">Invoices</th>
            <th scope="col" className="num">Average predicted</th>
            <th scope="col" className="num">Actually on time</th>
          </tr>
        </thead>
        <tbody>
          {bins.map((b) => (
            <tr key={b.from}>
              <th scope="row">{percentOf(b.from)}–{percentOf(b.to)}</th>
              <td className="num">{formatCount(b.invoices)}</td>
              <td className="num">{percentOf(b.meanPredicted)}</td>
              <td className="num">{percentOf(b.observedOnTimeRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How the payment model did on the past: error in days against "paid on the due date", calibration and Brier score. */
export function BacktestCard({ refreshKey }: { refreshKey: string }) {
  const headingId = useId();
  const remote = useRemote(() => invoke('intelligence.backtest', {}), refreshKey);
  return (
    <section className="panel-card backtest" aria-labelledby={headingId}>
      <h2 id={headingId}>How well do the predictions hold up?</h2>
      {remote.state === 'loading' && <Loading label="Testing the model on past invoices…" />}
      {remote.state === 'failed' && (
        <ErrorNotice title="The backtest could not be run" message={remote.message}>
          <button type="button" className="btn" onClick={remote.reload}>Try again</button>
        </ErrorNotice>
      )}
      {remote.state === 'ready' && (
        <>
          <Verdict result={remote.value} />
          <ul className="summary-cards">
            <li>
              <span className="stat-label">Model’s error</span>
              <span className="stat-value">{days(remote.value.modelMaeDays)}</span>
              <span className="stat-note">average miss of the payment date</span>
            </li>
            <li>
              <span className="stat-label">Baseline’s error</span>
              <span className="stat-value">{days(remote.value.baselineMaeDays)}</span>
              <span className="stat-note">“paid on the due date”</span>
            </li>
            <li>
              <span className="stat-label">How right its chances were</span>
              <span className="stat-value">{score(remote.value.brierScore)}</span>
              <span className="stat-note">
                0 is perfect, 0.25 no better than a coin flip{remote.value.baselineBrierScore !== null && ` (baseline ${score(remote.value.baselineBrierScore)})`}
              </span>
            </li>
            <li>
              <span className="stat-label">Tested on</span>
              <span className="stat-value">{formatCount(remote.value.testInvoices)} invoices</span>
              <span className="stat-note">
                issued {formatDate(remote.value.cutoff)} – {formatDate(remote.value.testTo)}; learned from {formatCount(remote.value.trainInvoices)}
              </span>
            </li>
          </ul>
          {remote.value.modelBiasDays !== null && (
            <p className="muted">
              On average the model predicted {Math.abs(remote.value.modelBiasDays).toFixed(1)} days {remote.value.modelBiasDays > 0 ? 'too late' : 'too early'}
              {remote.value.improvementPct !== null && `; its error is ${Math.abs(remote.value.improvementPct).toFixed(1)}% ${remote.value.improvementPct >= 0 ? 'smaller' : 'larger'} than the baseline’s`}.
            </p>
          )}
          <Calibration result={remote.value} />
          <details className="about">
            <summary>How this is worked out</summary>
            <ul>
              <li>
                “How right its chances were” is the Brier score: for each test invoice, the chance the model gave of it being paid on time,
                less what happened (1 paid on time, 0 not), squared, and averaged.
              </li>
              {remote.value.notes.map((n) => <li key={n}>{n}</li>)}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
