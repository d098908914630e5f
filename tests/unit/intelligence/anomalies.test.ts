import { describe, expect, it } from 'vitest';
import { amountAnomaly, amountOutliers, ANOMALY_RULES, billingDrops, delayJump, outliersOfGroup, robustScore, type AmountRecord } from '../../../electron/core/analytics/intelligence/anomalies';
import { mad, median, seededRandom } from '../../../electron/core/analytics/intelligence/stats';

describe('robust z-score', () => {
  it('is 0.6745·(x − median)/MAD', () => {
    // median 10, deviations 2 1 0 1 2 → MAD 1
    const s = robustScore(20, [8, 9, 10, 11, 12]);
    expect(s.median).toBe(10);
    expect(s.mad).toBe(1);
    expect(s.z).toBeCloseTo(6.745, 6);
    expect(s.flagged).toBe(true);
    expect(robustScore(12, [8, 9, 10, 11, 12]).flagged).toBe(false);
  });

  it('falls back to the mean absolute deviation when MAD is 0', () => {
    // median 10, MAD 0 (four of six equal), mean |dev| = (10 + 10)/6
    const values = [10, 10, 10, 10, 20, 0];
    const s = robustScore(40, values);
    expect(s.mad).toBe(0);
    expect(s.z).toBeCloseTo(30 / (1.253314 * (20 / 6)), 6);
    expect(s.flagged).toBe(true);
    expect(robustScore(11, values).flagged).toBe(false);
  });

  it('flags only a large change when every earlier value is identical', () => {
    expect(robustScore(10, [10, 10, 10, 10, 10])).toMatchObject({ z: null, flagged: false });
    expect(robustScore(12, [10, 10, 10, 10, 10]).flagged).toBe(false);
    expect(robustScore(13, [10, 10, 10, 10, 10])).toMatchObject({ z: null, flagged: true });
  });

  it('does not flag a small change however tight the earlier amounts were', () => {
    // MAD 1 on a median of 1,000: z = 67 for a 10% change, which is not news.
    const s = robustScore(1100, [999, 1000, 1001, 1000, 1002, 998]);
    expect(s.z!).toBeGreaterThan(3.5);
    expect(s.flagged).toBe(false);
  });
});

function records(amounts: number[], customerId = 'c1'): AmountRecord[] {
  return amounts.map((totalMinor, i) => ({ key: i, customerId, currency: 'KES', issueDay: 20_000 + i * 10, totalMinor }));
}

/** Outliers named as the service names them, from the record's customer and position. */
function amountAnomalies(list: AmountRecord[], sinceDay: number) {
  return amountOutliers(list, sinceDay).map((o) => amountAnomaly(o, {
    invoiceId: `${o.record.customerId}-${o.record.key}`, invoiceNumber: `INV-${o.record.customerId}-${o.record.key}`,
    customerName: `Customer ${o.record.customerId}`, issueDate: '2026-01-01',
  }));
}

describe('invoice amount anomalies', () => {
  const random = seededRandom(7);
  const clean = (n: number, centre: number) => Array.from({ length: n }, () => Math.round(centre * (0.85 + 0.3 * random())));

  it('flags planted outliers, high and low, with the numbers behind them', () => {
    const amounts = clean(30, 100_000);
    amounts[20] = 900_000;
    amounts[25] = 5_000;
    const found = amountAnomalies(records(amounts), 0);
    expect(found.map((a) => a.invoiceId).sort()).toEqual(['c1-20', 'c1-25']);
    const high = found.find((a) => a.invoiceId === 'c1-20')!;
    expect(high.robustZ!).toBeGreaterThan(3.5);
    expect(high.priorInvoices).toBe(20);
    expect(high.reason).toMatch(/INV-c1-20 for KES 9,000\.00 is \d+(\.\d)?× the median of Customer c1's 20 earlier invoices/);
    expect(found.find((a) => a.invoiceId === 'c1-25')!.robustZ!).toBeLessThan(-3.5);
  });

  it('flags nothing on clean data, nor before five earlier invoices', () => {
    expect(amountAnomalies([...records(clean(60, 50_000), 'a'), ...records(clean(40, 2_000_000), 'b')], 0)).toEqual([]);
    expect(amountAnomalies(records([100, 100, 100, 100, 100_000]), 0)).toEqual([]);
  });

  it('judges only invoices issued since the given day', () => {
    const amounts = clean(30, 100_000);
    amounts[10] = 900_000;
    expect(amountAnomalies(records(amounts), 20_000 + 11 * 10)).toEqual([]);
  });
});

describe('amount judgements over a sliding window', () => {
  // The plain definition: sort each window of earlier amounts afresh and take median and MAD.
  function plainOutliers(list: AmountRecord[], sinceDay: number) {
    const sorted = [...list].sort((a, b) => a.issueDay - b.issueDay || a.key - b.key);
    const found: { key: number; median: number; mad: number; z: number | null; priors: number }[] = [];
    for (let i = ANOMALY_RULES.minPriorInvoices; i < sorted.length; i++) {
      if (sorted[i]!.issueDay < sinceDay) continue;
      const priors = sorted.slice(Math.max(0, i - ANOMALY_RULES.priorWindow), i).map((p) => p.totalMinor);
      const m = median(priors);
      const d = mad(priors, m);
      const x = sorted[i]!.totalMinor;
      const material = (m === 0 ? (x === 0 ? 0 : Infinity) : Math.abs(x - m) / Math.abs(m)) >= ANOMALY_RULES.minChange;
      const meanAd = priors.reduce((a, v) => a + Math.abs(v - m), 0) / priors.length;
      const z = d > 0 ? (0.6745 * (x - m)) / d : meanAd > 0 ? (x - m) / (1.253314 * meanAd) : null;
      if (material && (z === null || Math.abs(z) > ANOMALY_RULES.robustZ)) found.push({ key: sorted[i]!.key, median: m, mad: d, z, priors: priors.length });
    }
    return found;
  }

  it('finds exactly what sorting every window afresh finds, ties and repeated amounts included', () => {
    const random = seededRandom(17);
    let flagged = 0;
    for (let t = 0; t < 400; t++) {
      const usual = [1000, 1000, 1000, 1250][Math.floor(random() * 4)]!;
      const list: AmountRecord[] = Array.from({ length: 1 + Math.floor(random() * 70) }, (_, key) => ({
        key, customerId: 'c', currency: 'KES', issueDay: Math.floor(random() * 200),
        totalMinor: t % 3 === 0 ? usual : random() < 0.08 ? usual * 6 : Math.round(usual + random() * 100),
      }));
      const since = Math.floor(random() * 220);
      const expected = plainOutliers(list, since);
      const got = outliersOfGroup(list.map((r) => ({ ...r })), since)
        .map((o) => ({ key: o.record.key, median: o.score.median, mad: o.score.mad, z: o.score.z, priors: o.priorInvoices }));
      expect(got).toEqual(expected);
      flagged += got.length;
    }
    expect(flagged).toBeGreaterThan(100);
  });
});

describe('payment delay jumps', () => {
  const events = (delays: number[]) => delays.map((daysLate, i) => ({ dueDay: 20_000 + i * 30, daysLate }));

  it('flags a customer who went from on time to a month late', () => {
    const jump = delayJump('c', 'Otieno Motors', events([0, 1, -1, 2, 1, 1, 0, 2, 30, 35, 40, 31, 45]), 0)!;
    expect(jump.earlierMedianDaysLate).toBe(1);
    expect(jump.recentMedianDaysLate).toBe(35);
    expect(jump.jumpDays).toBe(34);
    expect(jump.thresholdDays).toBe(14);
    expect(jump.reason).toMatch(/Otieno Motors paid a median 35 days late on their last 5 invoices.*1 day late on the 8 before/);
  });

  it('does not flag steady payers, noisy payers within their spread, or too short a history', () => {
    expect(delayJump('c', 'x', events([10, 12, 9, 11, 10, 13, 10, 12, 11, 9]), 0)).toBeNull();
    // Earlier delays spread over 0–50 days: a recent median of 30 is inside that.
    expect(delayJump('c', 'x', events([0, 50, 5, 45, 10, 40, 0, 50, 30, 20, 45, 25, 40]), 0)).toBeNull();
    expect(delayJump('c', 'x', events([0, 0, 0, 60, 60, 60, 60, 60]), 0)).toBeNull();
  });
});

describe('billing drops', () => {
  const series = (values: number[]) => values.map((billedMinor, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, billedMinor }));

  it('flags a month 40% or more below the median of the six before', () => {
    const found = billingDrops('KES', series([100, 110, 95, 105, 100, 98, 40, 100]), '2026-01');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ month: '2026-07', billedMinor: 40, trailingMedianMinor: 100, monthsCompared: 6 });
    expect(found[0]!.changePct).toBe(-60);
    expect(found[0]!.reason).toMatch(/60% below the median of the 6 months before/);
  });

  it('does not flag ordinary variation or months with too little before them', () => {
    expect(billingDrops('KES', series([100, 120, 80, 110, 90, 105, 70, 95]), '2026-01')).toEqual([]);
    expect(billingDrops('KES', series([100, 100, 10]), '2026-01')).toEqual([]);
  });
});
