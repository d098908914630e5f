import type { Clock } from '../clock';

/**
 * A hybrid logical clock: wall time, then a counter for changes in the same millisecond (or while
 * the wall clock runs backwards), then the device. Stamps sort as strings in causal order.
 */
export function createHlc(clock: Clock, deviceId: string): { next(): string } {
  let lastMs = 0;
  let counter = 0;
  return {
    next() {
      const wall = clock.now().getTime();
      if (wall > lastMs) {
        lastMs = wall;
        counter = 0;
      } else {
        counter += 1;
      }
      return `${new Date(lastMs).toISOString()}-${counter.toString(16).padStart(4, '0')}-${deviceId}`;
    },
  };
}
