// The draft editor's text -> integer parsing and its checks, without a browser.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeTotals } from '../../shared/totals';
import {
  addDays,
  checkDraft,
  emptyLine,
  liveTotals,
  newDraftValues,
  normalizeFieldErrors,
  parsePercent,
  parsePrice,
  parseQuantity,
  percentText,
  quantityText,
  type CustomerChoice,
  type DraftValues,
} from '../../renderer/screens/drafts/draftValues';

const customer: CustomerChoice = {
  id: '0192f000-0000-7000-8000-000000000001', code: 'CUST-0001', name: 'Wanjiku Traders', email: '',
  currency: 'KES', paymentTermsDays: 30, template: 'professional',
};

function draft(lines: { quantity: string; unitPrice: string; taxRate?: string; description?: string }[], extra: Partial<DraftValues> = {}): DraftValues {
  return {
    ...newDraftValues(customer),
    issueDate: '2026-11-21',
    lines: lines.map((l) => ({ ...emptyLine(), description: 'Work', taxRate: '1600', ...l })),
    ...extra,
  };
}

describe('parseQuantity', () => {
  it('reads decimals as thousandths without floats', () => {
    expect(parseQuantity('1.5')).toEqual({ ok: true, value: 1500 });
    expect(parseQuantity('0.001')).toEqual({ ok: true, value: 1 });
    expect(parseQuantity('.25')).toEqual({ ok: true, value: 250 });
    expect(parseQuantity('1,000')).toEqual({ ok: true, value: 1_000_000 });
    expect(parseQuantity(' 2 ')).toEqual({ ok: true, value: 2000 });
    // 0.1 × 1000 is 100.00000000000001 in floats; here it is exact.
    expect(parseQuantity('4.35')).toEqual({ ok: true, value: 4350 });
  });

  it('refuses what it cannot read exactly, with a reason', () => {
    expect(parseQuantity('1.0005')).toEqual({ ok: false, error: 'At most 3 decimals, like 1.125' });
    expect(parseQuantity('1,5')).toEqual({ ok: false, error: 'Use a point for decimals, like 1.5' });
    expect(parseQuantity('0')).toEqual({ ok: false, error: 'Quantity must be above zero' });
    // A minus is a number below zero, not "not a number": the message says what is wrong.
    for (const typed of ['-5', '−5', '- 2.5']) expect(parseQuantity(typed)).toEqual({ ok: false, error: 'Quantity must be above zero. To take something off, use a discount or a credit note.' });
    expect(parseQuantity('')).toMatchObject({ ok: false });
    expect(parseQuantity('two')).toMatchObject({ ok: false });
    expect(parseQuantity('-1')).toMatchObject({ ok: false });
    expect(parseQuantity('1000001')).toEqual({ ok: false, error: 'Quantity is too large' });
  });

  it('round-trips with quantityText', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), (milli) => {
        expect(parseQuantity(quantityText(milli))).toEqual({ ok: true, value: milli });
      }),
    );
  });
});

describe('parsePercent', () => {
  it('reads basis points', () => {
    expect(parsePercent('10')).toEqual({ ok: true, value: 1000 });
    expect(parsePercent('12.5%')).toEqual({ ok: true, value: 1250 });
    expect(parsePercent('0.01')).toEqual({ ok: true, value: 1 });
    expect(parsePercent('100')).toEqual({ ok: true, value: 10_000 });
    expect(parsePercent('100.01')).toMatchObject({ ok: false });
    expect(parsePercent('1.005')).toMatchObject({ ok: false });
    expect(percentText(1250)).toBe('12.5');
    expect(percentText(1000)).toBe('10');
  });
});

describe('parsePrice', () => {
  it('uses the currency’s minor digits', () => {
    expect(parsePrice('1,160.50', 'KES')).toEqual({ ok: true, value: 116_050 });
    expect(parsePrice('1,160.50', 'UGX')).toMatchObject({ ok: false });
    expect(parsePrice('', 'KES')).toMatchObject({ ok: false });
  });
});

describe('checkDraft', () => {
  it('names each bad input by its schema path', () => {
    const check = checkDraft(draft([{ quantity: '1.0005', unitPrice: 'abc' }, { quantity: '1', unitPrice: '10' }], { customer: null, followTerms: false, dueDate: '' }));
    expect(check.errors['lines.0.quantityMilli']).toBe('At most 3 decimals, like 1.125');
    expect(check.errors['lines.0.unitPriceMinor']).toMatch(/Enter an amount in KES/);
    expect(check.errors['lines.1.quantityMilli']).toBeUndefined();
    expect(check.errors.customerId).toBe('Choose a customer');
    expect(check.errors.dueDate).toBe('Pick a due date, or follow the payment terms');
  });

  it('sends dueDate null when following the terms, and the schema’s own checks apply', () => {
    const ok = checkDraft(draft([{ quantity: '2', unitPrice: '100' }]));
    expect(ok.errors).toEqual({});
    expect(ok.content.dueDate).toBeNull();
    expect(ok.content.lines?.[0]).toMatchObject({ quantityMilli: 2000, unitPriceMinor: 10_000, taxRateBp: 1600 });
    const early = checkDraft(draft([{ quantity: '1', unitPrice: '1' }], { followTerms: false, dueDate: '2026-11-01' }));
    expect(early.errors.dueDate).toBe('The due date is before the issue date');
    const tooMuch = checkDraft(draft([{ quantity: '1', unitPrice: '100' }], { discountKind: 'amount', discountValue: '200' }));
    expect(tooMuch.errors.discount).toBe('The discount is larger than the lines add up to');
  });
});

describe('liveTotals', () => {
  it('is computeTotals over the lines that parse, and names the others', () => {
    const values = draft(
      [
        { quantity: '1.5', unitPrice: '12,000', taxRate: '1600' },
        { quantity: 'x', unitPrice: '5' },
        { quantity: '2', unitPrice: '850', taxRate: 'exempt' },
      ],
      { pricesIncludeTax: true, discountKind: 'percent', discountValue: '10' },
    );
    const live = liveTotals(values, checkDraft(values));
    const expected = computeTotals({
      lines: [
        { quantityMilli: 1500, unitPriceMinor: 1_200_000, taxRateBp: 1600 },
        { quantityMilli: 2000, unitPriceMinor: 85_000, taxRateBp: null },
      ],
      pricesIncludeTax: true,
      discount: { kind: 'percent', bp: 1000 },
    });
    expect(live.totals).toEqual(expected);
    expect(live.uncounted).toEqual([2]);
    expect(live.lineAmounts).toEqual([1_800_000, null, 170_000]);
  });
});

describe('a line that says its own price includes VAT', () => {
  it('is kept in what is sent and in the live totals', () => {
    const values = draft([{ quantity: '1', unitPrice: '1,160' }, { quantity: '1', unitPrice: '1,000' }]);
    values.lines[0]!.priceIncludesTax = true;
    const check = checkDraft(values);
    expect(check.content.lines?.map((l) => l.priceIncludesTax)).toEqual([true, null]);
    const live = liveTotals(values, check);
    expect(live.totals).toEqual(computeTotals({
      lines: [
        { quantityMilli: 1000, unitPriceMinor: 116_000, taxRateBp: 1600, priceIncludesTax: true },
        { quantityMilli: 1000, unitPriceMinor: 100_000, taxRateBp: 1600, priceIncludesTax: null },
      ],
      pricesIncludeTax: false,
      discount: null,
    }));
    expect(live.totals?.taxMinor).toBe(16_000 + 16_000);
  });
});

describe('helpers', () => {
  it('adds days across months and leap years', () => {
    expect(addDays('2026-01-31', 30)).toBe('2026-03-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-13-01', 1)).toBeNull();
  });

  it('reads backend field keys with or without the draft. prefix', () => {
    expect(normalizeFieldErrors({ 'draft.lines.0.unitPriceMinor': 'a', 'discount.bp': 'b', dueDate: 'c' })).toEqual({
      'lines.0.unitPriceMinor': 'a', discount: 'b', dueDate: 'c',
    });
  });
});

describe('dates typed the Kenyan way', () => {
  it('reads day first, and says in those words what is wrong', async () => {
    const { readDate, dateFieldText } = await import('../../shared/dates');
    expect(readDate('05/12/2026')).toEqual({ ok: true, iso: '2026-12-05' });
    expect(readDate('5-12-26')).toEqual({ ok: true, iso: '2026-12-05' });
    expect(readDate('18 Nov 2026')).toEqual({ ok: true, iso: '2026-11-18' });
    expect(readDate('2026-11-18')).toEqual({ ok: true, iso: '2026-11-18' });
    expect(readDate('31/02/2026')).toEqual({ ok: false, error: '31/02/2026 is not a date: February 2026 has 28 days' });
    expect(readDate('12/31/2026')).toMatchObject({ ok: false, error: expect.stringMatching(/no month 31: write the day first/) });
    expect(readDate('tomorrow')).toMatchObject({ ok: false, error: expect.stringMatching(/enter it as day\/month\/year, like 30\/11\/2026/) });
    expect(dateFieldText('2026-12-05')).toBe('05/12/2026');
  });
});
