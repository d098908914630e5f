// The customer half of the bench: 100,000 customers through the real import, then the list and search.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/app';
import { startHost } from '../../electron/host/server';
import { call as callChannel, fileSize, latency, record, residentMemory, section } from './measure';
import { importCustomers, type Call } from './customerImport';
import { coreMemoryAfterImport } from './customersMemory';

export async function benchCustomers(count: number): Promise<void> {
  section(`Customers: ${count.toLocaleString('en')} imported`);
  global.gc?.();
  // The process before it opens any books: Node, the TypeScript loader the bench runs under, the core's modules.
  record('bench process before opening the books (RSS)', residentMemory());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-'));
  const core = createCore({ dataDir, log: (m, e) => console.error(m, e) });
  const call: Call = (channel, input) => callChannel(core, channel, input);
  const { samples, previewMs, commitMs, created } = await importCustomers(call, count);
  record('import preview (parse + validate + duplicate check)', `${(previewMs / 1000).toFixed(2)} s`);
  record('import commit (duplicate check + write, one transaction)', `${(commitMs / 1000).toFixed(2)} s, ${created.toLocaleString('en')} created`);
  record('import throughput (commit)', `${Math.round(created / (commitMs / 1000)).toLocaleString('en')} customers/s`);
  // The import left its customers' search entries for just after it (customers/searchBacklog.ts):
  // a search this soon writes them first, as the background would have within a few seconds.
  const firstSearch = performance.now();
  await call('customers.list', { search: samples.namePrefixes[0]!, limit: 50 });
  record('first search at once after the import (writes the search entries it left for later)', `${((performance.now() - firstSearch) / 1000).toFixed(2)} s`);
  core.context.sql.db.pragma('optimize');
  core.context.sql.db.exec('ANALYZE');

  const pick = <T>(list: T[], i: number) => list[(i * 7919) % list.length]!;
  record('search: name prefix', await latency((i) => call('customers.list', { search: pick(samples.namePrefixes, i), limit: 50 })));
  record('search: email fragment', await latency((i) => call('customers.list', { search: pick(samples.emailFragments, i), limit: 50 })));
  // The first letter typed: most letters match thousands of customers, "k" and "e" all of them (".co.ke").
  record('search: one letter, a to z', await latency((i) => call('customers.list', { search: 'abcdefghijklmnopqrstuvwxyz'[i % 26]!, limit: 50 }), 104));
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
  // Adding customers to books that already hold many: each row is checked against them by email, phone and tax ID.
  const moreCustomers = ['Name,Email,Phone,KRA PIN'];
  for (let n = 0; n < 1_000; n++) moreCustomers.push(`New Shop ${n} Ltd,newshop${n}@example.co.ke,07${String(90_000_000 + n).slice(-8)},P9${String(n).padStart(8, '0')}X`);
  const moreCsv = moreCustomers.join('\n');
  record('import preview of 1,000 more customers into these books', await latency(() => call('customers.import.preview', { csvText: moreCsv, fileName: 'more.csv' }), 5));

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
  record('bench process memory after the import and the lists (RSS)', residentMemory());
  record('database file', fileSize(core.dbFile));
  core.close();
  const alone = await coreMemoryAfterImport(count);
  if (alone) {
    record('backend memory, the core alone, before opening the books (RSS)', alone.start);
    record('backend memory, the core alone, a second after the import (RSS)', alone.afterImport);
    record('backend memory, the core alone, after the import and the searches (RSS)', alone.afterSearches);
  }
  // BENCH_KEEP=1 keeps the imported book for BENCH_PART=screens (BENCH_CUSTOMER_BOOK).
  if (process.env.BENCH_KEEP === '1') console.log(`  customer book kept in ${dataDir}`);
  else fs.rmSync(dataDir, { recursive: true, force: true });
}
