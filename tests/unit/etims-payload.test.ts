// The sale sent to KRA adds up to the invoice, to the cent, for every mix of rates, discounts and
// VAT-inclusive or exclusive prices: each band's taxable amount and tax are computeTotals' figures
// at that rate, the request's totals are the invoice's, and the item lines add up to them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSaleRequest, saleProblems, type SaleDocument } from '../../electron/core/etims/payload';
import { taxBandOf } from '../../shared/domain/etims';
import { computeTotals, type TotalsInput } from '../../shared/totals';

const cents = (kra: unknown) => Math.round((kra as number) * 100);

const lineArb = fc.record({
  quantityMilli: fc.integer({ min: 1, max: 1_000_000 }),
  unitPriceMinor: fc.integer({ min: 0, max: 50_000_000 }),
  // KRA's bands: A exempt (null), B 16%, C 0%, E 8%.
  taxRateBp: fc.constantFrom<number | null>(1600, 800, 0, null),
  priceIncludesTax: fc.constantFrom<boolean | null>(null, null, true, false),
});
const discountArb = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('percent' as const), bp: fc.integer({ min: 0, max: 10_000 }) }),
  fc.record({ kind: fc.constant('amount' as const), minor: fc.integer({ min: 0, max: 50_000_000 }) }),
);
const invoiceArb: fc.Arbitrary<TotalsInput> = fc.record({ lines: fc.array(lineArb, { minLength: 1, maxLength: 12 }), pricesIncludeTax: fc.boolean(), discount: discountArb });

function saleOf(input: TotalsInput): SaleDocument {
  const totals = computeTotals(input);
  return {
    kind: 'invoice', number: 'INV-2026-0001', currency: 'KES', issueDate: '2026-11-21', confirmedAt: '2026-11-21T07:00:00.000Z',
    customer: { pin: '', name: 'Wanjiku Traders', phone: '', address: '' }, discount: input.discount,
    lines: input.lines.map((l, i) => ({
      description: `Line ${i + 1}`, quantityMilli: l.quantityMilli, unitPriceMinor: l.unitPriceMinor, taxRateBp: l.taxRateBp,
      priceIncludesTax: l.priceIncludesTax ?? input.pricesIncludeTax, ...totals.lines[i]!,
      item: { itemCode: 'KE3OUU0000001', classCode: '99010000', packagingUnit: 'OU', quantityUnit: 'U' },
    })),
    totalMinor: totals.totalMinor, taxMinor: totals.taxMinor, originalInvoiceNo: null, user: { id: 'billbook', name: 'Billbook' },
  };
}

describe('the sale request against computeTotals', () => {
  it('bands, totals and item lines equal the invoice’s figures to the cent, for every rate mix', () => {
    fc.assert(
      fc.property(invoiceArb, (input) => {
        const totals = computeTotals(input);
        const doc = saleOf(input);
        expect(saleProblems(doc)).toEqual([]);
        const request = buildSaleRequest(doc, 7);
        expect(cents(request.totAmt)).toBe(totals.totalMinor);
        expect(cents(request.totTaxAmt)).toBe(totals.taxMinor);
        expect(cents(request.totTaxblAmt)).toBe(totals.subtotalMinor - totals.discountMinor);
        for (const band of ['A', 'B', 'C', 'D', 'E'] as const) {
          const rows = totals.taxSummary.filter((r) => taxBandOf(r.taxRateBp) === band);
          expect(cents(request[`taxblAmt${band}`]), band).toBe(rows.reduce((a, r) => a + r.netMinor, 0));
          expect(cents(request[`taxAmt${band}`]), band).toBe(rows.reduce((a, r) => a + r.taxMinor, 0));
        }
        const items = request.itemList as { taxblAmt: number; taxAmt: number; totAmt: number; taxTyCd: string }[];
        expect(items.reduce((a, i) => a + cents(i.totAmt), 0)).toBe(totals.totalMinor);
        for (const item of items) expect(cents(item.taxblAmt) + cents(item.taxAmt)).toBe(cents(item.totAmt));
        expect(request.totItemCnt).toBe(input.lines.length);
      }),
      { numRuns: 500 },
    );
  });

  it('a rate KRA has no band for is a problem to fix, never a request', () => {
    fc.assert(
      fc.property(invoiceArb, fc.integer({ min: 1, max: 10_000 }).filter((bp) => ![1600, 800].includes(bp)), (input, odd) => {
        const doc = saleOf({ ...input, lines: [...input.lines, { quantityMilli: 1000, unitPriceMinor: 100, taxRateBp: odd }] });
        expect(saleProblems(doc).join(' ')).toMatch(/no tax band for VAT at/);
      }),
      { numRuns: 100 },
    );
  });
});
