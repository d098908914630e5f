// Monthly billing forecast for one currency: pick a smoothing model the history supports, show its
// error, and forecast the current month and the ones after. Pure.
import {
  SMOOTHING_MODEL_LABELS,
  type ModelFit,
  type RevenueForecastCurrency,
  type SmoothingModel,
} from '../../../../shared/domain/intelligence';
import type { CurrencyCode } from '../../../../shared/money';
import { fitErrors, fitModel, MIN_POINTS, SEASON_LENGTH, type FittableModel } from './smoothing';
import { round } from './stats';

/** z for an 80% two-sided band. */
const Z80 = 1.2816;
const HOLDOUT = 3;
/** Fewer common months than this and models are not compared: the most capable one the history allows is used. */
const MIN_COMPARE = 3;
const HISTORY_SHOWN = 24;

/** "2026-11" plus n months. */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const label = (m: SmoothingModel) => SMOOTHING_MODEL_LABELS[m];

/**
 * `series` holds every complete month from the first with billing to last month, oldest first
 * (months with no billing as 0); `current` is this month and what it has billed so far.
 */
export function forecastRevenue(
  currency: CurrencyCode,
  series: readonly { month: string; billedMinor: number }[],
  current: { month: string; billedSoFarMinor: number },
  horizon: number,
): RevenueForecastCurrency {
  const y = series.map((s) => s.billedMinor);
  const n = y.length;
  const eligible = (['simple', 'holt_linear', 'holt_winters_additive'] as const).filter((m) => n >= MIN_POINTS[m]);
  const empty = { alpha: null, beta: null, gamma: null, seasonLength: null };
  if (eligible.length === 0) {
    return {
      currency, model: 'none', parameters: empty, historyMonths: n,
      history: series.slice(-HISTORY_SHOWN).map((s) => ({ month: s.month, actualMinor: s.billedMinor, fittedMinor: null })),
      forecast: [], fit: { model: 'none', maeMinor: null, mapePct: null }, holdoutMapePct: null, compared: [],
      reason: `A forecast needs at least ${MIN_POINTS.simple} complete months of billing in ${currency}; there ${n === 1 ? 'is 1' : `are ${n}`}.`,
    };
  }
  const fits = eligible.map((model) => ({ model, fit: fitModel(model, y)! }));
  // Compare on the months every eligible model forecasts, so the longer start-up of a seasonal model is not a handicap.
  const from = Math.max(...eligible.map((m) => (m === 'holt_winters_additive' ? SEASON_LENGTH : m === 'holt_linear' ? 2 : 1)));
  const compared = fits.map(({ model, fit }) => {
    const e = fitErrors(y, fit.run.fitted, from);
    return { model, mae: e.mae, mape: e.mape, count: e.count };
  });
  const span = compared[0]!.count;
  let chosen: (typeof compared)[number];
  let why: string;
  if (span >= MIN_COMPARE) {
    chosen = compared.reduce((best, c) => ((c.mae ?? Infinity) < (best.mae ?? Infinity) ? c : best));
    const others = compared.filter((c) => c !== chosen && c.mape !== null).map((c) => `${round(c.mape!, 1)}% for ${label(c.model)}`);
    why = `${n} months of history; it had the smallest one-step error over the last ${span} months${
      chosen.mape !== null ? ` (MAPE ${round(chosen.mape, 1)}%${others.length > 0 ? ` against ${others.join(', ')}` : ''})` : ''
    }.`;
  } else {
    chosen = compared[compared.length - 1]!;
    why = chosen.model === 'holt_winters_additive'
      ? `More than a year of history (${n} months), so the 12-month season is modelled; too short yet to compare models on (${span} month${span === 1 ? '' : 's'}).`
      : `${n} months of history: too short for a trend or a season to be tested, so the level is smoothed.`;
  }
  const model: FittableModel = chosen.model;
  const { params, run } = fits.find((f) => f.model === model)!.fit;

  const own = fitErrors(y, run.fitted, 0);
  let sq = 0;
  let count = 0;
  run.fitted.forEach((f, t) => {
    if (f !== null) {
      sq += (y[t]! - f) ** 2;
      count += 1;
    }
  });
  const rmse = count > 0 ? Math.sqrt(sq / count) : 0;

  const ahead = run.forecast(horizon);
  const forecast = ahead.map((value, i) => {
    const month = addMonths(current.month, i);
    const soFar = i === 0 ? current.billedSoFarMinor : 0;
    const expected = Math.max(soFar, Math.round(Math.max(0, value)));
    const spread = Z80 * rmse * Math.sqrt(i + 1);
    return {
      month, expectedMinor: expected, billedSoFarMinor: soFar,
      lowMinor: Math.max(soFar, Math.round(value - spread)),
      highMinor: Math.max(expected, Math.round(value + spread)),
    };
  });

  let holdoutMapePct: number | null = null;
  if (n - HOLDOUT >= MIN_POINTS[model]) {
    const early = fitModel(model, y.slice(0, n - HOLDOUT));
    if (early) {
      const predicted = early.run.forecast(HOLDOUT);
      const pct = predicted.map((p, i) => ({ p, a: y[n - HOLDOUT + i]! })).filter((x) => x.a !== 0).map((x) => Math.abs((x.a - x.p) / x.a));
      if (pct.length > 0) holdoutMapePct = round((pct.reduce((a, v) => a + v, 0) / pct.length) * 100, 1);
    }
  }

  const fit: ModelFit = { model, maeMinor: own.mae === null ? null : Math.round(own.mae), mapePct: own.mape === null ? null : round(own.mape, 1) };
  const offset = n - Math.min(n, HISTORY_SHOWN);
  return {
    currency,
    model,
    parameters: {
      alpha: params.alpha, beta: params.beta, gamma: params.gamma,
      seasonLength: model === 'holt_winters_additive' ? SEASON_LENGTH : null,
    },
    historyMonths: n,
    history: series.slice(offset).map((s, i) => {
      const f = run.fitted[offset + i];
      return { month: s.month, actualMinor: s.billedMinor, fittedMinor: f === null || f === undefined ? null : Math.round(f) };
    }),
    forecast,
    fit,
    holdoutMapePct,
    compared: compared.map((c) => ({ model: c.model, maeMinor: c.mae === null ? null : Math.round(c.mae), mapePct: c.mape === null ? null : round(c.mape, 1) })),
    reason: `${SMOOTHING_MODEL_LABELS[model]}: ${why}`,
  };
}
