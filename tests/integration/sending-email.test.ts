// Sending invoices by email through a real SMTP server on 127.0.0.1 (smtp-server), with the PDF
// read back by pdf.js, and every way the server can say no.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { memorySecretStore } from '../../electron/core/secrets';
import type { NotificationStatus, NotificationView } from '../../shared/domain/sending';
import { call, makeCore, refused } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { until } from '../helpers/until';
import { pdfText } from '../helpers/pdfText';

const sinks: SmtpSink[] = [];
afterEach(async () => {
  for (const sink of sinks.splice(0)) await sink.close();
});

async function sink(options: Parameters<typeof startSmtpSink>[0] = {}) {
  const s = await startSmtpSink(options);
  sinks.push(s);
  return s;
}

async function setup(port: number, options: { user?: string; password?: string } = {}) {
  const { core, clock, dir } = makeCore('2026-11-21T09:00:00.000Z', {
    smtp: { host: '127.0.0.1', port },
    secrets: memorySecretStore(options.password ? { smtpPassword: options.password } : {}),
    jobs: { backoff: { baseMs: 40, capMs: 300 }, breaker: { threshold: 5, openMs: 400 }, offlineRecheckMs: 150, leaseMs: 1500 },
  });
  await call(core, 'settings.update', {
    email: { host: '127.0.0.1', port: 587, security: 'none', user: options.user ?? '', fromName: 'Kilimani Web Studio', fromAddress: 'billing@kilimani.co.ke', replyTo: '', messagesPerMinute: 600, timeoutSeconds: 5 },
    business: { name: 'Kilimani Web Studio', street: 'Argwings Kodhek Rd', city: 'Nairobi', postalCode: '00100', country: 'Kenya', taxId: 'P051234567X', phone: '+254722000111', email: 'billing@kilimani.co.ke', website: '', logoDataUrl: '' },
    payment: { mpesa: { kind: 'paybill', number: '522533' }, bank: { bankName: 'KCB', accountName: 'Kilimani Web Studio', accountNumber: '1234567890', branch: 'Kilimani', swift: '' }, note: '' },
  });
  const buyer = await customer(core, { name: 'Zoë Wanjiku Café', email: 'accounts@zoe-cafe.co.ke' });
  return { core, clock, dir, buyer };
}


const deliveries = (core: Core, invoiceId: string) => call(core, 'sending.forInvoice', { invoiceId });
const FINAL: NotificationStatus[] = ['sent', 'failed', 'cancelled', 'unconfirmed', 'skipped'];
async function settledDeliveries(core: Core, invoiceId: string, count = 1): Promise<NotificationView[]> {
  return until(() => deliveries(core, invoiceId), (rows) => rows.length >= count && rows.every((r) => FINAL.includes(r.status)));
}

function sendByEmail(core: Core, invoiceId: string, extra: Record<string, unknown> = {}) {
  return call(core, 'sending.send', { invoiceId, requestId: randomUUID(), channels: ['email'], emails: ['accounts@zoe-cafe.co.ke'], attachPdf: false, ...extra });
}

describe('sending an invoice by email', () => {
  it('delivers the email with the PDF attached: the PDF reads back with the number, lines and total', async () => {
    const server = await sink();
    const { core, buyer } = await setup(server.port);
    const inv = await invoice(core, buyer.id, { lines: [line('Web hosting (Business plan)', 3, 1_500_000), line('Domain renewal', 1, 150_000)] });
    const result = await sendByEmail(core, inv.id, { attachPdf: true, customMessage: 'Asante for your business this year.' });
    expect(result.invoiceNumber).toBe(inv.number);

    const [sent] = await settledDeliveries(core, inv.id);
    expect(sent!.status).toBe('sent');
    expect(server.received).toHaveLength(1);
    const mail = server.received[0]!;
    expect(mail.envelope.to).toEqual(['accounts@zoe-cafe.co.ke']);
    expect(mail.parsed.subject).toBe(`Invoice ${inv.number} from Kilimani Web Studio`);
    // The Message-ID is ours and kept: the log has the one the customer's mail system saw.
    expect(mail.parsed.messageId).toBe(sent!.providerMessageId);
    expect(sent!.providerMessageId).toMatch(/^<[\w-]+@kilimani\.co\.ke>$/);
    expect(mail.parsed.text).toContain('Dear Zoë Wanjiku Café');
    expect(mail.parsed.text).toContain('Asante for your business this year.');
    expect(mail.parsed.text).toContain('KES 53,940.00');
    expect(mail.parsed.text).toContain(`M-Pesa Paybill 522533 · Account: ${inv.number}`);
    expect(mail.parsed.text).toContain('A copy of the invoice is attached as a PDF.');
    expect(mail.parsed.html).toContain('How to pay');

    const attachment = mail.parsed.attachments.find((a) => a.contentType === 'application/pdf');
    expect(attachment?.filename).toBe(`${inv.number}.pdf`);
    const text = await pdfText(attachment!.content);
    expect(text).toContain(inv.number!);
    expect(text).toContain('Web hosting (Business plan)');
    expect(text).toContain('Domain renewal');
    expect(text).toContain('Zoë Wanjiku Café');
    expect(text).toMatch(/53,940\.00/);
  });

  it('retries after a 421 and sends once', async () => {
    const server = await sink();
    const { core, buyer } = await setup(server.port);
    const inv = await invoice(core, buyer.id);
    server.failNext('connect', 421, '4.7.0 Too many connections, try again later');
    await sendByEmail(core, inv.id);
    const [row] = await settledDeliveries(core, inv.id);
    expect(row!.status).toBe('sent');
    expect(row!.retryCount).toBe(1);
    expect(server.received).toHaveLength(1);
    expect(server.connections).toBe(2);
  });

  it('fails at once on a 550, with the server\'s reason, and sends nothing', async () => {
    const server = await sink();
    const { core, buyer } = await setup(server.port);
    const inv = await invoice(core, buyer.id);
    server.failNext('data', 550, '5.7.1 Message rejected as spam');
    await sendByEmail(core, inv.id);
    const [row] = await settledDeliveries(core, inv.id);
    expect(row!.status).toBe('failed');
    expect(row!.retryCount).toBe(0);
    expect(row!.error).toContain('refused the message (550)');
    expect(row!.error).toContain('Message rejected as spam');
    expect(server.received).toHaveLength(0);
    expect(server.connections).toBe(1);
  });

  it('fails at once on a wrong password and says to fix it in Settings', async () => {
    const server = await sink({ credentials: { user: 'billing', pass: 'right-password' } });
    const { core, buyer } = await setup(server.port, { user: 'billing', password: 'wrong-password' });
    const inv = await invoice(core, buyer.id);
    await sendByEmail(core, inv.id);
    const [row] = await settledDeliveries(core, inv.id);
    expect(row!.status).toBe('failed');
    expect(row!.error).toContain('refused the user name or password');
    expect(row!.error).toContain('Settings → Email');
    expect(server.connections).toBe(1);
    expect(server.received).toHaveLength(0);
  });

  it('waits while the server refuses connections, then sends when it is back on the same port', async () => {
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();
    const { core, buyer } = await setup(port);
    const inv = await invoice(core, buyer.id);
    await sendByEmail(core, inv.id);
    const waiting = await until(() => deliveries(core, inv.id), (rows) => rows[0]?.error?.includes('connection refused') === true);
    // Stuck with an error: counted as needing attention, not as quietly waiting.
    expect(waiting[0]!.status).toBe('retrying');
    expect((await call(core, 'activity.summary', {})).failed).toBe(1);
    const job = await call(core, 'jobs.get', { id: waiting[0]!.jobId! });
    expect(job.attempts).toBe(0);

    const server = await sink({ port });
    const [row] = await settledDeliveries(core, inv.id);
    expect(row!.status).toBe('sent');
    expect(server.received).toHaveLength(1);
  });

  it('sends once for a double click (the same request twice)', async () => {
    const server = await sink();
    const { core, buyer } = await setup(server.port);
    const inv = await invoice(core, buyer.id);
    const request = { invoiceId: inv.id, requestId: randomUUID(), channels: ['email' as const], emails: ['accounts@zoe-cafe.co.ke'], attachPdf: false };
    const [first, second] = await Promise.all([call(core, 'sending.send', request), call(core, 'sending.send', request)]);
    expect(second.notifications.map((n) => n.id)).toEqual(first.notifications.map((n) => n.id));
    await settledDeliveries(core, inv.id);
    await core.jobs.idle();
    expect(server.received).toHaveLength(1);
    expect(await deliveries(core, inv.id)).toHaveLength(1);
  });

  it('finalizes a draft only when the person confirmed it, then sends it', async () => {
    const server = await sink();
    const { core, buyer } = await setup(server.port);
    const d = await draft(core, buyer.id);
    const error = await refused(core, 'sending.send', { invoiceId: d.id, requestId: randomUUID(), channels: ['email'], emails: ['a@b.co'] });
    expect(error.message).toContain('Sending finalizes it');
    expect((await call(core, 'invoices.get', { id: d.id })).status).toBe('draft');

    const preview = await call(core, 'sending.preview', { invoiceId: d.id });
    const result = await sendByEmail(core, d.id, { finalizeVersion: d.draft.version });
    expect(result.invoiceNumber).toMatch(/^INV-2026-/);
    expect(preview.email!.subject).toContain(result.invoiceNumber);
    expect((await call(core, 'invoices.get', { id: d.id })).status).toBe('open');
    await settledDeliveries(core, d.id);
    expect(server.received[0]!.parsed.subject).toContain(result.invoiceNumber);
  });

  it('holds a scheduled send until its time, and a cancelled one never goes', async () => {
    const server = await sink();
    const { core, clock, buyer } = await setup(server.port);
    const inv = await invoice(core, buyer.id);
    const inAnHour = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const result = await sendByEmail(core, inv.id, { sendAt: inAnHour });
    expect(result.notifications[0]!.status).toBe('scheduled');
    expect(result.notifications[0]!.scheduledFor).toBe(inAnHour);
    const cancelled = await call(core, 'sending.cancel', { id: result.notifications[0]!.id });
    expect(cancelled.status).toBe('cancelled');

    const soon = new Date(clock.now().getTime() + 1500).toISOString();
    const second = await sendByEmail(core, inv.id, { sendAt: soon });
    expect(second.notifications[0]!.status).toBe('scheduled');
    await new Promise((r) => setTimeout(r, 300));
    expect(server.received).toHaveLength(0);
    const rows = await until(() => deliveries(core, inv.id), (list) => list.some((r) => r.status === 'sent'));
    expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'sent']);
    expect(server.received).toHaveLength(1);
  });

  it('refuses to send when email is not set up, saying where to set it up', async () => {
    const { core } = makeCore();
    const buyer = await customer(core);
    const inv = await invoice(core, buyer.id);
    const error = await refused(core, 'sending.send', { invoiceId: inv.id, requestId: randomUUID(), channels: ['email'], emails: ['a@b.co'] });
    expect(error.message).toContain('Settings → Email');
    const preview = await call(core, 'sending.preview', { invoiceId: inv.id });
    expect(preview.blockers.email).toContain('Settings → Email');
    expect(preview.defaultEmails).toEqual(['orders@wanjiku.co.ke']);
  });
});

describe('a mail server that goes quiet mid-hand-over', () => {
  it('does not send again: the message is logged as not confirmed', async () => {
    const server = await sink();
    const { core, buyer } = await setup(server.port);
    const inv = await invoice(core, buyer.id);
    // The server takes the whole message and never answers; the 5-second timeout passes.
    const held = server.holdNextData();
    await sendByEmail(core, inv.id);
    await held.arrived;
    const [row] = await until(() => deliveries(core, inv.id), (rows) => rows[0]?.status === 'unconfirmed', 20_000);
    expect(row!.error).toContain('may have been delivered');
    held.release();
    await core.jobs.idle();
    expect(server.connections).toBe(1);
    // "Send again" twice (a double click) is one new message.
    const [first, second] = await Promise.all([call(core, 'sending.resend', { id: row!.id }), call(core, 'sending.resend', { id: row!.id })]);
    expect(second.id).toBe(first.id);
    await until(() => deliveries(core, inv.id), (rows) => rows.some((r) => r.id === first.id && r.status === 'sent'));
    expect(server.connections).toBe(2);
  }, 30_000);
});

describe('today\'s activity', () => {
  it('announces a sent invoice once, batches failures, and counts the day for the tray', async () => {
    const server = await sink();
    const { core, buyer } = await setup(server.port);
    const events: { kind: string; title: string }[] = [];
    core.events.onAny((name, payload) => {
      if (name === 'activity') events.push(payload as { kind: string; title: string });
    });
    const good = await invoice(core, buyer.id);
    await sendByEmail(core, good.id);
    await settledDeliveries(core, good.id);
    server.failNext('rcpt', 550, 'no such user', 2);
    const bad1 = await invoice(core, buyer.id);
    const bad2 = await invoice(core, buyer.id);
    await sendByEmail(core, bad1.id);
    await sendByEmail(core, bad2.id);
    await settledDeliveries(core, bad1.id);
    await settledDeliveries(core, bad2.id);
    await until(async () => events.filter((e) => e.kind === 'failed').length, (n) => n > 0, 5000);
    expect(events.filter((e) => e.kind === 'sent').map((e) => e.title)).toEqual([`Sent ${good.number}`]);
    expect(events.filter((e) => e.kind === 'failed').map((e) => e.title)).toEqual(['2 messages could not be sent']);
    expect(await call(core, 'activity.summary', {})).toMatchObject({ date: '2026-11-21', sent: 1, failed: 2, scheduled: 0, remindersSent: 0 });
  });
});

describe('the "send test email" button', () => {
  it('reports success with the message id, and names each failure', async () => {
    const server = await sink({ credentials: { user: 'billing', pass: 'right-password' } });
    const { core } = await setup(server.port, { user: 'billing', password: 'right-password' });
    const ok = await call(core, 'sending.testEmail', { to: 'me@kilimani.co.ke' });
    expect(ok).toMatchObject({ ok: true, stage: null });
    expect(server.received[0]!.parsed.subject).toBe('Test email from Kilimani Web Studio');

    server.failNext('mail', 550, '5.7.1 Sender address rejected: not owned by user');
    const sender = await call(core, 'sending.testEmail', { to: 'me@kilimani.co.ke' });
    expect(sender).toMatchObject({ ok: false, stage: 'sender' });
    expect(sender.detail).toContain('not owned by user');

    await call(core, 'settings.setSecret', { name: 'smtpPassword', value: 'wrong' });
    expect(await call(core, 'sending.testEmail', { to: 'me@kilimani.co.ke' })).toMatchObject({ ok: false, stage: 'auth' });
  });

  it('names a refused connection, an unknown host and a TLS mismatch', async () => {
    const probe = await startSmtpSink();
    const closedPort = probe.port;
    await probe.close();
    const { core } = await setup(closedPort);
    expect(await call(core, 'sending.testEmail', { to: 'me@kilimani.co.ke' })).toMatchObject({ ok: false, stage: 'refused' });

    const server = await sink();
    const { core: unknownHost } = makeCore('2026-11-21T09:00:00.000Z', { smtp: { host: 'no-such-host.invalid', port: server.port } });
    await call(unknownHost, 'settings.update', { email: { host: 'x', port: 25, security: 'starttls', user: '', fromName: '', fromAddress: 'a@b.co', replyTo: '', messagesPerMinute: 60, timeoutSeconds: 5 } });
    expect(await call(unknownHost, 'sending.testEmail', { to: 'me@kilimani.co.ke' })).toMatchObject({ ok: false, stage: 'dns' });

    const { core: tls } = makeCore('2026-11-21T09:00:00.000Z', { smtp: { host: '127.0.0.1', port: server.port } });
    await call(tls, 'settings.update', { email: { host: 'x', port: 465, security: 'tls', user: '', fromName: '', fromAddress: 'a@b.co', replyTo: '', messagesPerMinute: 60, timeoutSeconds: 5 } });
    const mismatch = await call(tls, 'sending.testEmail', { to: 'me@kilimani.co.ke' });
    expect(mismatch).toMatchObject({ ok: false, stage: 'tls' });
    expect(mismatch.message).toContain('security setting');
  });

  it('says what to fill in when email is not set up', async () => {
    const { core } = makeCore();
    const result = await call(core, 'sending.testEmail', { to: 'me@kilimani.co.ke' });
    expect(result).toMatchObject({ ok: false, stage: 'settings' });
    expect(result.message).toContain('Settings → Email');
  });
});
