import { useId } from 'react';
import type { CurrencyDashboard } from '../../../../shared/domain/analytics';
import type { DrillRequest } from '../drilldown/DrilldownDialog';
import { KpiCard } from './KpiCard';

interface KpiGridProps {
  block: CurrencyDashboard;
  previousLabel: string;
  onDrill: (request: DrillRequest) => void;
}

/** The eight key figures of one currency, four to a row. */
export function KpiGrid({ block, previousLabel, onDrill }: KpiGridProps) {
  const headingId = useId();
  return (
    <section className="analytics-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Key figures <span className="muted">({block.currency})</span></h2>
      <ul className="kpi-grid">
        {block.kpis.map((kpi) => (
          <KpiCard key={kpi.key} kpi={kpi} currency={block.currency} previousLabel={previousLabel} onDrill={onDrill} />
        ))}
      </ul>
    </section>
  );
}
