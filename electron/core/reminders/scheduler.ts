// Chasing unpaid invoices on the business's schedule (e.g. 3 days before the due date, on it, and
// 7, 14 and 30 days after). A scan every few minutes queues what has fallen due. Each step of
// each invoice has its own key in the log, so a step is sent at most once however often the scan
// runs, and a scan after the app was closed for a week sends one reminder per invoice — the
// latest step that fell due — and logs the earlier missed steps as not sent, instead of a pile of
// out-of-date reminders arriving at once.
import type { ReminderTone, SendChannel } from '../../../shared/domain/sending';
import type { Invoice } from '../../../shared/domain/invoice';
import { addDays, businessDate } from '../clock';
import type { CoreContext } from '../context';
import { customerCollection } from '../analytics/intelligence/service';
import { getInvoice } from '../invoices/service';
import { readSettings } from '../settings/service';
import { emailSetupProblem } from '../send/email/settings';
import { customerContacts, messageFacts } from '../send/facts';
import { logSkipped, queueMessage, type MessageSpec } from '../send/queue';
import { keysWithPrefix } from '../send/repo';
import { announceSending, pdfFileName } from '../send/service';
import { smsSetupProblem } from '../send/sms';
import { composeEmail, composeSms } from '../send/templates';
import { invoicesFallenOverdue } from '../activity/summary';
import { ENABLED_SINCE, OVERDUE_ANNOUNCED, readMeta, writeMeta } from './state';

export interface ScanResult {
  queued: number;
  skipped: number;
}

export const stepKey = (invoiceId: string, offset: number, channel: SendChannel) => `reminder:${invoiceId}:${offset}:${channel}`;

export function stepLabel(offset: number): string {
  if (offset < 0) return `${-offset} day${offset === -1 ? '' : 's'} before the due date`;
  if (offset === 0) return 'on the due date';
  return `${offset} day${offset === 1 ? '' : 's'} overdue`;
}

interface Candidate {
  id: string;
  customer_id: string;
  due_date: string;
  currency: string;
}

/** How firm: friendly before the due date, then the collection plan's tone for this customer (it firms up with the days overdue). */
function toneFor(ctx: CoreContext, invoice: Invoice, plans: Map<string, ReminderTone>): ReminderTone {
  if (invoice.daysOverdue <= 0) return invoice.dueDate > businessDate(ctx.clock.now()) ? 'friendly' : 'gentle';
  const key = `${invoice.customer.id}|${invoice.currency}`;
  let tone = plans.get(key);
  if (!tone) {
    const row = customerCollection(ctx, invoice.customer.id).find((r) => r.currency === invoice.currency);
    tone = row?.tone ?? (invoice.daysOverdue > 30 ? 'firm' : 'standard');
    plans.set(key, tone);
  }
  return tone;
}

function channelsOf(setting: 'email' | 'sms' | 'both'): SendChannel[] {
  return setting === 'both' ? ['email', 'sms'] : [setting];
}

/** Queues the reminders that have fallen due; safe to call as often as liked. */
export function scanReminders(ctx: CoreContext): ScanResult {
  const result: ScanResult = { queued: 0, skipped: 0 };
  const settings = readSettings(ctx).reminders;
  const now = ctx.clock.now();
  const today = businessDate(now);
  if (!settings.enabled || settings.offsets.length === 0) return result;
  if (now.getHours() < settings.sendFromHour) return result;
  let since = readMeta(ctx, ENABLED_SINCE);
  if (!since) {
    writeMeta(ctx, ENABLED_SINCE, today);
    since = today;
  }
  const first = settings.offsets[0]!;
  // Every unpaid invoice whose earliest step has come, for customers who take reminders.
  const candidates = ctx.sql
    .prepare(
      `SELECT i.id, i.customer_id, i.due_date, i.currency FROM invoices i JOIN customers c ON c.id = i.customer_id
        WHERE i.status IN ('open', 'partially_paid') AND i.balance_minor > 0 AND c.send_reminders = 1 AND c.deleted_at IS NULL
          AND i.due_date <= ? ORDER BY i.due_date, i.id`,
    )
    .all(addDays(today, -first)) as Candidate[];
  const channels = channelsOf(settings.channel);
  const problems: Record<SendChannel, string | null> = { email: emailSetupProblem(ctx), sms: smsSetupProblem(ctx) };
  const plans = new Map<string, ReminderTone>();
  const touched = { invoices: [] as string[], customers: new Set<string>() };

  for (const candidate of candidates) {
    const due = settings.offsets.filter((o) => {
      const on = addDays(candidate.due_date, o);
      return on <= today && on >= since;
    });
    if (due.length === 0) continue;
    const latest = due[due.length - 1]!;
    const done = keysWithPrefix(ctx.sql, `reminder:${candidate.id}:`);
    const doneOffsets = new Set([...done].map((k) => Number(k.split(':')[2])));
    // This step, or a later one (the schedule changed since), already went: nothing to do.
    if ([...doneOffsets].some((o) => o >= latest)) continue;

    const invoice = getInvoice(ctx, candidate.id);
    const contacts = customerContacts(ctx, invoice.customer.id);
    const tone = toneFor(ctx, invoice, plans);
    const type = latest > 0 ? 'overdue' : 'reminder';
    const facts = messageFacts(ctx, invoice, type, { tone });
    const queuedNow = ctx.sql.transaction(() => {
      let queued = 0;
      for (const missed of due.slice(0, -1)) {
        if (doneOffsets.has(missed)) continue;
        for (const channel of channels) {
          logSkipped(ctx, {
            requestKey: stepKey(invoice.id, missed, channel), type: missed > 0 ? 'overdue' : 'reminder', channel, customerId: invoice.customer.id,
            invoiceId: invoice.id, recipients: [], subject: `Reminder ${stepLabel(missed)}`, text: '', html: null, attachPdf: false, reminderOffset: missed,
          }, `Not sent: it fell due on ${addDays(invoice.dueDate, missed)} while Billbook was closed; the reminder ${stepLabel(latest)} sent on ${today} replaced it.`);
          result.skipped += 1;
        }
      }
      for (const channel of channels) {
        const recipients = channel === 'email' ? contacts.emails : contacts.phones;
        const email = channel === 'email' ? composeEmail(facts, settings.attachPdf) : null;
        const base: Omit<MessageSpec, 'priority' | 'label'> = {
          requestKey: stepKey(invoice.id, latest, channel), type, channel, customerId: invoice.customer.id, invoiceId: invoice.id, recipients,
          subject: email?.subject ?? '', text: email?.text ?? composeSms(facts), html: email?.html ?? null,
          attachPdf: channel === 'email' && settings.attachPdf, tone, reminderOffset: latest,
        };
        const problem = recipients.length === 0 ? `Not sent: ${invoice.customer.name} has no ${channel === 'email' ? 'email address' : 'mobile number in international form'}.` : problems[channel];
        if (problem) {
          logSkipped(ctx, base, problem.startsWith('Not sent') ? problem : `Not sent: ${problem}`);
          result.skipped += 1;
          continue;
        }
        const { created } = queueMessage(ctx, { ...base, priority: 0, label: `Reminder ${stepLabel(latest)}: ${invoice.number} (${pdfFileName(invoice)})` });
        if (created) queued += 1;
      }
      return queued;
    });
    result.queued += queuedNow;
    touched.invoices.push(invoice.id);
    touched.customers.add(invoice.customer.id);
  }
  if (touched.invoices.length > 0) {
    ctx.jobs.wake();
    announceSending(ctx, touched.invoices, [...touched.customers]);
  }
  if (result.queued > 0) {
    ctx.events.emit('activity', {
      kind: 'reminders_sent', title: `${result.queued} reminder${result.queued === 1 ? '' : 's'} on the way`,
      body: `Billbook is sending ${result.queued} payment reminder${result.queued === 1 ? '' : 's'} for unpaid invoices.`, href: '#/messages', at: now.toISOString(),
    });
  }
  return result;
}

/** Once a day: the invoices that fell overdue today. */
export function announceFallenOverdue(ctx: CoreContext): void {
  const today = businessDate(ctx.clock.now());
  if (readMeta(ctx, OVERDUE_ANNOUNCED) === today) return;
  writeMeta(ctx, OVERDUE_ANNOUNCED, today);
  const fallen = invoicesFallenOverdue(ctx, today);
  if (fallen.length === 0) return;
  const names = fallen.slice(0, 3).map((f) => `${f.number} (${f.customer})`).join(', ');
  ctx.events.emit('activity', {
    kind: 'fell_overdue', title: `${fallen.length} invoice${fallen.length === 1 ? '' : 's'} fell overdue today`,
    body: `${names}${fallen.length > 3 ? ` and ${fallen.length - 3} more` : ''}.`, href: '#/invoices', at: ctx.clock.now().toISOString(),
  });
}

/** Scans now and every `intervalMs`; returns a stop function. */
export function startReminderScheduler(ctx: CoreContext, intervalMs: number, log: (message: string, error?: unknown) => void): () => void {
  const tick = () => {
    try {
      scanReminders(ctx);
      announceFallenOverdue(ctx);
    } catch (error) {
      log('The reminder scan failed; it runs again shortly', error);
    }
  };
  const first = setTimeout(tick, 1000);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
