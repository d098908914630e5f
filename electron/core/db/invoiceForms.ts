// An invoice's bill-to and tax summary kept in fewer bytes (issue 17, smaller books). As JSON objects
// they repeat their keys on every invoice: 165 and 127 bytes on average in the 100,000-invoice book,
// about 28 MB of its 411. Stored as JSON arrays of the values in a fixed order they take about 60
// and 45, and SQL can still read them (json_each, ->>).
//   bill-to:     ["name","email","phone","taxId","street","city","postalCode","country",paymentTermsDays]
//   tax summary: [[taxRateBp,netMinor,taxMinor], …]
// A value is kept in that form only when it reads back as exactly the same JSON text, so the object
// form everything else knows (the sync protocol, the Cloud, older Billbooks) is what every reader
// gets: an invoice finalized before this form, pulled from an older computer, or written by hand
// stays as it was, and both forms read alike. Books store this form: it never changes.
import type { InvoiceCustomerRef } from '../../../shared/domain/invoice';
import type { TaxSummaryRow } from '../../../shared/totals';
import type { SqliteDatabase } from './open';

/** Who an invoice is made out to, as copied from the customer at finalize (invoices.bill_to). */
export type StoredBillTo = Omit<InvoiceCustomerRef, 'id' | 'code'>;

/** A text's JSON value, or undefined when it is not JSON. */
function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

type BillToValues = [string, string, string, string, string, string, string, string, number];

const billToOfValues = (v: BillToValues): StoredBillTo => ({
  name: v[0], email: v[1], phone: v[2], taxId: v[3],
  address: { street: v[4], city: v[5], postalCode: v[6], country: v[7] },
  paymentTermsDays: v[8],
});

/** The stored form of a bill-to's JSON text: the values' array when that reads back the same, else the text. */
export function storedBillTo(text: string): string {
  const parsed = jsonOf(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return text;
  const b = parsed as Partial<StoredBillTo>;
  const values = [b.name, b.email, b.phone, b.taxId, b.address?.street, b.address?.city, b.address?.postalCode, b.address?.country, b.paymentTermsDays];
  // Checked through the stored text, as it will be read: a field missing here is null there.
  const stored = JSON.stringify(values);
  return billToText(stored) === text ? stored : text;
}

/** A stored bill-to, however it is kept. */
export function billToOfStored(stored: string): StoredBillTo {
  const parsed = JSON.parse(stored) as unknown;
  return Array.isArray(parsed) ? billToOfValues(parsed as BillToValues) : (parsed as StoredBillTo);
}

/** A stored bill-to as the JSON text of its object, as it travels and as it was written. */
export function billToText(stored: string): string {
  return stored.startsWith('[') ? JSON.stringify(billToOfStored(stored)) : stored;
}

type TaxSummaryValues = [TaxSummaryRow['taxRateBp'], number, number];

/** The stored form of a tax summary's JSON text: arrays of the values when that reads back the same, else the text. */
export function storedTaxSummary(text: string): string {
  const parsed = jsonOf(text);
  if (!Array.isArray(parsed) || parsed.length === 0) return text;
  const rows = parsed as Partial<TaxSummaryRow>[];
  if (rows.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) return text;
  const stored = JSON.stringify(rows.map((r) => [r.taxRateBp, r.netMinor, r.taxMinor]));
  return taxSummaryText(stored) === text ? stored : text;
}

const taxSummaryRowOf = ([taxRateBp, netMinor, taxMinor]: TaxSummaryValues): TaxSummaryRow => ({ taxRateBp, netMinor, taxMinor });

/** A stored tax summary, however it is kept. */
export function taxSummaryOfStored(stored: string): TaxSummaryRow[] {
  const parsed = JSON.parse(stored) as unknown[];
  return parsed.map((r) => (Array.isArray(r) ? taxSummaryRowOf(r as TaxSummaryValues) : (r as TaxSummaryRow)));
}

/** A stored tax summary as the JSON text of its objects, as it travels and as it was written. */
export function taxSummaryText(stored: string): string {
  return stored.startsWith('[[') ? JSON.stringify(taxSummaryOfStored(stored)) : stored;
}

/**
 * SQL: a field of JSON `value` in either form, by its key in the object or its place in the array.
 * A field that is null (an exempt rate) reads as null in both: the object's path finds null, the array's nothing.
 */
const fieldOf = (value: string, key: string, place: number) => `coalesce(${value} ->> '$.${key}', ${value} ->> '$[${place}]')`;

const TAX_SUMMARY_PLACE = { taxRateBp: 0, netMinor: 1, taxMinor: 2 } as const;

/** SQL: one field of a tax summary's part (`t.value` of `json_each(tax_summary) t`), in either form. */
export const taxSummaryPart = (value: string, field: keyof typeof TAX_SUMMARY_PLACE) => fieldOf(value, field, TAX_SUMMARY_PLACE[field]);

const BILL_TO_PLACE = { name: 0, email: 1, phone: 2, taxId: 3 } as const;

/** SQL: one field of a stored bill-to (an invoices.bill_to column), in either form. */
export const billToPart = (column: string, field: keyof typeof BILL_TO_PLACE) => fieldOf(column, field, BILL_TO_PLACE[field]);

/** A text-to-text function for SQL: NULL (and any other value) passes through. */
export const onText = (convert: (text: string) => string) => (value: unknown) => (typeof value === 'string' ? convert(value) : (value as null));

/** `bill_to_text(stored)` and `tax_summary_text(stored)` in SQL: the object forms the sync protocol carries. */
export function registerInvoiceFormFunctions(db: SqliteDatabase): void {
  db.function('bill_to_text', { deterministic: true }, onText(billToText));
  db.function('tax_summary_text', { deterministic: true }, onText(taxSummaryText));
}
