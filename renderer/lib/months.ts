// Month and week labels for charts and tables. Months arrive as YYYY-MM, days as YYYY-MM-DD.

const longMonth = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric' });
const shortMonth = new Intl.DateTimeFormat('en-GB', { month: 'short' });
const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

function monthDate(month: string): Date | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, 1) : null;
}

/** "2026-05" -> "May 2026". */
export function monthLabel(month: string): string {
  const d = monthDate(month);
  return d ? longMonth.format(d) : month;
}

/** "2026-05" -> "May ’26": short enough for 13 ticks on a half-width chart axis. */
export function monthTick(month: string): string {
  const d = monthDate(month);
  return d ? `${shortMonth.format(d)} ’${String(d.getFullYear()).slice(2)}` : month;
}

/** "2026-11-21" -> "21 Nov": a week's first day on an axis. */
export function dayTick(date: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00`) : null;
  return d ? dayMonth.format(d) : date;
}
