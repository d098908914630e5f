// Each prepared statement holds native memory until it is dropped. SQL that differs per call (a
// LIMIT written into the text) made a new one every time, and the cache kept them all.
import { describe, expect, it } from 'vitest';
import { STATEMENT_CACHE_SIZE } from '../../electron/core/db/sql';
import { call, makeCore } from '../helpers/core';
import { customer, invoice } from '../helpers/billing';
import { scanReminders } from '../../electron/core/reminders/scheduler';

describe('prepared statements', () => {
  it('a report run with a thousand different limits prepares its statements once', async () => {
    const { core } = makeCore();
    const c = await customer(core);
    await invoice(core, c.id);
    const run = (limit: number) => call(core, 'reports.run', { rows: 'invoices', limit });
    expect((await run(1)).rows).toHaveLength(1);
    const warm = core.context.sql.statementCount();
    for (let limit = 2; limit <= 1000; limit++) await run(limit);
    expect(core.context.sql.statementCount()).toBe(warm);
  });

  it('keeps at most STATEMENT_CACHE_SIZE statements, and a dropped one is prepared again when needed', () => {
    const { core } = makeCore();
    const sql = core.context.sql;
    for (let i = 0; i < STATEMENT_CACHE_SIZE * 3; i++) expect(sql.prepare(`SELECT ${i} AS n`).get()).toEqual({ n: i });
    expect(sql.statementCount()).toBeLessThanOrEqual(STATEMENT_CACHE_SIZE);
    // The oldest were dropped; asking again prepares them afresh and they still run.
    expect(sql.prepare('SELECT 0 AS n').get()).toEqual({ n: 0 });
    expect(sql.statementCount()).toBeLessThanOrEqual(STATEMENT_CACHE_SIZE);
  });

  it('reminder scans on many different days reuse their statements', async () => {
    const { core, clock } = makeCore('2026-11-21T09:00:00.000Z');
    await call(core, 'settings.update', { reminders: { enabled: true, offsets: [-3, 0, 7], sendFromHour: 0 } });
    const day = (n: number) => new Date(Date.UTC(2026, 10, 21 + n, 9)).toISOString();
    for (const n of [0, 1]) {
      clock.set(day(n));
      scanReminders(core.context);
    }
    const warm = core.context.sql.statementCount();
    for (let n = 2; n < 40; n++) {
      clock.set(day(n));
      scanReminders(core.context);
    }
    expect(core.context.sql.statementCount()).toBe(warm);
  });
});
