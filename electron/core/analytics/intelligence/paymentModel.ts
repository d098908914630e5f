// The payment-delay model: when will an open invoice be paid? Pure: fitted on plain arrays.
//
// A customer's delays (days late = paid − due) over their most recent paid invoices form their own
// distribution, recent invoices weighing more (half the weight every `recencyHalfLife` invoices back),
// so a customer who has started paying later is predicted later; the whole book's delays form
// another. A prediction uses the mixture
//   weight n/(n+k) on the customer's distribution, k/(n+k) on the book's,
// whose mean is exactly the empirical-Bayes shrunk mean (n·customer + k·book)/(n+k), with n the
// effective number of the customer's invoices under those weights (Kish: (Σw)²/Σw²; the plain count
// when weights are equal). k is the ratio of the variance of one customer's delays to the variance
// between customers' typical delays (method of moments), so customers who differ a lot from each
// other are trusted sooner.
// The mixture is conditioned on what is known (not paid by today), and shifted by an amount effect
// when the book shows one. The point prediction is the mixture's median: it minimises the expected
// absolute error in days, and one invoice paid a year late does not drag it.
import { countAtMost, mean, sortedMedian } from './stats';

export interface PaidInvoice {
  customerId: string;
  dueDay: number;
  paidDay: number;
  totalMinor: number;
}

export interface PaymentModelOptions {
  /** A customer's most recent paid invoices that count as their history. */
  historyWindow: number;
  /** An invoice this many payments back counts half as much as the latest (Infinity: all alike). */
  recencyHalfLife: number;
  /** Delays are clipped to this range, so the distributions live on a small grid of whole days. */
  delayMin: number;
  delayMax: number;
  /** k when the book has too few repeat payers to estimate it. */
  defaultK: number;
  minK: number;
  maxK: number;
}

export const PAYMENT_MODEL_DEFAULTS: PaymentModelOptions = {
  historyWindow: 24,
  recencyHalfLife: 8,
  delayMin: -90,
  delayMax: 365,
  defaultK: 5,
  // Below 1 a single invoice would outweigh the whole book.
  minK: 1,
  maxK: 50,
};

/** The book shows an amount effect only with this many invoices, this t-statistic and this size. */
const AMOUNT_EFFECT_MIN_INVOICES = 30;
const AMOUNT_EFFECT_MIN_T = 3;
const AMOUNT_EFFECT_MIN_DAYS = 0.5;
/** A customer's usual amount needs this many paid invoices. */
const USUAL_MIN_INVOICES = 3;
/** Repeat payers (2+ invoices) needed to estimate k. */
const K_MIN_CUSTOMERS = 5;

export interface CustomerHistory {
  /** Clipped delays of the window, ascending. */
  sorted: Float64Array;
  /** cumulative[i] = the share of recency weight on sorted[0..i]. */
  cumulative: Float64Array;
  /** Effective number of invoices under the recency weights, (Σw)²/Σw². */
  effectiveN: number;
  /** The same delays, oldest payment first. */
  chronological: number[];
  /** Plain median and mean of the window. */
  median: number;
  mean: number;
  /** The mean with recent invoices weighing more: what the prediction leans on. */
  weightedMean: number;
  /** Median total of the window; null with fewer than 3. */
  usualMinor: number | null;
  /** Share paid on or before the due date. */
  onTimeRate: number;
}

export interface PaymentModel {
  options: PaymentModelOptions;
  /** The grid of whole-day delays the distributions live on: lo..hi. */
  lo: number;
  hi: number;
  /** The book's cumulative distribution: bookCdf[g - lo] = P(delay <= g); empty when nothing was paid. */
  bookCdf: Float64Array;
  bookMedian: number | null;
  bookMean: number | null;
  bookOnTimeRate: number | null;
  paidInvoices: number;
  customers: Map<string, CustomerHistory>;
  k: number;
  kSource: 'estimated' | 'default';
  /** Days per doubling of amount over the customer's usual; null when the book does not support one. */
  amountEffect: number | null;
}

/** One customer's part of the fit: their history, and what the book-wide estimates take from it. */
export interface CustomerFit {
  history: CustomerHistory;
  delays: number[];
  totals: number[];
  usual: number | null;
}

/**
 * One customer's paid invoices (in the order they were read) as the fit sees them: the latest
 * `historyWindow` by paid and due day. Depends on that customer's invoices alone, so a cache can
 * refit only the customers a write touched.
 */
export function fitCustomer(list: readonly PaidInvoice[], o: PaymentModelOptions = PAYMENT_MODEL_DEFAULTS): CustomerFit {
  return fitPaidColumns(Float64Array.from(list, (p) => p.dueDay), Float64Array.from(list, (p) => p.paidDay), Float64Array.from(list, (p) => p.totalMinor), o);
}

/** Working arrays of fitPaidColumns, reused from one customer to the next (a first call fits thousands). */
let work = { byPaid: new Int32Array(64), weights: new Float64Array(64), order: new Int32Array(64), totals: new Float64Array(64) };

function scratch(size: number): typeof work {
  if (work.order.length < size) {
    const length = 2 * size;
    work = { byPaid: new Int32Array(length), weights: new Float64Array(length), order: new Int32Array(length), totals: new Float64Array(length) };
  }
  return work;
}

/**
 * fitCustomer on columns (one invoice per index, in the order read): what a first call fits every
 * customer on, with no object per invoice.
 */
export function fitPaidColumns(dueDays: ArrayLike<number>, paidDays: ArrayLike<number>, totalMinor: ArrayLike<number>, o: PaymentModelOptions = PAYMENT_MODEL_DEFAULTS): CustomerFit {
  // Oldest payment first, by paid day then due day, ties in the order read.
  const all = paidDays.length;
  const later = (x: number, y: number) => paidDays[x]! - paidDays[y]! || dueDays[x]! - dueDays[y]!;
  const buffers = scratch(all);
  let byPaid: ArrayLike<number>;
  if (all > 64) byPaid = Array.from({ length: all }, (_, i) => i).sort((x, y) => later(x, y) || x - y);
  else {
    // A window read in paid-day order: a stable insertion sort barely moves anything.
    byPaid = buffers.byPaid;
    for (let i = 0; i < all; i++) {
      let at = i;
      while (at > 0 && later(buffers.byPaid[at - 1]!, i) > 0) {
        buffers.byPaid[at] = buffers.byPaid[at - 1]!;
        at--;
      }
      buffers.byPaid[at] = i;
    }
  }
  // Plain loops over a window of a few dozen: this runs once per customer on a first call. Sums
  // run oldest first, as the figures always were.
  const start = Math.max(0, all - o.historyWindow);
  const n = all - start;
  const delays: number[] = new Array<number>(n);
  const totals: number[] = new Array<number>(n);
  const weights = buffers.weights;
  let sum = 0;
  let squares = 0;
  let weighted = 0;
  let plain = 0;
  for (let i = 0; i < n; i++) {
    const p = byPaid[start + i]!;
    const d = Math.min(o.delayMax, Math.max(o.delayMin, paidDays[p]! - dueDays[p]!));
    const w = 0.5 ** ((n - 1 - i) / o.recencyHalfLife);
    delays[i] = d;
    totals[i] = totalMinor[p]!;
    weights[i] = w;
    sum += w;
    squares += w * w;
    weighted += d * w;
    plain += d;
  }
  // Indices by delay, ties oldest first (a stable insertion sort: the window is small).
  const order = buffers.order;
  for (let i = 0; i < n; i++) {
    let at = i;
    while (at > 0 && delays[order[at - 1]!]! > delays[i]!) {
      order[at] = order[at - 1]!;
      at--;
    }
    order[at] = i;
  }
  const cumulative = new Float64Array(n);
  const sorted = new Float64Array(n);
  let running = 0;
  for (let at = 0; at < n; at++) {
    const i = order[at]!;
    running += weights[i]!;
    cumulative[at] = running / sum;
    sorted[at] = delays[i]!;
  }
  cumulative[n - 1] = 1;
  let usual: number | null = null;
  if (n >= USUAL_MIN_INVOICES) {
    const copy = buffers.totals.subarray(0, n);
    for (let i = 0; i < n; i++) copy[i] = totals[i]!;
    usual = sortedMedian(copy.sort());
  }
  const history: CustomerHistory = {
    sorted,
    cumulative,
    effectiveN: sum ** 2 / squares,
    chronological: delays,
    median: sortedMedian(sorted),
    mean: n === 0 ? Number.NaN : plain / n,
    weightedMean: weighted / sum,
    usualMinor: usual !== null && usual > 0 ? usual : null,
    onTimeRate: countAtMost(sorted, 0) / n,
  };
  return { history, delays, totals, usual: usual !== null && usual > 0 ? usual : null };
}

export function fitPaymentModel(paid: readonly PaidInvoice[], options: Partial<PaymentModelOptions> = {}): PaymentModel {
  const o = { ...PAYMENT_MODEL_DEFAULTS, ...options };
  // Each customer's most recent payments, oldest first.
  const byCustomer = new Map<string, PaidInvoice[]>();
  for (const p of paid) {
    let list = byCustomer.get(p.customerId);
    if (!list) byCustomer.set(p.customerId, (list = []));
    list.push(p);
  }
  const fits: [string, CustomerFit][] = [];
  for (const [id, list] of byCustomer) fits.push([id, fitCustomer(list, o)]);
  return combineFits(fits, o);
}

/**
 * The model from every customer's part, in the order their payments were first read: the order
 * the book-wide sums are taken in, so the same parts always give the same figures.
 */
export function combineFits(fits: readonly (readonly [string, CustomerFit])[], options: Partial<PaymentModelOptions> = {}): PaymentModel {
  const o = { ...PAYMENT_MODEL_DEFAULTS, ...options };
  const customers = new Map<string, CustomerHistory>();
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  for (const [id, fit] of fits) {
    customers.set(id, fit.history);
    const { sorted } = fit.history;
    lo = Math.min(lo, sorted[0]!);
    hi = Math.max(hi, sorted[sorted.length - 1]!);
    count += fit.delays.length;
  }
  const windows = fits.map(([, fit]) => fit);

  // The whole book: every customer's window, so busy customers count at most `historyWindow` times
  // and the book reflects how customers pay now rather than years ago.
  let bookCdf = new Float64Array(0);
  let bookMedian: number | null = null;
  let bookMean: number | null = null;
  let bookOnTimeRate: number | null = null;
  if (count > 0) {
    const counts = new Float64Array(hi - lo + 1);
    let sum = 0;
    let onTime = 0;
    for (const w of windows) {
      for (const d of w.delays) {
        counts[d - lo]! += 1;
        sum += d;
        if (d <= 0) onTime += 1;
      }
    }
    bookCdf = new Float64Array(counts.length);
    let running = 0;
    for (let i = 0; i < counts.length; i++) {
      running += counts[i]!;
      bookCdf[i] = running / count;
    }
    bookCdf[counts.length - 1] = 1;
    bookMean = sum / count;
    bookOnTimeRate = onTime / count;
    bookMedian = lo + bookCdf.findIndex((f) => f >= 0.5);
  } else {
    lo = 0;
    hi = 0;
  }

  const { k, kSource } = estimateK(windows.map((w) => w.delays), o);
  return {
    options: o, lo, hi, bookCdf, bookMedian, bookMean, bookOnTimeRate, paidInvoices: count, customers, k, kSource,
    amountEffect: estimateAmountEffect(windows),
  };
}

/**
 * k = within-customer variance / between-customer variance of true means (method of moments):
 * the observed spread of customer means, less what their own noise explains, is the real difference.
 */
export function estimateK(groups: readonly (readonly number[])[], o: Pick<PaymentModelOptions, 'defaultK' | 'minK' | 'maxK'> = PAYMENT_MODEL_DEFAULTS): { k: number; kSource: 'estimated' | 'default' } {
  // Index loops summing in the same order as ever, and no array but the means: this runs over
  // every customer on a first call.
  let repeats = 0;
  for (let g = 0; g < groups.length; g++) if (groups[g]!.length >= 2) repeats++;
  if (repeats < K_MIN_CUSTOMERS) return { k: o.defaultK, kSource: 'default' };
  let within = 0;
  let dof = 0;
  const means = new Float64Array(repeats);
  for (let g = 0, at = 0; g < groups.length; g++) {
    const group = groups[g]!;
    if (group.length < 2) continue;
    const m = mean(group);
    means[at++] = m;
    for (let i = 0; i < group.length; i++) within += (group[i]! - m) ** 2;
    dof += group.length - 1;
  }
  const sigma2 = within / dof;
  const grand = mean(means);
  let observed = 0;
  for (let i = 0; i < repeats; i++) observed += (means[i]! - grand) ** 2;
  observed /= repeats - 1;
  let noise = 0;
  for (let g = 0; g < groups.length; g++) if (groups[g]!.length >= 2) noise += sigma2 / groups[g]!.length;
  noise /= repeats;
  const tau2 = observed - noise;
  // Customers no more different than their own noise: trust the book as far as allowed.
  if (!(tau2 > 0)) return { k: o.maxK, kSource: 'estimated' };
  return { k: Math.min(o.maxK, Math.max(o.minK, sigma2 / tau2)), kSource: 'estimated' };
}

/** A total's log2 ratio to the customer's usual, clipped to ±3: the amount effect's x. */
const amountX = (total: number, usual: number): number => Math.min(3, Math.max(-3, Math.log2(Math.max(1, total) / usual)));

/**
 * Extra days late per doubling of the amount over the customer's usual, by least squares within
 * customers (each customer's own average removed, so slow payers with big invoices do not fake an effect).
 */
export function estimateAmountEffect(windows: readonly { delays: readonly number[]; totals: readonly number[]; usual: number | null }[]): number | null {
  // Two passes over the windows, working each centred value out again in the second (the same
  // doubles), instead of keeping arrays of them per customer: this runs over every customer on a
  // first call.
  let sxx = 0;
  let sxy = 0;
  let n = 0;
  let groups = 0;
  const counts = (w: (typeof windows)[number]): w is typeof w & { usual: number } => w.usual !== null && w.delays.length >= USUAL_MIN_INVOICES;
  const xMean = (w: { totals: readonly number[]; usual: number }): number => {
    let sum = 0;
    for (let i = 0; i < w.totals.length; i++) sum += amountX(w.totals[i]!, w.usual);
    return sum / w.totals.length;
  };
  for (const w of windows) {
    if (!counts(w)) continue;
    const mx = xMean(w);
    const my = mean(w.delays);
    for (let i = 0; i < w.totals.length; i++) {
      const x = amountX(w.totals[i]!, w.usual) - mx;
      sxx += x * x;
      sxy += x * (w.delays[i]! - my);
    }
    n += w.totals.length;
    groups += 1;
  }
  if (n < AMOUNT_EFFECT_MIN_INVOICES || sxx <= 0 || n - groups - 1 <= 0) return null;
  const beta = sxy / sxx;
  let rss = 0;
  for (const w of windows) {
    if (!counts(w)) continue;
    const mx = xMean(w);
    const my = mean(w.delays);
    for (let i = 0; i < w.totals.length; i++) rss += (w.delays[i]! - my - beta * (amountX(w.totals[i]!, w.usual) - mx)) ** 2;
  }
  const se = Math.sqrt(rss / (n - groups - 1) / sxx);
  if (Math.abs(beta) < AMOUNT_EFFECT_MIN_DAYS || !(Math.abs(beta) / se >= AMOUNT_EFFECT_MIN_T)) return null;
  return beta;
}

export type Basis = 'customer' | 'blended' | 'book';

/** One invoice's predicted delay distribution, conditioned on not being paid before `earliest`. */
export interface DelayPrediction {
  basis: Basis;
  /** n/(n+k), n the effective number of the customer's invoices: the customer's share of the mixture. */
  weight: number;
  /** The customer's paid invoices in the window. */
  n: number;
  customer: CustomerHistory | null;
  amountRatio: number | null;
  /** Whole days added for the amount. */
  adjustment: number;
  /** The earliest delay still possible (days late today, or at issue). */
  earliest: number;
  /** False when nothing in the books is this late, or nothing has been paid: no prediction. */
  hasBasis: boolean;
  /** P(delay <= d | delay >= earliest), d in days late (adjustment included). */
  cdf(d: number): number;
  /** The q-quantile of the delay (adjustment included), fractional days; NaN without basis. */
  quantile(q: number): number;
}

function basisOf(weight: number): Basis {
  return weight >= 0.75 ? 'customer' : weight < 0.25 ? 'book' : 'blended';
}

/**
 * Predicts the delay of one invoice of `totalMinor` for a customer, given it has not been paid
 * while `earliest` days late (days overdue today; at issue, issue − due).
 */
export function predictDelay(model: PaymentModel, customerId: string, totalMinor: number, earliest: number): DelayPrediction {
  const customer = model.customers.get(customerId) ?? null;
  const n = customer?.sorted.length ?? 0;
  const effective = customer?.effectiveN ?? 0;
  const weight = effective / (effective + model.k);
  const usual = customer?.usualMinor ?? null;
  const amountRatio = usual !== null ? totalMinor / usual : null;
  const adjustment =
    model.amountEffect !== null && amountRatio !== null && amountRatio > 0
      ? Math.round(model.amountEffect * Math.min(3, Math.max(-3, Math.log2(amountRatio))))
      : 0;
  const { lo, hi, bookCdf } = model;
  // F(g) = P(G <= g) for the unadjusted grid delay G; the delay is G + adjustment.
  const F = (g: number): number => {
    if (g < lo) return 0;
    if (g >= hi) return 1;
    const book = bookCdf[g - lo]!;
    if (!customer || weight === 0) return book;
    const at = countAtMost(customer.sorted, g);
    return weight * (at === 0 ? 0 : customer.cumulative[at - 1]!) + (1 - weight) * book;
  };
  const a = Math.ceil(earliest - adjustment);
  const base = F(a - 1);
  const mass = 1 - base;
  const hasBasis = model.paidInvoices > 0 && a <= hi && mass > 1e-9;
  const cdf = (d: number): number => {
    if (!hasBasis) return Number.NaN;
    const g = Math.floor(d - adjustment);
    if (g < a) return 0;
    return Math.min(1, (F(g) - base) / mass);
  };
  const quantile = (q: number): number => {
    if (!hasBasis) return Number.NaN;
    const target = base + q * mass;
    let l = Math.max(a, lo);
    let h = hi;
    while (l < h) {
      const mid = (l + h) >> 1;
      if (F(mid) >= target) h = mid;
      else l = mid + 1;
    }
    // Spread each whole day's probability over the day, so the median moves smoothly with the data.
    const prev = Math.max(F(l - 1), base);
    const p = F(l) - prev;
    const within = p > 0 ? (target - prev) / p : 0.5;
    return Math.max(a, l - 0.5 + within) + adjustment;
  };
  return { basis: basisOf(weight), weight, n, customer, amountRatio, adjustment, earliest, hasBasis, cdf, quantile };
}
