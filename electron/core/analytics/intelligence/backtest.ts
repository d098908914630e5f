// Holds out the books by time: fit on what was known at a cutoff, predict what was issued after it,
// and compare with the naive forecast "paid on the due date". Pure.
import type { BacktestResult, CalibrationBin } from '../../../../shared/domain/intelligence';
import { fitPaymentModel, predictDelay, type PaymentModelOptions } from './paymentModel';
import { dateOf, plural, round, sortedQuantile } from './stats';

export interface SettledOrNot {
  customerId: string;
  issueDay: number;
  dueDay: number;
  /** The day it was paid in full; null while money is owed. */
  paidDay: number | null;
  totalMinor: number;
}

/** Fewer test invoices than this and no verdict is given. */
export const MIN_TEST_INVOICES = 30;
const CALIBRATION_BINS = 10;

/**
 * The test window ends this long before today: the 90th percentile of days from issue to payment,
 * so nearly every invoice in it has had time to be paid.
 */
function settleHorizon(records: readonly SettledOrNot[]): number {
  const spans = records.filter((r) => r.paidDay !== null).map((r) => r.paidDay! - r.issueDay).sort((a, b) => a - b);
  if (spans.length === 0) return 0;
  return Math.min(365, Math.max(0, Math.ceil(sortedQuantile(spans, 0.9))));
}

export function runBacktest(records: readonly SettledOrNot[], todayDay: number, cutoffDay?: number, options: Partial<PaymentModelOptions> = {}): BacktestResult {
  const horizon = settleHorizon(records);
  let cutoff: number;
  let testTo = todayDay - horizon;
  if (cutoffDay === undefined) {
    // The most recent fifth of the invoices that have had time to settle.
    const issued = records.filter((r) => r.issueDay <= testTo).map((r) => r.issueDay).sort((a, b) => a - b);
    cutoff = issued.length > 0 ? Math.round(sortedQuantile(issued, 0.8)) : todayDay;
  } else {
    cutoff = cutoffDay;
  }
  if (testTo < cutoff) testTo = todayDay;

  const train = records.filter((r): r is SettledOrNot & { paidDay: number } => r.paidDay !== null && r.paidDay < cutoff);
  const model = fitPaymentModel(train, options);
  const window = records.filter((r) => r.issueDay >= cutoff && r.issueDay <= testTo);
  const test = window.filter((r) => r.paidDay !== null);
  const unresolved = window.length - test.length;

  let modelAbs = 0;
  let modelSigned = 0;
  let baselineAbs = 0;
  let brier = 0;
  let baseBrier = 0;
  let tested = 0;
  const baseRate = model.bookOnTimeRate ?? 0.5;
  const bins = Array.from({ length: CALIBRATION_BINS }, () => ({ n: 0, predicted: 0, onTime: 0 }));
  for (const r of test) {
    // As it stood on the day it was issued: not paid before then.
    const delay = predictDelay(model, r.customerId, r.totalMinor, r.issueDay - r.dueDay);
    if (!delay.hasBasis) continue;
    const actual = r.paidDay! - r.dueDay;
    const predicted = delay.quantile(0.5);
    const p = r.issueDay > r.dueDay ? 0 : delay.cdf(0);
    const outcome = actual <= 0 ? 1 : 0;
    modelAbs += Math.abs(predicted - actual);
    modelSigned += predicted - actual;
    baselineAbs += Math.abs(actual);
    brier += (p - outcome) ** 2;
    baseBrier += (baseRate - outcome) ** 2;
    const bin = bins[Math.min(CALIBRATION_BINS - 1, Math.floor(p * CALIBRATION_BINS))]!;
    bin.n += 1;
    bin.predicted += p;
    bin.onTime += outcome;
    tested += 1;
  }

  const calibration: CalibrationBin[] = bins.map((b, i) => ({
    from: i / CALIBRATION_BINS,
    to: (i + 1) / CALIBRATION_BINS,
    invoices: b.n,
    meanPredicted: b.n > 0 ? round(b.predicted / b.n, 3) : null,
    observedOnTimeRate: b.n > 0 ? round(b.onTime / b.n, 3) : null,
  }));
  const modelMae = tested > 0 ? modelAbs / tested : null;
  const baselineMae = tested > 0 ? baselineAbs / tested : null;
  const improvement = modelMae !== null && baselineMae !== null && baselineMae > 0 ? ((baselineMae - modelMae) / baselineMae) * 100 : null;
  const beats = tested >= MIN_TEST_INVOICES && modelMae !== null && baselineMae !== null && modelMae < baselineMae;
  const brierScore = tested > 0 ? brier / tested : null;
  const baselineBrier = tested > 0 ? baseBrier / tested : null;

  let verdict: string;
  if (tested < MIN_TEST_INVOICES) {
    verdict = `Too few settled invoices issued since ${dateOf(cutoff)} to test the model (${tested}; it needs at least ${MIN_TEST_INVOICES}). Its predictions are untested on these books.`;
  } else {
    const days = `off by ${round(modelMae!, 1)} days on average, against ${round(baselineMae!, 1)} for "paid on the due date"`;
    verdict = beats
      ? `The model beats the naive forecast: its payment dates were ${days} (${round(improvement!, 0)}% better).`
      : `The model does NOT beat the naive forecast "paid on the due date": its payment dates were ${days}. Treat its dates with caution.`;
    verdict += ` Its on-time chances score ${round(brierScore!, 3)} (0 is perfect, 0.25 a coin flip) against ${round(baselineBrier!, 3)} for always saying ${Math.round(baseRate * 100)}%.`;
  }
  const notes = [
    `Learned only from the ${plural(train.length, 'invoice')} paid before ${dateOf(cutoff)}; tested on the ${plural(tested, 'invoice')} issued from ${dateOf(cutoff)} to ${dateOf(testTo)} and paid since, each predicted as on the day it was issued.`,
    'The model stays as it was at the cutoff through the test; in use it learns from every payment, so it should do at least as well.',
  ];
  if (testTo < todayDay) notes.push(`Invoices issued in the last ${plural(todayDay - testTo, 'day')} are left out: 9 in 10 invoices take up to that long to be paid, and scoring only the early payers among them would flatter the model.`);
  if (unresolved > 0) notes.push(`${plural(unresolved, 'invoice')} issued in the test window ${unresolved === 1 ? 'is' : 'are'} still unpaid and left out; they are late ones, so the true error is somewhat larger than shown for both the model and the baseline.`);
  if (test.length > tested) notes.push(`${plural(test.length - tested, 'invoice')} could not be predicted at all (nothing paid before the cutoff) and ${test.length - tested === 1 ? 'is' : 'are'} left out.`);
  return {
    asOf: dateOf(todayDay),
    cutoff: dateOf(cutoff),
    testTo: dateOf(testTo),
    trainInvoices: train.length,
    testInvoices: tested,
    unresolvedInvoices: unresolved,
    modelMaeDays: modelMae === null ? null : round(modelMae, 2),
    baselineMaeDays: baselineMae === null ? null : round(baselineMae, 2),
    modelBiasDays: tested > 0 ? round(modelSigned / tested, 2) : null,
    improvementPct: improvement === null ? null : round(improvement, 1),
    beatsBaseline: beats,
    calibration,
    brierScore: brierScore === null ? null : round(brierScore, 4),
    baselineBrierScore: baselineBrier === null ? null : round(baselineBrier, 4),
    verdict,
    notes,
  };
}
