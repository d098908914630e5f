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

/** SQL: the text of a stored key `column` (the inverse of uuidKey). */
export function uuidText(column: string): string {
  const hex = (from: number, length: number) => `substr(lower(hex(${column})), ${from}, ${length})`;
  return `(CASE WHEN typeof(${column}) = 'blob' THEN ${hex(1, 8)} || '-' || ${hex(9, 4)} || '-' || ${hex(13, 4)} || '-' || ${hex(17, 4)} || '-' || ${hex(21, 12)} ELSE ${column} END)`;
}
