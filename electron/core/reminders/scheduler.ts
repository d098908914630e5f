// Chasing unpaid invoices on the business's schedule (e.g. 3 days before the due date, on it, and
// 7, 14 and 30 days after). A scan every few minutes queues what has fallen due. Each step of
// each invoice has its own key in the log, so a step is sent at most once however often the scan
// runs, and a scan after the app was closed for a week sends one reminder per invoice — the
// latest step that fell due — and logs the earlier missed steps as not sent, instead of a pile of
// out-of-date reminders arriving at once.
import type { ReminderTone, SendChannel } from '../../../shared/domain/sending';
import { addDays, businessDate } from '../clock';
import type { CoreContext } from '../context';
import { collectionPlansByCustomer } from '../analytics/intelligence/service';
import type { CollectionRow } from '../../../shared/domain/intelligence';
import type { ReminderSettings } from '../../../shared/domain/settings';
import { getInvoice } from '../invoices/service';
import { readSettings } from '../settings/service';
import { emailSetupProblem } from '../send/email/settings';
import { customerContacts, messageFacts } from '../send/facts';
import { logSkipped, queueMessage, type MessageSpec } from '../send/queue';
import { keysWithPrefix } from '../send/repo';
import { announceSending } from '../send/service';
import { smsSetupProblem } from '../send/sms';
import { composeEmail, composeSms } from '../send/templates';
import { invoicesFallenOverdue } from '../activity/summary';
import { ENABLED_SINCE, LAST_SCAN, OVERDUE_ANNOUNCED, readMeta, writeMeta } from './state';
import { cloudLink } from '../sync/state';
import { cloudClient } from '../sync/client';
import type { ClaimsAnswer } from '../../../shared/sync/protocol';
import { startPeriodic } from '../periodic';

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

const TONE_ORDER: readonly ReminderTone[] = ['friendly', 'gentle', 'standard', 'firm', 'escalate'];

/** The tone this invoice's own lateness calls for: it firms up step by step. */
export function stepTone(daysOverdue: number, dueInFuture: boolean): ReminderTone {
  if (daysOverdue <= 0) return dueInFuture ? 'friendly' : 'gentle';
  if (daysOverdue <= 20) return 'standard';
  if (daysOverdue <= 45) return 'firm';
  return 'escalate';
}

/**
 * The step's tone, moved one level by how the customer pays (the collection plan): a customer who
 * usually pays on time is spoken to a level more gently, one with a record of broken promises a
 * level more firmly. Never firmer than "firm" before 45 days.
 */
export function reminderTone(step: ReminderTone, plan: ReminderTone | null): ReminderTone {
  if (step === 'friendly' || step === 'gentle' || plan === null) return step;
  const at = TONE_ORDER.indexOf(step);
  const wanted = TONE_ORDER.indexOf(plan);
  const moved = wanted > at ? at + 1 : wanted < at ? at - 1 : at;
  return TONE_ORDER[Math.max(TONE_ORDER.indexOf('gentle'), moved)]!;
}

function channelsOf(setting: 'email' | 'sms' | 'both'): SendChannel[] {
  return setting === 'both' ? ['email', 'sms'] : [setting];
}

interface ScanEnv {
  settings: ReminderSettings;
  since: string;
  today: string;
  channels: SendChannel[];
  problems: Record<SendChannel, string | null>;
  planOf(customerId: string, currency: string): ReminderTone | null;
  result: ScanResult;
}

/** Queues one invoice's newest step that fell due (logging older missed ones as not sent); returns how many messages it queued. */
function remindInvoice(ctx: CoreContext, candidate: Candidate, { settings, since, today, channels, problems, planOf, result }: ScanEnv): number {
  const due = settings.offsets.filter((o) => {
    const on = addDays(candidate.due_date, o);
    return on <= today && on >= since;
  });
  if (due.length === 0) return 0;
  const latest = due[due.length - 1]!;
  const doneOffsets = new Set([...keysWithPrefix(ctx.sql, `reminder:${candidate.id}:`)].map((k) => Number(k.split(':')[2])));
  // This step, or a later one (the schedule changed since), already went: nothing to do.
  if ([...doneOffsets].some((o) => o >= latest)) return 0;

  const invoice = getInvoice(ctx, candidate.id);
  const contacts = customerContacts(ctx, invoice.customer.id);
  const plan = invoice.daysOverdue > 0 ? planOf(invoice.customer.id, invoice.currency) : null;
  const tone = reminderTone(stepTone(invoice.daysOverdue, invoice.dueDate > today), plan);
  const type = latest > 0 ? 'overdue' : 'reminder';
  const facts = messageFacts(ctx, invoice, type, { tone });
  return ctx.sql.transaction(() => {
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
      // Reminders go to the main number; the send dialog is where a person picks several.
      const recipients = channel === 'email' ? contacts.emails : contacts.phones.slice(0, 1);
      const email = channel === 'email' ? composeEmail(facts, settings.attachPdf) : null;
      const base: Omit<MessageSpec, 'priority' | 'label'> = {
        requestKey: stepKey(invoice.id, latest, channel), type, channel, customerId: invoice.customer.id, invoiceId: invoice.id, recipients,
        subject: email?.subject ?? '', text: email?.text ?? composeSms(facts), html: email?.html ?? null,
        attachPdf: channel === 'email' && settings.attachPdf, tone, reminderOffset: latest,
      };
      const noAddress = `Not sent: ${invoice.customer.name} has no ${channel === 'email' ? 'email address' : 'mobile number in international form'}.`;
      const problem = recipients.length === 0 ? noAddress : problems[channel] && `Not sent: ${problems[channel]}`;
      if (problem) {
        logSkipped(ctx, base, problem);
        result.skipped += 1;
        continue;
      }
      const { created } = queueMessage(ctx, { ...base, priority: 0, label: `Reminder ${stepLabel(latest)}: ${invoice.number} to ${invoice.customer.name} by ${channel === 'email' ? 'email' : 'SMS'}` });
      if (created) queued += 1;
    }
    return queued;
  });
}

/**
 * Queues the reminders that have fallen due; safe to call as often as liked. With `claimed`, only
 * those invoices (the ones this computer claimed for its organisation today) are reminded here.
 */
export function scanReminders(ctx: CoreContext, claimed?: ReadonlySet<string>): ScanResult {
  const due = dueReminders(ctx);
  if (!due) return { queued: 0, skipped: 0 };
  return remindDue(ctx, due, claimed);
}

interface DueReminders {
  settings: ReminderSettings;
  now: Date;
  today: string;
  since: string;
  candidates: Candidate[];
}

/** The invoices with a reminder step that fell due since the last scan, or null when none can go now. */
export function dueReminders(ctx: CoreContext): DueReminders | null {
  const settings = readSettings(ctx).reminders;
  const now = ctx.clock.now();
  const today = businessDate(now);
  if (!settings.enabled || settings.offsets.length === 0) return null;
  if (now.getHours() < settings.sendFromHour) return null;
  let since = readMeta(ctx, ENABLED_SINCE);
  if (!since) {
    writeMeta(ctx, ENABLED_SINCE, today);
    since = today;
  }
  // Only steps that fell due since the last scan's day (or since reminders were switched on) are new:
  // each offset is a window of due dates, so a scan reads just the invoices with a step in it.
  const lastScan = readMeta(ctx, LAST_SCAN);
  const from = lastScan && lastScan >= since ? addDays(lastScan, 1) : since;
  if (from > today) return null;
  // The days are bound, not written into the SQL: one statement per number of offsets, whatever the day.
  const days: Record<string, string> = {};
  const windows = settings.offsets
    .map((o, i) => {
      days[`from${i}`] = addDays(from, -o);
      days[`to${i}`] = addDays(today, -o);
      return `(i.due_date BETWEEN @from${i} AND @to${i})`;
    })
    .join(' OR ');
  const candidates = ctx.sql
    .prepare(
      `SELECT i.id, i.customer_id, i.due_date, i.currency FROM invoices i JOIN customers c ON c.id = i.customer_id
        WHERE i.status IN ('open', 'partially_paid') AND i.balance_minor > 0 AND c.send_reminders = 1 AND c.deleted_at IS NULL
          AND (${windows}) ORDER BY i.due_date, i.id`,
    )
    .all(days) as Candidate[];
  return { settings, now, today, since, candidates };
}

function remindDue(ctx: CoreContext, due: DueReminders, claimed: ReadonlySet<string> | undefined): ScanResult {
  const { settings, now, today, since } = due;
  const candidates = claimed ? due.candidates.filter((c) => claimed.has(c.id)) : due.candidates;
  const result: ScanResult = { queued: 0, skipped: 0 };
  const channels = channelsOf(settings.channel);
  const problems: Record<SendChannel, string | null> = { email: emailSetupProblem(ctx), sms: smsSetupProblem(ctx) };
  let plans: Map<string, CollectionRow> | null = null;
  const planOf = (customerId: string, currency: string): ReminderTone | null => {
    plans ??= collectionPlansByCustomer(ctx);
    return plans.get(`${customerId}|${currency}`)?.tone ?? null;
  };
  const touched = { invoices: [] as string[], customers: new Set<string>() };
  const failures: string[] = [];

  for (const candidate of candidates) {
    try {
      result.queued += remindInvoice(ctx, candidate, { settings, since, today, channels, problems, planOf, result });
      touched.invoices.push(candidate.id);
      touched.customers.add(candidate.customer_id);
    } catch (error) {
      // One invoice that cannot be reminded (damaged data) never stops the others.
      failures.push(`${candidate.id}: ${(error as Error).message}`);
    }
  }
  writeMeta(ctx, LAST_SCAN, today);
  if (failures.length > 0) ctx.events.emit('notify', { level: 'warning', message: `${failures.length} reminder${failures.length === 1 ? '' : 's'} could not be prepared: ${failures[0]}` });
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
  return startPeriodic(() => scanForOrganisation(ctx).then(() => announceFallenOverdue(ctx)), { firstAfterMs: 1000, intervalMs }, (error) =>
    log('The reminder scan failed; it runs again shortly', error));
}

/** The key a computer claims to remind one invoice today for its whole organisation. */
export const reminderClaimKey = (invoiceId: string, day: string) => `reminders:${invoiceId}:${day}`;

/**
 * Reminders go out once per organisation, not once per computer: when these books sync, the
 * invoices due a reminder are first claimed at Billbook Cloud, and this computer reminds only
 * those it was granted. Without the Cloud it waits for the next scan rather than risk a second
 * reminder from another computer.
 */
export async function scanForOrganisation(ctx: CoreContext): Promise<ScanResult> {
  const link = cloudLink(ctx.sql);
  const token = ctx.secrets.get('cloudDeviceToken');
  if (!link?.joined || !token) return scanReminders(ctx);
  const due = dueReminders(ctx);
  if (!due) return { queued: 0, skipped: 0 };
  if (due.candidates.length === 0) return remindDue(ctx, due, undefined);
  const granted = new Set<string>();
  const client = cloudClient(link.url);
  for (let i = 0; i < due.candidates.length; i += 500) {
    const keys = due.candidates.slice(i, i + 500).map((c) => reminderClaimKey(c.id, due.today));
    const answer = await client.request<ClaimsAnswer>('POST', '/v1/sync/claims', { token, body: { keys } });
    for (const key of answer.granted) granted.add(key.split(':')[1]!);
  }
  return remindDue(ctx, due, granted);
}
