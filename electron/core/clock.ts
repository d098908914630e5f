/** Time comes from here, never from Date.now(), so tests decide what day it is. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move. */
export function fixedClock(start: string | Date): Clock & { set(at: string | Date): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => { current = new Date(at); },
    advance: (ms) => { current = new Date(current.getTime() + ms); },
  };
}

/** The business date (YYYY-MM-DD) of an instant, in the machine's zone: what "today" means on an invoice. */
export function businessDate(at: Date): string {
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const at = new Date(Date.UTC(y!, m! - 1, d! + days));
  return at.toISOString().slice(0, 10);
}

/**
 * A clock that runs at real speed but started at `start`: `npm run web --today` and the e2e tests
 * put the whole app on a chosen day while timers, schedules and "sent at" still move.
 */
export function shiftedClock(start: Date, realNow: () => number = () => Date.now()): Clock {
  const offset = start.getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}

/**
 * Reads a clock override: a business date `YYYY-MM-DD` (that day at 09:00 on this machine's clock,
 * far from either midnight) or a full ISO-8601 instant. Null when it is neither.
 */
export function parseClockOverride(value: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const at = new Date(y, m - 1, d, 9, 0, 0, 0);
    return at.getFullYear() === y && at.getMonth() === m - 1 && at.getDate() === d ? at : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value.trim())) return null;
  const at = new Date(value.trim());
  return Number.isNaN(at.getTime()) ? null : at;
}
