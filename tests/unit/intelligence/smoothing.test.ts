import { describe, expect, it } from 'vitest';
import { addMonths, forecastRevenue } from '../../../electron/core/analytics/intelligence/revenue';
import { fitErrors, fitModel, holtLinear, holtWinters, simpleSmoothing } from '../../../electron/core/analytics/intelligence/smoothing';

const SEASON = [-30, -20, -10, 0, 10, 20, 30, 20, 10, 0, -10, -20];
const months = (n: number, from = '2023-01') => Array.from({ length: n }, (_, i) => addMonths(from, i));

describe('exponential smoothing', () => {
  it('simple smoothing follows the recurrence by hand', () => {
    // level 10 → 0.5·12 + 0.5·10 = 11 → 0.5·11 + 0.5·11 = 11
    const run = simpleSmoothing([10, 12, 11], 0.5);
    expect(run.fitted).toEqual([null, 10, 11]);
    expect(run.forecast(2)).toEqual([11, 11]);
  });

  it("Holt's linear trend continues a straight line exactly", () => {
    const y = Array.from({ length: 10 }, (_, t) => 5 + 2 * t);
    const run = holtLinear(y, 0.3, 0.2);
    run.fitted.slice(2).forEach((f, i) => expect(f!).toBeCloseTo(y[i + 2]!, 9));
    run.forecast(3).forEach((f, i) => expect(f).toBeCloseTo([25, 27, 29][i]!, 9));
  });

  it('additive Holt-Winters recovers a trend plus a 12-month season', () => {
    const truth = (t: number) => 1000 + 5 * t + SEASON[t % 12]!;
    const y = Array.from({ length: 48 }, (_, t) => truth(t));
    const fit = fitModel('holt_winters_additive', y)!;
    const ahead = fit.run.forecast(3);
    // Started from the first two seasons, it tracks a noise-free series to within 0.1% three months out.
    ahead.forEach((v, i) => expect(Math.abs(v - truth(48 + i)) / truth(48 + i)).toBeLessThan(0.001));
    // The same data through a model without a season misses the seasonal swing.
    const holt = fitModel('holt_linear', y)!;
    const holtError = fitErrors(y, holt.run.fitted, 12).mae!;
    const hwError = fitErrors(y, fit.run.fitted, 12).mae!;
    expect(hwError).toBeLessThan(holtError / 2);
  });

  it('Holt-Winters with no season and no trend forecasts the level', () => {
    const run = holtWinters(Array.from({ length: 24 }, () => 50), 0.5, 0.1, 0.1);
    expect(run.forecast(2)).toEqual([50, 50]);
  });

  it('is not fitted on too short a series', () => {
    expect(fitModel('simple', [1])).toBeNull();
    expect(fitModel('holt_linear', [1, 2, 3, 4, 5])).toBeNull();
    expect(fitModel('holt_winters_additive', Array.from({ length: 12 }, () => 1))).toBeNull();
  });

  it('MAE and MAPE skip the start-up months and zero months for the percentage', () => {
    const e = fitErrors([100, 0, 200], [null, 10, 150], 0);
    expect(e.mae).toBe(30);
    expect(e.mape).toBe(25);
    expect(e.count).toBe(2);
  });
});

describe('revenue forecast', () => {
  it('models the season when there is more than a year of seasonal history, and says why', () => {
    const series = months(36).map((month, t) => ({ month, billedMinor: 1_000_000 + 2_000 * t + SEASON[t % 12]! * 10_000 }));
    const f = forecastRevenue('KES', series, { month: '2026-01', billedSoFarMinor: 0 }, 3);
    expect(f.model).toBe('holt_winters_additive');
    expect(f.parameters.seasonLength).toBe(12);
    expect(f.forecast.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(f.fit.mapePct).not.toBeNull();
    expect(f.holdoutMapePct!).toBeLessThan(2);
    expect(f.compared.map((c) => c.model)).toEqual(['simple', 'holt_linear', 'holt_winters_additive']);
    expect(f.reason).toMatch(/Holt-Winters.*smallest one-step error/);
    for (const m of f.forecast) {
      expect(Number.isInteger(m.expectedMinor)).toBe(true);
      expect(m.lowMinor).toBeLessThanOrEqual(m.expectedMinor);
      expect(m.highMinor).toBeGreaterThanOrEqual(m.expectedMinor);
    }
  });

  it('uses a model without a season on under a year, and none on a single month', () => {
    const short = months(8).map((month, t) => ({ month, billedMinor: 500_000 + (t % 2) * 1_000 }));
    const f = forecastRevenue('USD', short, { month: '2023-09', billedSoFarMinor: 700_000 }, 3);
    expect(['simple', 'holt_linear']).toContain(f.model);
    expect(f.compared.some((c) => c.model === 'holt_winters_additive')).toBe(false);
    // The current month is never forecast below what it has already billed.
    expect(f.forecast[0]!.billedSoFarMinor).toBe(700_000);
    expect(f.forecast[0]!.expectedMinor).toBeGreaterThanOrEqual(700_000);

    const none = forecastRevenue('USD', months(1).map((month) => ({ month, billedMinor: 1 })), { month: '2023-02', billedSoFarMinor: 0 }, 3);
    expect(none.model).toBe('none');
    expect(none.forecast).toEqual([]);
    expect(none.reason).toMatch(/at least 2 complete months/);
  });
});
