// Sync problems a person should see: a change the Cloud refused (undone here, with what to do), a
// clock far off, this computer removed. Listed under Settings → Account & sync until dismissed.
import type { SyncProblemView } from '../../../shared/channels/cloud';
import type { CoreContext } from '../context';
import type { Sql } from '../db/sql';

export function recordProblem(ctx: CoreContext, problem: Omit<SyncProblemView, 'id' | 'at'>, options: { once?: boolean } = {}): void {
  if (options.once) {
    const open = ctx.sql.prepare('SELECT 1 FROM sync_problems WHERE kind = ? AND resolved_at IS NULL').get(problem.kind);
    if (open) {
      ctx.sql.prepare('UPDATE sync_problems SET message = ?, at = ? WHERE kind = ? AND resolved_at IS NULL').run(problem.message, ctx.clock.now().toISOString(), problem.kind);
      return;
    }
  }
  ctx.sql
    .prepare('INSERT INTO sync_problems (at, kind, code, message, mutation, entity, entity_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(ctx.clock.now().toISOString(), problem.kind, problem.code, problem.message, problem.mutation, problem.entity, problem.entityId);
  ctx.events.emit('notify', { level: 'warning', message: problem.message });
}

export function openProblemCount(sql: Sql): number {
  return (sql.prepare('SELECT count(*) AS n FROM sync_problems WHERE resolved_at IS NULL').get() as { n: number }).n;
}

export function listProblems(sql: Sql): SyncProblemView[] {
  const rows = sql
    .prepare('SELECT id, at, kind, code, message, mutation, entity, entity_id FROM sync_problems WHERE resolved_at IS NULL ORDER BY id DESC LIMIT 200')
    .all() as (Omit<SyncProblemView, 'entityId'> & { entity_id: string | null })[];
  return rows.map(({ entity_id, ...r }) => ({ ...r, entityId: entity_id }));
}

export function dismissProblem(ctx: CoreContext, id: number): void {
  ctx.sql.prepare('UPDATE sync_problems SET resolved_at = ? WHERE id = ?').run(ctx.clock.now().toISOString(), id);
}
