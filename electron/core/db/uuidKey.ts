// A UUID as a 16-byte BLOB instead of its 36-character text (issue 17, smaller books): the history
// lines' sync ids (audit_log.sync_id, migration 18) are one per line, about 630,000 on a
// 100,000-invoice book, each in the table and again in its unique index.
//
// Only the canonical form (lowercase, dashed: what `uuid` makes here and on the Cloud) is stored as
// a BLOB, because only that form comes back from the BLOB as the same text. Any other id a
// computer sends is kept as its text, so every id reads back exactly as it came.
//
// Books store this form: the two expressions below never change.

const HEX = '[0-9a-f]';
const CANONICAL = [8, 4, 4, 4, 12].map((n) => HEX.repeat(n)).join('-');

/** SQL: the stored form of the UUID text `value` (a bound parameter or a column). */
export function uuidKey(value: string): string {
  return `(CASE WHEN ${value} GLOB '${CANONICAL}' THEN unhex(replace(${value}, '-', '')) ELSE ${value} END)`;
}

/** Where the canonical form's 32 hex digits are, and each lowercase hex digit's value (-1: not one). */
const DIGIT_AT = Array.from({ length: 36 }, (_, i) => i).filter((i) => ![8, 13, 18, 23].includes(i));
const DIGIT_VALUE = Int8Array.from({ length: 128 }, (_, c) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x61 + 10 : -1));
const digitValue = (value: string, at: number) => DIGIT_VALUE[value.charCodeAt(at)] ?? -1;

/**
 * uuidKey worked out in JS, for the history lines this computer writes (an import writes one per
 * customer, and SQL's GLOB of 32 character classes and unhex were a tenth of each line's insert):
 * the same 16 bytes for the canonical form, the text itself for anything else.
 */
export function storedUuid(value: string): Buffer | string {
  // SQL's GLOB and unhex read text only up to a NUL character: an id with one is judged by what is before it.
  const nul = value.indexOf('\u0000');
  const id = nul === -1 ? value : value.slice(0, nul);
  if (id.length !== 36 || id[8] !== '-' || id[13] !== '-' || id[18] !== '-' || id[23] !== '-') return value;
  const bytes = Buffer.allocUnsafe(16);
  for (let b = 0; b < 16; b++) {
    const high = digitValue(id, DIGIT_AT[2 * b]!);
    const low = digitValue(id, DIGIT_AT[2 * b + 1]!);
    if (high < 0 || low < 0) return value;
    bytes[b] = high * 16 + low;
  }
  return bytes;
}

/** SQL: the text of a stored key `column` (the inverse of uuidKey). */
export function uuidText(column: string): string {
  const hex = (from: number, length: number) => `substr(lower(hex(${column})), ${from}, ${length})`;
  return `(CASE WHEN typeof(${column}) = 'blob' THEN ${hex(1, 8)} || '-' || ${hex(9, 4)} || '-' || ${hex(13, 4)} || '-' || ${hex(17, 4)} || '-' || ${hex(21, 12)} ELSE ${column} END)`;
}

/**
 * SQL: what the index of history lines by sync id holds of a stored id `value` (migration 29): its
 * first 6 bytes and its last 2. In a UUIDv7 that is its time to the millisecond, so new lines go
 * at the index's end and it stays full, and 16 random bits: uuid's own v7 (the Cloud's ids, and
 * those migration 6 gave older lines) counts up inside a millisecond in the bytes after the time,
 * so those alone would not tell apart the lines made in one. A line is found by this, then by its
 * whole id. Books store this form: the expression never changes.
 */
export function historyIdKey(value: string): string {
  return `unhex(hex(substr(${value}, 1, 6)) || hex(substr(${value}, -2)))`;
}
