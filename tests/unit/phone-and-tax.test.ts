import { describe, expect, it } from 'vitest';
import { countryOfPhone, expandSpreadsheetNumber, normalizePhone, phoneMatchTerms, phoneQueryDigits, phoneSearchTokens } from '../../shared/domain/phone';
import { taxIdProblem, normalizeTaxId } from '../../shared/domain/taxId';
import { paymentTermsDaysOf } from '../../shared/domain/customer';
import { countryCodeOf } from '../../shared/domain/countries';
import { parseMoney, formatMoney } from '../../shared/money';

describe('phone numbers', () => {
  it.each([
    ['0722 123456', '+254722123456'],
    ['0722-123-456', '+254722123456'],
    ['+254 722 123 456', '+254722123456'],
    ['254722123456', '+254722123456'],
    ['722123456', '+254722123456'],
    ['2.54722123456E+11', '+254722123456'],
  ])('stores Kenyan %s as %s', (typed, e164) => {
    expect(normalizePhone(typed, 'KE')).toEqual({ ok: true, e164 });
  });

  it('reads a number in the customer’s own country', () => {
    expect(normalizePhone('0772 123456', 'UG')).toEqual({ ok: true, e164: '+256772123456' });
  });

  it('reads a number as its E.164 form again in any country, and names the country it belongs to', () => {
    const read = normalizePhone('0722 123456', 'KE');
    expect(read).toEqual({ ok: true, e164: '+254722123456' });
    expect(normalizePhone('+254722123456', 'UG')).toEqual(read);
    expect(countryOfPhone('+254722123456')).toBe('KE');
    expect(normalizePhone('(416) 555-0123', 'US')).toEqual({ ok: true, e164: '+14165550123' });
    expect(countryOfPhone('+14165550123')).toBe('CA');
    expect(countryOfPhone('+255754123456')).toBe('TZ');
  });

  it('refuses a spreadsheet-shortened number instead of inventing digits', () => {
    const result = normalizePhone('2.54722E+11', 'KE');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/last digits are lost/);
    expect(expandSpreadsheetNumber('2.54722E+11')).toMatchObject({ ok: false });
  });

  it.each(['12', 'call me', '0722 12345678901'])('refuses %s', (typed) => {
    expect(normalizePhone(typed, 'KE').ok).toBe(false);
  });

  it('indexes the first three digits as whole suffixes and the rest as runs of three, so any fragment is a prefix or a phrase of runs', () => {
    expect(phoneSearchTokens('+254722123456')).toEqual(['254722123456', '54722123456', '4722123456', '722', '221', '212', '123', '234', '345', '456']);
    // A number too short for heads longer than a run keeps every suffix.
    expect(phoneSearchTokens('+12345')).toEqual(['12345', '2345', '345']);
    expect(phoneMatchTerms('722')).toEqual({ prefix: '722', runs: null });
    expect(phoneMatchTerms('72212')).toEqual({ prefix: '72212', runs: '722 221 212' });
    // The national form's leading 0 is dropped from the query, so it meets the suffix above.
    expect(phoneQueryDigits('0722 12')).toBe('72212');
    expect(phoneQueryDigits('+254 722')).toBe('254722');
    expect(phoneQueryDigits('007')).toBe('007');
  });
});

describe('tax IDs', () => {
  it('accepts a KRA PIN for Kenya and normalizes case and spaces', () => {
    expect(normalizeTaxId(' p051 234567x ')).toBe('P051234567X');
    expect(taxIdProblem('P051234567X', 'KE')).toBeNull();
    expect(taxIdProblem('A123456789Z', 'KE')).toBeNull();
  });

  it.each(['X051234567X', 'P05123456X', 'P0512345678', '051234567X'])('refuses %s as a KRA PIN', (pin) => {
    expect(taxIdProblem(pin, 'KE')).toMatch(/KRA PIN/);
  });

  it('does not apply the KRA rule outside Kenya', () => {
    expect(taxIdProblem('1000123456', 'UG')).toBeNull();
  });
});

describe('payment terms, countries and money', () => {
  it.each([
    ['net_30', 30], ['Net 15', 15], ['7 days', 7], ['0', 0], ['due on receipt', 0], ['60', 60],
  ])('reads %s as %i days', (text, days) => {
    expect(paymentTermsDaysOf(text)).toBe(days);
  });
  it.each(['sometime', 'net 400', '-5'])('refuses %s', (text) => expect(paymentTermsDaysOf(text)).toBeNull());

  it('reads country names and codes', () => {
    expect(countryCodeOf('Kenya')).toBe('KE');
    expect(countryCodeOf('ug')).toBe('UG');
    expect(countryCodeOf('Narnia')).toBeNull();
  });

  it('parses typed amounts into integer minor units without floats', () => {
    expect(parseMoney('15,000', 'KES')).toBe(1_500_000);
    expect(parseMoney('250,000.50', 'KES')).toBe(25_000_050);
    expect(parseMoney('0.1', 'KES')).toBe(10);
    expect(parseMoney('25k', 'KES')).toBe(2_500_000);
    expect(parseMoney('1,500,000', 'UGX')).toBe(1_500_000);
    expect(parseMoney('1.005', 'KES')).toBeNull();
    expect(parseMoney('lots', 'KES')).toBeNull();
    expect(formatMoney(2_500_050, 'KES')).toBe('KES 25,000.50');
  });
});
