// A history line's time (audit_log.at, migration 22) as whole milliseconds since 1970, an INTEGER
// of 6 bytes, instead of its 24-character ISO text (issue 17, smaller books): the 100,000-invoice
// book has over 600,000 lines.
//
// Only text in the form toISOString writes (2026-10-15T09:00:00.000Z) that comes back from the
// integer as the same text is stored so; any other value a computer sends is kept as the text
// the column took before, so every line reads back exactly as it did. Books store this form: the expressions never change.

const ISO = `'%Y-%m-%dT%H:%M:%fZ'`;

/** SQL: the text of a stored time `column` (the inverse of instantKey). */
export function instantText(column: string): string {
  return `(CASE WHEN typeof(${column}) = 'integer' THEN strftime(${ISO}, ${column} / 1000.0, 'unixepoch') ELSE ${column} END)`;
}

/** SQL: the stored form of the ISO time `value` (a bound parameter or a column). */
export function instantKey(value: string): string {
  const ms = `CAST(round(unixepoch(${value}, 'subsec') * 1000) AS INTEGER)`;
  return `(CASE WHEN typeof(${value}) = 'text' AND ${instantText(ms)} IS ${value} THEN ${ms} ELSE CAST(${value} AS TEXT) END)`;
}

const ISO_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * instantKey worked out in JS, for the history lines this computer writes (one per customer in an
 * import: the SQL expression's three date functions per line were a tenth of a large import).
 * SQLite keeps a time as whole milliseconds, so strftime gives back the text of any time in years
 * 0000 to 9999 (tests/unit/stored-instant.test.ts); anything else is kept as its text.
 */
export function storedInstant(iso: string): bigint | string {
  // A bulk write stamps many lines in the same millisecond: the last one is kept.
  if (iso === lastInstant.iso) return lastInstant.stored;
  let stored: bigint | string = iso;
  if (ISO_FORM.test(iso)) {
    const ms = Date.parse(iso);
    // A bigint: better-sqlite3 binds a JS number as REAL, which instantText would not read as a time.
    if (new Date(ms).toISOString() === iso) stored = BigInt(ms);
  }
  lastInstant = { iso, stored };
  return stored;
}

let lastInstant: { iso: string; stored: bigint | string } = { iso: '', stored: '' };
