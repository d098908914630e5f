// Starts `npm run web` on a free port and a fresh data folder, as a person would, and reads the
// address it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { E2E_TIME_ZONE, E2E_TODAY } from './businessDate';
import { stopProcessGroup } from './processGroup';

export interface RunningHost {
  url: string;
  dataDir: string;
}

/** Fills the data folder before the host opens it (damaged books, backups). An object: Playwright takes a bare function for a fixture. */
export interface HostData {
  prepare(dataDir: string): void | Promise<void>;
}

export async function startHost(env: Record<string, string>, prepare: HostData | null): Promise<{ host: RunningHost; child: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-e2e-'));
  await prepare?.prepare(dataDir);
  // Its own process group, so stopping it stops npm and the server under it.
  const child = spawn('npm', ['run', 'web', '--', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, BILLBOOK_TODAY: E2E_TODAY, TZ: E2E_TIME_ZONE, ...env },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run web did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('http://127.0.0.1:'));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // E2E_HOST_LOG=1 shows what the host says on its error stream (an unexpected failure's stack).
      if (process.env.E2E_HOST_LOG) process.stderr.write(chunk);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  return { host: { url, dataDir }, child };
}

/** Stops a host started with startHost and removes its data folder. */
export async function stopHost(host: RunningHost, child: ChildProcess): Promise<void> {
  await stopProcessGroup(child);
  fs.rmSync(host.dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

export const test = base.extend<{ host: RunningHost; hostEnv: Record<string, string>; hostData: HostData | null }>({
  /** Extra environment for the host (e.g. BILLBOOK_GEMINI_BASE_URL): `test.use({ hostEnv: {…} })`. */
  hostEnv: [{}, { option: true }],
  /** What is in the data folder when the host starts: `test.use({ hostData: { prepare: (dir) => … } })`. */
  hostData: [null, { option: true }],
  host: async ({ hostEnv, hostData }, use) => {
    const { host, child } = await startHost(hostEnv, hostData);
    await use(host);
    await stopHost(host, child);
  },
});

export const expect = test.expect;

export const SCREENSHOTS = path.join('tests', 'e2e', 'screenshots');

/** Calls the backend the way the page does (POST /rpc with the page's token), to seed data. */
export async function rpc<C extends Channel>(page: Page, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await page.evaluate(
    async ([name, body]) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="billbook-token"]')?.content ?? '';
      const response = await fetch(`/rpc/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-billbook-token': token },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [channel, input] as const,
  );
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message ?? 'failed'}`);
  return envelope.value as ChannelOutput<C>;
}

export { E2E_TODAY, fieldDate, localDate } from './businessDate';
