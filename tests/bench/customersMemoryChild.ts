// Run by customersMemory.ts in its own Node process, bundled: imports the bench's customers through
// the real channels, searches and pages, and prints its memory at each step as one JSON line.
import fs from 'node:fs';
import { createCore } from '../../electron/core/app';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { residentMemory } from './measure';
import { syntheticCustomersCsv } from './seed';

const [dataDir, countText] = process.argv.slice(2);
fs.mkdirSync(dataDir!, { recursive: true });
const settle = () => global.gc?.();
settle();
const start = residentMemory();
const core = createCore({ dataDir: dataDir!, log: (m, e) => console.error(m, e) });
const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
  const envelope = await core.api[channel](input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
};

async function importCustomers(count: number) {
  const { csvText, samples } = syntheticCustomersCsv(count);
  const preview = await call('customers.import.preview', { csvText, fileName: 'bench.csv' });
  await call('customers.import.commit', { csvText, fileName: 'bench.csv', mapping: preview.mapping, duplicateActions: {} });
  return samples;
}

async function main() {
  const samples = await importCustomers(Number(countText));
  core.context.sql.db.pragma('optimize');
  core.context.sql.db.exec('ANALYZE');
  settle();
  const afterImport = residentMemory();
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
