// Things out of the ordinary in the books, each with the numbers that make it so. Pure.
import type { BillingDropAnomaly, InvoiceAmountAnomaly, PaymentDelayAnomaly } from '../../../../shared/domain/intelligence';
import { formatMoney, type CurrencyCode } from '../../../../shared/money';
import { countAtMost, lateness, median, plural, round, sortedMedian } from './stats';

export const ANOMALY_RULES = {
  /** Iglewicz and Hoaglin's cut-off for the modified z-score. */
  robustZ: 3.5,
  minPriorInvoices: 5,
  /** The customer's most recent earlier invoices an amount is judged against. */
  priorWindow: 24,
  /**
   * An amount must also be at least this share away from the median: with only a handful of earlier
   * invoices MAD can come out small by chance, and a 15% change is not news. When every earlier
   * invoice was the same amount, this alone decides.
   */
  minChange: 0.25,
  delayJumpMinDays: 14,
  delayJumpSpreads: 3,
  delayRecentInvoices: 5,
  /** The earlier group: at most this many invoices before the recent ones. */
  delayEarlierWindow: 20,
  billingDropPct: 40,
  billingTrailingMonths: 6,
  /** Earlier months a month needs before it is judged. */
  billingMinTrailing: 3,
} as const;

/** MAD scaled by 1.253314 × mean absolute deviation stands in when MAD is 0 (IBM's modified z). */
const MEAN_AD_SCALE = 1.253314;

export interface RobustScore {
  median: number;
  mad: number;
  /** null when every value compared with is the same. */
  z: number | null;
  flagged: boolean;
}

/**
 * The modified z-score of x against earlier values: 0.6745·(x − median)/MAD. When more than half
 * the values are equal MAD is 0, and the mean absolute deviation stands in; when all are equal only
 * the size of the change decides. Either way the change must be at least `minChange` of the median.
 */
export function robustScore(x: number, values: readonly number[], threshold: number = ANOMALY_RULES.robustZ): RobustScore {
  const sorted = [...values].sort((a, b) => a - b);
  return scoreAgainst(x, sorted, sorted.length, (m) => values.reduce((a, v) => a + Math.abs(v - m), 0) / values.length, threshold);
}

/** Whether x is far enough from the median to be news at all: every score below asks it first. */
function isMaterial(x: number, m: number): boolean {
  const change = m === 0 ? (x === 0 ? 0 : Infinity) : Math.abs(x - m) / Math.abs(m);
  return change >= ANOMALY_RULES.minChange;
}

/**
 * robustScore from the values sorted ascending: the median and MAD without sorting again (the
 * deviations from the median, smallest first, are the two sides of the median walked outwards).
 * `meanAbsoluteDeviation` is asked only when MAD is 0, and sums in the values' own order.
 */
function scoreAgainst(x: number, sorted: ArrayLike<number>, count: number, meanAbsoluteDeviation: (m: number) => number, threshold: number): RobustScore {
  const m = sortedMedian(sorted, count);
  const d = sortedMad(sorted, count, m);
  const material = isMaterial(x, m);
  if (d > 0) {
    const z = (0.6745 * (x - m)) / d;
    return { median: m, mad: d, z, flagged: material && Math.abs(z) > threshold };
  }
  const meanAd = meanAbsoluteDeviation(m);
  if (meanAd > 0) {
    const z = (x - m) / (MEAN_AD_SCALE * meanAd);
    return { median: m, mad: 0, z, flagged: material && Math.abs(z) > threshold };
  }
  return { median: m, mad: 0, z: null, flagged: material };
}

/** mad(values, m) of the first `n` values sorted ascending: the median of |v − m| by merging the two sides of m. */
function sortedMad(sorted: ArrayLike<number>, n: number, m: number): number {
  if (n === 0) return Number.NaN;
  let right = 0;
  while (right < n && sorted[right]! < m) right++;
  let left = right - 1;
  const mid = n >> 1;
  let previous = 0;
  let current = 0;
  // The k-th smallest deviation for k = 0..mid: keep the last two (an even count averages them).
  for (let k = 0; k <= mid; k++) {
    previous = current;
    const fromLeft = left >= 0 ? m - sorted[left]! : Infinity;
    const fromRight = right < n ? sorted[right]! - m : Infinity;
    if (fromLeft <= fromRight) {
      current = fromLeft;
      left--;
    } else {
      current = fromRight;
      right++;
    }
  }
  return n % 2 === 1 ? current : (previous + current) / 2;
}

export interface AmountRecord {
  /** Tells records apart and orders same-day invoices (the invoice's seq). */
  key: number;
  customerId: string;
  currency: CurrencyCode;
  issueDay: number;
  totalMinor: number;
}

export interface AmountOutlier {
  record: AmountRecord;
  score: RobustScore;
  priorInvoices: number;
}

/**
 * Invoices issued on or after `sinceDay` far outside the same customer's earlier amounts in the
 * same currency, strongest first. `records` in any order.
 */
export function amountOutliers(records: readonly AmountRecord[], sinceDay: number): AmountOutlier[] {
  const groups = new Map<string, AmountRecord[]>();
  for (const r of records) {
    const key = `${r.customerId}|${r.currency}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(r);
  }
  return groupOutliers(groups.values(), sinceDay);
}

/**
 * amountOutliers over records already grouped by customer and currency (each group in any order;
 * sorted here), the groups in the order their first record would come: strongest first, ties in
 * group order.
 */
export function groupOutliers(groups: Iterable<AmountRecord[]>, sinceDay: number): AmountOutlier[] {
  const found: AmountOutlier[] = [];
  for (const list of groups) found.push(...outliersOfGroup(list, sinceDay));
  return strongestFirst(found);
}

/**
 * One customer's outliers in one currency (`list` in any order; sorted here), oldest first: each
 * group's judgements depend on its own invoices alone, so a cache can redo only the groups a
 * write touched.
 */
export function outliersOfGroup(list: AmountRecord[], sinceDay: number): AmountOutlier[] {
  if (list.length <= ANOMALY_RULES.minPriorInvoices) return [];
  list.sort((a, b) => a.issueDay - b.issueDay || a.key - b.key);
  const judged = judgeAmounts(Float64Array.from(list, (r) => r.issueDay), Float64Array.from(list, (r) => r.totalMinor), sinceDay);
  return judged.map((j) => ({ record: list[j.at]!, score: j.score, priorInvoices: j.priorInvoices }));
}

/** One customer's amounts in one currency as columns, oldest first (same day: by key), as SQLite hands them over. */
export interface AmountColumns {
  customerId: string;
  currency: CurrencyCode;
  keys: Float64Array;
  issueDays: Float64Array;
  totals: Float64Array;
}

/**
 * outliersOfGroup on columns already in order: a record is made only for the few flagged, so a
 * whole book is judged without one object per invoice.
 */
export function outliersOfColumns(group: AmountColumns, sinceDay: number): AmountOutlier[] {
  const { customerId, currency, keys, issueDays, totals } = group;
  return judgeAmounts(issueDays, totals, sinceDay).map((j) => ({
    record: { key: keys[j.at]!, customerId, currency, issueDay: issueDays[j.at]!, totalMinor: totals[j.at]! },
    score: j.score,
    priorInvoices: j.priorInvoices,
  }));
}

/**
 * The amounts (oldest first, same day by key) issued on or after `sinceDay` far outside the
 * `priorWindow` before them, by position.
 */
function judgeAmounts(issueDays: ArrayLike<number>, totals: ArrayLike<number>, sinceDay: number): { at: number; score: RobustScore; priorInvoices: number }[] {
  const found: { at: number; score: RobustScore; priorInvoices: number }[] = [];
  const { minPriorInvoices, priorWindow } = ANOMALY_RULES;
  const n = totals.length;
  if (n <= minPriorInvoices) return found;
  // Oldest first, so the invoices judged (issued since `sinceDay`) are the last ones.
  let i = minPriorInvoices;
  while (i < n && issueDays[i]! < sinceDay) i++;
  if (i >= n) return found;
  // The earlier amounts kept sorted as the window slides: one in and one out per invoice judged,
  // instead of sorting each window again. One buffer serves every group (a first call judges thousands).
  const window = amountWindow;
  let size = 0;
  for (let j = Math.max(0, i - priorWindow); j < i; j++) window[size++] = totals[j]!;
  sortFirst(window, size);
  let from = 0;
  let to = 0;
  const meanAbsoluteDeviation = (m: number): number => {
    let sum = 0;
    for (let j = from; j < to; j++) sum += Math.abs(totals[j]! - m);
    return sum / (to - from);
  };
  for (; i < n; i++) {
    const x = totals[i]!;
    from = Math.max(0, i - priorWindow);
    to = i;
    // Most amounts are near the median: scored (an object) only when the change is material.
    if (isMaterial(x, sortedMedian(window, size))) {
      const score = scoreAgainst(x, window, size, meanAbsoluteDeviation, ANOMALY_RULES.robustZ);
      if (score.flagged) found.push({ at: i, score, priorInvoices: size });
    }
    // One out (the oldest), one in after any equal ones, shifting in place.
    let out = i - priorWindow >= 0 ? countAtMost(window, totals[i - priorWindow]!, size) - 1 : size;
    const into = countAtMost(window, x, size);
    if (out === size) size++;
    if (into <= out) {
      for (; out > into; out--) window[out] = window[out - 1]!;
    } else {
      for (; out < into - 1; out++) window[out] = window[out + 1]!;
    }
    window[out] = x;
  }
  return found;
}

/** The sliding window of judgeAmounts: at most priorWindow earlier amounts, and room for one more. */
const amountWindow = new Float64Array(ANOMALY_RULES.priorWindow + 1);

/**
 * Sorts the first `n` of `values` ascending in place (an insertion sort: a few dozen at most), the
 * order a typed array's own sort gives, without a view of them to sort.
 */
function sortFirst(values: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = values[i]!;
    let at = i;
    while (at > 0 && values[at - 1]! > v) {
      values[at] = values[at - 1]!;
      at--;
    }
    values[at] = v;
  }
}

/** Outliers strongest first (largest |z|, an unscored change first of all); ties keep their order. */
export function strongestFirst(found: AmountOutlier[]): AmountOutlier[] {
  return found.sort((a, b) => Math.abs(b.score.z ?? Infinity) - Math.abs(a.score.z ?? Infinity));
}

/** An outlier with the invoice's number and customer's name, and the sentence that explains it. */
export function amountAnomaly(o: AmountOutlier, d: { invoiceId: string; invoiceNumber: string; customerName: string; issueDate: string }): InvoiceAmountAnomaly {
  const { record: r, score: s } = o;
  const amount = formatMoney(r.totalMinor, r.currency);
  const usual = formatMoney(Math.round(s.median), r.currency);
  const times = s.median > 0 ? r.totalMinor / s.median : null;
  const size = times === null ? '' : times >= 1 ? `${round(times, 1)}× ` : `${round(times, 2)}× `;
  const score = s.z === null ? `every one of them was ${usual}` : `robust z ${round(s.z, 1)}, beyond ±${ANOMALY_RULES.robustZ}`;
  return {
    kind: 'invoice_amount',
    invoiceId: d.invoiceId, invoiceNumber: d.invoiceNumber, customerId: r.customerId, customerName: d.customerName,
    currency: r.currency, issueDate: d.issueDate, amountMinor: r.totalMinor, medianMinor: Math.round(s.median), madMinor: Math.round(s.mad),
    robustZ: s.z === null ? null : round(s.z, 2), priorInvoices: o.priorInvoices,
    reason: `${d.invoiceNumber} for ${amount} is ${size}the median of ${d.customerName}'s ${plural(o.priorInvoices, 'earlier invoice')} (${usual}); ${score}.`,
  };
}

export interface DelayEvent {
  dueDay: number;
  /** Days late: paid − due, or for an unpaid overdue invoice its days overdue so far. */
  daysLate: number;
}

/** Customers whose recent invoices are paid much later than their earlier ones. `events` oldest due first. */
export function delayJump(customerId: string, customerName: string, events: readonly DelayEvent[], sinceDay: number): PaymentDelayAnomaly | null {
  return delayJumpOfColumns(customerId, customerName, events.map((e) => e.dueDay), events.map((e) => e.daysLate), sinceDay);
}

/**
 * delayJump on a customer's events as columns (due days and days late, oldest due first): a first
 * call judges every customer, with no object per event. Only the latest recent and earlier events count.
 */
export function delayJumpOfColumns(customerId: string, customerName: string, dueDays: readonly number[], daysLate: readonly number[], sinceDay: number): PaymentDelayAnomaly | null {
  const r = ANOMALY_RULES;
  const n = daysLate.length;
  if (n < r.delayRecentInvoices + r.minPriorInvoices) return null;
  if (dueDays[n - 1]! < sinceDay) return null;
  // The medians are taken on copies in one buffer, not on slices: a first call judges every customer.
  const split = n - r.delayRecentInvoices;
  const from = Math.max(0, split - r.delayEarlierWindow);
  const recentMedian = medianOfRange(daysLate, split, n, 0, false);
  const earlierMedian = medianOfRange(daysLate, from, split, 0, false);
  // The median absolute deviation of the earlier ones (mad(before, earlierMedian)).
  const spread = 1.4826 * medianOfRange(daysLate, from, split, earlierMedian, true);
  const threshold = Math.max(r.delayJumpMinDays, r.delayJumpSpreads * spread);
  const jump = recentMedian - earlierMedian;
  if (jump < threshold) return null;
  return {
    kind: 'payment_delay_jump',
    customerId, customerName,
    recentMedianDaysLate: round(recentMedian, 1),
    earlierMedianDaysLate: round(earlierMedian, 1),
    jumpDays: round(jump, 1),
    recentInvoices: n - split,
    earlierInvoices: split - from,
    thresholdDays: round(threshold, 1),
    reason: `${customerName} paid a median ${lateness(recentMedian)} on their last ${n - split} invoices (unpaid ones counted at their days overdue so far), against ${lateness(earlierMedian)} on the ${split - from} before: ${round(jump, 0)} days later, past the ${round(threshold, 0)}-day mark for this customer.`,
  };
}

/** Holds delayJumpOfColumns' copies: at most the earlier window. */
let rangeBuffer = new Float64Array(ANOMALY_RULES.delayEarlierWindow + ANOMALY_RULES.delayRecentInvoices);

/** median(values[from..to)), or with `deviations` the median of |v − center| over them (mad). */
function medianOfRange(values: readonly number[], from: number, to: number, center: number, deviations: boolean): number {
  if (rangeBuffer.length < to - from) rangeBuffer = new Float64Array(to - from);
  const copy = rangeBuffer;
  for (let i = from; i < to; i++) copy[i - from] = deviations ? Math.abs(values[i]! - center) : values[i]!;
  sortFirst(copy, to - from);
  return sortedMedian(copy, to - from);
}

/** Months on or after `sinceMonth` whose billing fell sharply below the median of the months before. `series` is every month, oldest first. */
export function billingDrops(currency: CurrencyCode, series: readonly { month: string; billedMinor: number }[], sinceMonth: string): BillingDropAnomaly[] {
  const r = ANOMALY_RULES;
  const found: BillingDropAnomaly[] = [];
  for (let i = r.billingMinTrailing; i < series.length; i++) {
    const { month, billedMinor } = series[i]!;
    if (month < sinceMonth) continue;
    const trailing = series.slice(Math.max(0, i - r.billingTrailingMonths), i).map((s) => s.billedMinor);
    const m = median(trailing);
    if (!(m > 0) || billedMinor > (1 - r.billingDropPct / 100) * m) continue;
    const change = ((billedMinor - m) / m) * 100;
    found.push({
      kind: 'billing_drop', currency, month, billedMinor, trailingMedianMinor: Math.round(m), changePct: round(change, 1), monthsCompared: trailing.length,
      reason: `Billed ${formatMoney(billedMinor, currency)} in ${month}, ${Math.round(-change)}% below the median of the ${trailing.length} months before (${formatMoney(Math.round(m), currency)}).`,
    });
  }
  return found;
}
