// Getting paid through the Cloud (BENCH_PART=payments, issue 15): Billbook Cloud in its own process, as
// deployed, on PGlite and on PostgreSQL, with a local fake Daraja in this process.
//   1. M-Pesa Paybill (C2B) confirmations Daraja posts to the organisation's callback path, sent
//      concurrently (BENCH_CALLBACKS, 2,000; BENCH_CALLBACK_CONCURRENCY, 32), every tenth one a repeat of
//      the receipt just before it (Daraja retries), then a fifth as many one at a time for comparison,
//      then a check through the sync pull API that every distinct receipt is recorded exactly once
//      (one incoming payment, and one payment when it was placed).
//   2. From a confirmation to the invoice showing paid on a desktop that syncs as the app does (its
//      engine started by joining, the app's default timings: pokes over server-sent events, a pull a
//      minute regardless), for BENCH_PAID_INVOICES (30) invoices one after another.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore, type Core } from '../../electron/core/app';
import { systemClock } from '../../electron/core/clock';
import { memorySecretStore } from '../../electron/core/secrets';
import type { PullAnswer } from '../../shared/sync/protocol';
import type { SyncRow } from '../../shared/sync/tables';
import { freshDatabase, startCloudProcess, type CloudProcess } from '../helpers/cloudProcess';
import { startFakeDaraja, type FakeDaraja } from '../helpers/fakeDaraja';
import { startPostgres } from '../helpers/postgres';
import { call, percentile, record, section } from './measure';

const PASSWORD = 'correct horse battery';
const NO_LIMITS = { SIGN_INS_PER_MINUTE: '100000', SIGN_INS_PER_MINUTE_PER_EMAIL: '100000', SIGN_UPS_PER_HOUR: '100000' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port for the Cloud known before it starts: its public address (PORT without PUBLIC_URL) is what it gives Daraja. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A desktop core with the app's sync timings (none given: the engine's defaults). */
function desktop(): { core: Core; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-paid-'));
  const core = createCore({
    dataDir: dir, clock: systemClock, secrets: memorySecretStore(), log: () => undefined,
    jobs: { autoStart: false }, reminderScanMs: 0, recurringScanMs: 0, pdfWorkers: 0,
  });
  return { core, dir };
}

/** Signs up a new owner and organisation and joins this computer (which starts its sync engine). */
async function founder(core: Core, url: string, orgName: string): Promise<void> {
  await call(core, 'cloud.setServer', { url });
  const session = await call(core, 'cloud.signUp', { email: `bench.${crypto.randomBytes(5).toString('hex')}@example.co.ke`, password: PASSWORD, name: 'Bench Owner', orgName });
  await call(core, 'cloud.join', { orgId: session.memberships[0]!.orgId, deviceName: 'Bench laptop' });
}

async function configureDaraja(core: Core, daraja: FakeDaraja): Promise<void> {
  await call(core, 'cloudPayments.configureDaraja', {
    shortcode: daraja.keys.shortcode, kind: 'paybill', consumerKey: daraja.keys.consumerKey, consumerSecret: daraja.keys.consumerSecret, passkey: daraja.keys.passkey, baseUrl: daraja.url,
  });
  if (!daraja.registered) throw new Error('the Cloud did not register its C2B addresses with Daraja');
}

/** One customer and one final invoice each, `count` times; returns the invoices. */
async function invoices(core: Core, count: number, unitPriceMinor: number): Promise<{ id: string; number: string; totalMinor: number }[]> {
  const made = [];
  for (let i = 0; i < count; i++) {
    const buyer = await call(core, 'customers.create', { name: `Paying Customer ${i}`, phone: `+2547220${String(i).padStart(5, '0')}` });
    const draft = await call(core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: new Date().toISOString().slice(0, 10), lines: [{ description: 'Web hosting', quantityMilli: 1000, unit: 'pieces', unitPriceMinor, taxRateBp: null }] } });
    const invoice = await call(core, 'invoices.finalize', { id: draft.id, version: 1 });
    made.push({ id: invoice.id, number: invoice.number!, totalMinor: invoice.totals.totalMinor });
  }
  return made;
}

async function syncUntilDone(core: Core): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const status = await call(core, 'sync.now', {});
    if (status.pending === 0 && status.state !== 'syncing') return;
  }
}

/** Every row the Cloud holds for the organisation, as a new computer would download it. */
async function pullAll(url: string, token: string): Promise<SyncRow[]> {
  const rows: SyncRow[] = [];
  let cursor = 0;
  for (;;) {
    const response = await fetch(`${url}/v1/sync/pull?cursor=${cursor}&limit=2000`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`pull: ${response.status} ${await response.text()}`);
    const answer = (await response.json()) as PullAnswer;
    rows.push(...answer.rows);
    cursor = answer.cursor;
    if (!answer.more) return rows;
  }
}

async function benchCallbacks(label: string, cloud: CloudProcess, daraja: FakeDaraja): Promise<void> {
  const total = Number(process.env.BENCH_CALLBACKS ?? 2_000);
  const concurrency = Number(process.env.BENCH_CALLBACK_CONCURRENCY ?? 32);
  // The owner's computer sets up the books and M-Pesa, then is closed: the load is the Cloud's alone.
  const { core, dir } = desktop();
  await founder(core, cloud.url, `Callbacks Ltd ${label}`);
  const open = await invoices(core, 20, 100_000_000);
  await configureDaraja(core, daraja);
  await syncUntilDone(core);
  const token = core.context.secrets.get('cloudDeviceToken')!;
  core.close();

  // Every tenth callback repeats the receipt of the one before it: the two are in flight together.
  // Three in four distinct receipts carry an invoice number as the account; the rest cannot be placed.
  const run = crypto.randomBytes(2).toString('hex').toUpperCase();
  const make = (prefix: string, count: number) => {
    const made: { receipt: string; account: string }[] = [];
    for (let i = 0; i < count; i++) {
      if (i % 10 === 9) made.push(made[i - 1]!);
      else made.push({ receipt: `${prefix}${run}${String(i).padStart(6, '0')}`, account: i % 4 === 3 ? 'rent december' : open[i % open.length]!.number });
    }
    return made;
  };
  const failures: string[] = [];
  const send = async (callbacks: { receipt: string; account: string }[], at: number, what: string) => {
    const times: number[] = [];
    const finished: number[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: at }, async () => {
      while (next < callbacks.length) {
        const c = callbacks[next++]!;
        const sent = performance.now();
        try {
          const answer = await daraja.confirmC2b({ receipt: c.receipt, amount: 10, account: c.account });
          const body = answer.body as { ResultCode?: unknown };
          if (answer.status !== 200 || body.ResultCode !== 0) failures.push(`${c.receipt}: ${answer.status} ${JSON.stringify(answer.body)}`);
        } catch (error) {
          failures.push(`${c.receipt}: ${(error as Error).message}`);
        }
        times.push(performance.now() - sent);
        finished.push(performance.now() - start);
      }
    }));
    const seconds = (performance.now() - start) / 1000;
    times.sort((a, b) => a - b);
    const count = callbacks.length;
    record(`${label}: C2B confirmations, ${count.toLocaleString('en')} (${new Set(callbacks.map((c) => c.receipt)).size.toLocaleString('en')} receipts), ${what}`,
      `${Math.round(count / seconds).toLocaleString('en')} callbacks/s (${seconds.toFixed(1)} s), p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ${failures.length} not answered 200/ResultCode 0 so far`);
    // The rate over the first and the last quarter of the answers: does it hold up as the books fill?
    const quarter = Math.floor(count / 4);
    if (at > 1 && quarter > 0) {
      const rate = (from: number, to: number) => Math.round(quarter / ((finished[to]! - (from < 0 ? 0 : finished[from]!)) / 1000)).toLocaleString('en');
      record(`${label}: C2B confirmations, ${what}, first and last quarter`, `${rate(-1, quarter - 1)} callbacks/s, then ${rate(count - quarter - 1, count - 1)} callbacks/s`);
    }
  };
  const concurrent = make('QB', total);
  await send(concurrent, concurrency, `${concurrency} at once`);
  // The same kind of load one at a time, for comparison: what concurrency adds or costs.
  const sequential = make('QS', Math.ceil(total / 5));
  await send(sequential, 1, 'one at a time');
  if (failures.length > 0) console.log(`  first failures:\n    ${failures.slice(0, 5).join('\n    ')}`);
  const distinct = new Map([...concurrent, ...sequential].map((c) => [c.receipt, c]));
  const matched = [...distinct.values()].filter((c) => c.account !== 'rent december').length;

  // Each distinct receipt exactly once on the Cloud: one incoming payment, and one payment if it was placed.
  const rows = await pullAll(cloud.url, token);
  const incoming = new Map<string, number>();
  const statuses = new Map<string, number>();
  for (const row of rows.filter((r) => r.table === 'incoming_payments')) {
    const receipt = String(row.data.receipt);
    incoming.set(receipt, (incoming.get(receipt) ?? 0) + 1);
    statuses.set(String(row.data.status), (statuses.get(String(row.data.status)) ?? 0) + 1);
  }
  const payments = new Map<string, number>();
  for (const row of rows.filter((r) => r.table === 'payments' && r.data.method === 'mpesa')) payments.set(String(row.data.reference), (payments.get(String(row.data.reference)) ?? 0) + 1);
  const missing = [...distinct.keys()].filter((r) => !incoming.has(r));
  const twice = [...incoming].filter(([, n]) => n > 1).map(([r]) => r);
  const paidTwice = [...payments].filter(([, n]) => n > 1).map(([r]) => r);
  const extra = [...incoming.keys()].filter((r) => !distinct.has(r));
  const ok = missing.length === 0 && twice.length === 0 && paidTwice.length === 0 && extra.length === 0 && payments.size === matched;
  record(`${label}: receipts recorded exactly once (checked by pulling the organisation's rows)`,
    `${ok ? 'yes' : 'NO'}: ${incoming.size.toLocaleString('en')} of ${distinct.size.toLocaleString('en')} receipts in (${[...statuses].map(([s, n]) => `${n} ${s}`).join(', ')}), ${payments.size.toLocaleString('en')} payments for ${matched.toLocaleString('en')} placed; missing ${missing.length}, twice ${twice.length}, paid twice ${paidTwice.length}, unexpected ${extra.length}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

async function benchPaidOnDesktop(label: string, cloud: CloudProcess, daraja: FakeDaraja): Promise<void> {
  const count = Number(process.env.BENCH_PAID_INVOICES ?? 30);
  const { core, dir } = desktop();
  await founder(core, cloud.url, `Paid Ltd ${label}`);
  const unpaid = await invoices(core, count, 150_000);
  await configureDaraja(core, daraja);
  // Setting up only: the invoices reach the Cloud. From here on the engine runs on its own.
  await syncUntilDone(core);
  await sleep(1_000);
  const times: number[] = [];
  let slowest = '';
  for (const [i, invoice] of unpaid.entries()) {
    const start = performance.now();
    const answer = await daraja.confirmC2b({ receipt: `QP${crypto.randomBytes(3).toString('hex').toUpperCase()}${String(i).padStart(3, '0')}`, amount: invoice.totalMinor / 100, account: invoice.number });
    if (answer.status !== 200) throw new Error(`confirmation for ${invoice.number}: ${answer.status} ${JSON.stringify(answer.body)}`);
    for (;;) {
      const shown = await call(core, 'invoices.get', { id: invoice.id });
      if (shown.status === 'paid') break;
      if (performance.now() - start > 150_000) throw new Error(`${invoice.number} not shown paid after 150 s (${shown.status})`);
      await sleep(10);
    }
    const ms = performance.now() - start;
    times.push(ms);
    if (ms >= Math.max(...times)) slowest = invoice.number;
    // The next customer pays a moment later, not in the same instant.
    await sleep(200);
  }
  times.sort((a, b) => a - b);
  record(`${label}: confirmation to invoice shown paid on a syncing desktop (${count} invoices, app's sync defaults)`,
    `p50 ${(percentile(times, 50) / 1000).toFixed(2)} s, p95 ${(percentile(times, 95) / 1000).toFixed(2)} s, slowest ${(times.at(-1)! / 1000).toFixed(2)} s (${slowest})`);
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

export async function benchPayments(): Promise<void> {
  section('Getting paid through the Cloud (Cloud in its own process; fake Daraja and desktops in this one; the same 2 cores)');
  const daraja = await startFakeDaraja();
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-payments-'));
    const embedded = await startCloudProcess({ CLOUD_DATA_DIR: dir, PORT: String(await freePort()), ...NO_LIMITS });
    try {
      await benchCallbacks('PGlite', embedded, daraja);
      await benchPaidOnDesktop('PGlite', embedded, daraja);
    } finally {
      await embedded.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    if (process.env.BENCH_PAYMENTS_POSTGRES === '0') return;
    const postgres = await startPostgres();
    try {
      const cloud = await startCloudProcess({ DATABASE_URL: await freshDatabase(postgres.url, 'payments'), CLOUD_SECRET_KEY: crypto.randomBytes(32).toString('base64'), PORT: String(await freePort()), ...NO_LIMITS });
      try {
        await benchCallbacks('PostgreSQL 15', cloud, daraja);
        await benchPaidOnDesktop('PostgreSQL 15', cloud, daraja);
      } finally {
        await cloud.stop();
      }
    } finally {
      postgres.stop();
    }
  } finally {
    await daraja.close();
  }
}
