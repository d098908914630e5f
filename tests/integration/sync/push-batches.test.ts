import { describe, expect, it } from 'vitest';
import { createCustomer } from '../../../electron/core/customers/service';
import { queueUpload } from '../../../electron/core/sync/account';
import { acknowledge, nextBatch, PUSH_LIMITS } from '../../../electron/core/sync/outbox';
import { customerInputSchema } from '../../../shared/domain/customer';
import { makeCore } from '../../helpers/core';

/** Books of 1,600 customers made alone, queued for their first upload (changes of 500 rows each). */
function queuedBook() {
  const { core } = makeCore('2026-11-21T09:00:00.000Z', { reminderScanMs: 0 });
  const ctx = core.context;
  ctx.sql.transaction(() => {
    for (let i = 0; i < 1_600; i++) createCustomer(ctx, customerInputSchema.parse({ name: `Customer ${i} Ltd`, email: `c${i}@example.co.ke` }));
  });
  const queued = queueUpload(ctx);
  return { core, queued };
}

/** Every batch the push would send until the outbox is empty, each acknowledged as the Cloud would. */
function drain(core: ReturnType<typeof makeCore>['core'], limits: { rows: number; bytes: number }) {
  const batches = [];
  for (;;) {
    const batch = nextBatch(core.context.sql, 500, limits);
    if (batch.length === 0) return batches;
    batches.push(batch);
    acknowledge(core.context.sql, batch.at(-1)!.id, '2026-11-21T09:00:00.000Z');
  }
}

describe('push batches', () => {
  it('carries a first upload in pushes of a bounded number of rows, every row once, the changes in order', () => {
    const { core, queued } = queuedBook();
    expect(queued).toBeGreaterThan(3_000);
    const batches = drain(core, { rows: 1_000, bytes: PUSH_LIMITS.bytes });
    // Changes of 500 rows (the last of each table fewer): two at most per push, where before one push carried them all.
    expect(batches.map((b) => b.map((m) => m.rows.length))).toEqual([[500, 500], [500, 100], [500, 500], [500, 100]]);
    for (const batch of batches) {
      const rows = batch.reduce((n, m) => n + m.rows.length, 0);
      expect(rows <= 1_000 || batch.length === 1).toBe(true);
    }
    const ids = batches.flat().map((m) => m.id);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => ids[0]! + i));
    const rows = batches.flat().flatMap((m) => m.rows.map((r) => `${r.table} ${r.id}`));
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows.length).toBe(queued);
    core.close();
  });

  it('sends one change alone when it alone is over the bytes a push carries, and never an empty push', () => {
    const { core, queued } = queuedBook();
    const batches = drain(core, { rows: PUSH_LIMITS.rows, bytes: 10_000 });
    expect(batches.every((b) => b.length >= 1)).toBe(true);
    expect(batches.some((b) => b.length === 1 && JSON.stringify(b[0]!.rows).length > 10_000)).toBe(true);
    expect(batches.flat().reduce((n, m) => n + m.rows.length, 0)).toBe(queued);
    core.close();
  });

  it('keeps a push of everyday changes as it was: up to 500 changes of a few rows each', () => {
    const { core } = makeCore('2026-11-21T09:00:00.000Z', { reminderScanMs: 0 });
    const ctx = core.context;
    for (let i = 0; i < 600; i++) ctx.sql.transaction(() => createCustomer(ctx, customerInputSchema.parse({ name: `Walk-in ${i}` })));
    // Books that never synced note no rows on their changes: queue them as a signed-in computer would have.
    ctx.sql.prepare("UPDATE changes SET rows = json_array(json_array('customers', entity_id)) WHERE mutation = 'customers.create'").run();
    const first = nextBatch(ctx.sql, 500);
    expect(first).toHaveLength(500);
    core.close();
  });
});
