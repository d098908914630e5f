// The scheduler's own bookkeeping in the meta table: since when reminders are on, and the last day
// "fell overdue" was announced.
import { businessDate } from '../clock';
import type { CoreContext } from '../context';

export const ENABLED_SINCE = 'reminders.enabled_since';
export const OVERDUE_ANNOUNCED = 'activity.overdue_announced_on';
/** The business day of the last full scan: the next one looks only at steps that fell due after it. */
export const LAST_SCAN = 'reminders.last_scan_on';

export function readMeta(ctx: CoreContext, key: string): string | null {
  return (ctx.sql.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function writeMeta(ctx: CoreContext, key: string, value: string | null): void {
  if (value === null) ctx.sql.prepare('DELETE FROM meta WHERE key = ?').run(key);
  else ctx.sql.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Called when reminders are switched on or off: steps that fell due before switching on are not chased. */
export function remindersSwitched(ctx: CoreContext, enabled: boolean): void {
  writeMeta(ctx, ENABLED_SINCE, enabled ? businessDate(ctx.clock.now()) : null);
  writeMeta(ctx, LAST_SCAN, null);
}
