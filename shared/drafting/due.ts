// Due dates as invoices word them: "due in 14 days", "net 30", "payable within 7 days", "due 30 Nov",
// "due on 2026-12-05", "due end of month", "due on receipt". Counted from options.today.
import { addDays, addMonths, endOfMonth, formatDate, isRealDate, MONTH_SOURCE, monthNumber, nextOccurrence, splitDate, WEEKDAY_SOURCE, weekdayNumber, weekdayOf } from './calendar';
import { eachMatch, type ClauseResult, type Span } from './clause';
import { blank, tidy } from './text';

const COUNT = '(\\d{1,3}|a|an|one)';
const PERIOD = '(days?|dys|weeks?|wks?|months?|mths?|fortnights?)';
const LEAD = '(?:(?:the\\s+|full\\s+|final\\s+)?(?:payment|balance|invoice|amount)\\s+(?:is\\s+|to\\s+be\\s+|shall\\s+be\\s+)?|to\\s+be\\s+|kindly\\s+|please\\s+)?';
const DUE_WORD = '(?:due|payable|pay|paid|payment|settled?|settlement)';

const DATE_SOURCE = [
  '\\d{4}-\\d{1,2}-\\d{1,2}',
  '\\d{1,2}[/.]\\d{1,2}(?:[/.]\\d{2,4})?(?![\\d])',
  '\\d{1,2}-\\d{1,2}-\\d{2,4}',
  `\\d{1,2}(?:st|nd|rd|th)?\\s*(?:of\\s+)?${MONTH_SOURCE}\\.?(?:,?\\s*\\d{4})?`,
  `${MONTH_SOURCE}\\.?\\s*\\d{1,2}(?:st|nd|rd|th)?(?![\\d,])(?:,?\\s*\\d{4})?`,
  '(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)(?![a-z])',
].join('|');

interface Reading {
  date: string | null;
  /** Why it could not be read, in words. */
  problem?: string;
  /** A date without a year that fell into next year. */
  rolled?: boolean;
}

/** Reads one of DATE_SOURCE's shapes. Numeric dates are day first, as in Kenya, unless that is impossible. */
function readDate(text: string, today: string): Reading {
  const t = text.trim().toLowerCase().replace(/^the\s+/, '');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return exact(Number(m[1]), Number(m[2]), Number(m[3]), text);
  m = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?$/.exec(t);
  if (m) {
    let day = Number(m[1]);
    let month = Number(m[2]);
    if (month > 12 && day <= 12) [day, month] = [month, day];
    return m[3] ? exact(year(m[3]), month, day, text) : upcoming(month, day, today, text);
  }
  m = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:of\\s+)?(${MONTH_SOURCE})\\.?(?:,?\\s*(\\d{4}))?$`).exec(t);
  if (m) return m[3] ? exact(Number(m[3]), monthNumber(m[2]!)!, Number(m[1]), text) : upcoming(monthNumber(m[2]!)!, Number(m[1]), today, text);
  m = new RegExp(`^(${MONTH_SOURCE})\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s*(\\d{4}))?$`).exec(t);
  if (m) return m[3] ? exact(Number(m[3]), monthNumber(m[1]!)!, Number(m[2]), text) : upcoming(monthNumber(m[1]!)!, Number(m[2]), today, text);
  m = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(t);
  if (m) {
    // "the 15th": this month's, or next month's when this month's has passed.
    const day = Number(m[1]);
    const { year: y, month: mo } = splitDate(today);
    if (isRealDate(y, mo, day) && formatDate(y, mo, day) >= today) return { date: formatDate(y, mo, day) };
    const next = splitDate(addMonths(`${today.slice(0, 8)}01`, 1));
    return isRealDate(next.year, next.month, day) ? { date: formatDate(next.year, next.month, day) } : { date: null, problem: `"${tidy(text)}" is not a date` };
  }
  return { date: null, problem: `Could not read the date "${tidy(text)}"` };
}

function year(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function exact(y: number, month: number, day: number, text: string): Reading {
  return isRealDate(y, month, day) ? { date: formatDate(y, month, day) } : { date: null, problem: `"${tidy(text)}" is not a date` };
}

function upcoming(month: number, day: number, today: string, text: string): Reading {
  const { date, rolled } = nextOccurrence(month, day, today);
  return date ? { date, rolled } : { date: null, problem: `"${tidy(text)}" is not a date` };
}

function count(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : 1;
}

function after(today: string, n: number, period: string): string {
  const p = period.toLowerCase();
  if (p.startsWith('w')) return addDays(today, 7 * n);
  if (p.startsWith('f')) return addDays(today, 14 * n);
  if (p.startsWith('m')) return addMonths(today, n);
  return addDays(today, n);
}

type Rule = { pattern: RegExp; read: (m: RegExpExecArray, today: string) => Reading };

const RULES: Rule[] = [
  {
    // "due in 14 days", "payable within 7 days", "payment in 2 weeks from invoice date".
    pattern: new RegExp(`${LEAD}\\b${DUE_WORD}\\s+(?:(?:is|are|be|made|due|in\\s+full|full)\\s+)*(?:with)?in\\s+(?:the\\s+next\\s+)?${COUNT}\\s*${PERIOD}(?![a-z])(?:\\s+(?:from|of|after)\\s+(?:today|(?:the\\s+)?(?:invoice|invoicing|receipt|delivery|date)(?:\\s+date)?))?`, 'gi'),
    read: (m, today) => ({ date: after(today, count(m[1]!), m[2]!) }),
  },
  {
    // "payment terms 30 days", "terms: net 30". A bare "within 3 days" is often the delivery, so it is not read.
    pattern: new RegExp(`\\b(?:payment\\s+)?terms\\s*:?\\s*(?:net\\s*)?${COUNT}\\s*${PERIOD}(?![a-z])(?:\\s+(?:from|of|after)\\s+(?:today|(?:the\\s+)?(?:invoice|receipt|delivery)(?:\\s+date)?))?`, 'gi'),
    read: (m, today) => ({ date: after(today, count(m[1]!), m[2]!) }),
  },
  {
    pattern: new RegExp(`\\b(\\d{1,3})\\s*(days?)\\s+(?:credit|terms|to\\s+pay|payment\\s+terms)\\b`, 'gi'),
    read: (m, today) => ({ date: after(today, count(m[1]!), m[2]!) }),
  },
  {
    // "net 30"; "mosquito net 50 pcs" is goods.
    pattern: /(?<!\b(?:mosquito|fishing|goal|shade|safety|hair|bed|insect|mesh|treated)\s+)(?:\b(?:payment\s+)?terms\s*:?\s*)?\bnet\s*[-:]?\s*(\d{1,2})(?:\s*days?)?(?![\d,.]|\s*(?:x|@|at|pcs?|pieces|units|items|kg|m|metres|by|each)\b)/gi,
    read: (m, today) => ({ date: addDays(today, Number(m[1])) }),
  },
  {
    pattern: /\bnet\s*[-:]?\s*(\d{1,3})\s*days?\b/gi,
    read: (m, today) => ({ date: addDays(today, Number(m[1])) }),
  },
  {
    pattern: new RegExp(`${LEAD}\\b(?:due|payable|payment|pay)\\s+(?:(?:on|upon)\\s+(?:receipt|delivery|completion|invoice)|immediately|today|now|at\\s+once)\\b|\\bc\\.o\\.d\\.?|\\bcash\\s+on\\s+delivery\\b`, 'gi'),
    read: (_m, today) => ({ date: today }),
  },
  {
    pattern: new RegExp(`${LEAD}\\b(?:due|payable|pay(?:ment)?(?:\\s+due)?)\\s+(?:by\\s+)?tomorrow\\b`, 'gi'),
    read: (_m, today) => ({ date: addDays(today, 1) }),
  },
  {
    pattern: new RegExp(`${LEAD}\\b(?:due|payable|pay(?:ment)?(?:\\s+due)?|by)\\s+(?:(?:by|on|at|before)\\s+)?(?:the\\s+)?(?:end\\s+of\\s+(?:the\\s+)?(this\\s+|next\\s+|following\\s+|the\\s+following\\s+)?month|(this\\s+|next\\s+)?month[- ]?end|eom)\\b`, 'gi'),
    read: (m, today) => ({ date: endOfMonth(today, /next|following/i.test(m[1] ?? m[2] ?? '') ? 1 : 0) }),
  },
  {
    pattern: new RegExp(`${LEAD}\\b(?:due|payable|pay(?:ment)?)\\s+(?:by\\s+|in\\s+)?(?:next\\s+week|a\\s+week'?s?\\s+time)\\b`, 'gi'),
    read: (_m, today) => ({ date: addDays(today, 7) }),
  },
  {
    // "due Friday", "pay by next Monday": the first such day after today.
    pattern: new RegExp(`${LEAD}\\b(?:due|payable|pay(?:ment)?(?:\\s+due)?|by)\\s+(?:(?:on|by|before)\\s+)?(?:this\\s+|next\\s+|coming\\s+|this\\s+coming\\s+)?(${WEEKDAY_SOURCE})`, 'gi'),
    read: (m, today) => {
      const target = weekdayNumber(m[1]!)!;
      const ahead = ((target - weekdayOf(today) + 7) % 7) || 7;
      return { date: addDays(today, ahead) };
    },
  },
  {
    pattern: new RegExp(`${LEAD}\\b(?:due|payable|pay(?:ment)?(?:\\s+due)?|pay\\s+by|deadline|due\\s+date|by)\\s*(?:(?:on|by|before|date|is|of|:)\\s*)*(${DATE_SOURCE})`, 'gi'),
    read: (m, today) => readDate(m[1]!, today),
  },
];

/** "due soon", "due on the 31st of Feb": a due date was meant but could not be read. */
const UNREAD = /\b(?:due|payable)\s+(?:on|by|in|within|before|date|at|after)\b[^,;\n]{0,25}/gi;

export function readDueDate(working: string, today: string): ClauseResult<string | null> {
  let text = working;
  let value: string | null = null;
  const used: Span[] = [];
  const unread: Span[] = [];
  const warnings: string[] = [];
  for (const rule of RULES) {
    eachMatch(rule.pattern, text, (m) => {
      const span = { start: m.index, end: m.index + m[0].length };
      const reading = rule.read(m, today);
      if (!reading.date) {
        unread.push(span);
        warnings.push(`${reading.problem ?? 'Could not read the due date'} — set the due date by hand`);
      } else if (value === null) {
        value = reading.date;
        used.push(span);
        if (reading.date < today) warnings.push(`The due date ${reading.date} is before today (${today}) — check it`);
        if (reading.rolled && reading.date > addDays(today, 183)) warnings.push(`Read "${tidy(m[0])}" as ${reading.date}, next year — check the due date`);
      } else {
        used.push(span);
        if (reading.date !== value) warnings.push(`The sentence gives two due dates (${value} and ${reading.date}); used ${value} — check it`);
      }
      text = blank(text, span.start, span.end);
    });
  }
  eachMatch(UNREAD, text, (m) => {
    if (/diligence/i.test(m[0])) return;
    unread.push({ start: m.index, end: m.index + m[0].length });
    warnings.push(`Could not read the due date in "${tidy(m[0])}" — set it by hand`);
  });
  return { value, used, unread, warnings };
}
