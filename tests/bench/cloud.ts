// The Cloud's part of the bench (BENCH_PART=cloud): Billbook Cloud in its own process, as deployed,
// on the embedded PGlite and on PostgreSQL, loaded from this process over HTTP. Sign-in latency
// (argon2 included), an authenticated request's round trip, authenticated requests per second with
// concurrent clients, and the instance's memory.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { startCloudProcess, freshDatabase, type CloudProcess } from '../helpers/cloudProcess';
import { startPostgres } from '../helpers/postgres';
import { percentile, record, section } from './measure';

/** The bench signs in many times from one address; people never would. */
const LIMITS = { SIGN_INS_PER_MINUTE: '100000', SIGN_INS_PER_MINUTE_PER_EMAIL: '100000', SIGN_UPS_PER_HOUR: '100000' };

async function json<T>(url: string, method: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function rssMb(pid: number): number {
  const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  return Math.round(kb / 1024);
}

async function measure(label: string, cloud: CloudProcess): Promise<void> {
  const email = `bench.${crypto.randomBytes(4).toString('hex')}@example.co.ke`;
  const password = 'correct horse battery';
  const session = await json<{ sessionToken: string; memberships: { orgId: string }[] }>(`${cloud.url}/v1/auth/sign-up`, 'POST', { email, password, name: 'Bench Owner', orgName: 'Bench Ltd' });
  const device = await json<{ deviceToken: string }>(`${cloud.url}/v1/orgs/${session.memberships[0]!.orgId}/devices`, 'POST', { name: 'Bench laptop' }, session.sessionToken);

  const signIns: number[] = [];
  for (let i = 0; i < 40; i++) {
    const start = performance.now();
    await json(`${cloud.url}/v1/auth/sign-in`, 'POST', { email, password });
    signIns.push(performance.now() - start);
  }
  signIns.sort((a, b) => a - b);
  record(`${label}: sign-in (argon2id 19 MiB, t=2)`, `p50 ${percentile(signIns, 50).toFixed(1)} ms, p95 ${percentile(signIns, 95).toFixed(1)} ms`);

  const trips: number[] = [];
  for (let i = 0; i < 500; i++) {
    const start = performance.now();
    await json(`${cloud.url}/v1/device`, 'GET', undefined, device.deviceToken);
    trips.push(performance.now() - start);
  }
  trips.sort((a, b) => a - b);
  record(`${label}: authenticated request, one client`, `p50 ${percentile(trips, 50).toFixed(2)} ms, p95 ${percentile(trips, 95).toFixed(2)} ms`);

  // Concurrent clients for a few seconds: throughput and latency under load.
  const clients = 32;
  const seconds = 5;
  const until = performance.now() + seconds * 1000;
  const loaded: number[] = [];
  let done = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) {
      const start = performance.now();
      await json(`${cloud.url}/v1/device`, 'GET', undefined, device.deviceToken);
      loaded.push(performance.now() - start);
      done += 1;
    }
  }));
  loaded.sort((a, b) => a - b);
  record(`${label}: authenticated requests, ${clients} clients`, `${Math.round(done / seconds).toLocaleString('en')} requests/s, p50 ${percentile(loaded, 50).toFixed(1)} ms, p95 ${percentile(loaded, 95).toFixed(1)} ms`);
  record(`${label}: memory of the instance after the load`, `${rssMb(cloud.process.pid!)} MB resident`);
}

export async function benchCloud(): Promise<void> {
  section('Billbook Cloud (its own process; load from this one; the same 2 cores)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-cloud-'));
  const embedded = await startCloudProcess({ CLOUD_DATA_DIR: dir, ...LIMITS });
  try {
    await measure('PGlite', embedded);
  } finally {
    await embedded.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const postgres = await startPostgres();
  try {
    const cloud = await startCloudProcess({ DATABASE_URL: await freshDatabase(postgres.url, 'bench'), CLOUD_SECRET_KEY: crypto.randomBytes(32).toString('base64'), ...LIMITS });
    try {
      await measure('PostgreSQL 15', cloud);
    } finally {
      await cloud.stop();
    }
  } finally {
    postgres.stop();
  }
}
