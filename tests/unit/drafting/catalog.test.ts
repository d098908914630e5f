// The offline parser with the business's catalog: an item named without a price takes the
// catalog's, offline, and says so; the sentence's own price wins, and one far from the catalog's
// is flagged; a unit or currency that does not fit, or two items that fit alike, fill nothing.
import { describe, expect, it } from 'vitest';
import { buildCatalogIndex, parseInvoicePrompt, type CatalogEntry } from '../../../shared/drafting';

const entry = (id: string, name: string, unit: string, priceMinor: number | null, taxRateBp: number | null = 1600, extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id, name, code: '', unit, priceMinor, currency: 'KES', taxRateBp, ...extra,
});
const ENTRIES = [
  entry('01', 'Cement', 'bag', 78_000, 1600, { code: 'CEM' }),
  entry('02', 'Delivery', '', 150_000, null),
  entry('03', 'Steel bar 12mm', 'piece', 95_000),
  entry('04', 'Steel bar 16mm', 'piece', 120_000),
  entry('05', 'Site visit', 'visit', null),
];
const catalog = buildCatalogIndex(ENTRIES);
const parse = (prompt: string, withCatalog = true) =>
  parseInvoicePrompt(prompt, { today: '2026-11-18', currency: 'KES', defaultTaxRateBp: 1600, ...(withCatalog ? { catalog } : {}) });
const lines = (p: ReturnType<typeof parse>) => p.lines.map(({ description, quantityMilli, unit, unitPriceMinor, priceFrom, taxRateBp, itemId }) => ({ description, quantityMilli, unit, unitPriceMinor, priceFrom, taxRateBp, itemId }));

describe('drafting with the catalog', () => {
  it('prices "10 bags of cement and delivery" from the catalog, offline, and says where the prices came from', () => {
    const p = parse('10 bags of cement and delivery');
    expect(lines(p)).toEqual([
      { description: 'Cement', quantityMilli: 10_000, unit: 'bags', unitPriceMinor: 78_000, priceFrom: 'catalog', taxRateBp: 1600, itemId: '01' },
      { description: 'Delivery', quantityMilli: 1000, unit: '', unitPriceMinor: 150_000, priceFrom: 'catalog', taxRateBp: null, itemId: '02' },
    ]);
    expect(p.notes).toEqual(["'Cement': KES 780 per bag, from the catalog", "'Delivery': KES 1,500 each, from the catalog"]);
    expect(p.warnings).toEqual([]);
    expect(p.confidence).toBe(1);
  });

  it('leaves the same sentence unpriced, and says so, without a catalog', () => {
    const p = parse('10 bags of cement and delivery', false);
    expect(p.lines.map((l) => [l.unitPriceMinor, l.priceFrom, l.itemId])).toEqual([[0, 'none', null], [0, 'none', null]]);
    expect(p.warnings).toEqual(["No price found for 'Cement' — check line 1", "No price found for 'Delivery' — check line 2"]);
    expect(p.notes).toEqual([]);
  });

  it('keeps the sentence’s own price, and flags one far from the catalog’s', () => {
    const own = parse('10 bags of cement at 800 each and delivery 1,500');
    expect(own.lines.map((l) => [l.unitPriceMinor, l.priceFrom, l.itemId])).toEqual([[80_000, 'sentence', '01'], [150_000, 'sentence', '02']]);
    expect(own.warnings).toEqual([]);
    const far = parse('10 bags of cement at 7,800 each and delivery');
    expect(far.lines[0]).toMatchObject({ unitPriceMinor: 780_000, priceFrom: 'sentence', uncertain: true });
    expect(far.warnings).toEqual(["'Cement' at KES 7,800 is far from its catalog price of KES 780 per bag — check line 1"]);
    expect(far.confidence).toBeLessThan(0.9);
  });

  it('checks a stated total against the catalog too: the sentence’s total is the price, the catalog’s a check', () => {
    const p = parse('20 bags of cement, total 31,200');
    expect(p.lines[0]).toMatchObject({ unitPriceMinor: 156_000, priceFrom: 'sentence', itemId: '01' });
    expect(p.warnings).toContain("'Cement' at KES 1,560 is far from its catalog price of KES 780 per bag — check line 1");
  });

  it('fills nothing when the unit, the currency or the item is in doubt, and says why', () => {
    const tonnes = parse('5 tonnes of cement');
    expect(tonnes.lines[0]).toMatchObject({ unitPriceMinor: 0, priceFrom: 'none', itemId: '01' });
    expect(tonnes.warnings[0]).toBe("'Cement' is priced per bag in the catalog, not per tonnes: add the price — check line 1");
    const dollars = parseInvoicePrompt('10 bags of cement', { today: '2026-11-18', currency: 'USD', defaultTaxRateBp: 1600, catalog });
    expect(dollars.lines[0]).toMatchObject({ unitPriceMinor: 0, itemId: '01' });
    expect(dollars.warnings[0]).toBe("The catalog price of 'Cement' is in KES, but this invoice is in USD: add the price — check line 1");
    const bars = parse('4 steel bars');
    expect(bars.lines[0]).toMatchObject({ unitPriceMinor: 0, itemId: null });
    expect(bars.warnings[0]).toBe("'Steel bars' could be 'Steel bar 12mm' or 'Steel bar 16mm' in the catalog; choose the item in the editor — check line 1");
    expect(parse('a site visit').lines[0]).toMatchObject({ itemId: '05', priceFrom: 'none', unitPriceMinor: 0 });
  });

  it('lets a stated VAT rate win over the catalog’s, and finds an item by its code', () => {
    const p = parse('10 x CEM and delivery plus 16% VAT');
    expect(p.lines.map((l) => [l.description, l.itemId, l.taxRateBp])).toEqual([['Cement', '01', 1600], ['Delivery', '02', 1600]]);
  });

  it('counts items whose size is in their name: "3 bamburi cement 50kg" is three bags, not 150 kg', () => {
    const sized = buildCatalogIndex([
      entry('21', 'Bamburi Cement 50kg', 'bag', 78_000), entry('22', 'Bamburi Cement 25kg', 'bag', 42_000), entry('23', 'Crown Paint 4L', 'tin', 250_000),
    ]);
    const read = (prompt: string) => parseInvoicePrompt(prompt, { today: '2026-11-18', currency: 'KES', defaultTaxRateBp: 1600, catalog: sized });
    for (const prompt of ['3 bamburi cement 50kg', '3 Bamburi cement 50 kg']) {
      const p = read(prompt);
      expect(p.lines.map((l) => [l.description, l.quantityMilli, l.unit, l.unitPriceMinor, l.itemId])).toEqual([['Bamburi Cement 50kg', 3000, 'bag', 78_000, '21']]);
      expect(p.warnings).toEqual([]);
    }
    expect(read('10 bags of bamburi cement 50kg').lines[0]).toMatchObject({ quantityMilli: 10_000, unit: 'bags', amountMinor: 780_000 });
    expect(read('2 crown paint 4l').lines[0]).toMatchObject({ description: 'Crown Paint 4L', quantityMilli: 2000, unitPriceMinor: 250_000 });
    // Without the size, two cements fit: nothing is filled, and the person is asked to choose.
    expect(read('100 kg of bamburi cement').warnings[0]).toMatch(/could be 'Bamburi Cement 25kg' or 'Bamburi Cement 50kg'/);
  });

  it('reads the same sentence the same way every time, a 20-line one included', () => {
    const sentence = Array.from({ length: 20 }, (_, i) => `${i + 1} bags of cement`).join('\n');
    expect(parse(sentence)).toEqual(parse(sentence));
    expect(parse(sentence).lines.every((l) => l.priceFrom === 'catalog')).toBe(true);
  });
});
