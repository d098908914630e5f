// The import reads plainly good rows without zod (quickCustomerFields); whatever it accepts must be
// exactly what customerInputSchema gives, key order included (the audit row stores the fields as
// JSON), and whatever the schema refuses it must leave to the schema, which gives the messages.
import { describe, expect, it } from 'vitest';
import { customerInputSchema, quickCustomerFields, type CustomerInput } from '../../shared/domain/customer';
import { newCustomerBase } from '../../electron/core/customers/import/rows';

const base = newCustomerBase('KE', 'KES', 30);
const row = (over: Partial<CustomerInput>, address: Partial<NonNullable<CustomerInput['address']>> = {}): CustomerInput => ({
  ...base, ...over, address: { ...base.address, ...address }, aiPreferences: {},
});

const accepted: [string, CustomerInput][] = [
  ['a bare name', row({ name: '  Wanjiku Stores ' })],
  ['the usual import row', row({ name: 'Amani Traders 12', email: ' Amani.Otieno12@Example3.co.ke', phone: '+254712345678', taxId: 'p 051-234567x', status: 'inactive', tags: ['Wholesale', ' retail', 'wholesale'], paymentTermsDays: 15 }, { city: 'Nairobi, Nairobi County' })],
  ['a national phone and a second one', row({ name: 'Juma', phone: '0722 123 456', secondaryPhone: '0733123456', secondaryEmail: 'b@x.co' })],
  ['another country by name', row({ name: 'Kampala Ltd', phone: '+256 772 123456', currency: 'UGX', taxId: '1000123456' }, { country: 'Uganda' })],
  ['a country code in lower case', row({ name: 'Dar Co', creditLimitMinor: 5_000_000 }, { country: 'tz' })],
  ['every optional field', row({ name: 'Full', businessType: 'Retail', notes: 'Line one\nLine two\tTabbed', preferredPaymentMethod: 'mpesa', autoSendInvoices: true, sendReminders: false, aiPreferences: { template: 'simple', language: 'sw', includeTax: true } }, { street: 'Moi Avenue 1', postalCode: '00100' })],
  ['a stored customer as an update base', { ...row({ name: 'Stored', preferredPaymentMethod: null, aiPreferences: { template: 'detailed', language: 'en', includeTax: false } }), creditLimitMinor: 0 }],
  ['limits exactly', row({ name: 'N'.repeat(200), tags: Array.from({ length: 30 }, (_, i) => `t${i}`.padEnd(40, 'x')), paymentTermsDays: 365, notes: 'n'.repeat(5000) })],
];

const refused: [string, CustomerInput][] = [
  ['no name', row({ name: '   ' })],
  ['a name too long', row({ name: 'N'.repeat(201) })],
  ['a name with a line break', row({ name: 'Two\nLines' })],
  ['a name with a direction control', row({ name: 'Evil\u202Ename' })],
  ['a bad email', row({ name: 'A', email: 'not-an-email' })],
  ['a bad second email', row({ name: 'A', secondaryEmail: 'x@' })],
  ['a phone that is not one', row({ name: 'A', phone: '12' })],
  ['a phone with a tab', row({ name: 'A', phone: '0722\t123456' })],
  ['a KRA PIN of the wrong shape', row({ name: 'A', taxId: 'P12' })],
  ['an unknown country', row({ name: 'A' }, { country: 'Atlantis' })],
  ['a street too long', row({ name: 'A' }, { street: 's'.repeat(201) })],
  ['a postal code too long', row({ name: 'A' }, { postalCode: '1'.repeat(21) })],
  ['terms of a year and a day', row({ name: 'A', paymentTermsDays: 366 })],
  ['part days', row({ name: 'A', paymentTermsDays: 1.5 })],
  ['a negative credit limit', row({ name: 'A', creditLimitMinor: -1 })],
  ['a credit limit that is not a number', row({ name: 'A', creditLimitMinor: Number.NaN })],
  ['an unknown currency', row({ name: 'A', currency: 'XYZ' as 'KES' })],
  ['an unknown status', row({ name: 'A', status: 'gone' as 'active' })],
  ['an unknown payment method', row({ name: 'A', preferredPaymentMethod: 'cheque' as 'cash' })],
  ['too many tags', row({ name: 'A', tags: Array.from({ length: 31 }, (_, i) => `t${i}`) })],
  ['an empty tag', row({ name: 'A', tags: ['ok', '  '] })],
  ['a tag too long', row({ name: 'A', tags: ['t'.repeat(41)] })],
  ['notes too long', row({ name: 'A', notes: 'n'.repeat(5001) })],
  ['notes with a control character', row({ name: 'A', notes: 'bell\u0007' })],
];

describe('reading an import row without zod', () => {
  it.each(accepted)('gives exactly what the schema gives for %s', (_, input) => {
    const parsed = customerInputSchema.safeParse(input);
    expect(parsed.success).toBe(true);
    const quick = quickCustomerFields(input);
    expect(quick).not.toBeNull();
    expect(JSON.stringify(quick)).toBe(JSON.stringify(parsed.data));
  });

  it.each(refused)('leaves %s to the schema, which refuses it', (_, input) => {
    expect(customerInputSchema.safeParse(input).success).toBe(false);
    expect(quickCustomerFields(input)).toBeNull();
  });
});
