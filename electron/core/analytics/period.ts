// A dashboard period and the previous one it is compared with, from a preset and today.
import { AppError } from '../../../shared/errors';
import type { z } from 'zod';
import { PERIOD_PRESET_LABELS, type periodSchema, type ResolvedPeriod } from '../../../shared/domain/analytics';
import { addDays, addMonths, daysBetween, firstDayOf, formatRange, lastDayOf, monthOf, monthsBetween, shiftDate } from './dates';

type Period = z.output<typeof periodSchema>;

const quarterStart = (date: string) => {
  const m = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, '0')}`;
};

function range(from: string, to: string) {
  return { from, to, label: formatRange(from, to) };
}

/** Resolves a preset against today; see ResolvedPeriod for what "previous" means for each. */
export function resolvePeriod(input: Period, today: string): ResolvedPeriod {
  const month = monthOf(today);
  const make = (from: string, to: string, prevFrom: string, prevTo: string): ResolvedPeriod => ({
    preset: input.preset,
    ...range(from, to),
    label: input.preset === 'custom' ? formatRange(from, to) : `${PERIOD_PRESET_LABELS[input.preset]} (${formatRange(from, to)})`,
    previous: range(prevFrom, prevTo),
  });
  switch (input.preset) {
    case 'thisMonth': {
      const from = firstDayOf(month);
      return make(from, today, firstDayOf(addMonths(month, -1)), shiftDate(today, -1));
    }
    case 'lastMonth': {
      const last = addMonths(month, -1);
      const before = addMonths(month, -2);
      return make(firstDayOf(last), lastDayOf(last), firstDayOf(before), lastDayOf(before));
    }
    case 'thisQuarter': {
      const q = quarterStart(today);
      return make(firstDayOf(q), today, firstDayOf(addMonths(q, -3)), shiftDate(today, -3));
    }
    case 'lastQuarter': {
      const q = addMonths(quarterStart(today), -3);
      const before = addMonths(q, -3);
      return make(firstDayOf(q), lastDayOf(addMonths(q, 2)), firstDayOf(before), lastDayOf(addMonths(before, 2)));
    }
    case 'thisYear': {
      const year = today.slice(0, 4);
      return make(`${year}-01-01`, today, `${Number(year) - 1}-01-01`, shiftDate(today, -12));
    }
    case 'last12Months': {
      const from = addDays(shiftDate(today, -12), 1);
      return make(from, today, addDays(shiftDate(today, -24), 1), shiftDate(today, -12));
    }
    case 'custom': {
      const from = input.from!;
      if (from > today) throw new AppError('invalid_input', 'The period starts after today; the books hold nothing yet for it.', { 'period.from': 'After today' });
      const to = input.to! > today ? today : input.to!;
      const days = daysBetween(from, to) + 1;
      return make(from, to, addDays(from, -days), addDays(from, -1));
    }
  }
}

/** At most this many months of charts: a ten-year custom period shows its last three years. */
export const MAX_CHART_MONTHS = 36;

/** The chart range: 12 months ending with the period's last month, or the whole period when longer (capped). */
export function chartMonths(period: ResolvedPeriod): string[] {
  const last = monthOf(period.to);
  const first = [monthOf(period.from), addMonths(last, -11)].sort()[0]!;
  const months = monthsBetween(first, last);
  return months.slice(-MAX_CHART_MONTHS);
}

/** A month's days within the chart range: from its first day to its last or the period's end. */
export function monthSpan(month: string, periodTo: string): { from: string; to: string } {
  const last = lastDayOf(month);
  return { from: firstDayOf(month), to: last > periodTo ? periodTo : last };
}
