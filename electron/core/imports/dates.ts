// Dates as other tools export them: "2026-01-28", "2026-01-28 05:14:15", "28/01/2026",
// "01/28/2026", "28-Jan-2026", "Jan 28, 2026". Whether 03/04/2026 is March or April is decided
// once per file, from the dates that can only be read one way; when none can, the business's
// own order (day first in Kenya) is used.

export type DateOrder = 'dmy' | 'mdy';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T].*)?$/;
const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/;
const DAY_MONTH_NAME = /^(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s,-]+(\d{2}|\d{4})$/i;
const MONTH_NAME_DAY = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;

function valid(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCMonth() !== month - 1) return null;
  return at.toISOString().slice(0, 10);
}

const fullYear = (text: string) => (text.length === 2 ? 2000 + Number(text) : Number(text));

function monthOf(name: string): number | null {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i === -1 ? null : i + 1;
}

/** The order the file's numeric dates must be in, when any of them says; null when none does. */
export function dateOrderOf(values: Iterable<string>): DateOrder | null {
  for (const value of values) {
    const m = NUMERIC.exec(value.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) return 'dmy';
    if (Number(m[2]) > 12) return 'mdy';
  }
  return null;
}

/** A date cell as YYYY-MM-DD, or null when it is not a date that exists. */
export function readImportDate(text: string, order: DateOrder): string | null {
  const t = text.trim();
  let m = ISO.exec(t);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC.exec(t);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return order === 'dmy' ? valid(fullYear(m[3]!), b, a) : valid(fullYear(m[3]!), a, b);
  }
  m = DAY_MONTH_NAME.exec(t);
  if (m) {
    const month = monthOf(m[2]!);
    return month === null ? null : valid(fullYear(m[3]!), month, Number(m[1]));
  }
  m = MONTH_NAME_DAY.exec(t);
  if (m) {
    const month = monthOf(m[1]!);
    return month === null ? null : valid(Number(m[3]), month, Number(m[2]));
  }
  return null;
}
