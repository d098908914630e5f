// Sync's part of the bench (BENCH_PART=sync): Billbook Cloud in its own process on PostgreSQL, and
// desktop cores in this one. Upload of the big book and download to a new computer, push throughput,
// how soon a change made on one computer shows on another, 50 computers of 10 organisations at once,
// and what sync's bookkeeping costs a local write. BENCH_FUZZ_RUNS runs the convergence property
// (default 10,000) when BENCH_PART=fuzz.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { createCore, type Core } from '../../electron/core/app';
import { systemClock } from '../../electron/core/clock';
import { memorySecretStore } from '../../electron/core/secrets';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { freshDatabase, startCloudProcess, type CloudProcess } from '../helpers/cloudProcess';
import { startPostgres } from '../helpers/postgres';
import { latency, percentile, record, section } from './measure';

const PASSWORD = 'correct horse battery';
const NO_LIMITS = { SIGN_INS_PER_MINUTE: '100000', SIGN_INS_PER_MINUTE_PER_EMAIL: '100000', SIGN_UPS_PER_HOUR: '100000' };

async function call<C extends Channel>(core: Core, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await core.api[channel](input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
}

function desktop(options: { autoStart?: boolean; dir?: string } = {}): Core {
  return createCore({
    dataDir: options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-desktop-')), clock: systemClock, secrets: memorySecretStore(), log: () => undefined,
    jobs: { autoStart: false }, reminderScanMs: 0, pdfWorkers: 0, sync: { autoStart: options.autoStart ?? false },
  });
}

async function signUpAndJoin(core: Core, url: string, orgName: string): Promise<{ email: string; orgId: string }> {
  const email = `bench.${crypto.randomBytes(5).toString('hex')}@example.co.ke`;
  await call(core, 'cloud.setServer', { url });
  const session = await call(core, 'cloud.signUp', { email, password: PASSWORD, name: 'Bench Owner', orgName });
  const orgId = session.memberships[0]!.orgId;
  await call(core, 'cloud.join', { orgId, deviceName: 'Bench laptop' });
  return { email, orgId };
}

async function signInAndJoin(core: Core, url: string, email: string, orgId: string, name: string): Promise<void> {
  await call(core, 'cloud.setServer', { url });
  await call(core, 'cloud.signIn', { email, password: PASSWORD });
  await call(core, 'cloud.join', { orgId, deviceName: name });
}

async function syncUntilDone(core: Core): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const status = await call(core, 'sync.now', {});
    if (status.pending === 0 && status.state !== 'syncing') return;
  }
}

const rowsIn = (core: Core) => (core.context.sql.prepare('SELECT count(*) AS n FROM sync_stamps').get() as { n: number }).n;

/** Upload of a seeded book (the billing bench's) and its download to a new computer. */
export async function benchBookTransfer(book: Core, cloudUrl: string): Promise<void> {
  const started = performance.now();
  const { email, orgId } = await signUpAndJoin(book, cloudUrl, 'Big Book Ltd');
  await syncUntilDone(book);
  const uploadMs = performance.now() - started;
  const rows = rowsIn(book);
  record('upload of the book (every synced row, one computer)', `${rows.toLocaleString('en')} rows in ${(uploadMs / 1000).toFixed(1)} s (${Math.round(rows / (uploadMs / 1000)).toLocaleString('en')} rows/s)`);

  const fresh = desktop();
  const joinedAt = performance.now();
  await call(fresh, 'cloud.setServer', { url: cloudUrl });
  await call(fresh, 'cloud.signIn', { email, password: PASSWORD });
  let firstScreen = 0;
  const stop = fresh.events.onAny((event) => {
    if (event === 'customers.changed' && firstScreen === 0) firstScreen = performance.now() - joinedAt;
  });
  await call(fresh, 'cloud.join', { orgId, deviceName: 'New laptop' });
  await syncUntilDone(fresh);
  stop();
  const completeMs = performance.now() - joinedAt;
  const downloaded = rowsIn(fresh);
  const customers = (await call(fresh, 'customers.list', {})).total;
  record('download to a new computer: first screen (first page of customers in)', `${(firstScreen / 1000).toFixed(2)} s`);
  record('download to a new computer: complete', `${downloaded.toLocaleString('en')} rows in ${(completeMs / 1000).toFixed(1)} s (${Math.round(downloaded / (completeMs / 1000)).toLocaleString('en')} rows/s; ${customers.toLocaleString('en')} customers)`);
  fresh.close();
}

async function benchPushThroughput(cloudUrl: string): Promise<void> {
  const core = desktop();
  await signUpAndJoin(core, cloudUrl, 'Push Ltd');
  await syncUntilDone(core);
  const count = Number(process.env.BENCH_PUSH_MUTATIONS ?? 20_000);
  for (let i = 0; i < count; i++) await call(core, 'customers.create', { name: `Pushed Customer ${i}` });
  const start = performance.now();
  await syncUntilDone(core);
  const ms = performance.now() - start;
  record(`push throughput, one Cloud instance (PostgreSQL), ${count.toLocaleString('en')} changes`, `${Math.round(count / (ms / 1000)).toLocaleString('en')} changes/s (${(ms / 1000).toFixed(1)} s, batches of 500)`);
  core.close();
}

async function benchVisibility(cloudUrl: string): Promise<void> {
  const a = desktop({ autoStart: true });
  const { email, orgId } = await signUpAndJoin(a, cloudUrl, 'Visible Ltd');
  const b = desktop({ autoStart: true });
  await signInAndJoin(b, cloudUrl, email, orgId, 'Other laptop');
  await syncUntilDone(a);
  await syncUntilDone(b);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const name = `Seen Customer ${i}`;
    const arrived = new Promise<void>((resolve) => {
      const stop = b.events.onAny((event) => {
        if (event !== 'customers.changed') return;
        const found = b.context.sql.prepare('SELECT 1 FROM customers WHERE name = ?').get(name);
        if (found) {
          stop();
          resolve();
        }
      });
    });
    const start = performance.now();
    await call(a, 'customers.create', { name });
    await arrived;
    times.push(performance.now() - start);
  }
  times.sort((x, y) => x - y);
  record('a change made on one computer, on screen on another (both running, pokes)', `p50 ${(percentile(times, 50) / 1000).toFixed(2)} s, p95 ${(percentile(times, 95) / 1000).toFixed(2)} s`);
  a.close();
  b.close();
}

async function benchManyDevices(cloudUrl: string): Promise<void> {
  const orgs = 10;
  const perOrg = 5;
  const changes = 100;
  const devices: Core[] = [];
  for (let o = 0; o < orgs; o++) {
    const first = desktop();
    const { email, orgId } = await signUpAndJoin(first, cloudUrl, `Org ${o}`);
    devices.push(first);
    for (let d = 1; d < perOrg; d++) {
      const other = desktop();
      await signInAndJoin(other, cloudUrl, email, orgId, `Laptop ${d}`);
      devices.push(other);
    }
  }
  for (const core of devices) await syncUntilDone(core);
  for (const [i, core] of devices.entries()) for (let c = 0; c < changes; c++) await call(core, 'customers.create', { name: `Device ${i} customer ${c}` });
  const rounds: number[] = [];
  const start = performance.now();
  await Promise.all(devices.map(async (core) => {
    const t = performance.now();
    await syncUntilDone(core);
    rounds.push(performance.now() - t);
  }));
  // Everyone pulls what the others pushed.
  await Promise.all(devices.map((core) => syncUntilDone(core)));
  const ms = performance.now() - start;
  rounds.sort((x, y) => x - y);
  const total = orgs * perOrg * changes;
  record(`${orgs * perOrg} computers of ${orgs} organisations syncing at once (${total.toLocaleString('en')} changes)`, `${Math.round(total / (ms / 1000)).toLocaleString('en')} changes/s through push and pull; a computer's sync p50 ${(percentile(rounds, 50) / 1000).toFixed(1)} s, p95 ${(percentile(rounds, 95) / 1000).toFixed(1)} s`);
  for (const core of devices) core.close();
}

async function benchBookkeeping(cloudUrl: string): Promise<void> {
  const alone = desktop();
  record('a local write (customers.create), books on this computer only', await latency((i) => call(alone, 'customers.create', { name: `Alone ${i}` }), 500));
  alone.close();
  const synced = desktop();
  await signUpAndJoin(synced, cloudUrl, 'Bookkeeping Ltd');
  await syncUntilDone(synced);
  record('the same write in books that sync (outbox rows and stamps)', await latency((i) => call(synced, 'customers.create', { name: `Synced ${i}` }), 500));
  synced.close();
}

async function withCloud(work: (cloud: CloudProcess) => Promise<void>): Promise<void> {
  const postgres = await startPostgres();
  try {
    const cloud = await startCloudProcess({ DATABASE_URL: await freshDatabase(postgres.url, 'sync'), CLOUD_SECRET_KEY: crypto.randomBytes(32).toString('base64'), ...NO_LIMITS });
    try {
      await work(cloud);
    } finally {
      await cloud.stop();
    }
  } finally {
    postgres.stop();
  }
}

export async function benchSync(book: Core | null): Promise<void> {
  section('Sync (Billbook Cloud in its own process on PostgreSQL 15; desktops in this process; the same 2 cores)');
  await withCloud(async (cloud) => {
    if (book) await benchBookTransfer(book, cloud.url);
    await benchPushThroughput(cloud.url);
    await benchVisibility(cloud.url);
    await benchManyDevices(cloud.url);
    await benchBookkeeping(cloud.url);
  });
}

/** The convergence property under vitest (its harness gives it the Cloud), with many more runs than `npm test`. */
export function benchFuzz(runs: number): void {
  section(`Sync convergence property, ${runs.toLocaleString('en')} runs`);
  const start = performance.now();
  const result = spawnSync('npx', ['vitest', 'run', 'tests/integration/sync/convergence.test.ts'], { env: { ...process.env, FUZZ_RUNS: String(runs) }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const minutes = ((performance.now() - start) / 60_000).toFixed(1);
  if (result.status === 0) record('runs that converged', `${runs.toLocaleString('en')} of ${runs.toLocaleString('en')} in ${minutes} min`);
  else {
    const seed = /\{ seed: -?\d+, path: "[^"]*"/.exec(`${result.stdout}${result.stderr}`)?.[0] ?? '(see the output above)';
    console.log(result.stdout, result.stderr);
    record('convergence FAILED', `replay with FUZZ_SEED/FUZZ_PATH from ${seed}`);
  }
}
