import { describe, expect, it } from 'vitest';
import {
  estimateAmountEffect,
  estimateK,
  fitPaymentModel,
  predictDelay,
  type PaidInvoice,
} from '../../../electron/core/analytics/intelligence/paymentModel';
import { seededRandom } from '../../../electron/core/analytics/intelligence/stats';

function history(customerId: string, delays: number[], totalMinor = 100_000): PaidInvoice[] {
  return delays.map((d, i) => ({ customerId, dueDay: 20_000 + i * 30, paidDay: 20_000 + i * 30 + d, totalMinor }));
}

/** The mean of the predicted delay, read back off its cumulative distribution. */
function meanOf(cdf: (d: number) => number, from: number, to: number): number {
  let mean = 0;
  let before = 0;
  for (let d = from; d <= to; d++) {
    const at = cdf(d);
    mean += d * (at - before);
    before = at;
  }
  return mean;
}

describe('shrinkage', () => {
  it('k is the within-customer variance over the between-customer variance', () => {
    // Within: each pair ±1 around its mean → σ² = 2. Means 1, 11, 21, 31, 41 → variance 250;
    // their own noise explains σ²/n = 1 of it → τ² = 249.
    const groups = [[0, 2], [10, 12], [20, 22], [30, 32], [40, 42]];
    expect(estimateK(groups, { defaultK: 5, minK: 0, maxK: 50 }).k).toBeCloseTo(2 / 249, 10);
    expect(estimateK(groups).k).toBe(1); // never below 1: one invoice never outweighs the book
  });

  it('trusts the book as far as allowed when customers do not differ, and defaults with too few', () => {
    const same = [[0, 10], [10, 0], [5, 5], [0, 10], [10, 0], [5, 5]];
    expect(estimateK(same)).toEqual({ k: 50, kSource: 'estimated' });
    expect(estimateK([[0, 1], [2, 3]])).toEqual({ k: 5, kSource: 'default' });
  });

  it("the predicted mean is the shrunk mean (n·customer + k·book)/(n + k)", () => {
    const paid = [
      ...history('late', [30, 32, 28]),
      ...history('a', [0, 2, 1, 3, 0, 2]),
      ...history('b', [5, 7, 6, 4, 5, 9]),
      ...history('c', [10, 12, 14, 8, 10, 11]),
      ...history('d', [-2, 0, 1, -1, 0, 2]),
      ...history('e', [20, 22, 18, 21, 19, 25]),
    ];
    // Equal weights: n is the plain count.
    const model = fitPaymentModel(paid, { recencyHalfLife: Infinity });
    const delay = predictDelay(model, 'late', 100_000, -1_000);
    const n = 3;
    expect(delay.weight).toBeCloseTo(n / (n + model.k), 12);
    const shrunk = (n * 30 + model.k * model.bookMean!) / (n + model.k);
    expect(meanOf(delay.cdf, model.lo, model.hi)).toBeCloseTo(shrunk, 9);
    // With recency weights, n is the effective count (Σw)²/Σw² and the customer's mean is weighted.
    const recent = fitPaymentModel(paid, { recencyHalfLife: 1 });
    const effective = 1.75 ** 2 / (0.0625 + 0.25 + 1);
    const weighted = (0.25 * 30 + 0.5 * 32 + 28) / 1.75;
    const r = predictDelay(recent, 'late', 100_000, -1_000);
    expect(r.weight).toBeCloseTo(effective / (effective + recent.k), 12);
    expect(meanOf(r.cdf, recent.lo, recent.hi)).toBeCloseTo((effective * weighted + recent.k * recent.bookMean!) / (effective + recent.k), 9);
    // A stranger gets the whole book.
    const stranger = predictDelay(model, 'nobody', 100_000, -1_000);
    expect(stranger.weight).toBe(0);
    expect(stranger.basis).toBe('book');
    expect(meanOf(stranger.cdf, model.lo, model.hi)).toBeCloseTo(model.bookMean!, 9);
  });
});

describe('payment prediction', () => {
  const random = seededRandom(11);
  const noisy = (centre: number, n: number) => Array.from({ length: n }, () => centre + Math.round((random() - 0.5) * 6));
  const book = [
    ...history('prompt', noisy(0, 20)),
    ...history('late', noisy(30, 20)),
    ...history('mid', noisy(10, 20)),
    ...history('x', noisy(5, 10)),
    ...history('y', noisy(15, 10)),
    ...history('z', noisy(2, 10)),
  ];
  const model = fitPaymentModel(book);

  it("follows a customer with a long history: a late payer's median is about 30 days late", () => {
    const late = predictDelay(model, 'late', 100_000, -30);
    expect(late.basis).toBe('customer');
    expect(Math.abs(late.quantile(0.5) - 30)).toBeLessThan(4);
    expect(late.cdf(0)).toBeLessThan(0.1);
    const prompt = predictDelay(model, 'prompt', 100_000, -30);
    expect(Math.abs(prompt.quantile(0.5))).toBeLessThan(4);
    expect(prompt.cdf(0)).toBeGreaterThan(0.4);
  });

  it('given it is still unpaid 30 days late, it predicts no earlier than that; past everything seen, no basis', () => {
    const overdue = predictDelay(model, 'late', 100_000, 30);
    expect(overdue.hasBasis).toBe(true);
    expect(overdue.quantile(0.5)).toBeGreaterThanOrEqual(30);
    expect(overdue.quantile(0.5)).toBeLessThanOrEqual(model.hi);
    expect(overdue.cdf(29)).toBe(0);
    expect(overdue.cdf(model.hi)).toBe(1);
    const beyond = predictDelay(model, 'late', 100_000, model.hi + 1);
    expect(beyond.hasBasis).toBe(false);
    expect(Number.isNaN(beyond.quantile(0.5))).toBe(true);
  });

  it('follows a customer who has started paying later: recent invoices count more', () => {
    const changed = fitPaymentModel([...book, ...history('changed', [...noisy(0, 16), ...noisy(45, 8)])]);
    const p = predictDelay(changed, 'changed', 100_000, -30);
    expect(p.quantile(0.5)).toBeGreaterThan(30);
    const flat = fitPaymentModel([...book, ...history('changed', [...noisy(0, 16), ...noisy(45, 8)])], { recencyHalfLife: Infinity });
    expect(predictDelay(flat, 'changed', 100_000, -30).quantile(0.5)).toBeLessThan(10);
  });

  it('has no basis at all on a book where nothing was paid', () => {
    const empty = fitPaymentModel([]);
    expect(empty.bookMedian).toBeNull();
    expect(predictDelay(empty, 'anyone', 1, -10).hasBasis).toBe(false);
  });

  it('learns an amount effect only when the book shows one', () => {
    const r = seededRandom(3);
    const windows = Array.from({ length: 20 }, () => {
      const totals = Array.from({ length: 12 }, () => Math.round(100_000 * 2 ** (r() * 4 - 2)));
      return { totals, usual: 100_000, delays: totals.map((t) => 10 + 5 * Math.log2(t / 100_000) + (r() - 0.5) * 4) };
    });
    expect(estimateAmountEffect(windows)!).toBeCloseTo(5, 0);
    const flat = windows.map((w) => ({ ...w, delays: w.delays.map(() => 10 + (r() - 0.5) * 4) }));
    expect(estimateAmountEffect(flat)).toBeNull();
  });
});

describe("a customer's window", () => {
  it('keeps the latest payments by paid day then due day, oldest first, however they were read', () => {
    // 30 invoices paid in three batches, each batch's due days shuffled: the window of 24 is cut
    // inside the first batch, where only the due day tells which are latest.
    const random = seededRandom(11);
    const list: PaidInvoice[] = [];
    for (const [paidDay, first] of [[20_100, 20_000], [20_200, 20_100], [20_300, 20_200]] as const) {
      const dues = Array.from({ length: 10 }, (_, i) => first + i * 3).sort(() => random() - 0.5);
      for (const dueDay of dues) list.push({ customerId: 'c', dueDay, paidDay, totalMinor: 100_000 + dueDay });
    }
    const expected = [...list].sort((x, y) => x.paidDay - y.paidDay || x.dueDay - y.dueDay).slice(-24).map((p) => p.paidDay - p.dueDay);
    const model = fitPaymentModel(list.reverse());
    expect(model.customers.get('c')!.chronological).toEqual(expected);
  });
});
