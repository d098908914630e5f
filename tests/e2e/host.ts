// Starts `npm run web` on a free port and a fresh data folder, as a person would, and reads the
// address it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

export interface RunningHost {
  url: string;
  dataDir: string;
}

async function startHost(): Promise<{ host: RunningHost; child: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-e2e-'));
  // Its own process group, so stopping it stops npm and the server under it.
  const child = spawn('npm', ['run', 'web', '--', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
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
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  return { host: { url, dataDir }, child };
}

export const test = base.extend<{ host: RunningHost }>({
  // Playwright reads a fixture's dependencies from this destructuring, so it must be an object pattern.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const { host, child } = await startHost();
    await use(host);
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    fs.rmSync(host.dataDir, { recursive: true, force: true });
  },
});

export const expect = test.expect;

export const SCREENSHOTS = path.join('tests', 'e2e', 'screenshots');
