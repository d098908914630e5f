import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTotals, lineAmountMinor, spreadProportionally, taxRateLabel, type TotalsInput } from '../../shared/totals';

const rate = fc.oneof(fc.constantFrom<number | null>(1600, 800, 0, null), fc.integer({ min: 0, max: 10_000 }));
const lineArb = fc.record({
  quantityMilli: fc.integer({ min: 1, max: 1_000_000 }),
  unitPriceMinor: fc.integer({ min: 0, max: 100_000_000 }),
  taxRateBp: rate,
  priceIncludesTax: fc.constantFrom<boolean | null>(null, null, true, false),
});
const discountArb = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('percent' as const), bp: fc.integer({ min: 0, max: 10_000 }) }),
  fc.record({ kind: fc.constant('amount' as const), minor: fc.integer({ min: 0, max: 50_000_000 }) }),
);
const invoiceArb: fc.Arbitrary<TotalsInput> = fc.record({
  lines: fc.array(lineArb, { maxLength: 12 }),
  pricesIncludeTax: fc.boolean(),
  discount: discountArb,
});

const isWholeNonNegative = (n: number) => Number.isSafeInteger(n) && n >= 0;

describe('totals', () => {
  it('subtotal − discount + tax = total, for any lines', () => {
    fc.assert(
      fc.property(invoiceArb, (input) => {
        const t = computeTotals(input);
        expect(t.subtotalMinor - t.discountMinor + t.taxMinor).toBe(t.totalMinor);
        expect(t.taxSummary.reduce((a, r) => a + r.taxMinor, 0)).toBe(t.taxMinor);
        expect(t.taxSummary.reduce((a, r) => a + r.netMinor, 0)).toBe(t.subtotalMinor - t.discountMinor);
      }),
      { numRuns: 2000 },
    );
  });

  it('never makes an amount fractional or negative', () => {
    fc.assert(
      fc.property(invoiceArb, (input) => {
        const t = computeTotals(input);
        for (const n of [t.subtotalMinor, t.discountMinor, t.taxMinor, t.totalMinor, t.discountShownMinor]) expect(isWholeNonNegative(n)).toBe(true);
        for (const l of t.lines) {
          for (const n of [l.amountMinor, l.discountMinor, l.netMinor, l.taxMinor]) expect(isWholeNonNegative(n)).toBe(true);
          expect(l.discountMinor).toBeLessThanOrEqual(l.amountMinor);
        }
        for (const r of t.taxSummary) expect(isWholeNonNegative(r.netMinor) && isWholeNonNegative(r.taxMinor)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('with prices including tax, the customer pays exactly the prices typed', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 12 }), (lines) => {
        const inclusive = lines.map((l) => ({ ...l, priceIncludesTax: null }));
        const t = computeTotals({ lines: inclusive, pricesIncludeTax: true, discount: null });
        expect(t.totalMinor).toBe(lines.reduce((a, l) => a + lineAmountMinor(l.quantityMilli, l.unitPriceMinor), 0));
        t.lines.forEach((l) => expect(l.netMinor + l.taxMinor).toBe(l.amountMinor));
      }),
      { numRuns: 2000 },
    );
  });

  it('a line marked VAT-inclusive comes back to its price on an otherwise exclusive invoice', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 12 }), (lines) => {
        const t = computeTotals({ lines, pricesIncludeTax: false, discount: null });
        lines.forEach((line, i) => {
          const l = t.lines[i]!;
          if (line.priceIncludesTax === true) expect(l.netMinor + l.taxMinor).toBe(l.amountMinor);
          else expect(l.netMinor).toBe(l.amountMinor);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('the discount shown is spread over the lines to the unit', () => {
    fc.assert(
      fc.property(invoiceArb, (input) => {
        const t = computeTotals(input);
        expect(t.lines.reduce((a, l) => a + l.discountMinor, 0)).toBe(t.discountShownMinor);
        const anyInclusive = input.lines.some((l) => l.priceIncludesTax ?? input.pricesIncludeTax);
        if (!anyInclusive) expect(t.discountMinor).toBe(t.discountShownMinor);
      }),
      { numRuns: 1000 },
    );
  });

  it('spreads any amount in proportion, adding up exactly and never beyond a weight', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), (weights, f) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        const total = Math.floor(sum * f);
        const shares = spreadProportionally(total, weights);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(sum === 0 ? 0 : total);
        shares.forEach((s, i) => expect(s).toBeLessThanOrEqual(weights[i]!));
      }),
    );
  });

  it('matches a Kenyan invoice worked by hand', () => {
    // 3 months hosting at 15,000 + VAT 16%; 2 card designs at 3,500 VAT-exempt; 10% discount.
    const t = computeTotals({
      pricesIncludeTax: false,
      discount: { kind: 'percent', bp: 1000 },
      lines: [
        { quantityMilli: 3000, unitPriceMinor: 1_500_000, taxRateBp: 1600 },
        { quantityMilli: 2000, unitPriceMinor: 350_000, taxRateBp: null },
      ],
    });
    expect(t).toMatchObject({ subtotalMinor: 5_200_000, discountMinor: 520_000, taxMinor: 648_000, totalMinor: 5_328_000 });
    expect(t.taxSummary).toEqual([
      { taxRateBp: 1600, netMinor: 4_050_000, taxMinor: 648_000 },
      { taxRateBp: null, netMinor: 630_000, taxMinor: 0 },
    ]);
  });

  it('takes VAT out of an inclusive price, rounding half up per line', () => {
    // 1,160.00 incl. 16% = 1,000.00 + 160.00; 0.05 incl. 16% carries 0.0069 tax, which rounds to 0.01.
    const t = computeTotals({
      pricesIncludeTax: true,
      discount: null,
      lines: [{ quantityMilli: 1000, unitPriceMinor: 116_000, taxRateBp: 1600 }, { quantityMilli: 1000, unitPriceMinor: 5, taxRateBp: 1600 }],
    });
    expect(t.lines.map((l) => [l.netMinor, l.taxMinor])).toEqual([[100_000, 16_000], [4, 1]]);
    expect(t.totalMinor).toBe(116_005);
    // 1.5 hours at 333.33 = 499.995, which rounds half up to 500.00.
    expect(lineAmountMinor(1500, 33_333)).toBe(50_000);
  });

  it('labels rates as people say them', () => {
    expect([1600, 800, 0, null, 1250].map(taxRateLabel)).toEqual(['16%', '8%', '0%', 'Exempt', '12.5%']);
  });
});
