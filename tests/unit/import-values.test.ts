// Values as other tools export them: amounts read exactly or not at all, dates in the file's own
// order, VAT rates in words, and the tool recognised by its header row.
import { describe, expect, it } from 'vitest';
import { readImportAmount } from '../../electron/core/imports/amount';
import { dateOrderOf, readImportDate } from '../../electron/core/imports/dates';
import { readTaxRate } from '../../electron/core/imports/taxRate';
import { proposeMapping, recognizeSource } from '../../electron/core/imports/sources';
import { CUSTOMER_SOURCES, CUSTOMER_SYNONYMS } from '../../electron/core/customers/import/sources';
import { IMPORT_FIELDS } from '../../shared/contract';

describe('amounts from exports', () => {
  it.each([
    ['0.000', 'KES', 0], ['150000.000', 'KES', 15_000_000], ['1,234.50', 'KES', 123_450], ['$1,200.00', 'USD', 120_000], ['KES 12 500', 'KES', 1_250_000],
    ['Ksh. 1,000', 'KES', 100_000], ['1.234,50', 'EUR', 123_450], ['12,5', 'KES', 1_250], ['1,00,000', 'KES', 10_000_000], ['(350.00)', 'KES', -35_000],
    ['$-142.85', 'USD', -14_285], ['3500000.00', 'UGX', 3_500_000], ['9.779999999999999', 'KES', 978], ['0.30000000000000004', 'USD', 30],
  ] as const)('reads %s in %s as %d minor units', (text, currency, minor) => {
    expect(readImportAmount(text, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    ['12.345', 'KES', 'not exact in KES (at most 2 decimals)'], ['1,500.5', 'UGX', 'not a whole amount in UGX'], ['1,23,4', 'KES', 'not an amount'],
    ['lots', 'KES', 'not an amount'], ['1.5.6', 'KES', 'not an amount'], ['100,000,000,000.01', 'KES', 'too large (one amount is at most 100 billion)'],
  ] as const)('refuses %s in %s: %s', (text, currency, reason) => {
    expect(readImportAmount(text, currency)).toEqual({ ok: false, reason });
  });
});

describe('dates from exports', () => {
  it('reads the forms tools write, and refuses days that do not exist', () => {
    expect(['2026-01-28', '2026-01-28 05:14:15', '2026/1/28', '28-Jan-2026', 'Jan 28, 2026', '28 January 2026'].map((d) => readImportDate(d, 'dmy'))).toEqual(Array(6).fill('2026-01-28'));
    expect(readImportDate('03/04/2026', 'dmy')).toBe('2026-04-03');
    expect(readImportDate('03/04/2026', 'mdy')).toBe('2026-03-04');
    expect(readImportDate('31/02/2026', 'dmy')).toBeNull();
    expect(readImportDate('soon', 'dmy')).toBeNull();
  });

  it('takes the order from the dates that can be read only one way, else none', () => {
    expect(dateOrderOf(['03/04/2026', '14/05/2026'])).toBe('dmy');
    expect(dateOrderOf(['03/04/2026', '05/14/2026'])).toBe('mdy');
    expect(dateOrderOf(['03/04/2026', '2026-05-14'])).toBeNull();
  });
});

describe('VAT rates from exports', () => {
  it.each([
    ['16', 1600], ['16.00', 1600], ['16%', 1600], ['Standard Rated (16%)', 1600], ['VAT 8%', 800], ['Zero Rated', 0], ['0', 0],
    ['Exempt', null], ['Tax Exempt (0%)', null], ['No', null], ['Non', null], ['Yes', 1600], ['Tax', 1600], ['12.5', 1250],
  ] as const)('reads %s as %s', (text, rateBp) => {
    expect(readTaxRate(text, 1600)).toEqual({ ok: true, rateBp });
  });

  it('refuses what is not a rate', () => {
    expect(readTaxRate('sometimes', 1600)).toEqual({ ok: false, reason: 'not a VAT rate (write it like 16%, 0% or Exempt)' });
    expect(readTaxRate('250%', 1600)).toEqual({ ok: false, reason: 'a rate is at most 100%' });
  });
});

describe('recognising the tool', () => {
  const headers = (line: string) => line.split(',');
  it('by its header row, whatever the case and punctuation', () => {
    expect(recognizeSource(headers('Display Name,Company Name,EmailID,Currency Code'), CUSTOMER_SOURCES)?.source).toBe('zoho');
    expect(recognizeSource(headers('DISPLAY NAME,email id,currency_code'), CUSTOMER_SOURCES)?.source).toBe('zoho');
    expect(recognizeSource(headers('*ContactName,EmailAddress,POAddressLine1'), CUSTOMER_SOURCES)?.source).toBe('xero');
    expect(recognizeSource(headers('Name,Email,Phone'), CUSTOMER_SOURCES)).toBeNull();
  });

  it('proposes the tool’s own columns, then the usual names for fields the tool does not have', () => {
    const mapping = proposeMapping(headers('Organization,First Name,Last Name,Email,Phone,Province/State,KRA PIN'), IMPORT_FIELDS, CUSTOMER_SYNONYMS, recognizeSource(headers('Organization,First Name,Last Name,Email,Phone,Province/State'), CUSTOMER_SOURCES));
    expect(mapping).toMatchObject({ name: 'Organization', firstName: 'First Name', region: 'Province/State', taxId: 'KRA PIN', company: null });
    // Without a tool, "Name" beats "Company" for the name wherever the columns are.
    expect(proposeMapping(headers('Company,Name'), IMPORT_FIELDS, CUSTOMER_SYNONYMS, null)).toMatchObject({ name: 'Name', company: 'Company' });
  });
});
