import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/core/clock';
import { createHlc } from '../../electron/core/sync/hlc';

describe('hybrid logical clock', () => {
  it('never goes backwards, even when the wall clock does or across a restart', () => {
    const clock = fixedClock('2026-11-21T09:00:00.000Z');
    const hlc = createHlc(clock, 'device-a');
    const first = hlc.next();
    clock.set('2026-11-21T08:00:00.000Z');
    const second = hlc.next();
    expect(second > first).toBe(true);
    const restarted = createHlc(clock, 'device-a', second);
    expect(restarted.next() > second).toBe(true);
  });

  it('keeps sorting as text when one millisecond holds more stamps than the counter', () => {
    const clock = fixedClock('2026-11-21T09:00:00.000Z');
    const hlc = createHlc(clock, 'device-a');
    let previous = hlc.next();
    for (let i = 0; i < 70_000; i++) {
      const stamp = hlc.next();
      if (!(stamp > previous)) throw new Error(`${stamp} does not sort after ${previous}`);
      previous = stamp;
    }
    expect(previous.startsWith('2026-11-21T09:00:00.001Z')).toBe(true);
  });
});
