// The report builder's measures: average rounded to the minor unit, percentiles by nearest rank.
import type { ReportMeasure } from '../../../../shared/domain/analytics';
import { numbersFromList } from '../../db/concatenated';

/** sum ÷ count rounded half-up (toward +∞ at exactly .5) to the minor unit. */
export function averageMinor(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round(sum / count);
}

export const PERCENTILES: Partial<Record<ReportMeasure, number>> = { p50: 50, p90: 90 };

/** The nearest rank of p % among n amounts: the ceil(p × n / 100)-th smallest. */
export function nearestRank(p: number, n: number): number {
  return Math.floor((p * n + 99) / 100);
}

/** The amounts SQLite joined with commas (group_concat): one text per group instead of one row per record. */
export const parseAmounts = numbersFromList;

/** Several groups' amounts as one list: the per-currency totals of groups read apart. */
export function joinedAmounts(lists: readonly Float64Array[]): Float64Array {
  if (lists.length === 1) return lists[0]!;
  const all = new Float64Array(lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const list of lists) {
    all.set(list, at);
    at += list.length;
  }
  return all;
}

/** The nearest-rank values of `percents` among `amounts` (at least one), which are reordered in place. */
export function percentilesOf(amounts: Float64Array, percents: readonly number[]): number[] {
  return percents.map((p) => nthSmallest(amounts, nearestRank(p, amounts.length) - 1));
}

/**
 * The k-th smallest amount (from 0), by quickselect: a whole book's total needs one rank, not a
 * sort of every amount. Leaves `a` a permutation of itself, so ranks can be picked one after another.
 */
function nthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const pivot = medianOf3(a[lo]!, a[mid]!, a[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    // Now a[lo..j] <= pivot, a[i..hi] >= pivot, and anything between equals it.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

const medianOf3 = (x: number, y: number, z: number) => Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
