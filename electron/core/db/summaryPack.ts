// A history line's sentence (audit_log.summary, migration 22) kept in fewer bytes (issue 17, smaller
// books): "Payment PAY-2026-0014: KES 1,692,057.49 by bank to INV-2026-7384" is 64 bytes of text and
// 23 packed. The 100,000-invoice book has about 655,000 lines; their sentences were its largest column.
// Deflate needs too much setting up for a few dozen bytes (about 50 µs a line to read), so this is
// a fixed code read byte by byte:
//   0x01–0x1F  one of PHRASES, the app's most written words;
//   0x20–0x7E  that ASCII character;
//   0x80–0xE3  two digits, "00" to "99";
//   0xFF       followed by one character's UTF-8 bytes (anything not ASCII).
// 0x00 and 0xE4–0xFE are never codes (only inside a character's UTF-8 bytes): a later code would
// start its values with 0x00.
// A packed sentence is a BLOB, a plain one TEXT: a sentence with a control character (or one that
// would not come back the same) is kept as its text, so every line reads back exactly as written.
// Books store this form: PHRASES and the code never change.
import { isPrintableAscii } from '../../../shared/text';
import type { SqliteDatabase } from './open';

const PHRASES: readonly string[] = [
  'Payment PAY-', ': KES ', ' by mpesa', ' by bank', ' by cash', ' by card', ' to INV-', 'Invoice INV-', ' for KES ', 'Finalized as INV-', ', due ',
  'Draft created for ', 'Customer created as CUST-', ' Ltd', 'Customer ', ' reversed: ', 'Credit note CN-', ' of ', 'Changed ', ' voided: ', 'Refund ',
  'Quote ', 'Schedule "', ' imported from ', ' and ', ' paid', ' on ', ' as ', ' from ', 'Voided ', ' to ',
];
const PHRASE_BYTES = PHRASES.map((p) => Buffer.from(p, 'latin1'));
const CODE_OF = new Map(PHRASES.map((p, i) => [p, String.fromCharCode(i + 1)]));
// Longest first, so " to INV-" is one code rather than " to " and "INV-".
const PHRASE = new RegExp([...PHRASES].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\"]/g, '\\$&')).join('|'), 'g');
const DIGIT_PAIRS = 0x80;
const CHARACTER = 0xff;
// eslint-disable-next-line no-control-regex -- control characters are the phrase codes, so a sentence holding one stays text
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The packed form of a history sentence, or null when it is kept as its text. */
export function packSummary(text: string): Buffer | null {
  if (CONTROL.test(text)) return null;
  const coded = text.replace(PHRASE, (phrase) => CODE_OF.get(phrase)!);
  const out = Buffer.allocUnsafe(coded.length * 5);
  let n = 0;
  for (let i = 0; i < coded.length; i++) {
    const c = coded.charCodeAt(i);
    const next = coded.charCodeAt(i + 1);
    if (c >= 0x30 && c <= 0x39 && next >= 0x30 && next <= 0x39) {
      out[n++] = DIGIT_PAIRS + (c - 0x30) * 10 + (next - 0x30);
      i++;
    } else if (c < 0x80) {
      out[n++] = c;
    } else {
      const point = coded.codePointAt(i)!;
      if (point > 0xffff) i++;
      out[n++] = CHARACTER;
      n += out.write(String.fromCodePoint(point), n, 'utf8');
    }
  }
  const packed = Buffer.from(out.subarray(0, n));
  // Printable ASCII always comes back the same (each code above has one reading); only other text
  // is read back to check: a lone surrogate has no UTF-8 form, and such a sentence stays text.
  if (isPrintableAscii(text)) return packed;
  return unpackSummary(packed) === text ? packed : null;
}

export function unpackSummary(packed: Uint8Array): string {
  const out = Buffer.allocUnsafe(packed.length * 26);
  let n = 0;
  for (let i = 0; i < packed.length; i++) {
    const c = packed[i]!;
    if (c === 0 || (c > 0xe3 && c < CHARACTER)) throw new Error(`A history sentence packed with code ${c}, which this version of Billbook does not read`);
    if (c < 0x20) {
      n += PHRASE_BYTES[c - 1]!.copy(out, n);
    } else if (c < 0x80) {
      out[n++] = c;
    } else if (c < CHARACTER) {
      const pair = c - DIGIT_PAIRS;
      out[n++] = 0x30 + Math.floor(pair / 10);
      out[n++] = 0x30 + (pair % 10);
    } else {
      const lead = packed[i + 1]!;
      const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      for (let k = 1; k <= length; k++) out[n++] = packed[i + k]!;
      i += length;
    }
  }
  return out.toString('utf8', 0, n);
}

/** A history sentence as text, however it is kept (text, or packed); throws on a code this version does not read. */
export function summaryText(stored: unknown): string | null {
  return stored instanceof Uint8Array ? unpackSummary(stored) : (stored as string | null);
}

/**
 * `summary_text(stored)` in SQL: a history sentence as text, however it is kept; `summary_key(text)`:
 * the form to store. Registered on every connection the app opens, beside db/pack.ts's functions.
 */
export function registerSummaryFunctions(db: SqliteDatabase): void {
  db.function('summary_text', { deterministic: true }, summaryText);
  db.function('summary_key', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? (packSummary(text) ?? text) : (text as null)));
}
