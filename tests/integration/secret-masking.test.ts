// A provider that echoes the key, password or token in its error must not put it in the books or in
// front of anyone: every stored secret (and its usual encodings) is masked in every text we keep or
// emit. Real local servers echo the secrets; then the whole SQLite file and every event are searched.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { maskSecrets, memorySecretStore } from '../../electron/core/secrets';
import { call, makeCore } from '../helpers/core';
import { customer, invoice } from '../helpers/billing';
import { startFakeGemini } from '../helpers/fakeGemini';
import { startFakeAfricasTalking, startFakeTwilio } from '../helpers/fakeSms';
import { startSmtpSink } from '../helpers/smtp';
import { until } from '../helpers/until';

const GEMINI_KEY = 'AIzaSyEchoKey_0123456789abcdefXYZ';
const SMTP_USER = 'billing@kilimani.co.ke';
const PASSWORD = 'p@ss w/rd+2026=ok';
const AT_USER = 'kilimani';
const AT_KEY = 'atsk_echo_5f0c3b2a91d84e6f8a7b6c5d4e3f';
const SID = 'ACf3a9c0d2e4b6a8c0d2e4f6a8b0c2d4e6';
const TOKEN = '5f1e2d3c4b5a69788796a5b4c3d2e1f0';
const MASK = '••••';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const server of closers.splice(0)) await server.close();
});

/** The secret as a provider might echo it: as is, URL- or form-encoded, and in a Basic or AUTH PLAIN credential. */
function variants(secret: string, user: string): string[] {
  return [secret, encodeURIComponent(secret), new URLSearchParams({ x: secret }).toString().slice(2), b64(secret), b64(`${user}:${secret}`), b64(`\0${user}\0${secret}`)];
}

function setup(secrets: Parameters<typeof memorySecretStore>[0], options: Parameters<typeof makeCore>[1] = {}) {
  const made = makeCore('2026-11-21T09:00:00.000Z', {
    secrets: memorySecretStore(secrets),
    jobs: { backoff: { baseMs: 20, capMs: 60 }, breaker: { threshold: 50, openMs: 100 }, offlineRecheckMs: 100, leaseMs: 1500 },
    ...options,
  });
  const events: string[] = [];
  made.core.events.onAny((event, payload) => events.push(`${event} ${JSON.stringify(payload)}`));
  return { ...made, events };
}

/** Every byte Billbook wrote to its data folder (the books, their WAL, backups), after closing them. */
function everythingStored(core: Core, dir: string): Buffer {
  core.close();
  const files: Buffer[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(fs.readFileSync(full));
    }
  };
  walk(dir);
  return Buffer.concat(files);
}

function expectNowhere(secret: string, user: string, where: { stored: Buffer; shown: string[] }) {
  for (const variant of variants(secret, user)) {
    expect(where.stored.includes(Buffer.from(variant, 'utf8')), `"${variant}" in the data folder`).toBe(false);
    for (const text of where.shown) expect(text.includes(variant), `"${variant}" in ${text.slice(0, 300)}`).toBe(false);
  }
}

async function emailSettings(core: Core) {
  await call(core, 'settings.update', {
    email: { host: '127.0.0.1', port: 25, security: 'none', user: SMTP_USER, fromName: 'Kilimani', fromAddress: SMTP_USER, replyTo: '', messagesPerMinute: 6000, timeoutSeconds: 5 },
  });
}

describe('the masking function', () => {
  it('replaces every stored secret, and its encodings, with ••••, and leaves other text alone', () => {
    const secrets = memorySecretStore({ smtpPassword: PASSWORD, twilioAuthToken: TOKEN });
    const text = `auth failed: ${PASSWORD} / ${encodeURIComponent(PASSWORD)} / Basic ${b64(`${SID}:${TOKEN}`)} / ${TOKEN.toUpperCase()} / ${TOKEN}`;
    const masked = maskSecrets(text, secrets, [SID, SMTP_USER]);
    for (const variant of [...variants(PASSWORD, SMTP_USER), ...variants(TOKEN, SID)]) expect(masked).not.toContain(variant);
    expect(masked).toBe(`auth failed: ${MASK} / ${MASK} / Basic ${MASK} / ${TOKEN.toUpperCase()} / ${MASK}`);
    expect(maskSecrets('nothing secret here', memorySecretStore(), [])).toBe('nothing secret here');
  });
});

describe('secrets echoed by providers are kept nowhere', () => {
  it('Gemini: the key in its error body is masked in the job, its events and the data folder', async () => {
    const echo = (status: number) => (request: { apiKey: string | null }) => ({
      status,
      json: { error: { code: status, message: `API key not valid: ${request.apiKey} (key=${encodeURIComponent(request.apiKey ?? '')}).`, status: 'INVALID_ARGUMENT' } },
    });
    const fake = await startFakeGemini((request, index) => echo(index === 0 ? 503 : 400)(request));
    closers.push(fake);
    const { core, dir, events } = setup({ geminiApiKey: GEMINI_KEY }, { geminiBaseUrl: fake.url });
    await call(core, 'settings.update', { ai: { requestsPerMinute: 6000 } });
    const buyer = await customer(core);
    const generated = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: '3 months of web hosting at KES 15,000 per month' });
    const status = await until(() => call(core, 'drafting.status', { draftId: generated.draft.id }), (s) => s.job?.state === 'failed');
    expect(fake.requests[0]!.apiKey, 'the fake did see the key').toBe(GEMINI_KEY);
    expect(status.job!.lastError).toContain(`API key not valid: ${MASK}`);
    const jobs = await call(core, 'jobs.list', { limit: 10 });
    const shown = [...events, JSON.stringify(jobs)];
    expectNowhere(GEMINI_KEY, '', { stored: everythingStored(core, dir), shown });
  });

  it('SMTP: the password in the server\'s refusal is masked in the log, the job, the test result, the activity and the data folder', async () => {
    const sink = await startSmtpSink({ credentials: { user: SMTP_USER, pass: PASSWORD } });
    closers.push(sink);
    const { core, dir, events } = setup({ smtpPassword: PASSWORD }, { smtp: { host: '127.0.0.1', port: sink.port } });
    await emailSettings(core);
    const echoed = `5.7.8 Bad credentials ${SMTP_USER}:${PASSWORD} url=${encodeURIComponent(PASSWORD)} AUTH PLAIN ${b64(`\0${SMTP_USER}\0${PASSWORD}`)} Basic ${b64(`${SMTP_USER}:${PASSWORD}`)}`;
    sink.failNext('auth', 535, echoed, 2);
    const buyer = await customer(core, { email: 'accounts@zoe-cafe.co.ke' });
    const inv = await invoice(core, buyer.id);
    await call(core, 'sending.send', { invoiceId: inv.id, requestId: randomUUID(), channels: ['email'], emails: ['accounts@zoe-cafe.co.ke'], attachPdf: false });
    const [row] = await until(() => call(core, 'sending.forInvoice', { invoiceId: inv.id }), (rows) => rows[0]?.status === 'failed');
    expect(row!.error).toContain(`Bad credentials ${SMTP_USER}:${MASK}`);
    const test = await call(core, 'sending.testEmail', { to: 'me@kilimani.co.ke' });
    expect(test.ok).toBe(false);
    expect(test.detail).toContain(MASK);
    await until(async () => events.filter((e) => e.startsWith('activity')).length, (n) => n > 0, 5000);
    const shown = [...events, JSON.stringify(test), JSON.stringify(await call(core, 'sending.log', {}))];
    expectNowhere(PASSWORD, SMTP_USER, { stored: everythingStored(core, dir), shown });
  });

  it("Africa's Talking: the API key in its error is masked in the log, the job, the test result and the data folder", async () => {
    const fake = await startFakeAfricasTalking({ username: AT_USER, apiKey: AT_KEY });
    closers.push(fake);
    const { core, dir, events } = setup({});
    await call(core, 'settings.update', { sms: { provider: 'africastalking', africastalking: { username: AT_USER, senderId: '', baseUrl: fake.url }, messagesPerMinute: 6000 } });
    await call(core, 'settings.setSecret', { name: 'africasTalkingApiKey', value: AT_KEY });
    const echo = { kind: 'http' as const, status: 401, message: `Invalid apiKey ${AT_KEY} (${encodeURIComponent(AT_KEY)}) for ${AT_USER}` };
    fake.script(echo, echo);
    const buyer = await customer(core);
    const inv = await invoice(core, buyer.id);
    await call(core, 'sending.send', { invoiceId: inv.id, requestId: randomUUID(), channels: ['sms'], phones: ['+254722123456'] });
    const [row] = await until(() => call(core, 'sending.forInvoice', { invoiceId: inv.id }), (rows) => rows[0]?.status === 'failed');
    expect(row!.error).toContain(`Invalid apiKey ${MASK}`);
    const test = await call(core, 'sending.testSms', { to: '+254722123456' });
    expect(test.message).toContain(`Invalid apiKey ${MASK}`);
    const shown = [...events, JSON.stringify(test), JSON.stringify(await call(core, 'jobs.list', { limit: 10 }))];
    expectNowhere(AT_KEY, AT_USER, { stored: everythingStored(core, dir), shown });
  });

  it('Twilio: the auth token and the Basic credential in its error are masked in the log, the job, the test result and the data folder', async () => {
    const fake = await startFakeTwilio({ accountSid: SID, authToken: TOKEN });
    closers.push(fake);
    const { core, dir, events } = setup({});
    await call(core, 'settings.update', { sms: { provider: 'twilio', twilio: { accountSid: SID, from: '+14155550100', baseUrl: fake.url }, messagesPerMinute: 6000 } });
    await call(core, 'settings.setSecret', { name: 'twilioAuthToken', value: TOKEN });
    const echo = { kind: 'http' as const, status: 400, code: 21999, message: `Authorization: Basic ${b64(`${SID}:${TOKEN}`)} token=${TOKEN}` };
    fake.script(echo, echo);
    const buyer = await customer(core);
    const inv = await invoice(core, buyer.id);
    await call(core, 'sending.send', { invoiceId: inv.id, requestId: randomUUID(), channels: ['sms'], phones: ['+254722123456'] });
    const [row] = await until(() => call(core, 'sending.forInvoice', { invoiceId: inv.id }), (rows) => rows[0]?.status === 'failed');
    expect(row!.error).toContain(`Basic ${MASK} token=${MASK}`);
    const test = await call(core, 'sending.testSms', { to: '+254722123456' });
    expect(test.message).toContain(`token=${MASK}`);
    const shown = [...events, JSON.stringify(test), JSON.stringify(await call(core, 'jobs.list', { limit: 10 }))];
    expectNowhere(TOKEN, SID, { stored: everythingStored(core, dir), shown });
  });
});
