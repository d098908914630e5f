// Dates as eTIMS needs them: KRA's control-unit time printed day first, and working days for
// "still waiting after a working day".

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-18 10:15:02" -> "18 Nov 2026 10:15:02". */
export function printedDateTime(kra: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(kra);
  if (!m) return kra;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]} ${m[4]}`;
}

const NAIROBI_MS = 3 * 3600_000;
const DAY_MS = 86_400_000;

/** Saturday or Sunday in Nairobi (UTC+3 all year) at this instant. */
function weekend(ms: number): boolean {
  const day = new Date(ms + NAIROBI_MS).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The moment one working day after `from`: the same time on the next day that is not a Saturday or
 * a Sunday (public holidays are not known here). Something queued on Friday afternoon is late on
 * Monday afternoon, not on Saturday.
 */
export function oneWorkingDayAfter(from: string): number {
  let at = Date.parse(from) + DAY_MS;
  while (weekend(at)) at += DAY_MS;
  return at;
}

/** Whole working days between two instants (Mondays to Fridays only). */
export function workingDaysBetween(from: string, to: Date): number {
  let days = 0;
  for (let at = oneWorkingDayAfter(from); at <= to.getTime(); at = oneWorkingDayAfter(new Date(at).toISOString())) days += 1;
  return days;
}
