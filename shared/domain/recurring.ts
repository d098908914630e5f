// Recurring invoices: a schedule per customer (the lines, the cadence, start, an end date or a count,
// and what to do each time), and the pure date arithmetic of its periods. Each period is issued once:
// the books hold one row per schedule and period (recurring_runs), written with its invoice.
import { z } from 'zod';
import { addDays, addMonths, formatDate, splitDate } from '../drafting/calendar';
import { CURRENCIES, type CurrencyCode } from '../money';
import { multiLine, oneLine } from '../text';
import { businessDateSchema, discountSchema, invoiceLineInputSchema } from './invoice';

export const RECURRING_CADENCES = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type RecurringCadence = (typeof RECURRING_CADENCES)[number];
export const RECURRING_CADENCE_LABELS: Record<RecurringCadence, string> = { weekly: 'Weekly', monthly: 'Monthly', quarterly: 'Quarterly', yearly: 'Yearly' };

export const RECURRING_ACTIONS = ['draft', 'send'] as const;
export type RecurringAction = (typeof RECURRING_ACTIONS)[number];
export const RECURRING_ACTION_LABELS: Record<RecurringAction, string> = {
  draft: 'Make a draft for me to review', send: 'Finalize and send it by the customer’s channel',
};

/** What each invoice of the schedule bills; the words roll forward ("for November 2026" → "for December 2026"). */
export const recurringContentSchema = z.object({
  kind: z.literal('lines'),
  currency: z.enum(CURRENCIES).optional(),
  pricesIncludeTax: z.boolean().default(false),
  discount: discountSchema,
  lines: z.array(invoiceLineInputSchema).min(1, 'Add at least one line').max(300),
  notes: multiLine(z.string().trim().max(4000)).default(''),
  terms: oneLine(z.string().trim().max(300)).default(''),
});
export type RecurringContent = z.output<typeof recurringContentSchema>;

export const recurringScheduleInputSchema = z
  .object({
    customerId: z.uuid({ error: 'Choose a customer' }),
    name: oneLine(z.string().trim().max(120, 'At most 120 characters')).default(''),
    content: recurringContentSchema,
    /** The day the lines' words speak of (their month and year roll forward from it); absent: the start date. */
    baseDate: businessDateSchema.optional(),
    cadence: z.enum(RECURRING_CADENCES),
    /** Monthly, quarterly and yearly: the day of the month (31: the last day of shorter months). Absent: the start date's day. */
    dayOfMonth: z.number().int().min(1).max(31).optional(),
    startDate: businessDateSchema,
    endDate: businessDateSchema.nullable().default(null),
    maxCount: z.number().int().min(1, 'At least 1').max(1000).nullable().default(null),
    action: z.enum(RECURRING_ACTIONS).default('draft'),
  })
  .superRefine((s, ctx) => {
    if (s.endDate && s.endDate < s.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end is before the start' });
  });
export type RecurringScheduleInput = z.input<typeof recurringScheduleInputSchema>;

/** The rule a schedule's periods follow. */
export interface PeriodRule {
  cadence: RecurringCadence;
  startDate: string;
  dayOfMonth: number | null;
  endDate: string | null;
  maxCount: number | null;
}

export interface Period {
  /** Unique within the schedule: 2026-11 (monthly, quarterly), 2026 (yearly), the date (weekly). */
  key: string;
  /** The day the invoice is dated. */
  on: string;
  /** 1 for the first period of the schedule. */
  index: number;
}

const MONTHS_PER: Record<Exclude<RecurringCadence, 'weekly'>, number> = { monthly: 1, quarterly: 3, yearly: 12 };

function onDay(monthDate: string, day: number): string {
  const { year, month } = splitDate(monthDate);
  // addMonths holds the day to the month's last: ask for the 1st, then move to the day wanted.
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return formatDate(year, month, Math.min(day, last));
}

/** The n-th period (1-based) of a rule, ignoring its end. */
export function nthPeriod(rule: PeriodRule, index: number): Period {
  if (rule.cadence === 'weekly') {
    const on = addDays(rule.startDate, (index - 1) * 7);
    return { key: on, on, index };
  }
  const day = rule.dayOfMonth ?? splitDate(rule.startDate).day;
  const firstMonth = `${rule.startDate.slice(0, 7)}-01`;
  // The first period is the start's month when its day is on or after the start, else the next one.
  const firstOn = onDay(firstMonth, day);
  const offset = firstOn >= rule.startDate ? 0 : MONTHS_PER[rule.cadence];
  const on = onDay(addMonths(firstMonth, offset + (index - 1) * MONTHS_PER[rule.cadence]), day);
  return { key: rule.cadence === 'yearly' ? on.slice(0, 4) : on.slice(0, 7), on, index };
}

/** The periods dated on or before `until`, within the rule's end date and count. */
export function periodsUntil(rule: PeriodRule, until: string, limit = 1000): Period[] {
  const out: Period[] = [];
  for (let i = 1; i <= limit; i++) {
    if (rule.maxCount !== null && i > rule.maxCount) break;
    const p = nthPeriod(rule, i);
    if (p.on > until || (rule.endDate !== null && p.on > rule.endDate)) break;
    out.push(p);
  }
  return out;
}

/** The next `count` periods after `after` (exclusive), within the rule's end. */
export function periodsAfter(rule: PeriodRule, after: string, count: number): Period[] {
  const out: Period[] = [];
  for (let i = 1; out.length < count && i <= 5000; i++) {
    if (rule.maxCount !== null && i > rule.maxCount) break;
    const p = nthPeriod(rule, i);
    if (rule.endDate !== null && p.on > rule.endDate) break;
    if (p.on > after) out.push(p);
  }
  return out;
}

export type ScheduleState = 'active' | 'paused' | 'ended';

export interface RecurringRun {
  periodKey: string;
  periodOn: string;
  outcome: 'issued' | 'skipped';
  invoice: { id: string; number: string | null; status: string } | null;
  /** Issued after its day (Billbook was closed): a draft waiting for review; nothing was sent. */
  held: boolean;
}

export interface RecurringSchedule {
  id: string;
  customerId: string;
  customerName: string;
  name: string;
  content: RecurringContent;
  currency: CurrencyCode;
  totalMinor: number;
  baseDate: string;
  cadence: RecurringCadence;
  dayOfMonth: number | null;
  startDate: string;
  endDate: string | null;
  maxCount: number | null;
  action: RecurringAction;
  state: ScheduleState;
  /** The next six periods not yet issued or skipped, with the first line as it will read. */
  preview: { on: string; key: string; firstLine: string }[];
  runs: RecurringRun[];
  version: number;
}
