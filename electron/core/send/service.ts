// The send dialog's backend: preview, send (finalizing a draft first), the delivery status and the
// log, cancel and send again.
import type { ChannelParsed } from '../../../shared/contract';
import type { Invoice } from '../../../shared/domain/invoice';
import type { InvoiceTemplate } from '../../../shared/domain/customer';
import type { NotificationView, SendChannel, SendPreview, SendResult } from '../../../shared/domain/sending';
import { AppError } from '../../../shared/errors';
import { smsCost } from '../../../shared/sms';
import type { CoreContext } from '../context';
import { finalizeInvoice, getInvoice, nextInvoiceNumber } from '../invoices/service';
import { invoicePdfFileName } from '../pdf/fileName';
import { emailSetupProblem } from './email/settings';
import { customerContacts, messageFacts } from './facts';
import { queueMessage } from './queue';
import * as repo from './repo';
import { smsSetupProblem } from './sms';
import { composeEmail, composeSms } from './templates';
import { toNotificationView } from './view';

/** The longest a send can be scheduled ahead. */
const MAX_SCHEDULE_DAYS = 366;

const nowIso = (ctx: CoreContext) => ctx.clock.now().toISOString();

function blockers(ctx: CoreContext): Partial<Record<SendChannel, string>> {
  const result: Partial<Record<SendChannel, string>> = {};
  const email = emailSetupProblem(ctx);
  if (email) result.email = email;
  const sms = smsSetupProblem(ctx);
  if (sms) result.sms = sms;
  return result;
}

/** A draft's messages name the number it will take, as the finalize confirmation does. */
function numberFor(ctx: CoreContext, invoice: Invoice): string | null {
  return invoice.number ?? nextInvoiceNumber(ctx, invoice.id).number;
}

export function sendPreview(ctx: CoreContext, input: ChannelParsed<'sending.preview'>): SendPreview {
  const invoice = getInvoice(ctx, input.invoiceId);
  const number = numberFor(ctx, invoice);
  const facts = messageFacts(ctx, invoice, 'invoice_sent', { customMessage: input.customMessage, number });
  const email = composeEmail(facts, input.attachPdf);
  const smsText = composeSms(facts);
  const contacts = customerContacts(ctx, invoice.customer.id);
  return {
    email: { ...email, attachmentName: invoicePdfFileName({ ...invoice, number }) },
    sms: { text: smsText, ...smsCost(smsText) },
    blockers: blockers(ctx),
    defaultEmails: contacts.emails,
    defaultPhones: contacts.phones,
  };
}

function views(ctx: CoreContext, ids: string[]): NotificationView[] {
  const now = nowIso(ctx);
  return ids.map((id) => toNotificationView(repo.getView(ctx.sql, id, now)!));
}

export function announceSending(ctx: CoreContext, invoiceIds: (string | null)[], customerIds: string[]): void {
  ctx.events.emit('sending.changed', { invoiceIds: invoiceIds.filter((i): i is string => i !== null), customerIds });
}

export function sendInvoice(ctx: CoreContext, input: ChannelParsed<'sending.send'>): SendResult {
  const keys = input.channels.flatMap((channel) => (channel === 'email' ? [`send:${input.requestId}:email`] : input.phones.map((p) => `send:${input.requestId}:sms:${p}`)));
  // The same press of Send again (a double click, a retried request): what it queued the first time.
  const earlier = keys.map((k) => repo.idByRequestKey(ctx.sql, k)).filter((id): id is string => id !== undefined);
  if (earlier.length > 0) {
    const invoice = getInvoice(ctx, input.invoiceId);
    return { invoiceId: invoice.id, invoiceNumber: invoice.number ?? '', notifications: views(ctx, earlier) };
  }

  const stops = blockers(ctx);
  const blocked = input.channels.filter((c) => stops[c]);
  if (blocked.length > 0) {
    throw new AppError('invalid_input', blocked.map((c) => stops[c]).join(' '), Object.fromEntries(blocked.map((c) => [c === 'email' ? 'emails' : 'phones', stops[c]!])));
  }
  const sendAt = input.sendAt ? new Date(input.sendAt) : null;
  if (sendAt && sendAt.getTime() - ctx.clock.now().getTime() > MAX_SCHEDULE_DAYS * 86_400_000) {
    throw new AppError('invalid_input', 'A send can be scheduled at most a year ahead.', { sendAt: 'At most a year ahead' });
  }

  let invoice = getInvoice(ctx, input.invoiceId);
  if (invoice.status === 'void') throw new AppError('conflict', `${invoice.number} is void; a void invoice is not sent. Send its replacement instead.`);
  if (invoice.status === 'draft') {
    if (input.finalizeVersion === undefined) {
      throw new AppError('invalid_input', 'This is still a draft. Sending finalizes it: confirm that first.', { finalizeVersion: 'Confirm finalizing' });
    }
    // Finalized on its own: the person confirmed it, and it stands even if queueing failed after.
    invoice = finalizeInvoice(ctx, { id: invoice.id, version: input.finalizeVersion });
  }
  const number = invoice.number!;
  const facts = messageFacts(ctx, invoice, 'invoice_sent', { customMessage: input.customMessage });
  const template = input.template ?? null;
  const ids = ctx.sql.transaction(() => {
    const queued: string[] = [];
    for (const channel of input.channels) {
      if (channel === 'email') {
        const email = composeEmail(facts, input.attachPdf);
        queued.push(queueMessage(ctx, {
          requestKey: `send:${input.requestId}:email`, type: 'invoice_sent', channel, customerId: invoice.customer.id, invoiceId: invoice.id,
          recipients: input.emails, subject: email.subject, text: email.text, html: email.html, attachPdf: input.attachPdf, template,
          sendAt, priority: 10, label: `${number} to ${invoice.customer.name} by email`,
        }).id);
      } else {
        const text = composeSms(facts);
        for (const phone of input.phones) {
          queued.push(queueMessage(ctx, {
            requestKey: `send:${input.requestId}:sms:${phone}`, type: 'invoice_sent', channel, customerId: invoice.customer.id, invoiceId: invoice.id,
            recipients: [phone], subject: '', text, html: null, attachPdf: false, sendAt, priority: 10, label: `${number} to ${phone} by SMS`,
          }).id);
        }
      }
    }
    return queued;
  });
  ctx.jobs.wake();
  announceSending(ctx, [invoice.id], [invoice.customer.id]);
  return { invoiceId: invoice.id, invoiceNumber: number, notifications: views(ctx, ids) };
}

export function invoiceDeliveries(ctx: CoreContext, invoiceId: string): NotificationView[] {
  return repo.forInvoice(ctx.sql, invoiceId, nowIso(ctx)).map(toNotificationView);
}

export function notificationLog(ctx: CoreContext, input: ChannelParsed<'sending.log'>): NotificationView[] {
  return repo.log(ctx.sql, input, nowIso(ctx)).map(toNotificationView);
}

function viewOf(ctx: CoreContext, id: string): NotificationView {
  const row = repo.getView(ctx.sql, id, nowIso(ctx));
  if (!row) throw new AppError('not_found', 'That message is no longer in the log.');
  return toNotificationView(row);
}

export function cancelNotification(ctx: CoreContext, id: string): NotificationView {
  const view = viewOf(ctx, id);
  if (view.status !== 'scheduled' && view.status !== 'pending' && view.status !== 'retrying') {
    throw new AppError('conflict', view.status === 'sending' ? 'This message is being sent right now and can no longer be stopped.' : `This message is already ${view.status}; there is nothing to cancel.`);
  }
  ctx.jobs.cancel(view.jobId!);
  announceSending(ctx, [view.invoiceId], [view.customerId]);
  return viewOf(ctx, id);
}

/** A new message with the same content and recipients; the old one stays in the log as it ended. */
export function resendNotification(ctx: CoreContext, id: string): NotificationView {
  const view = viewOf(ctx, id);
  // Sending the same message again twice (a double click) is one resend: the key is the original's.
  const earlier = repo.idByRequestKey(ctx.sql, `resend:${id}`);
  if (earlier) return viewOf(ctx, earlier);
  if (!['failed', 'cancelled', 'unconfirmed', 'skipped'].includes(view.status)) {
    throw new AppError('conflict', view.status === 'sent' ? 'This message was sent. To send the invoice again, use Send.' : 'This message is still on its way.');
  }
  const problem = blockers(ctx)[view.channel];
  if (problem) throw new AppError('invalid_input', problem);
  const row = repo.getRow(ctx.sql, id)!;
  const newIdValue = ctx.sql.transaction(() =>
    queueMessage(ctx, {
      requestKey: `resend:${id}`, type: view.type, channel: view.channel, customerId: view.customerId,
      invoiceId: view.invoiceId, paymentId: row.payment_id, quoteId: row.quote_id ?? null,
      period: row.period_from && row.period_to ? { from: row.period_from, to: row.period_to } : null,
      recipients: view.recipients, subject: view.subject, text: view.message, html: row.html,
      attachPdf: view.attachPdf, template: row.template as InvoiceTemplate | null, tone: view.tone, reminderOffset: row.reminder_offset, priority: 10,
      label: `${view.invoiceNumber ?? view.customerName} again by ${view.channel === 'email' ? 'email' : 'SMS'}`,
    }).id,
  );
  ctx.jobs.wake();
  announceSending(ctx, [view.invoiceId], [view.customerId]);
  return viewOf(ctx, newIdValue);
}
