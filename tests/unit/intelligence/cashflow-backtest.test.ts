import { describe, expect, it } from 'vitest';
import { runBacktest, type SettledOrNot } from '../../../electron/core/analytics/intelligence/backtest';
import { forecastCashflow, wholeMinor } from '../../../electron/core/analytics/intelligence/cashflow';
import { fitPaymentModel, predictDelay } from '../../../electron/core/analytics/intelligence/paymentModel';
import { seededRandom } from '../../../electron/core/analytics/intelligence/stats';

const TODAY = 20_400;

/** Two years of monthly invoices per customer, each paid `late` days after due give or take `noise`. */
function book(lates: number[], noise: number, seed = 5): SettledOrNot[] {
  const random = seededRandom(seed);
  const records: SettledOrNot[] = [];
  lates.forEach((late, c) => {
    for (let issue = TODAY - 720 + c; issue < TODAY; issue += 30) {
      const due = issue + 30;
      const paid = due + late + Math.round((random() - 0.5) * 2 * noise);
      records.push({ customerId: `c${c}`, issueDay: issue, dueDay: due, paidDay: paid <= TODAY ? Math.max(issue, paid) : null, totalMinor: 100_000 });
    }
  });
  return records.sort((a, b) => a.issueDay - b.issueDay);
}

describe('backtest', () => {
  it('beats "paid on the due date" when customers have their own habits, and says so', () => {
    const result = runBacktest(book([0, 10, 30, 45, 5, 20, 60, 15], 4), TODAY);
    expect(result.testInvoices).toBeGreaterThanOrEqual(30);
    expect(result.beatsBaseline).toBe(true);
    expect(result.modelMaeDays!).toBeLessThan(result.baselineMaeDays! / 3);
    expect(result.verdict).toMatch(/^The model beats the naive forecast/);
    expect(result.brierScore!).toBeLessThan(result.baselineBrierScore!);
    // Calibrated: in every well-filled band, the observed on-time rate is near the predicted one.
    for (const bin of result.calibration.filter((b) => b.invoices >= 20)) {
      expect(Math.abs(bin.meanPredicted! - bin.observedOnTimeRate!)).toBeLessThan(0.2);
    }
    expect(result.calibration.reduce((a, b) => a + b.invoices, 0)).toBe(result.testInvoices);
  });

  it('says plainly when it does not beat the baseline', () => {
    // Everyone pays on the due date: the baseline is perfect and nothing can beat it.
    const result = runBacktest(book([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0), TODAY);
    expect(result.baselineMaeDays).toBe(0);
    expect(result.beatsBaseline).toBe(false);
    expect(result.testInvoices).toBeGreaterThanOrEqual(30);
    expect(result.verdict).toMatch(/does NOT beat/);
  });

  it('gives no verdict on too few invoices', () => {
    const result = runBacktest(book([10], 2).slice(0, 8), TODAY);
    expect(result.beatsBaseline).toBe(false);
    expect(result.verdict).toMatch(/^Too few settled invoices/);
  });
});

describe('cash flow', () => {
  const model = fitPaymentModel(book([0, 10, 30], 3).filter((r) => r.paidDay !== null).map((r) => ({
    customerId: r.customerId, dueDay: r.dueDay, paidDay: r.paidDay!, totalMinor: r.totalMinor,
  })));
  const item = (customerId: string, daysOverdue: number, balanceMinor: number) => ({
    customerId, balanceMinor, daysOverdue, delay: predictDelay(model, customerId, balanceMinor, daysOverdue),
  });

  it("spreads balances by each customer's delays, and every cent is in a week, later, or without basis", () => {
    // c0 pays on the due date, c2 a month late: both due in 3 days.
    const items = [item('c0', -3, 1_000_000), item('c2', -3, 2_000_000), item('c1', 10_000, 333_333)];
    const f = forecastCashflow('KES', items, TODAY, 12);
    expect(f.openBalanceMinor).toBe(3_333_333);
    expect(f.noBasisMinor).toBe(333_333);
    const total = f.expectedInHorizonMinor + f.expectedLaterMinor + f.noBasisMinor;
    expect(Math.abs(total - f.openBalanceMinor)).toBeLessThanOrEqual(1);
    // c0's money lands in week 1; c2's around day 33, in week 5.
    expect(f.weeks[0]!.expectedMinor).toBeGreaterThan(800_000);
    expect(f.weeks[4]!.expectedMinor + f.weeks[5]!.expectedMinor).toBeGreaterThan(1_500_000);
    for (const w of f.weeks) {
      expect(Number.isInteger(w.expectedMinor)).toBe(true);
      expect(w.lowMinor).toBeLessThanOrEqual(w.highMinor);
    }
    expect(f.horizonLowMinor).toBeLessThanOrEqual(f.expectedInHorizonMinor);
    expect(f.horizonHighMinor).toBeGreaterThanOrEqual(f.expectedInHorizonMinor);
    // The same seed gives the same band.
    expect(forecastCashflow('KES', items, TODAY, 12)).toEqual(f);
  });
});

describe('whole minor units', () => {
  it('add up to the rounded total', () => {
    expect(wholeMinor([0.4, 0.4, 0.4, 1.8])).toEqual([1, 0, 0, 2]);
    expect(wholeMinor([10, 20.5, 0.49])).toEqual([10, 21, 0]);
  });
});

describe('cash flow for a business with no payments yet', () => {
  it('expects an invoice not yet due on its due date, and says so, rather than nothing in twelve weeks', () => {
    const empty = fitPaymentModel([]);
    const due = (daysOverdue: number, balanceMinor: number, customerId = 'c0') => ({
      customerId, balanceMinor, daysOverdue, delay: predictDelay(empty, customerId, balanceMinor, daysOverdue),
    });
    // Due in 30 days: week 5 (days 28–34); due in 100 days: after the horizon; 3 days overdue: no date to go by.
    const f = forecastCashflow('KES', [due(-30, 1_259_760), due(-100, 500_000, 'c1'), due(3, 200_000, 'c2')], TODAY, 12);
    expect(f.weeks[4]!.expectedMinor).toBe(1_259_760);
    expect(f.expectedInHorizonMinor).toBe(1_259_760);
    expect(f.onDueDateMinor).toBe(1_759_760);
    expect(f.expectedLaterMinor).toBe(500_000);
    expect(f.noBasisMinor).toBe(200_000);
    expect(f.horizonLowMinor).toBe(1_259_760);
    expect(f.horizonHighMinor).toBe(1_259_760);
  });
});
