// Business dates as people in Kenya write them: day first. Fields show 18/11/2026, text reads
// "18 Nov 2026", and both sides store 2026-11-18. One reader for what is typed, one message when
// it is not a date.

export type DateReading = { ok: true; iso: string } | { ok: false; error: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** What a person is asked to type. */
export const DATE_FORMAT_HINT = 'day/month/year, like 30/11/2026';

const pad = (n: number) => String(n).padStart(2, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fromParts(day: number, month: number, year: number, typed: string): DateReading {
  if (month < 1 || month > 12) return { ok: false, error: `“${typed}” has no month ${month}: write the day first, then the month, like 30/11/2026` };
  if (year < 1900 || year > 2999) return { ok: false, error: `Use a year between 1900 and 2999 (“${typed}”)` };
  const last = daysIn(year, month);
  if (day < 1 || day > last) return { ok: false, error: `${typed} is not a date: ${MONTH_NAMES[month - 1]} ${year} has ${last} days` };
  return { ok: true, iso: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * Reads a typed date: 18/11/2026, 18-11-2026, 18.11.2026, 18/11/26, "18 Nov 2026", "18 November 2026",
 * or 2026-11-18 as stored. Day first always: 05/12/2026 is the 5th of December.
 */
export function readDate(text: string): DateReading {
  const t = text.trim();
  if (t === '') return { ok: false, error: `Enter a date as ${DATE_FORMAT_HINT}` };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return fromParts(Number(m[3]), Number(m[2]), Number(m[1]), t);
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return fromParts(Number(m[1]), Number(m[2]), year, t);
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase());
    if (month >= 0) return fromParts(Number(m[1]), month + 1, Number(m[3]), t);
  }
  return { ok: false, error: `“${t}” is not a date: enter it as ${DATE_FORMAT_HINT}` };
}

/** 2026-11-18 -> "18/11/2026", as a date field shows it; anything else as it is. */
export function dateFieldText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026-11-18 -> "18 Nov 2026": a date in a sentence, which no one can read month first. */
export function textDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${SHORT_MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : iso;
}
