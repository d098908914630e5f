// Anomalies: invoice amounts far from a customer's usual, customers paying much later than before,
// and months whose billing fell sharply. Each with the rule that flagged it.
import { useId } from 'react';
import { invoke } from '../../../api';
import { ANOMALY_KINDS, ANOMALY_KIND_LABELS, type AnomalyKind, type AnomalyReport } from '../../../../shared/domain/intelligence';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { formatDate, plural } from '../../../lib/format';
import { useRemote } from '../../../lib/useRemote';
import { useBooksChanged } from '../useBooksChanged';
import { AnomalyItem } from './AnomalyItem';

/** The arithmetic behind each rule, for whoever wants it: kept out of the way of the plain words. */
function howText(kind: AnomalyKind, t: AnomalyReport['thresholds']): string | null {
  switch (kind) {
    case 'invoice_amount':
      return `“Far outside how much they vary” means more than ${t.robustZ} robust deviations from the median of the customer’s earlier invoices (a robust z-score: the distance divided by 1.4826 × the median absolute deviation, which one odd invoice cannot stretch).`;
    case 'payment_delay_jump':
      return `“Their usual spread” is the median absolute deviation of how late the earlier invoices were paid; the jump must be ${t.delayJumpSpreads} times that.`;
    default:
      return null;
  }
}

/** The rule behind each kind, in words, from the thresholds the backend used. */
function ruleText(kind: AnomalyKind, t: AnomalyReport['thresholds']): string {
  switch (kind) {
    case 'invoice_amount':
      return `An invoice at least ${t.amountMinChangePct}% away from what the customer is usually billed, and far outside how much their invoices usually vary, once they have ${t.minPriorInvoices} earlier invoices.`;
    case 'payment_delay_jump':
      return `A customer whose last ${t.delayRecentInvoices} invoices were paid at least ${t.delayJumpMinDays} days later (median) than the ones before, and by ${t.delayJumpSpreads}× their usual spread.`;
    case 'billing_drop':
      return `A month billed at least ${t.billingDropPct}% below the median of the ${t.billingTrailingMonths} months before it.`;
  }
}

const EMPTY: Record<AnomalyKind, string> = {
  invoice_amount: 'No invoice stands out from its customer’s usual amounts.',
  payment_delay_jump: 'No customer has started paying much later than before.',
  billing_drop: 'No month’s billing fell sharply against the months before it.',
};

export function AnomaliesTab() {
  const id = useId();
  const changed = useBooksChanged();
  const remote = useRemote(() => invoke('intelligence.anomalies', {}), changed);
  const report = remote.state === 'ready' ? remote.value : null;

  return (
    <div className="anomalies-tab">
      <p className="tab-intro">
        Things worth a second look{report ? ` since ${formatDate(report.since)}` : ''}: an invoice far from what a customer is usually
        billed (a typo, or a big order), a customer paying much later than they used to, and a month whose billing fell sharply.
      </p>
      {remote.state === 'loading' && <Loading label="Looking for anomalies…" />}
      {remote.state === 'failed' && (
        <ErrorNotice title="Anomalies could not be loaded" message={remote.message}>
          <button type="button" className="btn" onClick={remote.reload}>Try again</button>
        </ErrorNotice>
      )}
      {report &&
        ANOMALY_KINDS.map((kind) => {
          const items = report.anomalies.filter((a) => a.kind === kind);
          const count = report.counts[kind];
          return (
            <section key={kind} className="panel-card" aria-labelledby={`${id}-${kind}`}>
              <h2 id={`${id}-${kind}`}>
                {ANOMALY_KIND_LABELS[kind]} <span className="muted">({plural(count, 'found', 'found')})</span>
              </h2>
              <p className="chart-card-description">{ruleText(kind, report.thresholds)}</p>
              {howText(kind, report.thresholds) && (
                <details className="about">
                  <summary>How this is worked out</summary>
                  <p>{howText(kind, report.thresholds)}</p>
                </details>
              )}
              {items.length === 0 ? (
                <p className="muted anomaly-none">{EMPTY[kind]}</p>
              ) : (
                <ul className="anomaly-list">
                  {items.map((a, i) => <AnomalyItem key={i} anomaly={a} />)}
                </ul>
              )}
              {count > items.length && <p className="muted">Showing the {items.length} strongest of {count}.</p>}
            </section>
          );
        })}
    </div>
  );
}
