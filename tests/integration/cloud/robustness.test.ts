// Whatever arrives, the Cloud answers in its own JSON shape with the right status, and goes on
// serving: malformed and oversized bodies, unknown addresses, SQL-looking text, bad tokens.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionAnswer } from '../../../shared/cloud/api';
import { api, CLOUD_KINDS, startCloud, type TestCloud } from '../../helpers/cloud';
import { PASSWORD, registerDevice, signUp, uniqueEmail } from '../../helpers/cloudPeople';
import { openCloudDatabase, DatabaseLockedError } from '../../../server/db/connect';

describe.each(CLOUD_KINDS)('bad requests on %s', (kind) => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startCloud(kind);
  }, 120_000);
  afterAll(() => cloud?.close());

  it('answers each bad request with its status and a message, and keeps serving', async () => {
    const answers = {
      malformed: await api<{ code: string; message: string }>(cloud, 'POST', '/v1/auth/sign-in', { body: '{"email": "a@b.co", "password": ' }),
      wrongType: await api<{ code: string; message: string }>(cloud, 'POST', '/v1/auth/sign-in', { body: 'email=a', headers: { 'content-type': 'text/plain' } }),
      missingFields: await api<{ code: string; fields: Record<string, string> }>(cloud, 'POST', '/v1/auth/sign-up', { body: { email: 'not an email', password: 'short' } }),
      oversized: await api<{ code: string; message: string }>(cloud, 'POST', '/v1/auth/sign-up', { body: { email: 'a@b.co', password: 'x'.repeat(400 * 1024), name: 'Big', orgName: 'Big' } }),
      unknownRoute: await api<{ code: string; message: string }>(cloud, 'GET', '/v1/nothing-here'),
      noToken: await api<{ code: string; message: string }>(cloud, 'GET', '/v1/org/people'),
      garbageToken: await api<{ code: string }>(cloud, 'GET', '/v1/org/people', { token: 'bbd_not-a-real-token' }),
      badId: await api<{ code: string; fields: Record<string, string> }>(cloud, 'POST', "/v1/orgs/1'%20OR%20'1'='1/devices", { token: 'x', body: {} }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.status]))).toEqual({
      malformed: 400, wrongType: 415, missingFields: 400, oversized: 413, unknownRoute: 404, noToken: 401, garbageToken: 401, badId: 401,
    });
    expect(answers.malformed.body).toEqual({ code: 'invalid_input', message: 'The request body is not valid JSON.' });
    expect(answers.missingFields.body.fields).toMatchObject({ email: 'Enter an email address like name@example.com', password: 'Use at least 10 characters', name: expect.any(String) });
    expect(answers.oversized.body).toEqual({ code: 'too_large', message: 'The request is larger than this address takes (256 KB).' });
    // A sync push has its own limit, and the answer names it.
    const pushTooLarge = await api<{ code: string; message: string }>(cloud, 'POST', '/v1/sync/push', { token: 'x', body: { pad: 'x'.repeat(33 * 1024 * 1024) } });
    expect(pushTooLarge).toMatchObject({ status: 413, body: { code: 'too_large', message: 'The request is larger than this address takes (32 MB).' } });
    expect(answers.unknownRoute.body.message).toBe('Billbook Cloud has nothing at GET /v1/nothing-here.');
    for (const answer of Object.values(answers)) expect(typeof (answer.body as { message?: unknown }).message).toBe('string');
    expect((await api(cloud, 'GET', '/health')).status).toBe(200);
  });

  it('stores SQL-looking text as text', async () => {
    const name = "Robert'); DROP TABLE accounts;--";
    const orgName = "Bobby Tables' Hardware\"; DELETE FROM orgs; --";
    const email = uniqueEmail('bobby');
    const res = await api<SessionAnswer>(cloud, 'POST', '/v1/auth/sign-up', { body: { email, password: PASSWORD, name, orgName } });
    expect(res.status).toBe(201);
    expect(res.body.account.name).toBe(name);
    expect(res.body.memberships[0]!.orgName).toBe(orgName);
    const device = await registerDevice(cloud, res.body, "Laptop' OR 1=1 --");
    expect(device.device.name).toBe("Laptop' OR 1=1 --");
    const signIn = await api(cloud, 'POST', '/v1/auth/sign-in', { body: { email: "' OR '1'='1", password: "' OR '1'='1" } });
    expect(signIn.status).toBe(400);
    expect((await api(cloud, 'POST', '/v1/auth/sign-in', { body: { email, password: PASSWORD } })).status).toBe(200);
    await signUp(cloud);
  });

  it('refuses control characters in names, as the app does', async () => {
    const res = await api<{ fields: Record<string, string> }>(cloud, 'POST', '/v1/auth/sign-up', {
      body: { email: uniqueEmail('ctl'), password: PASSWORD, name: 'Evil\r\nBcc: all@example.com', orgName: 'Shop\u202Egnp.exe' },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.name).toMatch(/Line breaks are not allowed/);
    expect(res.body.fields.orgName).toMatch(/hidden text-direction character/);
  });
});

describe('the embedded database serves one process only', () => {
  it('refuses a second process on the same folder, pointing to DATABASE_URL, and takes over after a crash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-lock-'));
    const lockFile = path.join(dir, 'billbook-cloud.lock');
    // A live process (this test's child) holds the lock.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    fs.writeFileSync(lockFile, String(holder.pid));
    try {
      await expect(openCloudDatabase({ url: null, dataDir: dir })).rejects.toThrow(DatabaseLockedError);
      await expect(openCloudDatabase({ url: null, dataDir: dir })).rejects.toThrow(/Stop the other one, or run every instance on PostgreSQL by setting DATABASE_URL/);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    // Its process is gone: the lock is stale and the next one takes the folder.
    const database = await openCloudDatabase({ url: null, dataDir: dir });
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    await database.close();
    expect(fs.existsSync(lockFile)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
