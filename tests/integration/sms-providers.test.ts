// The SMS providers over real HTTP: a real core (settings and secrets through the API, real SQLite)
// builds the provider, which talks to local servers speaking Africa's Talking's and Twilio's APIs.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { JobFailure } from '../../electron/core/jobs/failure';
import { AFRICAS_TALKING_SANDBOX_URL, smsBaseUrl, smsProviderFor, smsSetupProblem } from '../../electron/core/send/sms';
import { createTwilioProvider } from '../../electron/core/send/sms/twilio';
import { settingsSchema, type SmsSettings } from '../../shared/domain/settings';
import { call, makeCore } from '../helpers/core';
import { startFakeAfricasTalking, startFakeTwilio, type FakeSmsServer } from '../helpers/fakeSms';

const AT_USER = 'kilimani-web';
const AT_KEY = 'atsk_5f0c3b2a91d84e6f8a7b6c5d4e3f2a1b0c9d8e7f';
const SID = 'ACf3a9c0d2e4b6a8c0d2e4f6a8b0c2d4e6';
const TOKEN = '5f1e2d3c4b5a69788796a5b4c3d2e1f0';
const FROM = '+14155550100';
const SERVICE = 'MG0123456789abcdef0123456789abcdef';
const TO = '+254711223344';
const TEXT = 'Hello Wanjiku, invoice INV-2026-0107 for KES 17,400.00 is due on 5 Dec. Pay via M-PESA Paybill 522533, account INV-2026-0107.';

const servers: FakeSmsServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  delete process.env.BILLBOOK_SMS_BASE_URL;
});

async function fakeAt(): Promise<FakeSmsServer> {
  const server = await startFakeAfricasTalking({ username: AT_USER, apiKey: AT_KEY });
  servers.push(server);
  return server;
}

async function fakeTwilio(): Promise<FakeSmsServer> {
  const server = await startFakeTwilio({ accountSid: SID, authToken: TOKEN });
  servers.push(server);
  return server;
}

function newCore(): Core {
  return makeCore('2026-11-21T09:00:00.000Z', { jobs: { autoStart: false } }).core;
}

async function useAfricasTalking(core: Core, options: { baseUrl: string; senderId?: string; username?: string; key?: string | null; timeoutSeconds?: number }) {
  await call(core, 'settings.update', {
    sms: { provider: 'africastalking', africastalking: { username: options.username ?? AT_USER, senderId: options.senderId ?? '', baseUrl: options.baseUrl }, timeoutSeconds: options.timeoutSeconds ?? 20 },
  });
  if (options.key !== null) await call(core, 'settings.setSecret', { name: 'africasTalkingApiKey', value: options.key ?? AT_KEY });
}

async function useTwilio(core: Core, options: { baseUrl: string; from?: string; token?: string; timeoutSeconds?: number }) {
  await call(core, 'settings.update', {
    sms: { provider: 'twilio', twilio: { accountSid: SID, from: options.from ?? FROM, baseUrl: options.baseUrl }, timeoutSeconds: options.timeoutSeconds ?? 20 },
  });
  await call(core, 'settings.setSecret', { name: 'twilioAuthToken', value: options.token ?? TOKEN });
}

const send = (core: Core, to = TO, signal = new AbortController().signal) => smsProviderFor(core.context).send({ to, text: TEXT }, signal);

async function failureOf(promise: Promise<unknown>): Promise<JobFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(JobFailure);
    return error as JobFailure;
  }
  throw new Error('The send was expected to fail, but it succeeded');
}

/** A port nothing listens on: bound, then let go. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("Africa's Talking", () => {
  it('posts the form the API expects, with the sender ID, and returns the provider message id', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url, senderId: 'KILIMANI' });

    const receipt = await send(core);

    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/version1/messaging');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers.apikey).toBe(AT_KEY);
    expect(request.headers.accept).toBe('application/json');
    expect(request.form).toEqual({ username: AT_USER, to: TO, message: TEXT, from: 'KILIMANI' });
    expect(request.answer).toBe(201);
    expect(fake.messages).toHaveLength(1);
    expect(receipt).toEqual({ providerMessageId: fake.messages[0]!.id, status: 'Success', cost: 'KES 0.8000' });
    expect(receipt.providerMessageId).toMatch(/^ATXid_[0-9a-f]{32}$/);
  });

  it('leaves out `from` when no sender ID is set', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: `${fake.url}/` });
    await send(core);
    expect(fake.requests[0]!.path).toBe('/version1/messaging');
    expect(Object.keys(fake.requests[0]!.form).sort()).toEqual(['message', 'to', 'username']);
  });

  it('a wrong API key is a permanent failure that says where to fix it (plain-text 401)', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url, key: 'atsk_not-the-right-key-000' });
    const failure = await failureOf(send(core));
    expect(fake.requests[0]!.answer).toBe(401);
    expect(failure.failureClass).toBe('permanent');
    expect(failure.message).toContain("Africa's Talking refused the API key or username: check them in Settings → SMS");
    expect(failure.message).toContain('The supplied authentication is invalid');
    expect(fake.messages).toHaveLength(0);
  });

  it('a wrong username is refused the same way', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url, username: 'someone-else' });
    const failure = await failureOf(send(core));
    expect(failure.failureClass).toBe('permanent');
    expect(failure.message).toMatch(/API key or username/);
  });

  it('500 is transient', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url });
    fake.script({ kind: 'http', status: 500 });
    const failure = await failureOf(send(core));
    expect(failure.failureClass).toBe('transient');
    expect(failure.message).toContain('(500)');
    // The script ran out, so the next attempt goes through.
    expect((await send(core)).status).toBe('Success');
  });

  it('429 is a rate limit that honours Retry-After in seconds and as a date', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url });
    fake.script({ kind: 'http', status: 429, retryAfter: '7' }, { kind: 'http', status: 429, retryAfter: new Date(Date.now() + 30_000).toUTCString() });
    const seconds = await failureOf(send(core));
    expect(seconds.failureClass).toBe('rate_limit');
    expect(seconds.retryAfterMs).toBe(7000);
    const date = await failureOf(send(core));
    expect(date.failureClass).toBe('rate_limit');
    expect(date.retryAfterMs).toBeGreaterThan(25_000);
    expect(date.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('per-recipient 405 InsufficientBalance is permanent and says to top up', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url });
    fake.script({ kind: 'recipient', statusCode: 405 });
    const failure = await failureOf(send(core));
    expect(fake.requests[0]!.answer).toBe(201);
    expect(failure.failureClass).toBe('permanent');
    expect(failure.message).toContain("Your Africa's Talking balance is too low: top up, then use Send again on the message.");
    expect(failure.message).toContain('405');
  });

  it('per-recipient 403 (a bad number, as the fake answers on its own) is permanent and names the number as the problem', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url });
    const failure = await failureOf(send(core, '0711223344'));
    expect(failure.failureClass).toBe('permanent');
    expect(failure.message).toMatch(/phone number is not valid/);
  });

  it('per-recipient 102 Queued is accepted; 502 RejectedByGateway is transient', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url });
    fake.script({ kind: 'recipient', statusCode: 102 }, { kind: 'recipient', statusCode: 502 });
    const receipt = await send(core);
    expect(receipt.status).toBe('Queued');
    expect(receipt.providerMessageId).toBe(fake.messages[0]!.id);
    const failure = await failureOf(send(core));
    expect(failure.failureClass).toBe('transient');
    expect(failure.message).toContain('502');
  });

  it('a 201 with no recipients and "InvalidSenderId" is permanent and points at the sender ID', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url, senderId: 'NOTMINE' });
    fake.script({ kind: 'raw', status: 201, body: JSON.stringify({ SMSMessageData: { Message: 'InvalidSenderId', Recipients: [] } }), headers: { 'content-type': 'application/json' } });
    const failure = await failureOf(send(core));
    expect(failure.failureClass).toBe('permanent');
    expect(failure.message).toMatch(/sender ID.*Settings → SMS/);
  });

  it('other 4xx are permanent and carry the body text, trimmed', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url });
    fake.script({ kind: 'http', status: 400, message: "  Request is missing required form field 'message'\n\n" });
    const failure = await failureOf(send(core));
    expect(failure.failureClass).toBe('permanent');
    expect(failure.message).toBe("Africa's Talking refused the request (400): Request is missing required form field 'message'.");
  });

  it('a reply it cannot read (a Wi-Fi login page) is a clear failure, not a crash', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url });
    fake.script({ kind: 'raw', status: 200, body: '<html><body><h1>Log in to Java House Wi-Fi</h1></body></html>', headers: { 'content-type': 'text/html' } });
    const failure = await failureOf(send(core));
    expect(failure.failureClass).toBe('permanent');
    expect(failure.message).toContain('could not read');
    expect(failure.message).toContain('Log in to Java House Wi-Fi');
  });

  it('a request held past the timeout is transient', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url, timeoutSeconds: 5 });
    fake.script({ kind: 'hold' });
    const started = Date.now();
    const failure = await failureOf(send(core));
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    expect(fake.requests[0]!.answer).toBe('held');
    expect(failure.failureClass).toBe('transient');
    expect(failure.message).toContain('did not answer within 5 seconds');
  });

  it('cancelling the job stops a held request', async () => {
    const fake = await fakeAt();
    const core = newCore();
    await useAfricasTalking(core, { baseUrl: fake.url });
    fake.script({ kind: 'hold' });
    const controller = new AbortController();
    const pending = failureOf(send(core, TO, controller.signal));
    await fake.waitForRequests(1);
    controller.abort();
    const failure = await pending;
    expect(failure.failureClass).toBe('permanent');
    expect(failure.message).toBe('Cancelled');
  });
});

describe('Twilio', () => {
  it('posts To, Body and From with Basic auth, and returns the message SID', async () => {
    const fake = await fakeTwilio();
    const core = newCore();
    await useTwilio(core, { baseUrl: fake.url });

    const receipt = await send(core);

    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual({ To: TO, Body: TEXT, From: FROM });
    expect(request.answer).toBe(201);
    expect(receipt).toEqual({ providerMessageId: fake.messages[0]!.id, status: 'queued', cost: null });
    expect(receipt.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('a Messaging Service SID goes as MessagingServiceSid, not From', async () => {
    const fake = await fakeTwilio();
    const core = newCore();
    await useTwilio(core, { baseUrl: fake.url, from: SERVICE });
    const receipt = await send(core);
    expect(fake.requests[0]!.form).toEqual({ To: TO, Body: TEXT, MessagingServiceSid: SERVICE });
    expect(receipt.status).toBe('accepted');
    expect(fake.messages[0]!.from).toBe(SERVICE);
  });

  it('reads the price when Twilio gives one', async () => {
    const fake = await fakeTwilio();
    const core = newCore();
    await useTwilio(core, { baseUrl: fake.url });
    const sid = `SM${'ab'.repeat(16)}`;
    fake.script({ kind: 'raw', status: 201, body: JSON.stringify({ sid, status: 'sent', price: '-0.00750', price_unit: 'USD', error_code: null }) });
    expect(await send(core)).toEqual({ providerMessageId: sid, status: 'sent', cost: 'USD 0.00750' });
  });

  it('a wrong auth token is a permanent failure that says where to fix it (401, code 20003)', async () => {
    const fake = await fakeTwilio();
    const core = newCore();
    await useTwilio(core, { baseUrl: fake.url, token: 'ffffffffffffffffffffffffffffffff' });
    const failure = await failureOf(send(core));
    expect(fake.requests[0]!.answer).toBe(401);
    expect(failure.failureClass).toBe('permanent');
    expect(failure.message).toContain('Twilio refused the Account SID or auth token: check them in Settings → SMS');
    expect(failure.message).toContain('20003');
  });

  it('an invalid To (21211) is permanent and says to fix the number', async () => {
    const fake = await fakeTwilio();
    const core = newCore();
    await useTwilio(core, { baseUrl: fake.url });
    const failure = await failureOf(send(core, '0711223344'));
    expect(fake.requests[0]!.answer).toBe(400);
    expect(failure.failureClass).toBe('permanent');
    expect(failure.message).toContain("correct the customer's number");
    expect(failure.message).toContain('21211');
  });

  it('unverified (21608) and unsubscribed (21610) recipients are permanent with what to do', async () => {
    const fake = await fakeTwilio();
    const core = newCore();
    await useTwilio(core, { baseUrl: fake.url });
    fake.script(
      { kind: 'http', status: 400, code: 21608, message: 'The number +254711223344 is unverified. Trial accounts cannot send messages to unverified numbers.' },
      { kind: 'http', status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
    );
    const unverified = await failureOf(send(core));
    expect(unverified.failureClass).toBe('permanent');
    expect(unverified.message).toMatch(/verify this number/);
    const unsubscribed = await failureOf(send(core));
    expect(unsubscribed.failureClass).toBe('permanent');
    expect(unsubscribed.message).toMatch(/replied STOP/);
  });

  it('429 (20429) is a rate limit with Retry-After', async () => {
    const fake = await fakeTwilio();
    const core = newCore();
    await useTwilio(core, { baseUrl: fake.url });
    fake.script({ kind: 'http', status: 429, retryAfter: '12' });
    const failure = await failureOf(send(core));
    expect(failure.failureClass).toBe('rate_limit');
    expect(failure.retryAfterMs).toBe(12_000);
  });

  it('5xx is transient', async () => {
    const fake = await fakeTwilio();
    const core = newCore();
    await useTwilio(core, { baseUrl: fake.url });
    fake.script({ kind: 'http', status: 500 }, { kind: 'http', status: 503 });
    for (const status of [500, 503]) {
      const failure = await failureOf(send(core));
      expect(failure.failureClass).toBe('transient');
      expect(failure.message).toContain(String(status));
    }
  });

  it('a 201 that is not a message resource is a clear failure, not a crash', async () => {
    const fake = await fakeTwilio();
    const core = newCore();
    await useTwilio(core, { baseUrl: fake.url });
    fake.script({ kind: 'raw', status: 201, body: '{"status":"queued"}' });
    const failure = await failureOf(send(core));
    expect(failure.failureClass).toBe('permanent');
    expect(failure.message).toContain('could not read');
  });

  it('a request held past the timeout is transient', async () => {
    const fake = await fakeTwilio();
    fake.script({ kind: 'hold' });
    // Built directly: Settings allow no timeout under 5 s, which the Africa's Talking test already waits out.
    const provider = createTwilioProvider({ accountSid: SID, authToken: TOKEN, from: FROM, baseUrl: fake.url, timeoutMs: 400 });
    const failure = await failureOf(provider.send({ to: TO, text: TEXT }, new AbortController().signal));
    expect(fake.requests[0]!.answer).toBe('held');
    expect(failure.failureClass).toBe('transient');
    expect(failure.message).toMatch(/Twilio did not answer within/);
    // Released afterwards, the fake still takes it: why a timeout says the message may still arrive.
    fake.release();
    expect(fake.messages).toHaveLength(1);
  });
});

describe('both providers', () => {
  it('connection refused (nothing listening) is offline', async () => {
    const port = await deadPort();
    for (const use of [useAfricasTalking, useTwilio]) {
      const core = newCore();
      await use(core, { baseUrl: `http://127.0.0.1:${port}` });
      const failure = await failureOf(send(core));
      expect(failure.failureClass).toBe('offline');
      expect(failure.message).toContain('ECONNREFUSED');
      expect(failure.message).toContain(`127.0.0.1:${port}`);
    }
  });

  it('BILLBOOK_SMS_BASE_URL wins over the stored base URL', async () => {
    const dead = `http://127.0.0.1:${await deadPort()}`;
    const at = await fakeAt();
    const twilio = await fakeTwilio();
    process.env.BILLBOOK_SMS_BASE_URL = at.url;
    const atCore = newCore();
    await useAfricasTalking(atCore, { baseUrl: dead });
    expect(atCore.context.overrides.smsBaseUrl).toBe(at.url);
    expect((await send(atCore)).providerMessageId).toBe(at.messages[0]!.id);

    process.env.BILLBOOK_SMS_BASE_URL = twilio.url;
    const twilioCore = newCore();
    await useTwilio(twilioCore, { baseUrl: dead });
    expect((await send(twilioCore)).providerMessageId).toBe(twilio.messages[0]!.id);
    expect(at.requests).toHaveLength(1);
    expect(twilio.requests).toHaveLength(1);
  });

  it("Africa's Talking's sandbox account goes to the sandbox host unless a base URL is chosen", () => {
    const settings = (sms: Partial<SmsSettings>) => settingsSchema.parse({ sms });
    expect(smsBaseUrl(settings({ provider: 'africastalking', africastalking: { username: 'sandbox', senderId: '', baseUrl: 'https://api.africastalking.com' } }), null)).toBe(AFRICAS_TALKING_SANDBOX_URL);
    expect(smsBaseUrl(settings({ provider: 'africastalking', africastalking: { username: 'kilimani', senderId: '', baseUrl: 'https://api.africastalking.com' } }), null)).toBe('https://api.africastalking.com');
    expect(smsBaseUrl(settings({ provider: 'africastalking', africastalking: { username: 'sandbox', senderId: '', baseUrl: 'http://127.0.0.1:9000' } }), null)).toBe('http://127.0.0.1:9000');
    expect(smsBaseUrl(settings({ provider: 'africastalking', africastalking: { username: 'sandbox', senderId: '', baseUrl: 'https://api.africastalking.com' } }), 'http://127.0.0.1:9001')).toBe('http://127.0.0.1:9001');
  });
});

describe('smsSetupProblem', () => {
  it("names each missing piece for Africa's Talking, then clears", async () => {
    const core = newCore();
    expect(smsSetupProblem(core.context)).toBe("SMS is not set up yet: choose Africa's Talking or Twilio in Settings → SMS.");
    const refusal = (() => {
      try {
        smsProviderFor(core.context);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(JobFailure);
    expect((refusal as JobFailure).failureClass).toBe('permanent');
    expect((refusal as JobFailure).message).toBe(smsSetupProblem(core.context));

    await call(core, 'settings.update', { sms: { provider: 'africastalking' } });
    expect(smsSetupProblem(core.context)).toBe("Africa's Talking needs your username: add it in Settings → SMS.");
    await call(core, 'settings.update', { sms: { provider: 'africastalking', africastalking: { username: AT_USER, senderId: '', baseUrl: 'https://api.africastalking.com' } } });
    expect(smsSetupProblem(core.context)).toBe("Africa's Talking needs your API key: add it in Settings → SMS.");
    await call(core, 'settings.setSecret', { name: 'africasTalkingApiKey', value: AT_KEY });
    expect(smsSetupProblem(core.context)).toBeNull();
    expect(smsProviderFor(core.context).name).toBe('africastalking');
  });

  it('names each missing piece for Twilio, then clears', async () => {
    const core = newCore();
    await call(core, 'settings.update', { sms: { provider: 'twilio' } });
    expect(smsSetupProblem(core.context)).toBe('Twilio needs your Account SID (AC…): add it in Settings → SMS.');
    await call(core, 'settings.update', { sms: { provider: 'twilio', twilio: { accountSid: SID, from: '', baseUrl: 'https://api.twilio.com' } } });
    expect(smsSetupProblem(core.context)).toBe('Twilio needs your auth token: add it in Settings → SMS.');
    await call(core, 'settings.setSecret', { name: 'twilioAuthToken', value: TOKEN });
    expect(smsSetupProblem(core.context)).toBe('Twilio needs a From number or Messaging Service SID (MG…): add it in Settings → SMS.');
    await call(core, 'settings.update', { sms: { provider: 'twilio', twilio: { accountSid: SID, from: FROM, baseUrl: 'https://api.twilio.com' } } });
    expect(smsSetupProblem(core.context)).toBeNull();
    expect(smsProviderFor(core.context).name).toBe('twilio');
  });

  it("the other provider's secret does not count", async () => {
    const core = newCore();
    await call(core, 'settings.setSecret', { name: 'twilioAuthToken', value: TOKEN });
    await call(core, 'settings.update', { sms: { provider: 'africastalking', africastalking: { username: AT_USER, senderId: '', baseUrl: 'https://api.africastalking.com' } } });
    expect(smsSetupProblem(core.context)).toMatch(/API key/);
  });
});
