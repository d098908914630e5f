// Exponential smoothing, written out: simple, Holt's linear trend and additive Holt-Winters. Pure,
// on plain number arrays. Weights are chosen by grid search for the least squared one-step-ahead error.
import type { SmoothingModel } from '../../../../shared/domain/intelligence';

export type FittableModel = Exclude<SmoothingModel, 'none'>;

export interface SmoothingParams {
  alpha: number;
  beta: number | null;
  gamma: number | null;
}

export interface SmoothingRun {
  /** fitted[t] = the forecast of y[t] made at t−1; null in the months used to start the model. */
  fitted: (number | null)[];
  /** Forecasts for the next h periods after the series ends. */
  forecast(h: number): number[];
}

export const SEASON_LENGTH = 12;
/** The fewest points each model is fitted on. */
export const MIN_POINTS: Record<FittableModel, number> = { simple: 2, holt_linear: 6, holt_winters_additive: SEASON_LENGTH + 1 };
const GRID = [0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.98];

export function simpleSmoothing(y: readonly number[], alpha: number): SmoothingRun {
  const fitted: (number | null)[] = [null];
  let level = y[0]!;
  for (let t = 1; t < y.length; t++) {
    fitted.push(level);
    level = alpha * y[t]! + (1 - alpha) * level;
  }
  return { fitted, forecast: (h) => Array.from({ length: h }, () => level) };
}

/** Holt's linear trend, started from the first two points (so errors count from the third). */
export function holtLinear(y: readonly number[], alpha: number, beta: number): SmoothingRun {
  const fitted: (number | null)[] = [null, null];
  let level = y[1]!;
  let trend = y[1]! - y[0]!;
  for (let t = 2; t < y.length; t++) {
    fitted.push(level + trend);
    const next = alpha * y[t]! + (1 - alpha) * (level + trend);
    trend = beta * (next - level) + (1 - beta) * trend;
    level = next;
  }
  return { fitted, forecast: (h) => Array.from({ length: h }, (_, i) => level + (i + 1) * trend) };
}

/**
 * Additive Holt-Winters with season length m, started from the first season: trend = the change
 * to the second season's mean when there is one (else 0), seasonal terms = the first season's
 * deviations from that trend line, level = the line at the season's end. Errors count from the second season.
 */
export function holtWinters(y: readonly number[], alpha: number, beta: number, gamma: number, m = SEASON_LENGTH): SmoothingRun {
  const first = y.slice(0, m);
  const firstMean = first.reduce((a, v) => a + v, 0) / m;
  let trend = y.length >= 2 * m ? (y.slice(m, 2 * m).reduce((a, v) => a + v, 0) / m - firstMean) / m : 0;
  // The first season's mean sits at its middle: detrend each month from there, and start the level at its end.
  const centre = (m - 1) / 2;
  const season = first.map((v, i) => v - (firstMean + trend * (i - centre)));
  let level = firstMean + trend * centre;
  const fitted: (number | null)[] = Array.from({ length: m }, () => null);
  for (let t = m; t < y.length; t++) {
    const s = season[t % m]!;
    fitted.push(level + trend + s);
    const next = alpha * (y[t]! - s) + (1 - alpha) * (level + trend);
    trend = beta * (next - level) + (1 - beta) * trend;
    season[t % m] = gamma * (y[t]! - next) + (1 - gamma) * s;
    level = next;
  }
  const n = y.length;
  return { fitted, forecast: (h) => Array.from({ length: h }, (_, i) => level + (i + 1) * trend + season[(n + i) % m]!) };
}

export function runModel(model: FittableModel, y: readonly number[], p: SmoothingParams): SmoothingRun {
  if (model === 'simple') return simpleSmoothing(y, p.alpha);
  if (model === 'holt_linear') return holtLinear(y, p.alpha, p.beta!);
  return holtWinters(y, p.alpha, p.beta!, p.gamma!);
}

export function sumSquaredErrors(y: readonly number[], fitted: readonly (number | null)[], from = 0): number {
  let sse = 0;
  for (let t = from; t < y.length; t++) {
    const f = fitted[t];
    if (f !== null && f !== undefined) sse += (y[t]! - f) ** 2;
  }
  return sse;
}

/** The weights with the least squared one-step-ahead error, by grid search; null when the series is too short. */
export function fitModel(model: FittableModel, y: readonly number[]): { params: SmoothingParams; run: SmoothingRun } | null {
  if (y.length < MIN_POINTS[model]) return null;
  let best: { params: SmoothingParams; run: SmoothingRun; sse: number } | null = null;
  const consider = (params: SmoothingParams) => {
    const run = runModel(model, y, params);
    const sse = sumSquaredErrors(y, run.fitted);
    if (!best || sse < best.sse) best = { params, run, sse };
  };
  for (const alpha of GRID) {
    if (model === 'simple') consider({ alpha, beta: null, gamma: null });
    else for (const beta of GRID) {
      if (model === 'holt_linear') consider({ alpha, beta, gamma: null });
      else for (const gamma of GRID) consider({ alpha, beta, gamma });
    }
  }
  const found = best as { params: SmoothingParams; run: SmoothingRun; sse: number } | null;
  return found ? { params: found.params, run: found.run } : null;
}

/** Mean absolute and mean absolute percentage one-step error from index `from` (percentages skip zero months). */
export function fitErrors(y: readonly number[], fitted: readonly (number | null)[], from: number): { mae: number | null; mape: number | null; count: number } {
  let abs = 0;
  let n = 0;
  let pct = 0;
  let m = 0;
  for (let t = from; t < y.length; t++) {
    const f = fitted[t];
    if (f === null || f === undefined) continue;
    abs += Math.abs(y[t]! - f);
    n += 1;
    if (y[t]! !== 0) {
      pct += Math.abs((y[t]! - f) / y[t]!);
      m += 1;
    }
  }
  return { mae: n > 0 ? abs / n : null, mape: m > 0 ? (pct / m) * 100 : null, count: n };
}
