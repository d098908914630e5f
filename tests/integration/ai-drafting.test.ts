// Drafting from a sentence with Gemini behind it: the real @google/genai SDK against a local
// server that speaks generateContent, the real job queue, and real SQLite books.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { memorySecretStore } from '../../electron/core/secrets';
import { call, makeCore, refused } from '../helpers/core';
import { customer } from '../helpers/billing';
import {
  candidateReply, goodReply, rateLimited, safetyBlock, serverError, startFakeGemini, type FakeGemini, type Responder,
} from '../helpers/fakeGemini';
import { until } from '../helpers/until';

const KEY = 'AIza-test-key-0123456789';
const SENTENCE = '3 months of web hosting at KES 15,000 per month';
const servers: FakeGemini[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function fake(responder: Responder): Promise<FakeGemini> {
  const server = await startFakeGemini(responder);
  servers.push(server);
  return server;
}

/** A fake Gemini that holds its answer until the test releases it. */
async function heldBack(): Promise<{ server: FakeGemini; release: () => void }> {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const server = await fake(async () => {
    await gate;
    return hosting;
  });
  return { server, release };
}

const hosting = goodReply([{ description: 'Web hosting (Business plan)', quantity: 3, unit: 'months', unitPrice: 15000 }], { notes: 'Service period: Dec 2026 – Feb 2027' });

/** A core wired to the fake server, with the queue's waits shortened so a test takes seconds. */
async function setup(baseUrl: string, options: { key?: string | null; rpm?: number } = {}) {
  const { core, clock, dir } = makeCore('2026-11-21T09:00:00.000Z', {
    geminiBaseUrl: baseUrl,
    secrets: memorySecretStore(options.key === null ? {} : { geminiApiKey: options.key ?? KEY }),
    jobs: { backoff: { baseMs: 40, capMs: 300 }, breaker: { threshold: 5, openMs: 400 }, offlineRecheckMs: 150, leaseMs: 1500 },
  });
  await call(core, 'settings.update', { ai: { requestsPerMinute: options.rpm ?? 6000 } });
  const buyer = await customer(core, { name: 'Kilimani Web Studio', businessType: 'Web agency' });
  return { core, clock, dir, buyer };
}


const statusOf = (core: Core, draftId: string) => call(core, 'drafting.status', { draftId });
const settled = (core: Core, draftId: string) =>
  until(() => statusOf(core, draftId), (s) => !['waiting', 'refining'].includes(s.state) || s.job?.state === 'failed');

describe('drafting from a sentence with Gemini', () => {
  it('drafts offline at once, then saves Gemini\'s answer as a new version with the difference shown', async () => {
    const server = await fake(() => hosting);
    const { core, buyer } = await setup(server.url);
    const generated = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    expect(generated.draft.draft.version).toBe(1);
    expect(generated.draft.draft.source).toBe('offline_parser');
    expect(generated.draft.lines).toHaveLength(1);
    expect(generated.draft.lines[0]!.amountMinor).toBe(4_500_000);

    const status = await settled(core, generated.draft.id);
    expect(status.state).toBe('refined');
    expect(status.offlineVersion).toBe(1);
    expect(status.refinedVersion).toBe(2);
    const draft = await call(core, 'invoices.get', { id: generated.draft.id });
    expect(draft.draft.source).toBe('ai');
    expect(draft.lines[0]!.description).toBe('Web hosting (Business plan)');
    expect(draft.totals.totalMinor).toBe(5_220_000);
    expect(draft.notes).toContain('Service period');
    expect(status.diff!.lines[0]!.change).toBe('changed');
    expect(status.diff!.lines[0]!.fields).toContain('description');
    expect(status.diff!.fields.map((f) => f.field)).toContain('notes');

    // The request: the SDK's REST shape, the key, the model, and the brief's prompt plan.
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.apiKey).toBe(KEY);
    expect(request!.model).toBe('gemini-2.5-flash');
    expect(request!.sentence).toBe(SENTENCE);
    const prompt = JSON.stringify(request!.body);
    expect(prompt).toContain('Kilimani Web Studio');
    expect(prompt).toContain('Web agency');
    expect(prompt).toContain('Standard VAT is 16%');
    expect(request!.body.generationConfig?.responseMimeType).toBe('application/json');
    expect(request!.body.generationConfig?.responseSchema).toBeTruthy();

    // One click back to the offline version.
    await call(core, 'drafts.restore', { id: draft.id, version: 1, currentVersion: 2 });
    const back = await call(core, 'invoices.get', { id: draft.id });
    expect(back.lines[0]!.description).toBe(generated.draft.lines[0]!.description);
  });

  it('waits as a 429 storm\'s RetryInfo says, spends an attempt on each, and then succeeds', async () => {
    const server = await fake((_, i) => (i < 3 ? rateLimited('0.6s') : hosting));
    const { core, buyer } = await setup(server.url);
    const { draft } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    const status = await settled(core, draft.id);
    expect(status.state).toBe('refined');
    expect(status.job!.attempts).toBe(1);
    expect(status.job!.rateLimitedCount).toBe(3);
    const at = server.requests.map((r) => r.at);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(590);
  });

  it('retries 500s with backoff; gives up after five attempts with the last error; five in a row open the breaker', async () => {
    const flaky = await fake((_, i) => (i < 2 ? serverError(503) : hosting));
    const first = await setup(flaky.url);
    const one = await call(first.core, 'drafting.generate', { customerId: first.buyer.id, prompt: SENTENCE });
    const ok = await settled(first.core, one.draft.id);
    expect(ok.state).toBe('refined');
    expect(ok.job!.attempts).toBe(3);

    const down = await fake(() => serverError(500));
    const second = await setup(down.url);
    const two = await call(second.core, 'drafting.generate', { customerId: second.buyer.id, prompt: SENTENCE });
    const failed = await settled(second.core, two.draft.id);
    expect(failed.state).toBe('failed');
    expect(failed.job!.attempts).toBe(5);
    expect(failed.message).toMatch(/Gave up after 5 attempts.*500/);
    expect(down.requests).toHaveLength(5);
    const jobs = await call(second.core, 'jobs.list', {});
    expect(jobs.providers[0]!.breaker).toBe('open');
    // The offline draft stands untouched.
    const kept = await call(second.core, 'invoices.get', { id: two.draft.id });
    expect(kept.draft.version).toBe(1);
    expect(kept.lines[0]!.amountMinor).toBe(4_500_000);
  });

  it('counts a reply that never comes as a timeout and tries again', async () => {
    const server = await fake((_, i) => (i === 0 ? { hang: true } : hosting));
    const { core, buyer } = await setup(server.url);
    await call(core, 'settings.update', { ai: { timeoutSeconds: 5 } });
    const { draft } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    const status = await until(() => statusOf(core, draft.id), (s) => s.state === 'refined', 20_000);
    expect(status.job!.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  }, 30_000);

  it('retries malformed JSON, and fails with a clear message when it never improves', async () => {
    const server = await fake((_, i) => (i === 0 ? candidateReply('{"items": [ this is not json') : hosting));
    const { core, buyer } = await setup(server.url);
    const { draft } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    expect((await settled(core, draft.id)).state).toBe('refined');

    server.setResponder(() => candidateReply(JSON.stringify({ items: 'three months' })));
    const other = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: 'Logo design 25k' });
    const failed = await settled(core, other.draft.id);
    expect(failed.state).toBe('failed');
    expect(failed.message).toMatch(/did not have the invoice shape \(items/);
  });

  it('fails at once, without retrying, on a reply cut off at MAX_TOKENS and on a safety block', async () => {
    const server = await fake(() => candidateReply('{"items": [{"description": "Web ho', 'MAX_TOKENS'));
    const { core, buyer } = await setup(server.url);
    const cut = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    const cutStatus = await settled(core, cut.draft.id);
    expect(cutStatus.state).toBe('failed');
    expect(cutStatus.job!.attempts).toBe(1);
    expect(cutStatus.job!.lastErrorClass).toBe('permanent');
    expect(cutStatus.message).toMatch(/cut off.*MAX_TOKENS/);

    server.setResponder(() => safetyBlock());
    const blocked = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    const blockedStatus = await settled(core, blocked.draft.id);
    expect(blockedStatus.state).toBe('failed');
    expect(blockedStatus.job!.attempts).toBe(1);
    expect(blockedStatus.message).toMatch(/safety reasons \(SAFETY\).*offline draft stands/);
    expect(server.requests).toHaveLength(2);
    const kept = await call(core, 'invoices.get', { id: blocked.draft.id });
    expect(kept.draft.source).toBe('offline_parser');
  });

  it('flags wrong arithmetic and an amount far outside the customer\'s history, and uses quantity × price', async () => {
    const server = await fake(() =>
      goodReply([{ description: 'Web hosting', quantity: 3, unit: 'months', unitPrice: 15000, amount: 50000 }], { total: 58000 }),
    );
    const { core, buyer } = await setup(server.url);
    // History: three small invoices of KES 1,160.
    for (let i = 0; i < 3; i++) {
      const d = await call(core, 'drafts.create', {
        draft: { customerId: buyer.id, issueDate: `2026-0${i + 6}-01`, lines: [{ description: 'Support', quantityMilli: 1000, unitPriceMinor: 100_000 }] },
      });
      await call(core, 'invoices.finalize', { id: d.id, version: 1 });
    }
    const { draft } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    const status = await settled(core, draft.id);
    expect(status.state).toBe('refined');
    const text = status.warnings.join('\n');
    expect(text).toContain("Gemini's amount KES 50,000.00 is not 3 × KES 15,000.00 = KES 45,000.00");
    expect(text).toMatch(/total KES 52,200.00 is 45× more than this customer's usual invoice \(KES 1,160.00, the median of 3\)/);
    const refined = await call(core, 'invoices.get', { id: draft.id });
    expect(refined.lines[0]!.amountMinor).toBe(4_500_000);
  });

  it('queues nothing without a key and says what a key would add; once one is saved, Refine runs it', async () => {
    const server = await fake(() => hosting);
    const { core, buyer } = await setup(server.url, { key: null });
    const { draft, status } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    expect(status.state).toBe('drafted_offline');
    expect(status.job).toBeNull();
    expect(status.message).toMatch(/With a Gemini API key \(Settings → AI drafting\), AI would also tidy/);
    expect((await call(core, 'jobs.list', {})).jobs).toHaveLength(0);
    expect((await refused(core, 'drafting.refine', { draftId: draft.id })).message).toMatch(/no Gemini API key yet/);
    expect(server.requests).toHaveLength(0);
    const view = await call(core, 'settings.setSecret', { name: 'geminiApiKey', value: KEY });
    expect(view.geminiKeySet).toBe(true);
    expect(JSON.stringify(view)).not.toContain(KEY);
    await call(core, 'drafting.refine', { draftId: draft.id });
    expect((await settled(core, draft.id)).state).toBe('refined');
  });

  it('ends a draft\'s refinement when the draft is finalized or discarded', async () => {
    const { server, release } = await heldBack();
    const { core, buyer } = await setup(server.url);
    const one = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    const two = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    await call(core, 'invoices.finalize', { id: one.draft.id, version: 1 });
    await call(core, 'drafts.discard', { id: two.draft.id });
    release();
    const jobs = (await call(core, 'jobs.list', {})).jobs;
    expect(jobs.map((j) => j.state)).toEqual(['cancelled', 'cancelled']);
    expect((await call(core, 'drafting.status', { draftId: one.draft.id })).state).toBe('cancelled');
  });

  it('ends, at start, the refinements of drafts that were discarded while Billbook was closed (books from before this rule)', async () => {
    const server = await fake(() => hosting);
    const first = makeCore('2026-11-21T09:00:00.000Z', { geminiBaseUrl: server.url, secrets: memorySecretStore({ geminiApiKey: KEY }), jobs: { autoStart: false } });
    const buyer = await customer(first.core);
    const { draft } = await call(first.core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    // As an older Billbook left it: the draft gone, its job still queued.
    first.core.context.sql.prepare('UPDATE invoices SET deleted_at = ? WHERE id = ?').run('2026-11-21T09:01:00.000Z', draft.id);
    first.core.close();
    const { core } = makeCore('2026-11-21T09:05:00.000Z', { dataDir: first.dir, geminiBaseUrl: server.url, secrets: memorySecretStore({ geminiApiKey: KEY }) });
    expect((await call(core, 'jobs.list', {})).jobs.map((j) => j.state)).toEqual(['cancelled']);
    expect(server.requests).toHaveLength(0);
  });

  it('waits offline when the server cannot be reached, and runs when it comes back', async () => {
    const probe = await startFakeGemini(() => hosting);
    const { port, url } = probe;
    await probe.close();
    const { core, buyer } = await setup(url);
    const { draft } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    const waiting = await until(() => statusOf(core, draft.id), (s) => s.job?.state === 'offline');
    expect(waiting.job!.attempts).toBe(0);
    expect(waiting.message).toMatch(/Could not reach 127.0.0.1:\d+ \(ECONNREFUSED\)/);
    servers.push(await startFakeGemini(() => hosting, port));
    const done = await settled(core, draft.id);
    expect(done.state).toBe('refined');
    expect(done.job!.attempts).toBe(1);
  });

  it('holds the answer for review when the person edited the draft meanwhile, and applies it on request', async () => {
    const { server, release } = await heldBack();
    const { core, buyer } = await setup(server.url);
    const { draft } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    await server.waitForRequests(1);
    const edited = await call(core, 'drafts.update', {
      id: draft.id, version: 1,
      draft: { customerId: buyer.id, issueDate: draft.issueDate, lines: [{ description: 'Web hosting', quantityMilli: 3000, unit: 'months', unitPriceMinor: 1_400_000 }] },
    });
    expect(edited.draft.version).toBe(2);
    release();
    const review = await settled(core, draft.id);
    expect(review.state).toBe('review');
    expect(review.diff!.lines[0]!.fields).toEqual(expect.arrayContaining(['description', 'unitPriceMinor']));
    const kept = await call(core, 'invoices.get', { id: draft.id });
    expect(kept.lines[0]!.unitPriceMinor).toBe(1_400_000);

    await refused(core, 'drafting.applyRefinement', { draftId: draft.id, jobId: review.job!.id, currentVersion: 1 });
    const applied = await call(core, 'drafting.applyRefinement', { draftId: draft.id, jobId: review.job!.id, currentVersion: 2 });
    expect(applied.draft.version).toBe(3);
    expect(applied.draft.source).toBe('ai');
    expect(applied.lines[0]!.unitPriceMinor).toBe(1_500_000);
    expect((await statusOf(core, draft.id)).state).toBe('refined');
  });

  it('cancels a job under way and throws its answer away; retry-now runs it again', async () => {
    const { server, release } = await heldBack();
    const { core, buyer } = await setup(server.url);
    const { draft, status } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    await server.waitForRequests(1);
    const cancelled = await call(core, 'jobs.cancel', { id: status.job!.id });
    expect(cancelled.state).toBe('cancelled');
    release();
    await core.jobs.idle();
    expect((await call(core, 'invoices.get', { id: draft.id })).draft.version).toBe(1);
    expect((await statusOf(core, draft.id)).state).toBe('cancelled');

    await call(core, 'jobs.retryNow', { id: status.job!.id });
    expect((await settled(core, draft.id)).state).toBe('refined');
    expect((await call(core, 'jobs.list', {})).jobs).toHaveLength(1);
  });

  it('runs higher priority first and keeps one job per draft version however often it is asked', async () => {
    const server = await fake(() => hosting);
    // The queue is held until both are asked for, so the order is the queue's, not the asking's.
    const { core } = makeCore('2026-11-21T09:00:00.000Z', {
      geminiBaseUrl: server.url, secrets: memorySecretStore({ geminiApiKey: KEY }), jobs: { autoStart: false, backoff: { baseMs: 40, capMs: 300 } },
    });
    await call(core, 'settings.update', { ai: { requestsPerMinute: 6000 } });
    const buyer = await customer(core, { name: 'Kilimani Web Studio', businessType: 'Web agency' });
    const bulk = await call(core, 'drafting.bulk', { customerIds: [buyer.id], template: 'Monthly retainer for {month}: 50,000' });
    const urgent = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    await call(core, 'drafting.refine', { draftId: urgent.draft.id });
    await call(core, 'drafting.refine', { draftId: urgent.draft.id });
    expect((await call(core, 'jobs.list', {})).jobs).toHaveLength(2);
    core.jobs.start();
    await until(() => call(core, 'drafting.batch', { batchId: bulk.batchId }), (b) => b.finished === 1);
    expect(server.requests.map((r) => r.sentence)).toEqual([SENTENCE, 'Monthly retainer for November 2026: 50,000']);
  });
});

describe('a Billbook process killed in the middle of an AI job', () => {
  it('resumes the job after a restart: nothing lost, nothing done twice', async () => {
    const { fork } = await import('node:child_process');
    const path = await import('node:path');
    const server = await fake(() => ({ hang: true }));
    const { core, dir, buyer } = await setup(server.url);
    core.close();

    const child = fork(path.join(__dirname, 'workers', 'aiDrafter.ts'), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const started = new Promise<{ draftId?: string; error?: string }>((resolve) => child.once('message', (m) => resolve(m as { draftId?: string })));
    child.send({ dataDir: dir, baseUrl: server.url, customerId: buyer.id, prompt: SENTENCE });
    const { draftId, error } = await started;
    expect(error).toBeUndefined();
    await server.waitForRequests(1);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    server.setResponder(() => hosting);
    const { core: again } = makeCore('2026-11-21T09:00:00.000Z', {
      dataDir: dir, geminiBaseUrl: server.url, secrets: memorySecretStore({ geminiApiKey: KEY }),
      jobs: { backoff: { baseMs: 40, capMs: 300 }, leaseMs: 1000 },
    });
    const status = await until(() => statusOf(again, draftId!), (s) => s.state === 'refined', 15_000);
    expect(status.job!.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    const versions = await call(again, 'drafts.versions', { id: draftId! });
    expect(versions.map((v) => v.source)).toEqual(['ai', 'offline_parser']);
    const jobs = await call(again, 'jobs.list', {});
    expect(jobs.jobs).toHaveLength(1);
    expect(jobs.counts.succeeded).toBe(1);
  }, 40_000);
});

describe('what the queue must never do', () => {
  it('does not blame Gemini when its answer cannot be saved: one request, failed with the reason, breaker closed', async () => {
    const { server, release } = await heldBack();
    const { core, buyer } = await setup(server.url);
    const { draft, status } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    await server.waitForRequests(1);
    await call(core, 'customers.archive', { id: buyer.id });
    release();
    const failed = await until(() => call(core, 'jobs.get', { id: status.job!.id }), (j) => j.state === 'failed');
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/The answer arrived but could not be saved: Wanjiku Traders is archived|Kilimani Web Studio is archived/);
    expect(server.requests).toHaveLength(1);
    expect((await call(core, 'jobs.list', {})).providers[0]!.breaker).toBe('closed');
    expect((await call(core, 'invoices.get', { id: draft.id })).draft.version).toBe(1);
  });

  it('never stores an answer no draft could hold: an impossible quantity becomes 1 with a warning, and every version reads back', async () => {
    const server = await fake(() => goodReply([{ description: 'Bolts', quantity: 2_000_000, unitPrice: 1 }]));
    const { core, buyer } = await setup(server.url);
    const { draft } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: '2000 bolts at 1 each' });
    const status = await settled(core, draft.id);
    expect(status.state).toBe('refined');
    expect(status.warnings.join('\n')).toContain('Gemini gave a quantity of 2000000, which cannot be billed. It is set to 1; check it.');
    const version = await call(core, 'drafts.version', { id: draft.id, version: 2 });
    expect(version.content.lines[0]!.quantityMilli).toBe(1000);
  });

  it('never lets an attempt that was cancelled finish the same job after a retry', async () => {
    let calls = 0;
    const server = await fake(async () => {
      calls += 1;
      // The first answer comes late, after the job was cancelled and retried.
      if (calls === 1) await new Promise((r) => setTimeout(r, 400));
      return goodReply([{ description: calls === 1 ? 'Stale answer' : 'Fresh answer', quantity: 3, unitPrice: 15000 }]);
    });
    const { core, buyer } = await setup(server.url);
    const { draft, status } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: SENTENCE });
    await server.waitForRequests(1);
    await call(core, 'jobs.cancel', { id: status.job!.id });
    await call(core, 'jobs.retryNow', { id: status.job!.id });
    await settled(core, draft.id);
    await core.jobs.idle();
    const refined = await call(core, 'invoices.get', { id: draft.id });
    expect(refined.lines[0]!.description).toBe('Fresh answer');
    expect((await call(core, 'drafts.versions', { id: draft.id })).map((v) => v.source)).toEqual(['ai', 'offline_parser']);
  });
});
