// An invoice's bill-to and tax summary kept as arrays (db/invoiceForms.ts): smaller, and read back as
// exactly the JSON they were written as, in JS and in SQL; anything that would not come back the same
// is kept as it came.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import {
  billToOfStored, billToPart, billToText, registerInvoiceFormFunctions, storedBillTo, storedTaxSummary, taxSummaryOfStored, taxSummaryPart, taxSummaryText,
} from '../../electron/core/db/invoiceForms';

const billTo = (over: Record<string, unknown> = {}) => ({
  name: 'Mwangi & Sons "Duka" — Ltd ✓', email: 'pay@mwangi.co.ke', phone: '+254722000001', taxId: 'P051234567X',
  address: { street: 'Moi Avenue 12', city: 'Nairobi', postalCode: '00100', country: 'KE' }, paymentTermsDays: 30, ...over,
});
const summary = [
  { taxRateBp: 1600, netMinor: 13_520_000, taxMinor: 2_163_200 },
  { taxRateBp: null, netMinor: 44_616_000, taxMinor: 0 },
  { taxRateBp: 0, netMinor: 1, taxMinor: 0 },
  { taxRateBp: 800, netMinor: 9_007_199_254_740, taxMinor: 720_575_940_379 },
];

describe('stored bill-to', () => {
  it('keeps the values as an array that reads back as the same object and the same text', () => {
    for (const b of [billTo(), billTo({ name: 'Customer 409 Ltd', phone: '', taxId: '', address: { street: '', city: '', postalCode: '', country: 'KE' }, paymentTermsDays: 0 })]) {
      const text = JSON.stringify(b);
      const stored = storedBillTo(text);
      expect(stored.startsWith('[')).toBe(true);
      expect(stored.length).toBeLessThan(text.length - 60);
      expect(billToText(stored)).toBe(text);
      expect(billToOfStored(stored)).toEqual(b);
    }
  });

  it('keeps as it came what would not read back the same: another key order, a field more or less, not JSON', () => {
    const { email, ...rest } = billTo();
    const reordered = JSON.stringify({ email, ...rest });
    const more = JSON.stringify({ ...billTo(), branch: 'Westlands' });
    const fewer = JSON.stringify(rest);
    for (const text of [reordered, more, fewer, '{"name":"x"', '"a string"', 'null', '[]']) {
      expect(storedBillTo(text)).toBe(text);
      if (text.startsWith('{') && text.endsWith('}')) expect(billToText(storedBillTo(text))).toBe(text);
    }
    // Whatever is kept in the array form still reads back as the text it came as (a phone written as a number).
    const numberPhone = JSON.stringify(billTo({ phone: 722000001 }));
    expect(billToText(storedBillTo(numberPhone))).toBe(numberPhone);
    // Object texts (books written before this form) read as they are.
    expect(billToOfStored(more)).toEqual({ ...billTo(), branch: 'Westlands' });
  });
});

describe('stored tax summary', () => {
  it('keeps each rate as [rate, net, tax] and reads back the same text, exempt (null) included', () => {
    const text = JSON.stringify(summary);
    const stored = storedTaxSummary(text);
    expect(stored).toBe('[[1600,13520000,2163200],[null,44616000,0],[0,1,0],[800,9007199254740,720575940379]]');
    expect(taxSummaryText(stored)).toBe(text);
    expect(taxSummaryOfStored(stored)).toEqual(summary);
    expect(storedTaxSummary('[]')).toBe('[]');
    expect(taxSummaryOfStored('[]')).toEqual([]);
  });

  it('keeps as it came a summary with another key order, a missing or extra key, or not JSON', () => {
    for (const text of [
      '[{"netMinor":1,"taxRateBp":1600,"taxMinor":0}]', '[{"taxRateBp":1600,"netMinor":1}]', '[{"taxRateBp":1600,"netMinor":1,"taxMinor":0,"label":"B"}]',
      '[1600]', '[[1600,1,0]', '{}',
    ]) expect(storedTaxSummary(text)).toBe(text);
  });
});

describe('SQL reads both forms alike', () => {
  it('json_each over either summary, the bill-to fields, and the texts sync sends', () => {
    const db = new Database(':memory:');
    registerInvoiceFormFunctions(db);
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, bill_to TEXT, tax_summary TEXT)');
    const legacy = { b: JSON.stringify(billTo()), t: JSON.stringify(summary) };
    const compact = { b: storedBillTo(legacy.b), t: storedTaxSummary(legacy.t) };
    expect(compact.b).not.toBe(legacy.b);
    expect(compact.t).not.toBe(legacy.t);
    db.prepare('INSERT INTO invoices VALUES (1, ?, ?), (2, ?, ?)').run(legacy.b, legacy.t, compact.b, compact.t);
    const parts = (id: number) => db.prepare(
      `SELECT ${taxSummaryPart('t.value', 'taxRateBp')} AS rate, ${taxSummaryPart('t.value', 'netMinor')} AS net, ${taxSummaryPart('t.value', 'taxMinor')} AS tax
       FROM invoices i, json_each(i.tax_summary) t WHERE i.id = ? ORDER BY t.key`,
    ).all(id);
    expect(parts(1)).toEqual(summary.map((s) => ({ rate: s.taxRateBp, net: s.netMinor, tax: s.taxMinor })));
    expect(parts(2)).toEqual(parts(1));
    const fields = (id: number) => db.prepare(
      `SELECT ${billToPart('bill_to', 'name')} AS name, ${billToPart('bill_to', 'email')} AS email, ${billToPart('bill_to', 'phone')} AS phone,
         ${billToPart('bill_to', 'taxId')} AS taxId, bill_to_text(bill_to) AS billTo, tax_summary_text(tax_summary) AS taxSummary FROM invoices WHERE id = ?`,
    ).get(id);
    expect(fields(1)).toEqual({ name: billTo().name, email: billTo().email, phone: billTo().phone, taxId: billTo().taxId, billTo: legacy.b, taxSummary: legacy.t });
    expect(fields(2)).toEqual(fields(1));
  });
});
