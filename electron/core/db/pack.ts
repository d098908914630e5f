// Long JSON kept small: the outbox's arguments and every saved draft version are JSON of a few
// hundred bytes to a few kilobytes whose keys repeat row after row. Deflated against a preset
// dictionary of those keys they take a fifth to a third of the space. A packed value is a BLOB in a
// column of its own beside the TEXT one (left ''), so rows written before packing read as they are.
//
// Format: one byte naming the dictionary, then raw deflate. A dictionary, once shipped, never
// changes (books packed with it must stay readable); a better one is added under the next number.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SqliteDatabase } from './open';

const DICTIONARIES: Record<number, Buffer> = {
  1: Buffer.from(
    [
      '{"id":"","code":"CUST-","fields":{"name":"","email":"","phone":"+254","secondaryEmail":"","secondaryPhone":"",',
      '"address":{"street":"","city":"Nairobi","postalCode":"","country":"KE"},"businessType":"","taxId":"","paymentTermsDays":30,',
      '"creditLimitMinor":0,"currency":"KES","status":"active","preferredPaymentMethod":null,"autoSendInvoices":false,"sendReminders":true,',
      '"aiPreferences":{"template":"professional","language":"en","includeTax":false},"notes":"","tags":[]}}',
      '{"id":"","number":"PAY-","customerId":"","amountMinor":,"paidOn":"","method":"mpesa","reference":"","notes":"","allocations":[{"invoiceId":"","amountMinor":}]}',
      '{"id":"","number":"INV-","dueDate":"","terms":"Net 30","template":"professional","billTo":{"name":"","email":"","phone":"","taxId":"",',
      '"address":{"street":"","city":"","postalCode":"","country":"KE"},"paymentTermsDays":30},"finalizedAt":"',
      '{"id":"","draft":{"customerId":"","issueDate":"","dueDate":null,"pricesIncludeTax":false,"discount":null,"lines":[',
      '{"description":"","quantityMilli":1000,"unit":"","unitPriceMinor":,"taxRateBp":1600,"priceIncludesTax":null,"itemId":null},',
      '{"description":"","quantityMilli":1000,"unit":"","unitPriceMinor":,"taxRateBp":null,"priceIncludesTax":null,"itemId":null}],',
      '"notes":"","terms":"","template":null,"currency":"KES"},"origin":{"source":"manual","prompt":null,"aiConfidence":null,"warnings":[]}}',
    ].join(''),
  ),
};
const CURRENT = 1;

/** Shorter than this, packing saves too little to be worth a BLOB. */
export const PACK_FROM_BYTES = 160;

// A small window (2 KB, the dictionary's size) and little memory: these values are a few hundred
// bytes, and packing is on every write, so setting up the compressor is most of its cost.
const OPTIONS = { level: 4, memLevel: 1, windowBits: 11 } as const;

/** The packed form of `text`, or null when it is short enough to store as it is. */
export function pack(text: string): Buffer | null {
  if (text.length < PACK_FROM_BYTES) return null;
  const body = deflateRawSync(Buffer.from(text, 'utf8'), { ...OPTIONS, dictionary: DICTIONARIES[CURRENT] });
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = CURRENT;
  body.copy(out, 1);
  return out;
}

export function unpack(packed: Uint8Array): string {
  const dictionary = DICTIONARIES[packed[0]!];
  if (!dictionary) throw new Error(`Packed with dictionary ${packed[0]}, which this version of Billbook does not have`);
  return inflateRawSync(packed.subarray(1), { windowBits: OPTIONS.windowBits, dictionary }).toString('utf8');
}

/** The TEXT and the BLOB column of one value, as an INSERT or UPDATE writes them. */
export function packedColumns(text: string): { text: string; packed: Buffer | null } {
  const packed = pack(text);
  return packed ? { text: '', packed } : { text, packed: null };
}

/**
 * `unpacked(text, packed)` in SQL: the packed value when there is one, else the text. Registered on
 * every connection the app opens, so queries read a packed column as if it were the plain one.
 */
export function registerPackFunctions(db: SqliteDatabase): void {
  db.function('unpacked', { deterministic: true }, (text: unknown, packed: unknown) =>
    packed instanceof Uint8Array ? unpack(packed) : (text as string | null),
  );
}
