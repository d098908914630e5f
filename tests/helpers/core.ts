import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../electron/core/app';
import { fixedClock } from '../../electron/core/clock';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import type { AppErrorShape } from '../../shared/errors';

const open: { core: Core; dir: string }[] = [];

afterEach(() => {
  for (const { core, dir } of open.splice(0)) {
    try {
      core.close();
    } catch {
      // already closed by the test
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-test-'));
}

/** A backend over a real SQLite file in a fresh temp folder, on a clock the test controls. */
export function makeCore(start = '2026-11-21T09:00:00.000Z', options: Partial<CoreOptions> = {}) {
  const dir = options.dataDir ?? tempDir();
  const clock = fixedClock(start);
  const core = createCore({ dataDir: dir, clock, log: () => undefined, ...options });
  open.push({ core, dir });
  return { core, clock, dir };
}

/** Calls a channel and returns its value, failing the test with the error if it was refused. */
export async function call<C extends Channel>(core: Core, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await core.api[channel](input);
  if (!envelope.ok) throw new Error(`${channel} failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value as ChannelOutput<C>;
}

/** Calls a channel that must be refused and returns the error. */
export async function refused<C extends Channel>(core: Core, channel: C, input: unknown): Promise<AppErrorShape> {
  const envelope = await core.api[channel](input);
  if (envelope.ok) throw new Error(`${channel} was expected to fail but returned ${JSON.stringify(envelope.value).slice(0, 200)}`);
  return envelope.error;
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8');
}
