// Dashboards kept until the books change. Every write adds a row to the outbox, another process's
// commit moves SQLite's data_version, and the day and the settings are part of the key, so a kept
// dashboard is exactly what computing it again would give. Switching periods back and forth, or
// reopening the screen, then costs nothing.
import type { Sql } from '../../db/sql';

const MAX_ENTRIES = 24;
const caches = new WeakMap<Sql, { stamp: string; entries: Map<string, unknown> }>();

export function cached<T>(sql: Sql, key: string, compute: () => T): T {
  const { counter } = sql.prepare('SELECT coalesce(max(counter), 0) AS counter FROM changes').get() as { counter: number };
  const stamp = `${counter}|${sql.db.pragma('data_version', { simple: true }) as number}`;
  let cache = caches.get(sql);
  if (!cache || cache.stamp !== stamp) caches.set(sql, (cache = { stamp, entries: new Map() }));
  if (cache.entries.has(key)) return cache.entries.get(key) as T;
  const value = compute();
  if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
  cache.entries.set(key, value);
  return value;
}
