// A stored secret belongs to the server it was entered for. Pointing an endpoint (the SMTP host, the
// Gemini base URL, an SMS provider's base URL) at another server clears the secret, says so, and the
// new server never receives it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { memorySecretStore } from '../../electron/core/secrets';
import { smsSetupProblem } from '../../electron/core/send/sms';
import { call, makeCore } from '../helpers/core';
import { customer } from '../helpers/billing';
import { goodReply, startFakeGemini } from '../helpers/fakeGemini';
import { startFakeAfricasTalking, startFakeTwilio, type FakeSmsServer } from '../helpers/fakeSms';

const PASSWORD = 'smtp-app-password-2026';
const GEMINI_KEY = 'AIzaSy-real-key-0123456789abcdef';
const AT_KEY = 'atsk_5f0c3b2a91d84e6f8a7b6c5d4e3f2a1b0c9d8e7f';
const SID = 'ACf3a9c0d2e4b6a8c0d2e4f6a8b0c2d4e6';
const TOKEN = '5f1e2d3c4b5a69788796a5b4c3d2e1f0';
const EMAIL = { host: 'smtp.old.example', port: 587, security: 'starttls' as const, user: 'billing@kilimani.co.ke', fromName: 'Kilimani', fromAddress: 'billing@kilimani.co.ke', replyTo: '', messagesPerMinute: 60, timeoutSeconds: 5 };

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const server of closers.splice(0)) await server.close();
});

function core(secrets: Parameters<typeof memorySecretStore>[0] = {}): Core {
  return makeCore('2026-11-21T09:00:00.000Z', { secrets: memorySecretStore(secrets), jobs: { offlineRecheckMs: 100, leaseMs: 1500 } }).core;
}

describe('changing the SMTP host', () => {
  it('clears the password, says why on the settings, and sending asks for it again', async () => {
    const c = core();
    await call(c, 'settings.update', { email: EMAIL });
    await call(c, 'settings.setSecret', { name: 'smtpPassword', value: PASSWORD });

    // Another port on the same server keeps it.
    let view = await call(c, 'settings.update', { email: { ...EMAIL, port: 465, security: 'tls' } });
    expect(view.secretsSet.smtpPassword).toBe(true);
    expect(view.secretNotices.smtpPassword).toBeUndefined();

    view = await call(c, 'settings.update', { email: { ...EMAIL, host: 'smtp.new.example' } });
    expect(view.secretsSet.smtpPassword).toBe(false);
    expect(c.context.secrets.get('smtpPassword')).toBeNull();
    const notice = view.secretNotices.smtpPassword!;
    expect(notice).toContain('The SMTP password was cleared because the server changed');
    expect(notice).toContain('smtp.old.example → smtp.new.example');
    expect(notice).toContain('enter it again');
    // Kept until the person acts on it, also for a window that loads the settings later.
    expect((await call(c, 'settings.get', {})).secretNotices.smtpPassword).toBe(notice);
    const test = await call(c, 'sending.testEmail', { to: 'me@kilimani.co.ke' });
    expect(test).toMatchObject({ ok: false, stage: 'settings' });
    expect(test.message).toContain('no password');

    view = await call(c, 'settings.setSecret', { name: 'smtpPassword', value: 'the-new-servers-password' });
    expect(view.secretsSet.smtpPassword).toBe(true);
    expect(view.secretNotices.smtpPassword).toBeUndefined();
  });

  it('keeps a password typed before any server was named', async () => {
    const c = core({ smtpPassword: PASSWORD });
    const view = await call(c, 'settings.update', { email: EMAIL });
    expect(view.secretsSet.smtpPassword).toBe(true);
    expect(view.secretNotices).toEqual({});
  });
});

describe('changing the Gemini base URL', () => {
  it('clears the key, so the new server never receives it', async () => {
    const fake = await startFakeGemini(() => goodReply([{ description: 'Web hosting', quantity: 1, unitPrice: 15000 }]));
    closers.push(fake);
    const c = core({ geminiApiKey: GEMINI_KEY });
    let view = await call(c, 'settings.update', { ai: { model: 'gemini-2.5-pro', requestsPerMinute: 6000 } });
    expect(view.secretsSet.geminiApiKey).toBe(true);

    view = await call(c, 'settings.update', { ai: { baseUrl: fake.url } });
    expect(view.secretsSet.geminiApiKey).toBe(false);
    expect(view.geminiKeySet).toBe(false);
    expect(view.secretNotices.geminiApiKey).toContain('The Gemini API key was cleared because the server changed');
    expect(view.secretNotices.geminiApiKey).toContain(`generativelanguage.googleapis.com → ${new URL(fake.url).host}`);

    const buyer = await customer(c);
    const generated = await call(c, 'drafting.generate', { customerId: buyer.id, prompt: '1 month of web hosting at 15,000' });
    expect(generated.draft.lines).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.requests.filter((r) => r.apiKey === GEMINI_KEY)).toEqual([]);
  });
});

describe("changing an SMS provider's base URL", () => {
  it("clears the Africa's Talking key and leaves Twilio's token alone", async () => {
    const fake = await startFakeAfricasTalking();
    closers.push(fake);
    const c = core({ africasTalkingApiKey: AT_KEY, twilioAuthToken: TOKEN });
    await call(c, 'settings.update', { sms: { provider: 'africastalking', africastalking: { username: 'kilimani', senderId: '', baseUrl: 'https://api.africastalking.com' } } });
    expect(smsSetupProblem(c.context)).toBeNull();

    const view = await call(c, 'settings.update', { sms: { provider: 'africastalking', africastalking: { username: 'kilimani', senderId: '', baseUrl: fake.url } } });
    expect(view.secretsSet).toMatchObject({ africasTalkingApiKey: false, twilioAuthToken: true });
    expect(view.secretNotices.africasTalkingApiKey).toContain("The Africa's Talking API key was cleared because the server changed");
    expect(view.secretNotices.twilioAuthToken).toBeUndefined();
    expect(smsSetupProblem(c.context)).toContain('needs your API key');
    expect(await call(c, 'sending.testSms', { to: '+254711223344' })).toMatchObject({ ok: false, stage: 'settings' });
    expect(fake.requests).toHaveLength(0);
  });

  it("clears the Twilio token when Twilio's base URL moves to another server", async () => {
    const fake: FakeSmsServer = await startFakeTwilio();
    closers.push(fake);
    const c = core({ twilioAuthToken: TOKEN });
    const twilio = { accountSid: SID, from: '+14155550100', baseUrl: 'https://api.twilio.com' };
    await call(c, 'settings.update', { sms: { provider: 'twilio', twilio } });
    // The same server with a path of its own is the same server.
    expect((await call(c, 'settings.update', { sms: { provider: 'twilio', twilio: { ...twilio, baseUrl: 'https://api.twilio.com/' } } })).secretsSet.twilioAuthToken).toBe(true);

    const view = await call(c, 'settings.update', { sms: { provider: 'twilio', twilio: { ...twilio, baseUrl: fake.url } } });
    expect(view.secretsSet.twilioAuthToken).toBe(false);
    expect(view.secretNotices.twilioAuthToken).toContain('The Twilio auth token was cleared because the server changed');
    expect(await call(c, 'sending.testSms', { to: '+254711223344' })).toMatchObject({ ok: false, stage: 'settings' });
    expect(fake.requests).toHaveLength(0);
  });
});
