// A process killed between "sending" and "sent" sends nothing twice: the restarted app finds the
// hand-over mark, logs the message as not confirmed, and leaves a resend to a person.
import { fork } from 'node:child_process';
import Database from 'better-sqlite3';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { memorySecretStore } from '../../electron/core/secrets';
import { call, makeCore } from '../helpers/core';
import { customer, invoice } from '../helpers/billing';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { startFakeAfricasTalking, type FakeSmsServer } from '../helpers/fakeSms';
import { until } from '../helpers/until';

const servers: (SmtpSink | FakeSmsServer)[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const AT_KEY = 'atsk_test_key_0123456789';

async function books(smtpPort: number, smsBaseUrl: string) {
  const { core, dir } = makeCore('2026-11-21T09:00:00.000Z', {
    smtp: { host: '127.0.0.1', port: smtpPort }, smsBaseUrl, reminderScanMs: 0, pdfWorkers: 0,
    secrets: memorySecretStore({ africasTalkingApiKey: AT_KEY }),
    jobs: { backoff: { baseMs: 40, capMs: 300 }, offlineRecheckMs: 150, leaseMs: 1000 },
  });
  await call(core, 'settings.update', {
    email: { host: '127.0.0.1', port: 25, security: 'none', user: '', fromName: 'Kilimani', fromAddress: 'billing@kilimani.co.ke', replyTo: '', messagesPerMinute: 600, timeoutSeconds: 5 },
    sms: { provider: 'africastalking', africastalking: { username: 'kilimani', senderId: '', baseUrl: 'https://api.africastalking.com' }, twilio: { accountSid: '', from: '', baseUrl: 'https://api.twilio.com' }, messagesPerMinute: 600, timeoutSeconds: 5 },
  });
  const buyer = await customer(core, { email: 'pay@wanjiku.co.ke', phone: '+254722123456' });
  const inv = await invoice(core, buyer.id);
  return { core, dir, inv };
}


/** Runs the send in a child process and kills it (SIGKILL) once `handedOver` resolves. */
async function sendAndKill(dir: string, smtpPort: number, smsBaseUrl: string, request: unknown, handedOver: () => Promise<void>) {
  const child = fork(path.join(__dirname, 'workers', 'sender.ts'), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const answer = new Promise<{ sent?: boolean; error?: string }>((resolve) => child.once('message', (m) => resolve(m as { sent?: boolean })));
  child.send({ dataDir: dir, smtpPort, smsBaseUrl, request });
  expect((await answer).error).toBeUndefined();
  await handedOver();
  child.kill('SIGKILL');
  await exited;
}

function reopen(dir: string, smtpPort: number, smsBaseUrl: string): Core {
  return makeCore('2026-11-21T09:05:00.000Z', {
    dataDir: dir, smtp: { host: '127.0.0.1', port: smtpPort }, smsBaseUrl, reminderScanMs: 0, pdfWorkers: 0,
    secrets: memorySecretStore({ africasTalkingApiKey: AT_KEY }),
    jobs: { backoff: { baseMs: 40, capMs: 300 }, offlineRecheckMs: 150, leaseMs: 1000 },
  }).core;
}

describe('a crash mid-send', () => {
  it('sends an email and an SMS at most once when the process dies while handing them over', async () => {
    const smtp = await startSmtpSink();
    const sms = await startFakeAfricasTalking({ username: 'kilimani', apiKey: AT_KEY });
    servers.push(smtp, sms);
    const { core, dir, inv } = await books(smtp.port, sms.url);
    core.close();

    const heldEmail = smtp.holdNextData();
    sms.script({ kind: 'hold' });
    const request = { invoiceId: inv.id, requestId: randomUUID(), channels: ['email', 'sms'], emails: ['pay@wanjiku.co.ke'], phones: ['+254722123456'], attachPdf: false };
    await sendAndKill(dir, smtp.port, sms.url, request, async () => {
      await heldEmail.arrived;
      await sms.waitForRequests(1);
    });
    // The servers got each message once; neither answered before the process died.
    heldEmail.release();
    sms.release();

    const again = reopen(dir, smtp.port, sms.url);
    const rows = await until(() => call(again, 'sending.forInvoice', { invoiceId: inv.id }), (list) => list.length === 2 && list.every((r) => r.status === 'unconfirmed'));
    for (const row of rows) expect(row.error).toContain('may have been delivered');
    await again.jobs.idle();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.connections).toBe(1);
    expect(sms.requests).toHaveLength(1);

    // Sending again is a person's decision, and makes a new message.
    const email = rows.find((r) => r.channel === 'email')!;
    const resent = await call(again, 'sending.resend', { id: email.id });
    expect(resent.id).not.toBe(email.id);
    await until(() => call(again, 'sending.forInvoice', { invoiceId: inv.id }), (list) => list.some((r) => r.id === resent.id && r.status === 'sent'));
    expect(smtp.connections).toBe(2);
  });

  it('sends normally after a crash before the hand-over', async () => {
    const smtp = await startSmtpSink();
    servers.push(smtp);
    // Nothing listens yet: the job waits offline, with no hand-over begun.
    const probe = await startFakeAfricasTalking();
    const smsUrl = probe.url;
    await probe.close();
    const { core, dir, inv } = await books(smtp.port, smsUrl);
    core.close();
    const request = { invoiceId: inv.id, requestId: randomUUID(), channels: ['sms'], phones: ['+254722123456'] };
    await sendAndKill(dir, smtp.port, smsUrl, request, async () => {
      // The child tried, found nobody listening and parked the job, before it is killed.
      const db = new Database(path.join(dir, 'billbook.db'), { readonly: true });
      try {
        await until(async () => (db.prepare("SELECT last_error FROM jobs WHERE kind = 'send.sms'").get() as { last_error: string | null } | undefined)?.last_error ?? '', (e) => e.includes('Could not reach'));
      } finally {
        db.close();
      }
    });
    const port = Number(new URL(smsUrl).port);
    const sms = await startFakeAfricasTalking({ username: 'kilimani', apiKey: AT_KEY, port });
    servers.push(sms);
    const again = reopen(dir, smtp.port, smsUrl);
    const [row] = await until(() => call(again, 'sending.forInvoice', { invoiceId: inv.id }), (list) => list[0]?.status === 'sent');
    expect(row!.providerMessageId).toBeTruthy();
    expect(sms.requests).toHaveLength(1);
  });
});
