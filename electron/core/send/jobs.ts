// The queue's send jobs. Exactly once, as far as a network allows: a mark is written just before a
// message is handed to the provider and cleared when the provider answers. A job that finds the
// mark still there (the process died mid-hand-over) does not send again: the message is logged
// as "not confirmed" for a person to check, because a second invoice is worse than a question.
import { z } from 'zod';
import type { InvoiceTemplate } from '../../../shared/domain/customer';
import type { CoreContext } from '../context';
import { JobFailure } from '../jobs/failure';
import type { JobAttempt, JobHandler, JobOutcome } from '../jobs/runner';
import { getInvoiceRow } from '../invoices/repo';
import { renderInvoicePdf } from '../pdf/service';
import { renderReceiptPdf } from '../payments/receipts';
import { renderQuotePdf } from '../quotes/service';
import { renderStatementPdf } from '../statements/pdf';
import { effectiveEmailSettings } from './email/settings';
import { classifySmtpError } from './email/failure';
import { messageIdFor, sendEmail } from './email/transport';
import * as repo from './repo';
import { smsProviderFor } from './sms';

const payloadSchema = z.object({ notificationId: z.string() });

interface Settled {
  outcome: 'sent' | 'unconfirmed' | 'skipped';
  providerMessageId?: string | null;
}

function load(ctx: CoreContext, attempt: JobAttempt): repo.NotificationRow {
  const parsed = payloadSchema.safeParse(attempt.payload);
  if (!parsed.success) throw new JobFailure('permanent', 'This send job is damaged (no message id); it cannot run.');
  const row = repo.getRow(ctx.sql, parsed.data.notificationId);
  if (!row) throw new JobFailure('permanent', 'The message this job was for is no longer in the log.');
  return row;
}

function settle(ctx: CoreContext, row: repo.NotificationRow, outcome: Settled['outcome'], fields: { providerMessageId?: string | null; error?: string | null }): JobOutcome {
  const at = ctx.clock.now().toISOString();
  const error = fields.error == null ? fields.error : ctx.mask(fields.error);
  // Written at once, whatever becomes of the job (cancelled meanwhile, the app closing): the provider took it.
  ctx.sql.transaction(() => repo.settle(ctx.sql, row.id, outcome, { ...fields, error, sentAt: outcome === 'sent' ? at : null }, at));
  return { result: { outcome, providerMessageId: fields.providerMessageId ?? null } };
}

/** A message that no longer applies is not sent: a reminder for an invoice paid meanwhile, anything for a void one. */
function reasonNotToSend(ctx: CoreContext, row: repo.NotificationRow): string | null {
  if (!row.invoice_id) return null;
  const invoice = getInvoiceRow(ctx.sql, row.invoice_id);
  if (!invoice) return 'Not sent: the invoice is gone.';
  if (invoice.status === 'void') return `Not sent: ${invoice.number ?? 'the invoice'} was voided before it went.`;
  if ((row.type === 'reminder' || row.type === 'overdue') && (invoice.status === 'paid' || invoice.balance_minor <= 0)) {
    return `Not sent: ${invoice.number} was paid before the reminder went.`;
  }
  return null;
}

/** Before handing over: a mark left by an attempt that never heard back, or a reason not to send. */
function precheck(ctx: CoreContext, row: repo.NotificationRow, what: string): JobOutcome | null {
  if (row.outcome) return { result: { outcome: row.outcome } };
  if (row.sending_started_at) {
    return settle(ctx, row, 'unconfirmed', {
      error: `Billbook stopped while handing this ${what} over (at ${row.sending_started_at}), so it may have been delivered. It will not be sent again on its own: check with the customer, then use Send again if it did not arrive.`,
    });
  }
  const reason = reasonNotToSend(ctx, row);
  return reason ? settle(ctx, row, 'skipped', { error: reason }) : null;
}

/** Claims the hand-over for this attempt; another attempt (a lease taken over) or a settled message stops it. */
function markHandingOver(ctx: CoreContext, row: repo.NotificationRow, attempt: JobAttempt): void {
  const at = ctx.clock.now().toISOString();
  const claimed = ctx.sql.transaction(() => repo.markHandingOver(ctx.sql, row.id, attempt.job.id, attempt.job.lease_owner ?? '', at));
  if (!claimed) throw new JobFailure('permanent', 'Another attempt is already sending this message.');
}

/** The provider answered with a failure: nothing is in doubt, so the mark goes. With no answer (a timeout mid-hand-over) it stays. */
function answered(ctx: CoreContext, row: repo.NotificationRow, failure: JobFailure): JobFailure {
  if (failure.outcomeUnknown) return failure;
  // The provider's words may echo a key or password: masked before they are kept.
  ctx.sql.transaction(() => repo.clearHandingOver(ctx.sql, row.id, ctx.mask(failure.message), ctx.clock.now().toISOString()));
  return failure;
}

export function sendEmailHandler(ctx: CoreContext): JobHandler {
  return async (attempt) => {
    const row = load(ctx, attempt);
    const early = precheck(ctx, row, 'email');
    if (early) return early;
    const settings = effectiveEmailSettings(ctx);
    const attachments: { filename: string; content: Buffer; contentType: string }[] = [];
    if (row.attach_pdf === 1 && (row.invoice_id || row.payment_id || row.quote_id || row.type === 'statement')) {
      attempt.progress(0.2, 'Making the PDF');
      try {
        // A payment's message carries its receipt, a quote's the quote, a statement's the statement (as
        // the books stand when it goes); every other message the invoice.
        const pdf = row.type === 'statement' && row.period_from && row.period_to
          ? await renderStatementPdf(ctx, { customerId: row.customer_id, from: row.period_from, to: row.period_to })
          : row.type === 'quote_sent' && row.quote_id
            ? await renderQuotePdf(ctx, row.quote_id).then((q) => ({ fileName: q.fileName, bytes: Buffer.from(q.base64, 'base64') }))
            : row.type === 'payment_received' && row.payment_id
              ? await renderReceiptPdf(ctx, row.payment_id)
              : await renderInvoicePdf(ctx, row.invoice_id!, (row.template as InvoiceTemplate | null) ?? undefined);
        attachments.push({ filename: pdf.fileName, content: pdf.bytes, contentType: 'application/pdf' });
      } catch (error) {
        throw new JobFailure('transient', `The PDF could not be made: ${(error as Error).message}`);
      }
    }
    attempt.signal.throwIfAborted();
    const messageId = row.provider_message_id ?? messageIdFor(row.id, settings.fromAddress);
    if (!row.provider_message_id) ctx.sql.transaction(() => repo.setMessageId(ctx.sql, row.id, messageId));
    attempt.progress(0.6, 'Handing to the mail server');
    markHandingOver(ctx, row, attempt);
    let sent: { messageId: string };
    try {
      sent = await sendEmail(
        { settings, password: ctx.secrets.get('smtpPassword') },
        { to: JSON.parse(row.recipients) as string[], subject: row.subject, text: row.message, html: row.html ?? '', messageId, attachments },
        attempt.signal,
      );
    } catch (error) {
      // Cancelled or closing mid-hand-over: the mark stays, since nobody knows whether it went.
      if (attempt.signal.aborted) throw error;
      const failure = classifySmtpError(error, settings.host, settings.port);
      const message = failure.detail ? `${failure.message} The server said: ${failure.detail}` : failure.message;
      throw answered(ctx, row, new JobFailure(failure.failureClass, message, null, failure.outcomeUnknown === true));
    }
    return settle(ctx, row, 'sent', { providerMessageId: sent.messageId });
  };
}

export function sendSmsHandler(ctx: CoreContext): JobHandler {
  return async (attempt) => {
    const row = load(ctx, attempt);
    const early = precheck(ctx, row, 'SMS');
    if (early) return early;
    const provider = smsProviderFor(ctx);
    const [to] = JSON.parse(row.recipients) as string[];
    if (!to) throw new JobFailure('permanent', 'This SMS has no phone number.');
    attempt.progress(0.5, 'Handing to the SMS provider');
    markHandingOver(ctx, row, attempt);
    try {
      const receipt = await provider.send({ to, text: row.message }, attempt.signal);
      return settle(ctx, row, 'sent', { providerMessageId: receipt.providerMessageId });
    } catch (error) {
      if (attempt.signal.aborted) throw error;
      const failure = error instanceof JobFailure ? error : new JobFailure('transient', `Sending the SMS failed: ${(error as Error).message}`);
      throw answered(ctx, row, failure);
    }
  };
}
