// Putting a message on the queue: a log row and its job, in the caller's transaction, under a key
// that makes asking twice the same as asking once.
import type { NotificationType, ReminderTone, SendChannel } from '../../../shared/domain/sending';
import type { InvoiceTemplate } from '../../../shared/domain/customer';
import { smsCost } from '../../../shared/sms';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import * as repo from './repo';

export interface MessageSpec {
  requestKey: string;
  type: NotificationType;
  channel: SendChannel;
  customerId: string;
  invoiceId: string | null;
  paymentId?: string | null;
  /** A quote's message: the quote (its PDF goes with the email). */
  quoteId?: string | null;
  /** A statement's period (its PDF goes with the email). */
  period?: { from: string; to: string } | null;
  recipients: string[];
  subject: string;
  text: string;
  html: string | null;
  attachPdf: boolean;
  template?: InvoiceTemplate | null;
  tone?: ReminderTone | null;
  reminderOffset?: number | null;
  /** Business-clock time it goes; absent: now. */
  sendAt?: Date | null;
  /** A person waiting at the dialog goes before reminders. */
  priority: number;
  /** How the queue screen names it, e.g. "INV-2026-0007 to Acme by email". */
  label: string;
}

/** Inserts the message and its job unless its key is already there; returns the message id either way. Call ctx.jobs.wake() after the commit. */
export function queueMessage(ctx: CoreContext, spec: MessageSpec): { id: string; created: boolean } {
  const existing = repo.idByRequestKey(ctx.sql, spec.requestKey);
  if (existing) return { id: existing, created: false };
  const id = newId(ctx.clock);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const delayMs = spec.sendAt ? Math.max(0, spec.sendAt.getTime() - now.getTime()) : 0;
  repo.insertNotification(ctx.sql, {
    id, request_key: spec.requestKey, type: spec.type, channel: spec.channel, customer_id: spec.customerId, invoice_id: spec.invoiceId,
    payment_id: spec.paymentId ?? null, recipients: JSON.stringify(spec.recipients), subject: spec.subject, message: spec.text, html: spec.html,
    attach_pdf: spec.attachPdf ? 1 : 0, template: spec.template ?? null, segments: spec.channel === 'sms' ? smsCost(spec.text).segments : null,
    tone: spec.tone ?? null, reminder_offset: spec.reminderOffset ?? null,
    scheduled_for: delayMs > 0 ? spec.sendAt!.toISOString() : at, job_id: null, outcome: null, provider_message_id: null, error: null,
    sending_started_at: null, sent_at: null, created_at: at, updated_at: at,
    quote_id: spec.quoteId ?? null, period_from: spec.period?.from ?? null, period_to: spec.period?.to ?? null,
  });
  const job = ctx.jobs.enqueue({
    kind: spec.channel === 'email' ? 'send.email' : 'send.sms',
    provider: spec.channel === 'email' ? 'smtp' : 'sms',
    payload: { notificationId: id },
    idempotencyKey: `notification:${id}`,
    priority: spec.priority,
    subjectId: spec.invoiceId ?? spec.customerId,
    subjectLabel: spec.label,
    // The queue keeps its own time; a scheduled send waits the same span on it.
    runAt: ctx.jobs.currentTime() + delayMs,
  });
  repo.setJob(ctx.sql, id, job.id);
  return { id, created: true };
}

/** A message that is decided against before it is queued (no address, channel not set up), kept in the log with the reason. */
export function logSkipped(ctx: CoreContext, spec: Omit<MessageSpec, 'priority' | 'label' | 'sendAt'>, reason: string): void {
  if (repo.idByRequestKey(ctx.sql, spec.requestKey)) return;
  const at = ctx.clock.now().toISOString();
  repo.insertNotification(ctx.sql, {
    id: newId(ctx.clock), request_key: spec.requestKey, type: spec.type, channel: spec.channel, customer_id: spec.customerId, invoice_id: spec.invoiceId,
    payment_id: spec.paymentId ?? null, recipients: JSON.stringify(spec.recipients), subject: spec.subject, message: spec.text, html: spec.html,
    attach_pdf: spec.attachPdf ? 1 : 0, template: spec.template ?? null, segments: null, tone: spec.tone ?? null, reminder_offset: spec.reminderOffset ?? null,
    scheduled_for: at, job_id: null, outcome: 'skipped', provider_message_id: null, error: reason, sending_started_at: null, sent_at: null,
    created_at: at, updated_at: at, quote_id: spec.quoteId ?? null, period_from: spec.period?.from ?? null, period_to: spec.period?.to ?? null,
  });
}
