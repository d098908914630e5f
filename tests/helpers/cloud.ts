// Billbook Cloud for a test: the real app on a real port, on a copy of the migrated PGlite template
// or in a fresh database of the run's PostgreSQL cluster, with a clock the test moves and a real
// SMTP server catching its mail.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { buildCloudApp, type CloudApp } from '../../server/app';
import { cloudConfigSchema } from '../../server/config';
import { openCloudDatabase } from '../../server/db/connect';
import { migrateCloud } from '../../server/db/migrate';
import { CLOUD_MIGRATIONS } from '../../server/db/migrations';
import { smtpMailer } from '../../server/mail/mailer';
import { secretBox } from '../../server/secrets/sealed';
import { startSmtpSink, type SmtpSink } from './smtp';

export type CloudKind = 'pglite' | 'postgres';
export const CLOUD_KINDS: readonly CloudKind[] = ['pglite', 'postgres'];

export interface TestClock {
  now(): Date;
  set(at: string | Date): void;
  advance(ms: number): void;
}

export function testClock(start = '2026-11-21T09:00:00.000Z'): TestClock {
  let offset = new Date(start).getTime() - Date.now();
  // Runs at real speed from `start`, so waits and timeouts behave; the test can jump it.
  return {
    now: () => new Date(Date.now() + offset),
    set: (at) => (offset = new Date(at).getTime() - Date.now()),
    advance: (ms) => (offset += ms),
  };
}

export interface TestCloud {
  kind: CloudKind;
  url: string;
  cloud: CloudApp;
  clock: TestClock;
  mail: SmtpSink;
  /** A database URL for this cloud's own database (postgres), to look at rows directly. */
  databaseUrl: string | null;
  close(): Promise<void>;
}

async function freshPostgresDatabase(): Promise<string> {
  const admin = new pg.Client(inject('postgresUrl'));
  await admin.connect();
  const name = `cloud_${crypto.randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  return url.href;
}

/** Many sign-ups from one address in a test run; the rate-limit test sets its own. */
const TEST_LIMITS = { signUpsPerHour: 10_000, signInsPerMinute: 10_000, signInsPerMinutePerEmail: 10_000, emailLinksPerQuarterHour: 10_000, emailLinksPerQuarterHourPerEmail: 10_000 };

export async function startCloud(kind: CloudKind, options: { clock?: TestClock; limits?: Partial<typeof TEST_LIMITS> } = {}): Promise<TestCloud> {
  const clock = options.clock ?? testClock();
  const mail = await startSmtpSink();
  let dataDir: string | null = null;
  let databaseUrl: string | null = null;
  if (kind === 'pglite') {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-cloud-'));
    fs.cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
    fs.rmSync(path.join(dataDir, 'billbook-cloud.lock'), { force: true });
  } else {
    databaseUrl = await freshPostgresDatabase();
  }
  const database = await openCloudDatabase({ url: databaseUrl, dataDir: dataDir ?? os.tmpdir() });
  await migrateCloud(database.db, CLOUD_MIGRATIONS);
  const config = cloudConfigSchema.parse({ smtp: { host: '127.0.0.1', port: mail.port, secure: 'none' }, dataDir: dataDir ?? '', limits: { ...TEST_LIMITS, ...options.limits } });
  const cloud = await buildCloudApp({
    database, config, clock, mailer: smtpMailer(config.smtp, () => undefined), secrets: secretBox(crypto.randomBytes(32)), logger: process.env.CLOUD_LOG ? { level: 'error' } : false, paymentPollMs: 0,
  });
  const address = await cloud.app.listen({ host: '127.0.0.1', port: 0 });
  // Links in emails and SSO redirects must point at the port the test got.
  config.publicUrl = address;
  return {
    kind, url: address, cloud, clock, mail, databaseUrl,
    close: async () => {
      await cloud.close();
      await mail.close();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the Cloud as a client would: JSON in, status and JSON out. */
export async function api<T = unknown>(
  cloud: Pick<TestCloud, 'url'>,
  method: string,
  route: string,
  options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${cloud.url}${route}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // HTML pages and empty answers stay text.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}
