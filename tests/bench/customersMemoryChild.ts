// Run by customersMemory.ts in its own Node process, bundled: imports the bench's customers through
// the real channels, searches and pages, and prints its memory at each step as one JSON line.
import fs from 'node:fs';
import { createCore } from '../../electron/core/app';
import { call as callChannel, residentMemory } from './measure';
import { importCustomers, type Call } from './customerImport';

const [dataDir, countText] = process.argv.slice(2);
fs.mkdirSync(dataDir!, { recursive: true });
const settle = () => global.gc?.();
settle();
const start = residentMemory();
const core = createCore({ dataDir: dataDir!, log: (m, e) => console.error(m, e) });
const call: Call = (channel, input) => callChannel(core, channel, input);

async function main() {
  const { samples } = await importCustomers(call, Number(countText));
  // What the app holds a second after the import, with no collection forced here: V8 collects a
  // large heap of dead rows on its own only after about 20 seconds idle, and a collection's pages go
  // back to the system a few milliseconds after it (measuring in the same tick as gc() counts them).
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const afterImport = residentMemory();
  core.context.sql.db.pragma('optimize');
  core.context.sql.db.exec('ANALYZE');
  settle();
  for (const search of [...samples.namePrefixes, ...samples.emailFragments, ...samples.phoneFragments, ...'abcdefghijklmnopqrstuvwxyz']) {
    await call('customers.list', { search, limit: 50 });
  }
  for (const sort of ['name', 'outstanding', 'lastInvoice', 'code', 'created'] as const) {
    for (const direction of ['asc', 'desc'] as const) await call('customers.list', { sort, direction, limit: 100 });
  }
  await call('customers.list', { sort: 'name', offset: 50_000, limit: 100 });
  await call('customers.stats', {});
  settle();
  console.log(JSON.stringify({ start, afterImport, afterSearches: residentMemory() }));
  core.close();
}

void main();
