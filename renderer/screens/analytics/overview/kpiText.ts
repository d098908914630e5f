// How a KPI reads: its value in its unit, its change against the previous period, and its thresholds.
import type { Kpi, KpiLevel } from '../../../../shared/domain/analytics';
import { formatCount, money } from '../../../lib/format';

/** Days and percentages arrive rounded to one decimal; a whole number drops the ".0". */
function oneDecimal(n: number): string {
  return Number.isInteger(n) ? formatCount(n) : n.toFixed(1);
}

/** A value of this KPI's unit, exact: money in full (formatMoney), "69.2%", "35 days", "11". */
export function kpiValueText(kpi: Pick<Kpi, 'unit'>, value: number | null, currency: string): string {
  if (value === null) return '—';
  switch (kpi.unit) {
    case 'minor':
      return money(value, currency);
    case 'percent':
      return `${oneDecimal(value)}%`;
    case 'days':
      return `${oneDecimal(value)} ${value === 1 ? 'day' : 'days'}`;
    case 'count':
      return formatCount(value);
  }
}

export type ChangeTone = 'good' | 'bad' | 'flat' | 'none';

/** "▲ +12.5%" / "▼ −3.0%" / "No change", and whether the move is good news for this KPI. */
export function kpiChange(kpi: Kpi): { text: string; tone: ChangeTone } {
  if (kpi.changePct === null) {
    // Short: a card at 1024 px has room for one line; the title and the hidden text give the previous value.
    if (kpi.change !== null && kpi.change !== 0 && kpi.previous === 0) return { text: 'Previous: none', tone: 'none' };
    if (kpi.change === 0) return { text: 'No change', tone: 'none' };
    return { text: 'Previous: no figure', tone: 'none' };
  }
  if (kpi.changePct === 0) return { text: '▬ 0%', tone: 'flat' };
  const up = kpi.changePct > 0;
  const magnitude = Math.abs(kpi.changePct).toFixed(1);
  const text = `${up ? '▲ +' : '▼ −'}${magnitude}%`;
  return { text, tone: up === kpi.higherIsBetter ? 'good' : 'bad' };
}

export const LEVEL_LABELS: Record<KpiLevel, string> = { ok: 'OK', warning: 'Warning', critical: 'Critical' };

/**
 * When this KPI turns amber or red, in words. Collection rate and invoice volume are worse when lower,
 * average days to pay when higher (shared/domain/analytics.ts, Kpi).
 */
export function thresholdText(kpi: Kpi): string | null {
  const t = kpi.thresholds;
  if (!t) return null;
  switch (kpi.key) {
    case 'collectionRate':
      return `Warning below ${oneDecimal(t.warning)}%, critical below ${oneDecimal(t.critical)}%`;
    case 'averageDaysToPay':
      return `Warning above ${oneDecimal(t.warning)} days, critical above ${oneDecimal(t.critical)} days`;
    case 'invoiceCount':
      return `Warning when the count falls more than ${oneDecimal(Math.abs(t.warning))}% on the previous period, critical beyond ${oneDecimal(Math.abs(t.critical))}%`;
    default:
      return `Warning at ${oneDecimal(t.warning)}, critical at ${oneDecimal(t.critical)}`;
  }
}
