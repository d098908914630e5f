// The AI queue under load: 1,000 refinements against a local Gemini that answers 30% of calls with
// 429, and 50 drafts requested at once. Timing is reported, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore, type Core } from '../../electron/core/app';
import { memorySecretStore } from '../../electron/core/secrets';
import { goodReply, rateLimited, startFakeGemini } from '../helpers/fakeGemini';
import { call, percentile, prng, record, section } from './measure';

const KEY = 'AIza-bench-key-0123456789';

/** The most requests that arrived in any window of `windowMs` (half-open: [t, t + windowMs)). */
function peakIn(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! <= sorted[i]! - windowMs) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

async function waitForQuiet(core: Core, total: number): Promise<void> {
  for (;;) {
    const { counts } = await call(core, 'jobs.list', { limit: 1 });
    if (counts.succeeded + counts.failed + counts.cancelled >= total) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}


export async function benchJobs(): Promise<void> {
  const jobs = Number(process.env.BENCH_AI_JOBS ?? 1000);
  const rpm = Number(process.env.BENCH_AI_RPM ?? 1200);
  section(`AI queue: ${jobs.toLocaleString('en')} jobs, fake Gemini answering 30% with 429 (RetryInfo 1s), limit ${rpm.toLocaleString('en')} requests/min`);
  const random = prng(7);
  const server = await startFakeGemini(async () => {
    await new Promise((r) => setTimeout(r, 40));
    return random() < 0.3 ? rateLimited('1s') : goodReply([{ description: 'Monthly retainer', quantity: 1, unitPrice: 50_000 }]);
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-ai-'));
  const secrets = memorySecretStore();
  const core = createCore({ dataDir, geminiBaseUrl: server.url, secrets, log: (m, e) => console.error(m, e) });
  try {
    await call(core, 'settings.update', { ai: { requestsPerMinute: rpm } });
    const customers = [];
    for (let i = 0; i < 50; i++) customers.push(await call(core, 'customers.create', { name: `Bench Client ${i + 1}`, email: `c${i}@bench.co.ke` }));
    // Queue everything while no key is set, so the run starts with the whole backlog.
    for (let i = 0; i < jobs; i += customers.length) {
      await call(core, 'drafting.bulk', { customerIds: customers.slice(0, Math.min(customers.length, jobs - i)).map((c) => c.id), template: 'Monthly retainer for {month}: 50,000' });
    }
    const start = performance.now();
    const startedAt = Date.now();
    await call(core, 'settings.setSecret', { name: 'geminiApiKey', value: KEY });
    await waitForQuiet(core, jobs);
    const wall = (performance.now() - start) / 1000;
    const rows = core.context.sql.prepare('SELECT state, attempts, rate_limited FROM jobs').all() as { state: string; attempts: number; rate_limited: number }[];
    const succeeded = rows.filter((r) => r.state === 'succeeded').length;
    const attempts = rows.map((r) => r.attempts).sort((a, b) => a - b);
    const tries = rows.map((r) => r.attempts + r.rate_limited).sort((a, b) => a - b);
    const mean = tries.reduce((a, b) => a + b, 0) / tries.length;
    const histogram = new Map<number, number>();
    for (const a of tries) histogram.set(a, (histogram.get(a) ?? 0) + 1);
    const times = server.requests.filter((r) => r.at >= startedAt).map((r) => r.at);
    const peakMinute = peakIn(times, 60_000);
    const peakSecond = peakIn(times, 1000);
    record('jobs succeeded', `${succeeded.toLocaleString('en')} of ${jobs.toLocaleString('en')} (failed ${rows.length - succeeded})`);
    record('wall time', `${wall.toFixed(1)} s`);
    record('requests sent (429 answers)', `${times.length.toLocaleString('en')} (${(times.length - succeeded).toLocaleString('en')})`);
    record('requests per job (429s included)', `mean ${mean.toFixed(2)}, p50 ${percentile(tries, 50)}, p99 ${percentile(tries, 99)}, max ${tries.at(-1)}; jobs by requests: ${[...histogram].sort((a, b) => a[0] - b[0]).map(([a, n]) => `${a}: ${n}`).join(', ')}`);
    record('attempts spent per job (a 429 spends none)', `max ${attempts.at(-1)} of 5`);
    record('peak request rate', `${peakSecond} in any second (limit ${(rpm / 60).toFixed(0)}/s); ${peakMinute} in any minute (limit ${rpm})${wall < 60 ? ' — the run was shorter than a minute' : ''}`);
    record('mean request rate', `${(times.length / wall).toFixed(1)} per second`);
  } finally {
    core.close();
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  section('50 drafts requested at once (offline draft + queued refinement each; limit 600 requests/min)');
  const server2 = await startFakeGemini(async () => {
    await new Promise((r) => setTimeout(r, 40));
    return goodReply([{ description: 'Web hosting', quantity: 3, unit: 'months', unitPrice: 15_000 }]);
  });
  const dataDir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-ai50-'));
  const core2 = createCore({ dataDir: dataDir2, geminiBaseUrl: server2.url, secrets: memorySecretStore({ geminiApiKey: KEY }), log: (m, e) => console.error(m, e) });
  try {
    await call(core2, 'settings.update', { ai: { requestsPerMinute: 600 } });
    const buyer = await call(core2, 'customers.create', { name: 'Kilimani Web Studio', email: 'a@kws.co.ke' });
    const start = performance.now();
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const t = performance.now();
        await call(core2, 'drafting.generate', { customerId: buyer.id, prompt: `${i + 1} months of web hosting at KES 15,000 per month` });
        latencies.push(performance.now() - t);
      }),
    );
    const drafted = performance.now() - start;
    await waitForQuiet(core2, 50);
    const refined = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    record('offline drafts: all 50 saved', `${drafted.toFixed(0)} ms (each: p50 ${percentile(latencies, 50).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms)`);
    record('all 50 refined by the fake Gemini', `${refined.toFixed(1)} s (at 10 requests/s)`);
  } finally {
    core2.close();
    await server2.close();
    fs.rmSync(dataDir2, { recursive: true, force: true });
  }
}
