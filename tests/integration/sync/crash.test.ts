// Crashes in the middle of sync: a desktop killed (fork + SIGKILL) while its push or its pull is on
// the wire, and the Cloud killed while it applies a push. After a restart nothing is lost and
// nothing is applied twice.
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app';
import { fileSecretStore } from '../../../electron/core/secrets';
import { call, tempDir } from '../../helpers/core';
import { startCloud, testClock, type TestCloud } from '../../helpers/cloud';
import { startHoldingProxy, type HoldingProxy } from '../../helpers/holdingProxy';
import { PASSWORD, uniqueEmail } from '../../helpers/cloudPeople';
import { freshDatabase, startCloudProcess } from '../../helpers/cloudProcess';

const clock = testClock('2026-11-21T09:00:00.000Z');
const opened: Core[] = [];
afterEach(() => {
  for (const core of opened.splice(0)) {
    try {
      core.close();
    } catch {
      // closed by the test
    }
  }
});

function openDesktop(dir: string): Core {
  const core = createCore({
    dataDir: dir, clock, secrets: fileSecretStore(path.join(dir, 'secrets'), null, 'test'), log: () => undefined,
    jobs: { autoStart: false }, reminderScanMs: 0, pdfWorkers: 0, sync: { autoStart: false, pollMs: 3_600_000, backoff: { firstMs: 3_600_000, maxMs: 3_600_000 } },
  });
  opened.push(core);
  return core;
}

async function joinedDesktop(url: string, email = uniqueEmail('crash'), signUp = true): Promise<{ core: Core; dir: string; email: string }> {
  const dir = tempDir();
  const core = openDesktop(dir);
  await call(core, 'cloud.setServer', { url });
  const session = signUp
    ? await call(core, 'cloud.signUp', { email, password: PASSWORD, name: 'Crash Owner', orgName: 'Crash Ltd' })
    : await call(core, 'cloud.signIn', { email, password: PASSWORD });
  await call(core, 'cloud.join', { orgId: session.memberships[0]!.orgId, deviceName: signUp ? 'Counter' : 'Office' });
  await call(core, 'sync.now', {});
  return { core, dir, email };
}

/** Runs a sync round in a child process on these books, and kills it once `moment` resolves. */
async function syncAndKill(dir: string, moment: Promise<void>): Promise<void> {
  const child = fork(path.join(__dirname, '..', 'workers', 'syncer.ts'), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = new Promise<void>((resolve) => child.once('message', () => resolve()));
  child.send({ dataDir: dir, at: clock.now().toISOString() });
  await started;
  await moment;
  child.kill('SIGKILL');
  await exited;
}

async function cloudRows(cloud: TestCloud, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT data->>'name' AS name FROM sync_rows WHERE tbl = ${table} ORDER BY 1`.execute(cloud.cloud.context.db);
  return rows.map((r) => r.name);
}

describe('a desktop killed mid-sync', () => {
  let cloud: TestCloud;
  let proxy: HoldingProxy;
  beforeAll(async () => {
    cloud = await startCloud('pglite', { clock });
    proxy = await startHoldingProxy(cloud.url);
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await cloud?.close();
  });

  it('killed after the Cloud applied its push but before it heard: the push is sent again and applied once', async () => {
    const { core, dir } = await joinedDesktop(proxy.url);
    for (const name of ['Amani', 'Baraka', 'Coast']) await call(core, 'customers.create', { name: `${name} Crash` });
    core.close();
    await syncAndKill(dir, proxy.holdAnswer('/v1/sync/push'));
    // The Cloud has them, once; the desktop does not know it yet.
    expect((await cloudRows(cloud, 'customers')).filter((n) => n.endsWith('Crash'))).toEqual(['Amani Crash', 'Baraka Crash', 'Coast Crash']);
    const again = openDesktop(dir);
    expect((await call(again, 'sync.status', {})).pending).toBe(3);
    await call(again, 'sync.now', {});
    expect(await call(again, 'sync.status', {})).toMatchObject({ pending: 0, state: 'synced' });
    expect((await cloudRows(cloud, 'customers')).filter((n) => n.endsWith('Crash'))).toEqual(['Amani Crash', 'Baraka Crash', 'Coast Crash']);
    const device = await cloud.cloud.context.db.selectFrom('devices').select('last_mutation_id').where('name', '=', 'Counter').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    // The upload, then the three customers: each counted once.
    expect(device.last_mutation_id).toBeGreaterThanOrEqual(3);
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM sync_rows WHERE tbl = 'audit_log' AND data->>'summary' LIKE 'Customer created%'`.execute(cloud.cloud.context.db);
    expect(audit.rows[0]!.n).toBeGreaterThanOrEqual(3);
  });

  it('killed while a pull was on its way: the next round fetches it again, and nothing is doubled', async () => {
    const a = await joinedDesktop(proxy.url);
    const b = await joinedDesktop(proxy.url, a.email, false);
    for (const name of ['Delta', 'Echo']) await call(a.core, 'customers.create', { name: `${name} Pulled` });
    await call(a.core, 'sync.now', {});
    b.core.close();
    await syncAndKill(b.dir, proxy.holdAnswer('/v1/sync/pull'));
    const again = openDesktop(b.dir);
    await call(again, 'sync.now', {});
    const names = (await call(again, 'customers.list', {})).rows.map((r) => r.name).filter((n) => n.endsWith('Pulled')).sort();
    expect(names).toEqual(['Delta Pulled', 'Echo Pulled']);
  });
});

describe('the Cloud killed while it applies a push (PostgreSQL)', () => {
  let child: ChildProcess | null = null;
  afterEach(() => child?.kill('SIGKILL'));

  it('rolls back or commits whole; after a restart the push is applied exactly once', async () => {
    const databaseUrl = new URL(await freshDatabase(inject('postgresUrl'), 'crash'));
    const key = crypto.randomBytes(32).toString('base64');
    const env = { DATABASE_URL: databaseUrl.href, CLOUD_SECRET_KEY: key };
    const first = await startCloudProcess(env);
    child = first.process;
    const proxy = await startHoldingProxy(first.url);
    try {
      const { core } = await joinedDesktop(proxy.url);
      for (let i = 0; i < 400; i++) await call(core, 'customers.create', { name: `Bulk ${String(i).padStart(3, '0')}` });
      // The moment the push has reached the Cloud whole, the Cloud dies.
      proxy.onForwarded('/v1/sync/push', () => first.process.kill('SIGKILL'));
      const cut = await call(core, 'sync.now', {});
      expect(cut.pending).toBe(400);
      const second = await startCloudProcess(env);
      child = second.process;
      proxy.target = second.url;
      // The first request after the restart may meet a connection the dead Cloud left behind; the loop simply tries again.
      let status = await call(core, 'sync.now', {});
      for (let i = 0; i < 3 && status.state !== 'synced'; i++) status = await call(core, 'sync.now', {});
      expect(status).toMatchObject({ pending: 0, state: 'synced' });
      const db = new pg.Client(databaseUrl.href);
      await db.connect();
      const counted = await db.query("SELECT count(*)::int AS n, count(DISTINCT row_id)::int AS d FROM sync_rows WHERE tbl = 'customers' AND data->>'name' LIKE 'Bulk %'");
      expect(counted.rows[0]).toEqual({ n: 400, d: 400 });
      const device = await db.query("SELECT last_mutation_id FROM devices WHERE name = 'Counter'");
      // The upload was one change (an empty book's settings, if any) or none; then exactly the 400.
      expect(Number(device.rows[0].last_mutation_id)).toBe(Number((core.context.sql.prepare("SELECT value FROM meta WHERE key = 'sync.next_mutation_id'").get() as { value: string }).value) - 1);
      await db.end();
    } finally {
      await proxy.close();
    }
  }, 180_000);
});
