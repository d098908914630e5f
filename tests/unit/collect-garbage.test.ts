// After a large import the backend collects its garbage at once instead of holding it until V8's own
// idle collection (about 20 s later): system/collectGarbage.ts.
import { expect, it } from 'vitest';
import { collectGarbageSoon } from '../../electron/core/system/collectGarbage';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

it('frees the dead objects of a large piece of work on the next turn of the event loop', async () => {
  let rows: { line: number; name: string; cells: string[] }[] | null = [];
  for (let i = 0; i < 400_000; i++) rows.push({ line: i, name: `Customer ${i}`, cells: [`${i}@example.com`, `07${i}`] });
  // Old enough to be out of V8's young generation, as an import's rows are by its end.
  await nextTurn();
  const held = process.memoryUsage().heapUsed;
  expect(rows.length).toBe(400_000);
  rows = null;
  collectGarbageSoon();
  await nextTurn();
  await nextTurn();
  const freed = held - process.memoryUsage().heapUsed;
  expect(freed).toBeGreaterThan(40 * 1024 * 1024);
});
