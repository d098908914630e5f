import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInvoicePrompt, type ParseOptions, type ParsedPrompt } from '../../../shared/drafting';
import { lineAmountMinor } from '../../../shared/totals';
import { scoreCorpus } from './accuracy';
import { CORPUS, HOLDOUT, HOLDOUT_17 } from './corpus';

const KES: ParseOptions = { today: '2026-11-18', currency: 'KES', defaultTaxRateBp: 1600 };
const parse = (prompt: string, options: Partial<ParseOptions> = {}) => parseInvoicePrompt(prompt, { ...KES, ...options });

/** The fields of a line that the person sees. */
const lineFields = (p: ParsedPrompt) =>
  p.lines.map(({ description, quantityMilli, unit, unitPriceMinor, amountMinor, uncertain }) => ({ description, quantityMilli, unit, unitPriceMinor, amountMinor, uncertain }));

describe('the sentences from the issue', () => {
  it('3 months of web hosting at KES 15,000 per month', () => {
    const p = parse('3 months of web hosting at KES 15,000 per month');
    expect(lineFields(p)).toEqual([{ description: 'Web hosting', quantityMilli: 3000, unit: 'months', unitPriceMinor: 1_500_000, amountMinor: 4_500_000, uncertain: false }]);
    expect(p).toMatchObject({ currency: 'KES', currencyStated: true, taxRateBp: 1600, pricesIncludeTax: false, discount: null, dueDate: null, warnings: [], unparsed: [], confidence: 1 });
    expect(p.lines[0]!.source).toBe('3 months of web hosting at KES 15,000 per month');
  });

  it('Logo design 25k and 2 business card designs at 3,500 each', () => {
    const p = parse('Logo design 25k and 2 business card designs at 3,500 each');
    expect(lineFields(p)).toEqual([
      { description: 'Logo design', quantityMilli: 1000, unit: '', unitPriceMinor: 2_500_000, amountMinor: 2_500_000, uncertain: false },
      { description: 'Business card designs', quantityMilli: 2000, unit: '', unitPriceMinor: 350_000, amountMinor: 700_000, uncertain: false },
    ]);
    expect(p.lines.map((l) => l.source)).toEqual(['Logo design 25k', '2 business card designs at 3,500 each']);
    expect(p.warnings).toEqual([]);
    expect(p.confidence).toBe(1);
  });

  it('10 hours consulting @ 2,500/hr, plus 16% VAT: the VAT is a rate, not an item', () => {
    const p = parse('10 hours consulting @ 2,500/hr, plus 16% VAT', { defaultTaxRateBp: null });
    expect(lineFields(p)).toEqual([{ description: 'Consulting', quantityMilli: 10_000, unit: 'hours', unitPriceMinor: 250_000, amountMinor: 2_500_000, uncertain: false }]);
    expect(p.taxRateBp).toBe(1600);
    expect(p.pricesIncludeTax).toBe(false);
    expect(p.warnings).toEqual([]);
  });

  it('Website redesign - KES 120,000, 10% discount, due in 14 days', () => {
    const p = parse('Website redesign - KES 120,000, 10% discount, due in 14 days');
    expect(lineFields(p)).toEqual([{ description: 'Website redesign', quantityMilli: 1000, unit: '', unitPriceMinor: 12_000_000, amountMinor: 12_000_000, uncertain: false }]);
    expect(p.discount).toEqual({ kind: 'percent', bp: 1000 });
    expect(p.dueDate).toBe('2026-12-02');
    expect(p.confidence).toBe(1);
  });

  it('Monthly retainer for October: 50,000, with the nearest October', () => {
    const p = parse('Monthly retainer for October: 50,000');
    expect(lineFields(p)).toEqual([{ description: 'Monthly retainer', quantityMilli: 1000, unit: '', unitPriceMinor: 5_000_000, amountMinor: 5_000_000, uncertain: false }]);
    expect(p.periodLabel).toBe('October 2026');
    expect(p.currencyStated).toBe(false);
    expect(parse('Monthly retainer for October: 50,000', { today: '2027-01-10' }).periodLabel).toBe('October 2026');
    expect(parse('Monthly retainer for January: 50,000', { today: '2026-11-18' }).periodLabel).toBe('January 2027');
  });
});

describe('reading the way people write', () => {
  it('keeps "design and build" as one item when only one price is given', () => {
    const p = parse('Design and build of website at 50,000');
    expect(lineFields(p)).toEqual([{ description: 'Design and build of website', quantityMilli: 1000, unit: '', unitPriceMinor: 5_000_000, amountMinor: 5_000_000, uncertain: false }]);
  });

  it('reads number words, x-quantities, k and M', () => {
    expect(lineFields(parse('twelve chairs at 1,500 each'))[0]).toMatchObject({ quantityMilli: 12_000, unitPriceMinor: 150_000 });
    expect(lineFields(parse('a dozen mugs @ 300'))[0]).toMatchObject({ quantityMilli: 12_000, unitPriceMinor: 30_000 });
    expect(lineFields(parse('half a day consulting at 20,000 per day'))[0]).toMatchObject({ quantityMilli: 500, unit: 'days', amountMinor: 1_000_000 });
    expect(lineFields(parse('Poster design x3 @ 4,000'))[0]).toMatchObject({ quantityMilli: 3000, unitPriceMinor: 400_000 });
    expect(lineFields(parse('Posters 3x 4,000'))[0]).toMatchObject({ quantityMilli: 3000, unitPriceMinor: 400_000 });
    expect(lineFields(parse('Building works 1.2M'))[0]).toMatchObject({ unitPriceMinor: 120_000_000 });
    expect(lineFields(parse('Hosting 2.5k'))[0]).toMatchObject({ unitPriceMinor: 250_000 });
  });

  it('maps currency marks and counts minor units by the currency', () => {
    expect(parse('Cake 2,500/=').currency).toBe('KES');
    expect(parse('Transport Sh 500', { currency: 'UGX' }).currency).toBe('UGX');
    const ugx = parse('Tour guide UGX 150,000', { currency: 'UGX' });
    expect(ugx.lines[0]!.unitPriceMinor).toBe(150_000);
    expect(parse('Safari €1,200', { currency: 'EUR' }).lines[0]!.unitPriceMinor).toBe(120_000);
  });

  it('reads VAT words into a rate and whether prices include it', () => {
    expect(parse('Consulting 50,000 plus VAT', { defaultTaxRateBp: 800 })).toMatchObject({ taxRateBp: 800, pricesIncludeTax: false });
    expect(parse('Laptop 65,000 VAT inclusive')).toMatchObject({ taxRateBp: 1600, pricesIncludeTax: true });
    expect(parse('Books 3,000 VAT exempt').taxRateBp).toBeNull();
    expect(parse('Export services 200,000, zero-rated').taxRateBp).toBe(0);
    expect(parse('VAT return filing 5,000').lines[0]!.description).toBe('VAT return filing');
  });

  it('reads discounts and due dates counted from today', () => {
    expect(parse('Logo 30,000 less 5%').discount).toEqual({ kind: 'percent', bp: 500 });
    expect(parse('Logo 30,000, 2,000 off').discount).toEqual({ kind: 'amount', minor: 200_000 });
    expect(parse('Logo 30,000 net 30').dueDate).toBe('2026-12-18');
    expect(parse('Logo 30,000 due 30 Nov').dueDate).toBe('2026-11-30');
    expect(parse('Logo 30,000 due end of month').dueDate).toBe('2026-11-30');
    expect(parse('Logo 30,000 payable within 7 days').dueDate).toBe('2026-11-25');
  });

  it('hands back what it could not use', () => {
    const p = parse('Logo design 20k. M-Pesa till 123456');
    expect(p.unparsed).toEqual(['M-Pesa till 123456']);
    expect(p.confidence).toBeLessThan(1);
  });
});

describe('never letting a wrong amount pass silently', () => {
  it('flags a number that could be the price per hour or the total', () => {
    const p = parse('Design 5,000 and 10 hours consulting 25,000');
    expect(p.lines[1]!.uncertain).toBe(true);
    expect(p.warnings).toContain("Could not tell whether 25,000 is the price per hour or the total for 'Consulting' — check line 2");
    expect(p.confidence).toBeLessThan(1);
  });

  it('names both amounts when the stated total disagrees', () => {
    const p = parse('Photography 3 hrs @ 4,000 = 15,000');
    expect(p.statedTotalMinor).toBe(1_500_000);
    expect(p.warnings.some((w) => w.includes('KES 15,000.00') && w.includes('KES 13,920.00'))).toBe(true);
  });

  it('accepts a stated total that matches, before or after VAT', () => {
    expect(parse('10 hours consulting @ 2,250 = 22,500').warnings).toEqual([]);
    expect(parse('Consulting 2 days at 20,000 per day plus VAT, total 46,400').warnings).toEqual([]);
  });

  it('says when the sentence bills in another currency than the customer', () => {
    const p = parse('Hosting $120 per year');
    expect(p.currency).toBe('USD');
    expect(p.warnings).toContain('The sentence says USD but this customer is billed in KES');
  });

  it('gives a line without a price a zero price, uncertain, and says so', () => {
    const p = parse('Logo design');
    expect(lineFields(p)).toEqual([{ description: 'Logo design', quantityMilli: 1000, unit: '', unitPriceMinor: 0, amountMinor: 0, uncertain: true }]);
    expect(p.warnings).toContain("No price found for 'Logo design' — check line 1");
  });

  it('does not mistake a payment already made for a discount', () => {
    const p = parse('Website 120,000 less 10,000 deposit paid');
    expect(p.discount).toBeNull();
    expect(p.warnings.some((w) => w.includes('payment'))).toBe(true);
  });
});

describe('issue 17: what the parser did not use is never full confidence', () => {
  it('takes the count before a sized product as the quantity and keeps the size in the name', () => {
    expect(lineFields(parse('3 x 20kg bags of beans at 2,900'))).toEqual([
      { description: '20kg bags of beans', quantityMilli: 3000, unit: '', unitPriceMinor: 290_000, amountMinor: 870_000, uncertain: false },
    ]);
  });

  it('warns about a VAT word it could not read, and leaves confidence below 1', () => {
    const parsed = parse('Cleaning 8,000 less VAT');
    expect(parsed.warnings.some((w) => w.includes('less VAT') && w.includes('check the VAT'))).toBe(true);
    expect(parsed.confidence).toBeLessThan(1);
  });

  it('reads "VAT not included" as VAT on top, even for a customer whose prices include VAT', () => {
    const parsed = parse('Hosting 12,000 VAT not included', { defaultPricesIncludeTax: true });
    expect(parsed.pricesIncludeTax).toBe(false);
    expect(parsed.taxRateBp).toBe(1600);
  });

  it('lets a stated total settle whether a number is the price each or the total', () => {
    const parsed = parse('Bricks 300 pieces 45 total 13,500');
    expect(lineFields(parsed)[0]).toMatchObject({ quantityMilli: 300_000, unitPriceMinor: 4500, uncertain: false });
    expect(parsed.warnings).toEqual([]);
  });

  it('keeps a count the price is quoted per, and flags the product', () => {
    const parsed = parse('Lodging 3 rooms at 4,000 per room per night for 2 nights');
    expect(lineFields(parsed)[0]).toMatchObject({ quantityMilli: 6000, amountMinor: 2_400_000, uncertain: true });
  });

  it('flags numbers left beside a stated amount instead of dropping them quietly', () => {
    expect(parse('Bread 30 55 = 1,650').confidence).toBeLessThan(1);
  });
});

describe('properties', () => {
  const words = fc.constantFrom(
    'hosting', 'logo', 'design', 'consulting', 'and', ',', 'plus', 'VAT', '16%', 'x', '@', 'at', 'each', 'per', 'hour', 'hrs', 'month',
    'KES', 'Ksh', '$', '/=', 'k', 'M', 'due', 'in', '14', 'days', 'net', '30', 'discount', 'less', '10%', 'total', '=', 'for', 'October',
    'three', 'a', 'dozen', 'half', 'kg', 'km', '\n', ';', 'incl.', 'exempt', 'zero-rated', '2,500', '15,000', '0.5', '1.2M', '25k', 'x3', '3x',
    // Words that name properties of every object: a lookup table must not answer to them.
    'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '5constructor',
  );
  const sentence = fc.array(fc.oneof(words, fc.integer({ min: 0, max: 10_000_000 }).map(String)), { maxLength: 40 }).map((parts) => parts.join(' '));
  const anyText = fc.oneof(fc.string({ maxLength: 500 }), fc.string({ maxLength: 500, unit: 'binary' }), sentence);
  const optionsArb = fc.record({
    today: fc.constantFrom('2026-11-18', '2026-01-31', '2028-02-29', '2026-12-31'),
    currency: fc.constantFrom('KES', 'UGX', 'USD', 'EUR', 'TZS', 'RWF') as fc.Arbitrary<ParseOptions['currency']>,
    defaultTaxRateBp: fc.constantFrom<number | null>(1600, 800, 0, null),
  });

  it('never throws, and keeps every amount a whole non-negative number that adds up', () => {
    fc.assert(
      fc.property(anyText, optionsArb, (text, options) => {
        const p = parseInvoicePrompt(text, options);
        expect(p.confidence).toBeGreaterThanOrEqual(0);
        expect(p.confidence).toBeLessThanOrEqual(1);
        for (const line of p.lines) {
          expect(Number.isSafeInteger(line.unitPriceMinor) && line.unitPriceMinor >= 0).toBe(true);
          expect(Number.isSafeInteger(line.amountMinor) && line.amountMinor >= 0).toBe(true);
          expect(Number.isSafeInteger(line.quantityMilli) && line.quantityMilli >= 0).toBe(true);
          expect(line.amountMinor).toBe(lineAmountMinor(line.quantityMilli, line.unitPriceMinor));
          // A description is made of the sentence's own words, never of a lookup gone wrong.
          for (const junk of ['NaN', 'undefined', 'null', '[object']) if (!text.includes(junk)) expect(line.description).not.toContain(junk);
        }
        if (p.statedTotalMinor !== null) expect(Number.isSafeInteger(p.statedTotalMinor) && p.statedTotalMinor >= 0).toBe(true);
        if (p.dueDate !== null) expect(p.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        // Full confidence only when nothing was doubted, left over or warned about.
        if (p.confidence === 1) {
          expect(p.warnings).toEqual([]);
          expect(p.unparsed).toEqual([]);
          expect(p.lines.some((l) => l.uncertain)).toBe(false);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('gives the same result for the same sentence', () => {
    fc.assert(
      fc.property(anyText, optionsArb, (text, options) => {
        expect(parseInvoicePrompt(text, options)).toEqual(parseInvoicePrompt(text, options));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the corpus', () => {
  // Measured: 267/269 exact on CORPUS after issue 17 (244/244 before its cases were added) (the parser was tuned on it) and 33/40 on HOLDOUT (written
  // afterwards and not tuned to). The thresholds sit just under those, so a regression fails.
  it('reads the tuned corpus exactly, and never gets an amount wrong without saying so', () => {
    const score = scoreCorpus(CORPUS);
    expect(score.prompts).toBeGreaterThanOrEqual(160);
    expect(score.cases.filter((c) => c.silentWrongAmount).map((c) => c.prompt)).toEqual([]);
    expect(score.silentWrongAmounts).toBe(0);
    expect(score.ambiguousFlagged).toBe(score.ambiguousPrompts);
    expect(score.exactAccuracy).toBeGreaterThanOrEqual(0.98);
    expect(score.lineAccuracy).toBeGreaterThanOrEqual(0.98);
    expect(score.falseAlarms).toBeLessThanOrEqual(2);
  });

  it('holds up on the issue-17 holdout (written after the fixes, not tuned to): no silent wrong amount', () => {
    const score = scoreCorpus(HOLDOUT_17);
    expect(score.cases.filter((c) => c.silentWrongAmount).map((c) => c.prompt)).toEqual([]);
    expect(score.amountAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(score.exactAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('holds up on sentences it was not tuned to', () => {
    const score = scoreCorpus(HOLDOUT);
    expect(score.cases.filter((c) => c.silentWrongAmount).map((c) => c.prompt)).toEqual([]);
    expect(score.exactAccuracy).toBeGreaterThanOrEqual(0.8);
    expect(score.amountAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
