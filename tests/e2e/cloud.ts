// Billbook Cloud for the end-to-end tests, started as a person would run it (`npm run server`) on a
// free port with its own embedded database folder and a local SMTP server catching its mail; and a
// second desktop (`npm run web` with its own data folder) in a second browser context, for the
// colleague or the other computer. The Cloud can be stopped and started again on the same port and
// folder, which is what "offline" looks like to the desktops.
import { spawn, type ChildProcess } from 'node:child_process';
import { startFakeDaraja, type FakeDaraja } from '../helpers/fakeDaraja';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { E2E_TIME_ZONE } from './businessDate';
import { startHost, stopHost, test as hostTest, type RunningHost } from './host';
import { stopProcessGroup } from './processGroup';

export interface RunningCloud {
  url: string;
  port: number;
  dataDir: string;
  mail: SmtpSink;
  /** Stops the Cloud (the desktops find it unreachable: offline). */
  stop(): Promise<void>;
  /** Starts it again on the same port and database. */
  start(): Promise<void>;
  /** The invitation code from the invitation email sent to `email`. */
  invitationCode(email: string): Promise<string>;
  /** The link in the newest sign-in email sent to `email`. */
  signInLink(email: string): Promise<string>;
}

async function fromMail(mail: SmtpSink, email: string, pattern: RegExp, what: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const messages = mail.received.filter((m) => m.envelope.to.includes(email));
    for (const message of messages.reverse()) {
      const found = pattern.exec(message.parsed.text ?? '')?.[1];
      if (found) return found;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`No ${what} reached ${email}`);
}

export interface SecondDesktop {
  host: RunningHost;
  page: Page;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function startCloudProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn('npm', ['run', 'server'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run server did not start:\n${output}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Billbook Cloud is listening on')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run server exited with ${code}:\n${output}`));
    });
  });
}

export const test = hostTest.extend<{ cloud: RunningCloud; second: SecondDesktop; daraja: FakeDaraja }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern; the fake needs none.
  daraja: async ({}, use) => {
    const fake = await startFakeDaraja();
    await use(fake);
    await fake.close();
  },
  /** The Cloud reaches M-Pesa at the fake Daraja (DARAJA_BASE_URL), so an organisation's setup needs no address of its own. */
  // Starting a Cloud or another computer takes its own time on a busy machine, apart from the test's.
  cloud: [async ({ daraja }, use) => {
    const mail = await startSmtpSink();
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-e2e-cloud-'));
    const url = `http://127.0.0.1:${port}`;
    const env = {
      PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, CLOUD_DATA_DIR: dataDir, LOG_LEVEL: 'silent',
      SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mail.port), SMTP_SECURITY: 'none', DARAJA_BASE_URL: daraja.url,
    };
    let child: ChildProcess | null = await startCloudProcess(env);
    const cloud: RunningCloud = {
      url, port, dataDir, mail,
      stop: async () => {
        if (child) await stopProcessGroup(child);
        child = null;
      },
      start: async () => {
        if (!child) child = await startCloudProcess(env);
      },
      invitationCode: (email) => fromMail(mail, email, /\n(bbi_[\w-]+)\n/, 'invitation email'),
      signInLink: (email) => fromMail(mail, email, /(https?:\/\/\S+\/v1\/auth\/email-link\/open\?token=\S+)/, 'sign-in email'),
    };
    await use(cloud);
    if (child) await stopProcessGroup(child);
    await mail.close();
    fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }, { timeout: 120_000 }],
  /** Another computer: its own `npm run web` and data folder, in its own browser context. */
  second: [async ({ browser, hostEnv }, use) => {
    const { host, child } = await startHost(hostEnv, null);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: E2E_TIME_ZONE });
    const page = await context.newPage();
    await use({ host, page });
    await context.close();
    await stopHost(host, child);
  }, { timeout: 120_000 }],
});

export { expect, rpc, SCREENSHOTS, localDate } from './host';
