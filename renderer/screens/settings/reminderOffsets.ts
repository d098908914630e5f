// Reminder days as people say them: −3 is "3 days before", 0 "On the due day", 7 "7 days overdue".
export const MAX_REMINDERS = 10;
export const MAX_DAYS_BEFORE = 30;
export const MAX_DAYS_AFTER = 365;

export type Direction = 'before' | 'after';

export function offsetLabel(days: number): string {
  if (days === 0) return 'On the due day';
  const n = Math.abs(days);
  const count = `${n} day${n === 1 ? '' : 's'}`;
  return days < 0 ? `${count} before` : `${count} overdue`;
}

/** The offset to add, or why it cannot be added. */
export function offsetToAdd(daysText: string, direction: Direction, schedule: number[]): { offset: number } | { error: string } {
  const t = daysText.trim();
  if (!/^\d+$/.test(t)) return { error: 'Enter a whole number of days, like 7 (0 for the due day)' };
  const days = Number(t);
  if (direction === 'before' && days > MAX_DAYS_BEFORE) return { error: `At most ${MAX_DAYS_BEFORE} days before the due date` };
  if (direction === 'after' && days > MAX_DAYS_AFTER) return { error: `At most ${MAX_DAYS_AFTER} days after the due date` };
  const offset = days === 0 ? 0 : direction === 'before' ? -days : days;
  if (schedule.includes(offset)) return { error: `“${offsetLabel(offset)}” is already in the schedule` };
  if (schedule.length >= MAX_REMINDERS) return { error: `At most ${MAX_REMINDERS} reminders: remove one first` };
  return { offset };
}
