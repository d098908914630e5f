// A first call fits and judges thousands of customers one after another, reusing working arrays
// between them: each customer's figures must be their own, whatever came before them.
import { describe, expect, it } from 'vitest';
import { delayJumpOfColumns } from '../../../electron/core/analytics/intelligence/anomalies';
import { lateRates, lateRatesOfDays } from '../../../electron/core/analytics/intelligence/collection';
import { estimateAmountEffect, fitPaidColumns, PAYMENT_MODEL_DEFAULTS } from '../../../electron/core/analytics/intelligence/paymentModel';
import { mad, median, seededRandom } from '../../../electron/core/analytics/intelligence/stats';

const random = seededRandom(29);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

describe('customers fitted one after another', () => {
  it("gives each customer the usual amount, delays and on-time share of their own latest payments", () => {
    // Long and short histories alternating, so a short one follows a longer one in the same arrays.
    for (const size of [60, 3, 40, 1, 24, 2, 7, 30, 5]) {
      const due = Float64Array.from({ length: size }, (_, i) => 20_000 + 30 * i);
      const paid = Float64Array.from(due, (d) => d + int(-10, 40));
      const totals = Float64Array.from({ length: size }, () => int(1, 50) * 1_000);
      const fit = fitPaidColumns(due, paid, totals);
      // Plainly: the latest 24 by paid day (due days ascend with paid days here, ties by due), oldest first.
      const order = Array.from({ length: size }, (_, i) => i).sort((x, y) => paid[x]! - paid[y]! || due[x]! - due[y]! || x - y).slice(-PAYMENT_MODEL_DEFAULTS.historyWindow);
      const delays = order.map((i) => paid[i]! - due[i]!);
      const amounts = order.map((i) => totals[i]!);
      expect(fit.delays).toEqual(delays);
      expect(fit.totals).toEqual(amounts);
      expect([...fit.history.sorted]).toEqual([...delays].sort((a, b) => a - b));
      expect(fit.history.onTimeRate).toBe(delays.filter((d) => d <= 0).length / delays.length);
      expect(fit.history.usualMinor).toBe(delays.length >= 3 ? median(amounts) : null);
      const weights = delays.map((_, i) => 0.5 ** ((delays.length - 1 - i) / PAYMENT_MODEL_DEFAULTS.recencyHalfLife));
      const sum = weights.reduce((a, w) => a + w, 0);
      expect(fit.history.effectiveN).toBeCloseTo(sum ** 2 / weights.reduce((a, w) => a + w * w, 0), 12);
      expect(fit.history.weightedMean).toBeCloseTo(delays.reduce((a, d, i) => a + d * weights[i]!, 0) / sum, 12);
      expect(fit.history.cumulative[delays.length - 1]).toBe(1);
    }
  });

  it('learns the amount effect the book shows, the same as with every centred value kept', () => {
    // The least squares written out with arrays, as the estimate was first written.
    const plain = (windows: { delays: number[]; totals: number[]; usual: number | null }[]): number | null => {
      const centred = windows.filter((w) => w.usual !== null && w.delays.length >= 3).map((w) => {
        const xs = w.totals.map((t) => Math.min(3, Math.max(-3, Math.log2(Math.max(1, t) / w.usual!))));
        const mx = xs.reduce((a, v) => a + v, 0) / xs.length;
        const my = w.delays.reduce((a, v) => a + v, 0) / w.delays.length;
        return { x: xs.map((v) => v - mx), y: w.delays.map((v) => v - my) };
      });
      let sxx = 0;
      let sxy = 0;
      let n = 0;
      for (const { x, y } of centred) for (let i = 0; i < x.length; i++) { sxx += x[i]! * x[i]!; sxy += x[i]! * y[i]!; n++; }
      if (n < 30 || sxx <= 0 || n - centred.length - 1 <= 0) return null;
      const beta = sxy / sxx;
      let rss = 0;
      for (const { x, y } of centred) for (let i = 0; i < x.length; i++) rss += (y[i]! - beta * x[i]!) ** 2;
      const se = Math.sqrt(rss / (n - centred.length - 1) / sxx);
      return Math.abs(beta) < 0.5 || !(Math.abs(beta) / se >= 3) ? null : beta;
    };
    let effects = 0;
    for (let t = 0; t < 200; t++) {
      const slope = t % 2 === 0 ? 0 : int(-10, 20);
      const windows = Array.from({ length: int(1, 30) }, () => {
        const usual = int(1, 100) * 1_000;
        // Each customer has their own typical delay: the fit removes it.
        const base = int(0, 60);
        const totals = Array.from({ length: int(1, 24) }, () => Math.round(usual * 2 ** ((random() - 0.5) * 6)));
        const delays = totals.map((total) => base + Math.round(slope * Math.log2(total / usual)) + int(-5, 5));
        return { delays, totals, usual: random() < 0.1 ? null : usual };
      });
      const expected = plain(windows);
      expect(estimateAmountEffect(windows)).toBe(expected);
      if (expected !== null) effects++;
    }
    expect(effects).toBeGreaterThan(50);
  });
});

describe('customers judged one after another', () => {
  it("judges each customer's delay jump on their own events", () => {
    let flagged = 0;
    for (let t = 0; t < 300; t++) {
      const n = int(0, 40);
      const shift = t % 3 === 0 ? 40 : 0;
      const daysLate = Array.from({ length: n }, (_, i) => int(-5, 10) + (i >= n - 5 ? shift : 0));
      const dueDays = daysLate.map((_, i) => 20_000 + 30 * i);
      const got = delayJumpOfColumns('c', 'C', dueDays, daysLate, 20_000);
      // Plainly, from slices.
      let expected = null;
      if (n >= 10) {
        const recent = daysLate.slice(n - 5);
        const before = daysLate.slice(Math.max(0, n - 25), n - 5);
        const jump = median(recent) - median(before);
        const threshold = Math.max(14, 3 * 1.4826 * mad(before, median(before)));
        if (jump >= threshold) expected = { recent: median(recent), earlier: median(before), threshold, counts: [recent.length, before.length] };
      }
      expect(got && { recent: got.recentMedianDaysLate, earlier: got.earlierMedianDaysLate, threshold: got.thresholdDays, counts: [got.recentInvoices, got.earlierInvoices] })
        .toEqual(expected && { recent: Math.round(expected.recent * 10) / 10, earlier: Math.round(expected.earlier * 10) / 10, threshold: Math.round(expected.threshold * 10) / 10, counts: expected.counts });
      if (got) flagged++;
    }
    expect(flagged).toBeGreaterThan(50);
  });

  it("counts late shares over a customer's latest events as the flags would", () => {
    for (let n = 0; n <= 40; n++) {
      const daysLate = Array.from({ length: n }, () => int(-3, 3));
      expect(lateRatesOfDays(daysLate, 24)).toEqual(lateRates(daysLate.slice(-24).map((d) => d > 0)));
    }
  });
});
