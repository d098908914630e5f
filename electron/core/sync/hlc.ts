import type { Clock } from '../clock';

const COUNTER_DIGITS = 4;
const COUNTER_LIMIT = 16 ** COUNTER_DIGITS;

/**
 * A hybrid logical clock: wall time, then a counter for changes in the same millisecond (or while
 * the wall clock runs behind), then the device. Stamps sort as strings in causal order. It starts
 * from the newest stamp already written, so a clock set back across a restart cannot go backwards.
 */
export function createHlc(clock: Clock, deviceId: string, lastStamp: string | null = null): { next(after?: string | null): string } {
  let lastMs = 0;
  let counter = 0;
  /** Moves past a stamp written elsewhere (another process on the same books), never back. */
  const observe = (stamp: string | null | undefined) => {
    if (!stamp) return;
    const match = /^(.{24})-([0-9a-f]+)-/.exec(stamp);
    const at = match ? Date.parse(match[1]!) : NaN;
    if (Number.isNaN(at)) return;
    const seen = Number.parseInt(match![2]!, 16);
    if (at > lastMs || (at === lastMs && seen > counter)) {
      lastMs = at;
      counter = seen;
    }
  };
  observe(lastStamp);
  return {
    next(after) {
      observe(after);
      const wall = clock.now().getTime();
      if (wall > lastMs) {
        lastMs = wall;
        counter = 0;
      } else if (counter + 1 >= COUNTER_LIMIT) {
        // The counter is fixed-width so stamps sort as text; past its end, borrow the next millisecond.
        lastMs += 1;
        counter = 0;
      } else {
        counter += 1;
      }
      return `${new Date(lastMs).toISOString()}-${counter.toString(16).padStart(COUNTER_DIGITS, '0')}-${deviceId}`;
    },
  };
}
