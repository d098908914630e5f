// The report builder's measures: average rounded to the minor unit, percentiles by nearest rank.
import type { ReportMeasure } from '../../../../shared/domain/analytics';

/** sum ÷ count rounded half-up (toward +∞ at exactly .5) to the minor unit. */
export function averageMinor(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round(sum / count);
}

export const PERCENTILES: Partial<Record<ReportMeasure, number>> = { p50: 50, p90: 90 };

/** The nearest rank of p % among n amounts: the ceil(p × n / 100)-th smallest (as repo.groupRanks picks it). */
export function nearestRank(p: number, n: number): number {
  return Math.floor((p * n + 99) / 100);
}
