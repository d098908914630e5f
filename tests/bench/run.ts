// `npm run bench`: seeds 100,000 customers through the real import and measures what a person waits for.
// Prints a table; timings are never test assertions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/app';
import { startHost } from '../../electron/host/server';
import type { Channel, ChannelInput } from '../../shared/contract';
import { syntheticCustomersCsv } from './seed';

const COUNT = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const RUNS = 200;

const rows: [string, string][] = [];
const record = (what: string, value: string) => {
  rows.push([what, value]);
  console.log(`  ${what}: ${value}`);
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function latency(run: (i: number) => Promise<unknown>, runs = RUNS): Promise<string> {
  for (let i = 0; i < 5; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms`;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-'));
const core = createCore({ dataDir, log: (m, e) => console.error(m, e) });

async function call<C extends Channel>(channel: C, input: ChannelInput<C>) {
  const envelope = await core.api[channel](input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value;
}

console.log(`Billbook bench: ${COUNT.toLocaleString('en')} customers, ${os.cpus().length} cores, Node ${process.version}`);
const { csvText, samples } = syntheticCustomersCsv(COUNT);

let start = performance.now();
const preview = await call('customers.import.preview', { csvText, fileName: 'bench.csv' });
const previewMs = performance.now() - start;
record('import preview (parse + validate + duplicate check)', `${(previewMs / 1000).toFixed(2)} s`);

start = performance.now();
const result = await call('customers.import.commit', { csvText, fileName: 'bench.csv', mapping: preview.mapping, duplicateActions: {} });
const commitMs = performance.now() - start;
record('import commit (duplicate check + write, one transaction)', `${(commitMs / 1000).toFixed(2)} s, ${result.created.toLocaleString('en')} created`);
record('import throughput (commit)', `${Math.round(result.created / (commitMs / 1000)).toLocaleString('en')} customers/s`);
core.context.sql.db.pragma('optimize');
core.context.sql.db.exec('ANALYZE');

const pick = <T>(list: T[], i: number) => list[(i * 7919) % list.length]!;
record('search: name prefix', await latency((i) => call('customers.list', { search: pick(samples.namePrefixes, i), limit: 50 })));
record('search: email fragment', await latency((i) => call('customers.list', { search: pick(samples.emailFragments, i), limit: 50 })));
record('search: phone fragment', await latency((i) => call('customers.list', { search: pick(samples.phoneFragments, i), limit: 50 })));

for (const sort of ['name', 'outstanding', 'lastInvoice', 'code', 'created'] as const) {
  for (const direction of ['asc', 'desc'] as const) {
    record(`first page (100 rows) sorted by ${sort} ${direction}`, await latency(() => call('customers.list', { sort, direction, limit: 100 }), 100));
  }
}
record('deep page (offset 50,000) by name', await latency(() => call('customers.list', { sort: 'name', offset: 50_000, limit: 100 }), 50));
record('filter: status inactive, first page', await latency(() => call('customers.list', { status: 'inactive', limit: 100 }), 100));
record('filter: tag "wholesale", first page', await latency(() => call('customers.list', { tag: 'wholesale', limit: 100 }), 100));
record('stats', await latency(() => call('customers.stats', {}), 100));

const host = await startHost({ core, staticDir: path.join(dataDir, 'none'), port: 0 });
const rpcUrl = `http://127.0.0.1:${host.port}/rpc/customers.get`;
const someId = (await call('customers.list', { limit: 1 })).rows[0]!.id;
record(
  'HTTP round trip through the host (customers.get)',
  await latency(async () => {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-billbook-token': host.token },
      body: JSON.stringify({ id: someId }),
    });
    await response.json();
  }),
);
await host.close();

global.gc?.();
record('backend resident memory (RSS)', `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
record('database file', `${Math.round(fs.statSync(core.dbFile).size / 1024 / 1024)} MB`);
core.close();
fs.rmSync(dataDir, { recursive: true, force: true });

const width = Math.max(...rows.map(([w]) => w.length));
console.log(`\n| ${'measure'.padEnd(width)} | result |\n|${'-'.repeat(width + 2)}|--------|`);
for (const [what, value] of rows) console.log(`| ${what.padEnd(width)} | ${value} |`);
