// Security "none" sends the SMTP password (and the invoices) in clear text: it is for a mail server on
// this computer only. Refused when saved, and again when sending (settings left by an older version,
// another device, or a BILLBOOK_SMTP_HOST override pointing elsewhere).
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { classifySmtpError } from '../../electron/core/send/email/failure';
import { sendEmail } from '../../electron/core/send/email/transport';
import { memorySecretStore } from '../../electron/core/secrets';
import { isLocalHost } from '../../shared/localHost';
import { call, makeCore, refused } from '../helpers/core';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';

const PASSWORD = 'clear-text-would-leak-this';
const EMAIL = { port: 25, security: 'none' as const, user: 'billing@kilimani.co.ke', fromName: 'Kilimani', fromAddress: 'billing@kilimani.co.ke', replyTo: '', messagesPerMinute: 60, timeoutSeconds: 5 };

const sinks: SmtpSink[] = [];
afterEach(async () => {
  for (const sink of sinks.splice(0)) await sink.close();
});

/** Settings as an older version (or another process) may have left them: written straight to the books, past today's checks. */
function storeEmailSettings(core: Core, email: Record<string, unknown>): void {
  const other = new Database(core.dbFile);
  try {
    other
      .prepare('INSERT INTO settings (section, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (section) DO UPDATE SET value = excluded.value')
      .run('email', JSON.stringify(email), '2026-11-01T00:00:00.000Z');
  } finally {
    other.close();
  }
}

describe('which hosts count as this computer', () => {
  it('is localhost, 127.0.0.0/8 and ::1, written any usual way, and nothing else', () => {
    for (const host of ['localhost', 'LOCALHOST', 'localhost.', '127.0.0.1', '127.1.2.3', '127.255.255.255', '::1', '[::1]', '0:0:0:0:0:0:0:1', '[0000:0000::0001]', '::ffff:127.0.0.1']) {
      expect(isLocalHost(host), host).toBe(true);
    }
    for (const host of ['', 'smtp.example.com', '127.0.0.1.example.com', 'localhost.example.com', '128.0.0.1', '127.0.0.256', '127.0.0', '10.0.0.1', '::2', '[::]', '::ffff:10.0.0.1', 'mylocalhost']) {
      expect(isLocalHost(host), host).toBe(false);
    }
  });
});

describe('SMTP security "none"', () => {
  it('is refused when saved for a server elsewhere, as a field error on Security that says what to do', async () => {
    const { core } = makeCore();
    const error = await refused(core, 'settings.update', { email: { ...EMAIL, host: 'smtp.example.com' } });
    expect(error.code).toBe('invalid_input');
    expect(error.fields?.['email.security']).toMatch(/clear text/);
    expect(error.fields?.['email.security']).toMatch(/STARTTLS or TLS/);
    expect((await call(core, 'settings.get', {})).email.host).toBe('');
  });

  it('is accepted for a server on this computer, and while no server is named yet', async () => {
    const { core } = makeCore();
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '']) {
      const saved = await call(core, 'settings.update', { email: { ...EMAIL, host } });
      expect(saved.email).toMatchObject({ host, security: 'none' });
    }
    // The safe choices stay open for any server.
    expect((await call(core, 'settings.update', { email: { ...EMAIL, host: 'smtp.example.com', security: 'starttls', port: 587 } })).email.security).toBe('starttls');
  });

  it('is refused when sending to a server elsewhere, even if the settings got past the check: nothing connects', async () => {
    const { core } = makeCore('2026-11-21T09:00:00.000Z', { secrets: memorySecretStore({ smtpPassword: PASSWORD }), smtp: undefined });
    storeEmailSettings(core, { ...EMAIL, host: 'smtp.example.com' });
    const result = await call(core, 'sending.testEmail', { to: 'me@kilimani.co.ke' });
    expect(result).toMatchObject({ ok: false, stage: 'settings' });
    expect(result.message).toMatch(/clear text/);
    expect(result.message).toContain('Settings → Email');
    const provider = await call(core, 'jobs.list', { limit: 10 });
    expect(provider.providers.find((p) => p.provider === 'smtp')?.notReadyReason).toMatch(/clear text/);
  });

  it('is refused for a BILLBOOK_SMTP_HOST override that points elsewhere', async () => {
    const { core } = makeCore('2026-11-21T09:00:00.000Z', { secrets: memorySecretStore({ smtpPassword: PASSWORD }), smtp: { host: 'mail.example.net', port: 25 } });
    storeEmailSettings(core, { ...EMAIL, host: '127.0.0.1' });
    const result = await call(core, 'sending.testEmail', { to: 'me@kilimani.co.ke' });
    expect(result).toMatchObject({ ok: false, stage: 'settings' });
    expect(result.message).toContain('mail.example.net');
  });

  it('still works through an override to a test server on this computer, signing in there', async () => {
    const sink = await startSmtpSink({ credentials: { user: EMAIL.user, pass: PASSWORD } });
    sinks.push(sink);
    const { core } = makeCore('2026-11-21T09:00:00.000Z', { secrets: memorySecretStore({ smtpPassword: PASSWORD }), smtp: { host: '127.0.0.1', port: sink.port } });
    // The stored host is elsewhere, but the override is what is used, and it is local.
    storeEmailSettings(core, { ...EMAIL, host: 'smtp.example.com' });
    const result = await call(core, 'sending.testEmail', { to: 'me@kilimani.co.ke' });
    expect(result).toMatchObject({ ok: true });
    expect(sink.received[0]!.user).toBe(EMAIL.user);
  });

  it('is refused by the SMTP transport itself, before any connection, whatever called it', async () => {
    const sink = await startSmtpSink();
    sinks.push(sink);
    const outgoing = { to: ['a@b.co'], subject: 's', text: 't', html: '', messageId: '<1@kilimani.co.ke>', attachments: [] };
    const error = await sendEmail({ settings: { ...EMAIL, host: 'smtp.example.com', port: sink.port }, password: PASSWORD }, outgoing).then(() => null, (e: unknown) => e);
    const failure = classifySmtpError(error, 'smtp.example.com', sink.port);
    expect(failure).toMatchObject({ stage: 'settings', failureClass: 'permanent' });
    expect(failure.message).toMatch(/clear text/);
    // The same call to this computer goes through.
    await sendEmail({ settings: { ...EMAIL, user: '', host: '127.0.0.1', port: sink.port }, password: null }, outgoing);
    expect(sink.received).toHaveLength(1);
  });
});
