// Reminders over a controlled clock: each step of the schedule goes once, a week with the app
// closed sends one catch-up reminder (not one per missed day), and paid invoices are left alone.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { reminderTone, scanReminders, stepTone } from '../../electron/core/reminders/scheduler';
import type { NotificationView } from '../../shared/domain/sending';
import { call, makeCore } from '../helpers/core';
import { customer, invoice } from '../helpers/billing';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp';
import { until } from '../helpers/until';

const sinks: SmtpSink[] = [];
afterEach(async () => {
  for (const sink of sinks.splice(0)) await sink.close();
});

const EMAIL = { host: '127.0.0.1', port: 25, security: 'none' as const, user: '', fromName: 'Kilimani Web Studio', fromAddress: 'billing@kilimani.co.ke', replyTo: '', messagesPerMinute: 6000, timeoutSeconds: 5 };
const REMINDERS = { enabled: true, offsets: [-3, 0, 7, 14, 30], channel: 'email' as const, sendFromHour: 8, thankYouOnPayment: false, attachPdf: false };

/** Noon UTC on a day: after the 08:00 send hour in any zone from UTC−4 to UTC+11. */
const at = (date: string) => `${date}T12:00:00.000Z`;

async function setup(options: { port?: number; reminders?: Partial<typeof REMINDERS> } = {}) {
  const server = options.port === undefined ? await startSmtpSink() : null;
  if (server) sinks.push(server);
  const port = options.port ?? server!.port;
  const { core, clock, dir } = makeCore(at('2026-11-01'), {
    smtp: { host: '127.0.0.1', port },
    reminderScanMs: 0,
    jobs: { backoff: { baseMs: 40, capMs: 300 }, offlineRecheckMs: 150, leaseMs: 1500 },
  });
  await call(core, 'settings.update', { email: EMAIL, business: { name: 'Kilimani Web Studio', street: '', city: 'Nairobi', postalCode: '', country: 'Kenya', taxId: 'P051234567X', phone: '', email: '', website: '', logoDataUrl: '' } });
  const buyer = await customer(core, { name: 'Baraka Hardware', email: 'pay@baraka.co.ke', paymentTermsDays: 30 });
  // Issued 1 November, due 1 December.
  const inv = await invoice(core, buyer.id, { issueDate: '2026-11-01' });
  clock.set(at('2026-11-21'));
  await call(core, 'settings.update', { reminders: { ...REMINDERS, ...options.reminders } });
  return { core, clock, dir, server, buyer, inv };
}


const log = (core: Core, customerId: string) => call(core, 'sending.log', { customerId });
const settled = (core: Core, customerId: string) =>
  until(() => log(core, customerId), (rows) => rows.every((r) => !['pending', 'retrying', 'sending', 'scheduled'].includes(r.status)));

/** Scans once an hour from `from` to `to` (inclusive days), as the running app would. */
function scanHourly(core: Core, clock: ReturnType<typeof makeCore>['clock'], from: string, to: string) {
  let queued = 0;
  for (let day = new Date(`${from}T00:00:00.000Z`); day <= new Date(`${to}T23:00:00.000Z`); day = new Date(day.getTime() + 3_600_000)) {
    clock.set(day);
    queued += scanReminders(core.context).queued;
  }
  return queued;
}

describe('payment reminders', () => {
  it('sends each step once, and after a closed week one catch-up reminder with the missed step logged as not sent', async () => {
    const { core, clock, server, buyer, inv } = await setup();

    // Before the first step (28 November, three days before the due date): nothing, however often it looks.
    expect(scanHourly(core, clock, '2026-11-21', '2026-11-27')).toBe(0);
    // The first step, scanned every hour of the day: once.
    expect(scanHourly(core, clock, '2026-11-28', '2026-11-28')).toBe(1);
    await settled(core, buyer.id);
    expect(server!.received).toHaveLength(1);
    expect(server!.received[0]!.parsed.subject).toBe(`Reminder: invoice ${inv.number} is due on 1 Dec 2026`);

    // Billbook is closed from 29 November until 9 December: the due-day step (1 Dec) and the
    // 7-days-overdue step (8 Dec) fell due meanwhile. Opening it sends the latest one, once.
    clock.set(at('2026-12-09'));
    expect(scanReminders(core.context)).toEqual({ queued: 1, skipped: 1 });
    expect(scanHourly(core, clock, '2026-12-09', '2026-12-14')).toBe(0);
    await settled(core, buyer.id);
    expect(server!.received).toHaveLength(2);
    expect(server!.received[1]!.parsed.subject).toBe(`Overdue: invoice ${inv.number} (8 days)`);

    // The next step, 14 days overdue, on its day.
    expect(scanHourly(core, clock, '2026-12-15', '2026-12-16')).toBe(1);
    await settled(core, buyer.id);
    expect(server!.received).toHaveLength(3);

    const rows = await log(core, buyer.id);
    const byStatus = (status: NotificationView['status']) => rows.filter((r) => r.status === status);
    expect(byStatus('sent').map((r) => r.type).sort()).toEqual(['overdue', 'overdue', 'reminder']);
    expect(byStatus('skipped')).toHaveLength(1);
    expect(byStatus('skipped')[0]!.error).toContain('fell due on 2026-12-01 while Billbook was closed');
    // The tone firms up step by step: friendly before the due date, then by days overdue.
    expect(byStatus('sent').map((r) => r.tone).reverse()).toEqual(['friendly', 'standard', 'standard']);
  });

  it('does not chase invoices that were already overdue when reminders were switched on', async () => {
    const { core, clock, buyer } = await setup({ reminders: { enabled: false } });
    clock.set(at('2027-02-15'));
    await call(core, 'settings.update', { reminders: REMINDERS });
    expect(scanReminders(core.context)).toEqual({ queued: 0, skipped: 0 });
    expect(await log(core, buyer.id)).toHaveLength(0);
    // The next step after switching on (none left: 30 days overdue was 31 Dec) — so nothing, ever.
    expect(scanHourly(core, clock, '2027-02-16', '2027-02-17')).toBe(0);
  });

  it('leaves alone customers switched off, and waits for the send hour', async () => {
    const { core, clock, buyer } = await setup();
    // 02:00 on the machine's clock, before the 08:00 send hour.
    clock.set(new Date(2026, 10, 28, 2, 0));
    expect(scanReminders(core.context).queued).toBe(0);
    const current = await call(core, 'customers.get', { id: buyer.id });
    const { id: _id, version, ...fields } = current as unknown as Record<string, unknown> & { id: string; version: number };
    void _id;
    await call(core, 'customers.update', { id: buyer.id, version, customer: { ...(fields as object), sendReminders: false } as never });
    clock.set(at('2026-11-28'));
    expect(scanReminders(core.context).queued).toBe(0);
  });

  it('does not send a queued reminder for an invoice paid before it went', async () => {
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();
    const { core, clock, buyer, inv } = await setup({ port });
    clock.set(at('2026-11-28'));
    expect(scanReminders(core.context).queued).toBe(1);
    // The mail server is down; the reminder waits.
    await until(() => log(core, buyer.id), (rows) => rows[0]?.error?.includes('connection refused') === true);
    await call(core, 'payments.record', { customerId: buyer.id, amountMinor: inv.balanceMinor, paidOn: '2026-11-28', method: 'mpesa', reference: 'SKL4XYZ12A' });
    const server = await startSmtpSink({ port });
    sinks.push(server);
    const [row] = await settled(core, buyer.id);
    expect(row!.status).toBe('skipped');
    expect(row!.error).toContain('was paid before the reminder went');
    expect(server.received).toHaveLength(0);
  });

  it('thanks the customer for a payment when switched on', async () => {
    const { core, server, buyer, inv } = await setup({ reminders: { thankYouOnPayment: true } });
    await call(core, 'payments.record', { customerId: buyer.id, amountMinor: 1_000_000, paidOn: '2026-11-21', method: 'mpesa', reference: 'SKL4XYZ12B' });
    const rows = await settled(core, buyer.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'payment_received', status: 'sent' });
    expect(server!.received[0]!.parsed.subject).toBe(`Payment received for invoice ${inv.number}, thank you`);
    expect(server!.received[0]!.parsed.text).toContain('KES 10,000.00');
  });
});

describe('the reminder tone', () => {
  it('firms up with the days overdue, one level gentler or firmer by how the customer pays', () => {
    expect([stepTone(0, true), stepTone(0, false), stepTone(7, false), stepTone(30, false), stepTone(60, false)]).toEqual(['friendly', 'gentle', 'standard', 'firm', 'escalate']);
    // A customer whose plan says "escalate" (other invoices long overdue) gets one level firmer, not a final notice on day 7.
    expect(reminderTone('standard', 'escalate')).toBe('firm');
    expect(reminderTone('firm', 'gentle')).toBe('standard');
    expect(reminderTone('standard', 'gentle')).toBe('gentle');
    expect(reminderTone('standard', null)).toBe('standard');
    expect(reminderTone('friendly', 'escalate')).toBe('friendly');
  });
});
