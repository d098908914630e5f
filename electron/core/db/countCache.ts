// List totals change only when the books do, so a count is kept until the outbox moves on (every
// write adds a row there) or the day changes (overdue and payment status depend on the date).
// Scrolling a long list asks for the same total with every page.
import type { Sql } from './sql';

const caches = new WeakMap<Sql, Map<string, { stamp: string; totals: Map<string, number> }>>();

export function cachedCount(sql: Sql, list: string, today: string, key: string, count: () => number): number {
  const { counter } = sql.prepare('SELECT coalesce(max(counter), 0) AS counter FROM changes').get() as { counter: number };
  const stamp = `${counter}|${today}`;
  let lists = caches.get(sql);
  if (!lists) {
    lists = new Map();
    caches.set(sql, lists);
  }
  let cache = lists.get(list);
  if (!cache || cache.stamp !== stamp || cache.totals.size > 500) {
    cache = { stamp, totals: new Map() };
    lists.set(list, cache);
  }
  let total = cache.totals.get(key);
  if (total === undefined) {
    total = count();
    cache.totals.set(key, total);
  }
  return total;
}
