// The report builder's percentile arithmetic: amounts read back from SQLite's comma-joined text,
// and nearest-rank picks by quickselect, checked against a plain sort on lists with ties.
import { describe, expect, it } from 'vitest';
import { joinedAmounts, nearestRank, parseAmounts, percentilesOf } from '../../electron/core/analytics/reports/measures';

/** The nearest-rank values the slow, obvious way. */
const bySort = (amounts: number[], percents: number[]) => {
  const sorted = [...amounts].sort((a, b) => a - b);
  return percents.map((p) => sorted[nearestRank(p, sorted.length) - 1]);
};

describe('report percentiles', () => {
  it('reads whole amounts, negatives and the odd decimal as SQLite wrote them', () => {
    expect([...parseAmounts('300,100,100')]).toEqual([300, 100, 100]);
    expect([...parseAmounts('7')]).toEqual([7]);
    expect([...parseAmounts('-58000,0,116000')]).toEqual([-58_000, 0, 116_000]);
    expect([...parseAmounts('12.5,3')]).toEqual([12.5, 3]);
    // Past 15 digits the digit-by-digit read could round differently from Number: Number reads it.
    expect([...parseAmounts('1234567890123456,1')]).toEqual([1_234_567_890_123_456, 1]);
  });

  it('picks nearest ranks: one amount, two, ties, and lists in any order', () => {
    const percents = [50, 90, 1, 100];
    expect(percentilesOf(Float64Array.of(42), percents)).toEqual([42, 42, 42, 42]);
    expect(percentilesOf(Float64Array.of(400, 200), percents)).toEqual([200, 400, 200, 400]);
    expect(percentilesOf(Float64Array.of(100, 300, 100), percents)).toEqual([100, 300, 100, 300]);
    // A fixed sequence of pseudo-random lists (no clock, no Math.random): few distinct values make many ties.
    let seed = 17;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let n = 1; n <= 300; n += 7) {
      const amounts = Array.from({ length: n }, () => (next() % 25) * 100 - 500);
      expect(percentilesOf(Float64Array.from(amounts), percents)).toEqual(bySort(amounts, percents));
      const sorted = [...amounts].sort((a, b) => a - b);
      expect(percentilesOf(Float64Array.from(sorted), percents)).toEqual(bySort(amounts, percents));
      expect(percentilesOf(Float64Array.from(sorted.reverse()), percents)).toEqual(bySort(amounts, percents));
    }
  });

  it('measures several groups joined as one: the per-currency totals', () => {
    const joined = joinedAmounts([parseAmounts('100,100,300'), parseAmounts('580'), parseAmounts('200,400')]);
    expect([...joined].sort((a, b) => a - b)).toEqual([100, 100, 200, 300, 400, 580]);
    expect(percentilesOf(joined, [50, 90])).toEqual([200, 580]);
  });
});
