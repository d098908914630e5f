// Expected collections by week: each open balance spread over the weeks by its predicted payment
// distribution, and a band from simulated runs with a fixed seed. Pure.
import type { CashflowCurrency } from '../../../../shared/domain/intelligence';
import type { CurrencyCode } from '../../../../shared/money';
import type { DelayPrediction } from './paymentModel';
import { dateOf, seededRandom, sortedQuantile } from './stats';

export interface CashflowItem {
  customerId: string;
  balanceMinor: number;
  daysOverdue: number;
  delay: DelayPrediction;
}

/** Whole minor units that add up to the rounded total: floors, then the largest remainders get the spare units. */
export function wholeMinor(amounts: ArrayLike<number>): number[] {
  const floors = Array.from(amounts, (a) => Math.floor(a));
  const total = Math.round(Array.from(amounts).reduce((a, v) => a + v, 0));
  const spare = total - floors.reduce((a, v) => a + v, 0);
  const order = floors.map((f, i) => ({ i, rest: amounts[i]! - f })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; k < spare && k < order.length; k++) floors[order[k]!.i]! += 1;
  return floors;
}

export const CASHFLOW_SIMULATION = { runs: 1000, seed: 20_240_601, lowPercentile: 10, highPercentile: 90 } as const;

/**
 * One currency's forecast. In each simulated run a customer draws one chance for all their invoices:
 * a customer who is late is late on all of them, so the band is not made narrow by pretending
 * every invoice is independent.
 */
export function forecastCashflow(currency: CurrencyCode, items: readonly CashflowItem[], todayDay: number, weeks: number, sim = CASHFLOW_SIMULATION): CashflowCurrency {
  const expected = new Float64Array(weeks);
  let later = 0;
  let noBasis = 0;
  let onDueDate = 0;
  let open = 0;
  const simulated: { customer: number; balance: number; cum: Float64Array }[] = [];
  const customerIndex = new Map<string, number>();
  for (const item of items) {
    open += item.balanceMinor;
    const cum = new Float64Array(weeks);
    let before = 0;
    if (!item.delay.hasBasis) {
      // An invoice not yet due, with nothing paid in the books to learn from (a new business): expected
      // on its due date, said so, rather than nowhere. One already overdue has no date to go by.
      if (item.daysOverdue > 0) {
        noBasis += item.balanceMinor;
        continue;
      }
      onDueDate += item.balanceMinor;
      const week = Math.floor(-item.daysOverdue / 7);
      for (let j = week; j < weeks; j++) cum[j] = 1;
      if (week < weeks) expected[week]! += item.balanceMinor;
      before = week < weeks ? 1 : 0;
    } else {
      // cum[j] = P(paid by the last day of week j); payment is today or later by the conditioning.
      for (let j = 0; j < weeks; j++) {
        cum[j] = item.delay.cdf(item.daysOverdue + 7 * j + 6);
        expected[j]! += item.balanceMinor * (cum[j]! - before);
        before = cum[j]!;
      }
    }
    later += item.balanceMinor * (1 - before);
    let c = customerIndex.get(item.customerId);
    if (c === undefined) customerIndex.set(item.customerId, (c = customerIndex.size));
    simulated.push({ customer: c, balance: item.balanceMinor, cum });
  }

  const random = seededRandom(sim.seed);
  const perWeek = Array.from({ length: weeks }, () => new Float64Array(sim.runs));
  const horizon = new Float64Array(sim.runs);
  const draws = new Float64Array(customerIndex.size);
  for (let run = 0; run < sim.runs; run++) {
    for (let c = 0; c < draws.length; c++) draws[c] = random();
    let total = 0;
    for (const s of simulated) {
      const u = draws[s.customer]!;
      // The week in which this run's chance is reached; beyond the last week: not in the horizon.
      for (let j = 0; j < weeks; j++) {
        if (u <= s.cum[j]!) {
          perWeek[j]![run]! += s.balance;
          total += s.balance;
          break;
        }
      }
    }
    horizon[run] = total;
  }
  const band = (values: Float64Array) => {
    values.sort();
    return {
      low: Math.round(sortedQuantile(values, sim.lowPercentile / 100)),
      high: Math.round(sortedQuantile(values, sim.highPercentile / 100)),
    };
  };
  const whole = wholeMinor(expected);
  const weekRows = Array.from({ length: weeks }, (_, j) => {
    const { low, high } = band(perWeek[j]!);
    return { from: dateOf(todayDay + 7 * j), to: dateOf(todayDay + 7 * j + 6), expectedMinor: whole[j]!, lowMinor: low, highMinor: high };
  });
  const total = band(horizon);
  return {
    currency,
    openInvoices: items.length,
    openBalanceMinor: open,
    weeks: weekRows,
    expectedInHorizonMinor: weekRows.reduce((a, w) => a + w.expectedMinor, 0),
    horizonLowMinor: total.low,
    horizonHighMinor: total.high,
    expectedLaterMinor: Math.round(later),
    noBasisMinor: noBasis,
    onDueDateMinor: onDueDate,
  };
}
