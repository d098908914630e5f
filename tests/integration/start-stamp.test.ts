import { describe, expect, it } from 'vitest';
import { customer } from '../helpers/billing';
import { makeCore } from '../helpers/core';

const stamps = (core: ReturnType<typeof makeCore>['core']) =>
  (core.context.sql.prepare('SELECT hlc FROM changes ORDER BY counter').all() as { hlc: string }[]).map((r) => r.hlc);

describe('the change clock at start', () => {
  it('starts past the newest stamp in the books, even when the computer clock was set back across the restart', async () => {
    const first = makeCore('2026-11-21T09:00:00.000Z', { jobs: { autoStart: false }, reminderScanMs: 0, dailyBackup: 0 });
    for (let i = 0; i < 3; i++) await customer(first.core);
    const before = stamps(first.core);
    first.core.close();

    // An hour earlier on the wall clock: the next change must still sort after every one before it.
    const again = makeCore('2026-11-21T08:00:00.000Z', { dataDir: first.dir, jobs: { autoStart: false }, reminderScanMs: 0, dailyBackup: 0 });
    // The clock itself, before any write reads the outbox's last row.
    const next = again.core.context.nextStamp();
    for (const stamp of before) expect(next > stamp).toBe(true);
    expect(next.startsWith('2026-11-21T09:00:00.000Z')).toBe(true);
    await customer(again.core);
    const after = stamps(again.core);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)! > before.at(-1)!).toBe(true);
  });
});
