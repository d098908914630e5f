// Timing helpers for `npm run bench`: percentiles over repeated runs, and the table printed at the end.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Core } from '../../electron/core/app';
import { seededRandom } from '../../electron/core/analytics/intelligence/stats';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';

const rows: [string, string][] = [];

export function record(what: string, value: string): void {
  rows.push([what, value]);
  console.log(`  ${what}: ${value}`);
}

export function section(title: string): void {
  rows.push([`**${title}**`, '']);
  console.log(`\n${title}`);
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `run` a few times to warm up, then `runs` times, and reports p50 and p95. */
export async function latency(run: (i: number) => unknown, runs = 200): Promise<string> {
  for (let i = 0; i < 5; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms`;
}

/** p50/p95 of `run` when the books changed just before it (`change`, untimed): nothing kept from an earlier call survives. */
export async function coldLatency(change: (i: number) => Promise<unknown>, run: () => Promise<unknown>, runs: number): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    await change(i);
    const start = performance.now();
    await run();
    if (i >= 3) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(2);
  return `p50 ${at(50)} ms, p95 ${at(95)} ms`;
}

export function printTable(): void {
  const width = Math.max(...rows.map(([w]) => w.length));
  console.log(`\n| ${'measure'.padEnd(width)} | result |\n|${'-'.repeat(width + 2)}|--------|`);
  for (const [what, value] of rows) console.log(`| ${what.padEnd(width)} | ${value} |`);
}

/** A small deterministic generator (the models' own mulberry32), so every run seeds the same books. */
export const prng = seededRandom;

/** Calls a channel as the app does, throwing the refusal's message. */
export async function call<C extends Channel>(core: Core, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await core.api[channel](input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
}

/**
 * Resident memory, split as Linux counts it: anonymous (the JS heap, SQLite's page cache, buffers)
 * and file-backed (the program and its libraries, and any pages of the books mapped into memory).
 */
export function residentMemory(): string {
  const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
  let split = '';
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    split = ` (anonymous ${Math.round(kb('RssAnon') / 1024)} MB, file-backed ${Math.round(kb('RssFile') / 1024)} MB, heap ${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MB)`;
  } catch {
    // Not Linux: the total alone.
  }
  return `${rss} MB${split}`;
}

/**
 * A file's size in MB as the budgets count them (MiB: the "907 MB" was this bench's),
 * and in millions of bytes beside it, so neither reading is left to guess.
 */
export function fileSize(file: string): string {
  const bytes = fs.statSync(file).size;
  return `${Math.round(bytes / 1024 / 1024)} MB (MiB; ${Math.round(bytes / 1e6)} million bytes)`;
}
