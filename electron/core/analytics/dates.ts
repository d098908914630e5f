// Calendar arithmetic on business dates (YYYY-MM-DD) and months (YYYY-MM), in UTC so that no
// machine time zone moves a day.
import { addDays } from '../clock';

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export { addDays };

export const monthOf = (date: string) => date.slice(0, 7);
export const firstDayOf = (month: string) => `${month}-01`;

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const at = new Date(Date.UTC(y!, m! - 1 + n, 1));
  return at.toISOString().slice(0, 7);
}

/** The same day n months away, clamped to that month's last day (31 Mar − 1 month = 28 Feb). */
export function shiftDate(date: string, months: number): string {
  const month = addMonths(monthOf(date), months);
  const last = lastDayOf(month);
  const day = `${month}-${date.slice(8, 10)}`;
  return day > last ? last : day;
}

/** Day number since the epoch: differences of these are whole days. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** Months from `first` to `last`, inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) months.push(m);
  return months;
}

export function formatDay(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

export function formatMonth(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** "Nov 2026", "1–21 Nov 2026", "1 Oct – 21 Nov 2026", "22 Nov 2025 – 21 Nov 2026". */
export function formatRange(from: string, to: string): string {
  if (from === to) return formatDay(from);
  const sameMonth = monthOf(from) === monthOf(to);
  if (sameMonth && from === firstDayOf(monthOf(from)) && to === lastDayOf(monthOf(to))) return formatMonth(monthOf(from));
  const [fd, fm, fy] = formatDay(from).split(' ');
  if (sameMonth) return `${fd}–${formatDay(to)}`;
  if (fy === to.slice(0, 4)) return `${fd} ${fm} – ${formatDay(to)}`;
  return `${formatDay(from)} – ${formatDay(to)}`;
}
