// The dashboard's KPIs from a period's sums and receivables snapshots, and their levels from the
// thresholds in settings. Definitions: the Kpi comment in shared/domain/analytics.ts.
import { KPI_KEYS, KPI_LABELS, type DrilldownTarget, type Kpi, type KpiKey, type KpiLevel, type KpiUnit } from '../../../../shared/domain/analytics';
import type { KpiThresholds } from '../../../../shared/domain/settings';
import type { ReceivablesSnapshot } from '../receivables/asOf';

/** One currency's sums over one period. */
export interface PeriodFigures {
  grossBilledMinor: number;
  creditNotesMinor: number;
  collectedMinor: number;
  invoiceCount: number;
  /** Invoices paid in full in the period (that received a payment), and their days from issue to paid. */
  paidCount: number;
  paidDays: number;
  /** Receivables at the end of the day before the period, and at the end of its last day. */
  opening: ReceivablesSnapshot;
  closing: ReceivablesSnapshot;
  days: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function kpiValues(f: PeriodFigures): Record<KpiKey, number | null> {
  const billed = f.grossBilledMinor - f.creditNotesMinor;
  const collectible = f.opening.totalMinor + billed - f.closing.notDueMinor;
  const collected = f.opening.totalMinor + billed - f.closing.totalMinor;
  return {
    billed,
    collected: f.collectedMinor,
    outstanding: f.closing.totalMinor,
    overdue: f.closing.overdueMinor,
    daysSalesOutstanding: billed > 0 ? round1((f.closing.totalMinor / billed) * f.days) : null,
    collectionRate: collectible > 0 ? round1((collected / collectible) * 100) : null,
    averageDaysToPay: f.paidCount > 0 ? round1(f.paidDays / f.paidCount) : null,
    invoiceCount: f.invoiceCount,
  };
}

const UNITS: Record<KpiKey, KpiUnit> = {
  billed: 'minor', collected: 'minor', outstanding: 'minor', overdue: 'minor',
  daysSalesOutstanding: 'days', collectionRate: 'percent', averageDaysToPay: 'days', invoiceCount: 'count',
};
const HIGHER_IS_BETTER: Record<KpiKey, boolean> = {
  billed: true, collected: true, outstanding: false, overdue: false,
  daysSalesOutstanding: false, collectionRate: true, averageDaysToPay: false, invoiceCount: true,
};

/** Lower is worse for rate and volume, higher is worse for days; a value at a threshold keeps the better level. */
function levelOf(value: number | null, t: { warning: number; critical: number }, lowerIsWorse: boolean): KpiLevel {
  if (value === null) return 'ok';
  if (lowerIsWorse) return value < t.critical ? 'critical' : value < t.warning ? 'warning' : 'ok';
  return value > t.critical ? 'critical' : value > t.warning ? 'warning' : 'ok';
}

/** Collected, and what fell due (what could be collected): the collection rate's two amounts. */
function collectionBasis(f: PeriodFigures): { partMinor: number; wholeMinor: number } {
  const billed = f.grossBilledMinor - f.creditNotesMinor;
  return { partMinor: f.opening.totalMinor + billed - f.closing.totalMinor, wholeMinor: f.opening.totalMinor + billed - f.closing.notDueMinor };
}

export function buildKpis(
  current: PeriodFigures, previous: PeriodFigures, thresholds: KpiThresholds, drilldowns: Partial<Record<KpiKey, DrilldownTarget>>,
): Kpi[] {
  const now = kpiValues(current);
  const before = kpiValues(previous);
  return KPI_KEYS.map((key) => {
    const value = now[key];
    const prev = before[key];
    const change = value === null || prev === null ? null : round1(value - prev);
    const changePct = value === null || prev === null || prev === 0 ? null : round1(((value - prev) / Math.abs(prev)) * 100);
    let level: KpiLevel = 'ok';
    let limits: Kpi['thresholds'] = null;
    if (key === 'collectionRate') {
      limits = thresholds.collectionRatePct;
      level = levelOf(value, limits, true);
    } else if (key === 'averageDaysToPay') {
      limits = thresholds.averageDaysToPay;
      level = levelOf(value, limits, false);
    } else if (key === 'invoiceCount') {
      // The invoice volume change: judged on the change against the previous period, not the count.
      limits = thresholds.invoiceVolumeChangePct;
      level = levelOf(changePct, limits, true);
    }
    return {
      key, label: KPI_LABELS[key], unit: UNITS[key], value, previous: prev,
      change: UNITS[key] === 'minor' || key === 'invoiceCount' ? (value === null || prev === null ? null : value - prev) : change,
      changePct, higherIsBetter: HIGHER_IS_BETTER[key], level, thresholds: limits, drilldown: drilldowns[key] ?? null,
      basis: key === 'collectionRate' && value !== null ? collectionBasis(current) : null,
    };
  });
}
