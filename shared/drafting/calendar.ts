// Business-date arithmetic on YYYY-MM-DD strings, in UTC so that no time zone moves a due date.

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** Month names and the short forms people type, matched case-insensitively and followed by a non-letter. */
export const MONTH_SOURCE = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])';

/** 1..12 for a month name or short form, or null. */
export function monthNumber(word: string): number | null {
  const key = word.toLowerCase().slice(0, 3);
  const index = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(key);
  return index < 0 ? null : index + 1;
}

export const WEEKDAY_SOURCE = '(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)(?![a-z])';

/** 0 = Sunday .. 6 = Saturday, or null. */
export function weekdayNumber(word: string): number | null {
  const index = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(word.toLowerCase().slice(0, 3));
  return index < 0 ? null : index;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function splitDate(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = splitDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Same day n months on, held to the month's last day (31 Jan + 1 month = 28 or 29 Feb). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = splitDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** The last day of the month `monthsAhead` after the one `date` is in. */
export function endOfMonth(date: string, monthsAhead = 0): string {
  const { year, month } = splitDate(addMonths(`${date.slice(0, 8)}01`, monthsAhead));
  return formatDate(year, month, daysInMonth(year, month));
}

export function weekdayOf(date: string): number {
  const { year, month, day } = splitDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** "5 Dec" without a year: the first 5 Dec on or after today. `rolled` says it went into next year. */
export function nextOccurrence(month: number, day: number, today: string): { date: string | null; rolled: boolean } {
  const { year } = splitDate(today);
  for (const y of [year, year + 1, year + 2, year + 3, year + 4]) {
    if (!isRealDate(y, month, day)) continue;
    const date = formatDate(y, month, day);
    if (date >= today) return { date, rolled: y > year };
  }
  return { date: null, rolled: false };
}
