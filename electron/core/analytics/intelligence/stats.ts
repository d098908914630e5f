// Small statistics on plain arrays, shared by the models. Pure: no SQL, no clock.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD business date: date arithmetic as integer subtraction. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The YYYY-MM-DD of a day number. */
export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The median of numbers already sorted ascending (the first `n` of them); NaN when none. */
export function sortedMedian(sorted: ArrayLike<number>, n = sorted.length): number {
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function median(values: readonly number[]): number {
  // A typed array sorts numbers natively, without calling a comparator: delayJump takes three
  // medians per customer on a first call.
  return sortedMedian(Float64Array.from(values).sort());
}

/** Median absolute deviation from the median (unscaled). */
export function mad(values: readonly number[], center = median(values)): number {
  return median(values.map((v) => Math.abs(v - center)));
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** The p-th quantile (0..1) of sorted values, interpolating between neighbours. */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const at = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(at);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** How many of the sorted values (the first `n` of them) are <= x (binary search). */
export function countAtMost(sorted: ArrayLike<number>, x: number, n = sorted.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** mulberry32: a small seeded generator, so simulations give the same band on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rounds to `digits` decimals, for figures shown to a person. */
export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** "12 days late", "3 days early", "on the due date": a delay in words. */
export function lateness(days: number): string {
  const d = Math.round(days);
  if (d === 0) return 'on the due date';
  const n = Math.abs(d);
  return `${n} day${n === 1 ? '' : 's'} ${d > 0 ? 'late' : 'early'}`;
}

export function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
