import { useId } from 'react';
import type { Kpi } from '../../../../shared/domain/analytics';
import type { DrillRequest } from '../drilldown/DrilldownDialog';
import { kpiChange, kpiValueText, LEVEL_LABELS, thresholdText } from './kpiText';
import { money } from '../../../lib/format';

interface KpiCardProps {
  kpi: Kpi;
  currency: string;
  previousLabel: string;
  onDrill: (request: DrillRequest) => void;
}

/**
 * One key figure: its value, the change on the previous period (▲/▼, coloured by whether that is good
 * news), and its level in words as well as colour, with the thresholds in the tooltip.
 */
export function KpiCard({ kpi, currency, previousLabel, onDrill }: KpiCardProps) {
  const labelId = useId();
  const change = kpiChange(kpi);
  const thresholds = thresholdText(kpi);
  const previousText = `${previousLabel}: ${kpiValueText(kpi, kpi.previous, currency)}`;
  // Nothing to list behind a zero: the link would open an empty dialog.
  const drilldown = kpi.value ? kpi.drilldown : null;
  return (
    <li className={`kpi kpi-${kpi.level}`} title={thresholds ? `${thresholds} (set in Settings)` : undefined}>
      <div role="group" aria-labelledby={labelId} className="kpi-inner">
        <p id={labelId} className="kpi-label">{kpi.label}</p>
        <p className="kpi-value">{kpiValueText(kpi, kpi.value, currency)}</p>
        {kpi.basis && (
          <p className="kpi-basis">{money(kpi.basis.partMinor, currency)} of {money(kpi.basis.wholeMinor, currency)} due</p>
        )}
        <p className={`kpi-change kpi-change-${change.tone}`} title={`Previous period, ${previousText}`}>
          <span>{change.text}</span>
          {change.tone !== 'none' && <span className="kpi-vs"> vs previous</span>}
          <span className="visually-hidden"> ({previousText})</span>
        </p>
        <div className="kpi-foot">
          {kpi.level !== 'ok' && (
            <span className={`badge badge-level-${kpi.level}`}>
              {LEVEL_LABELS[kpi.level]}
              {thresholds && <span className="visually-hidden">: {thresholds}</span>}
            </span>
          )}
          {drilldown && (
            <button type="button" className="btn-link kpi-drill" onClick={() => onDrill({ target: drilldown, label: `“${kpi.label}” (${currency})` })}>
              View invoices<span className="visually-hidden"> behind {kpi.label.toLowerCase()}</span>
            </button>
          )}
        </div>
      </div>
    </li>
  );
}
