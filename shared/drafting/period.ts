// The billing period a sentence names: "for October", "for the month of Oct 2026", "October retainer".
// Without a year, the October nearest to today (a retainer for last month, or the one coming up).
import { MONTH_NAMES, MONTH_SOURCE, monthNumber, splitDate } from './calendar';
import { eachMatch, overlaps, type ClauseResult, type Span } from './clause';

const FULL_MONTH = '(?:january|february|march|april|june|july|august|september|october|november|december)(?![a-z])';
const BILLED_THINGS = '(?:retainer|rent|subscription|hosting|support|fees?|salary|salaries|services?|maintenance|invoice|billing|charges?|payroll|bookkeeping|cleaning|security|internet|airtime|tuition|lessons|stipend|allowance|commission)';

const PATTERNS: RegExp[] = [
  new RegExp(`\\b(?:for|of|in|during)\\s+(?:the\\s+)?(?:month\\s+of\\s+)?(${MONTH_SOURCE})\\.?(?:\\s*,?\\s*(\\d{4}))?(?![\\d])`, 'gi'),
  new RegExp(`\\b(${MONTH_SOURCE})\\.?\\s+(\\d{4})\\b`, 'gi'),
  new RegExp(`\\b(${FULL_MONTH})(?=\\s+${BILLED_THINGS}\\b)()`, 'gi'),
];

/** The year that puts `month` nearest to today; on a tie, the earlier one (periods are mostly billed after). */
function nearestYear(month: number, today: string): number {
  const { year, month: now } = splitDate(today);
  let best = year;
  let bestDistance = Infinity;
  for (const y of [year - 1, year, year + 1]) {
    const distance = Math.abs((y * 12 + month) - (year * 12 + now));
    if (distance < bestDistance) {
      best = y;
      bestDistance = distance;
    }
  }
  return best;
}

export function readPeriod(working: string, today: string): ClauseResult<string | null> {
  const found: { label: string; span: Span }[] = [];
  for (const pattern of PATTERNS) {
    eachMatch(pattern, working, (m) => {
      const span = { start: m.index, end: m.index + m[0].length };
      if (overlaps(found.map((f) => f.span), span.start, span.end)) return;
      const month = monthNumber(m[1]!)!;
      const year = m[2] ? Number(m[2]) : nearestYear(month, today);
      found.push({ label: `${MONTH_NAMES[month - 1]} ${year}`, span });
    });
  }
  const labels = new Set(found.map((f) => f.label));
  // Two different months ("for Nov and Dec") may be a count of months: leave them all to the items.
  let others = working;
  for (const f of found) others = others.slice(0, f.span.start) + ' '.repeat(f.span.end - f.span.start) + others.slice(f.span.end);
  const otherMonth = new RegExp(`\\b(?:${FULL_MONTH}|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?(?![a-z]))`, 'i').test(others);
  if (labels.size !== 1 || otherMonth) return { value: null, used: [], unread: [], warnings: [] };
  return { value: found[0]!.label, used: found.map((f) => f.span), unread: [], warnings: [] };
}
