// A payment's receipt: as a PDF, and sent by email (the PDF attached) or SMS on the send queue.
import type { ChannelParsed } from '../../../shared/contract';
import type { Payment, ReceiptPreview } from '../../../shared/domain/payment';
import { settlingAllocations } from '../../../shared/domain/settling';
import type { NotificationView, SendChannel } from '../../../shared/domain/sending';
import { AppError } from '../../../shared/errors';
import { smsCost } from '../../../shared/sms';
import type { CoreContext } from '../context';
import { getCustomerRow } from '../customers/repo';
import type { ReceiptPdfModel } from '../pdf/model';
import { cuInvoiceNo } from '../../../shared/domain/etims';
import { readSettings } from '../settings/service';
import { emailSetupProblem } from '../send/email/settings';
import { customerContacts, customerLanguage } from '../send/facts';
import { queueMessage } from '../send/queue';
import { composeReceiptEmail, composeReceiptSms, type ReceiptFacts } from '../send/receiptMessages';
import * as sendRepo from '../send/repo';
import { announceSending } from '../send/service';
import { smsSetupProblem } from '../send/sms';
import { toNotificationView } from '../send/view';
import { getPayment } from './service';

export const receiptFileName = (payment: Pick<Payment, 'number'>) => `Receipt-${payment.number.replace(/[^\w.-]+/g, '-')}.pdf`;

/** What the customer still owes in the payment's currency, after it. */
function outstandingOf(ctx: CoreContext, customerId: string): number {
  const row = ctx.sql.prepare('SELECT outstanding_minor FROM customer_balances WHERE customer_id = ?').get(customerId) as { outstanding_minor: number } | undefined;
  return row?.outstanding_minor ?? 0;
}

function receiptFacts(ctx: CoreContext, payment: Payment): ReceiptFacts {
  return {
    payment, customerName: payment.customerName, language: customerLanguage(ctx, payment.customerId), outstandingMinor: outstandingOf(ctx, payment.customerId),
    business: readSettings(ctx).business,
  };
}

export function receiptModel(ctx: CoreContext, payment: Payment): ReceiptPdfModel {
  const customer = getCustomerRow(ctx.sql, payment.customerId);
  return {
    kind: 'receipt',
    language: customerLanguage(ctx, payment.customerId),
    renderedAt: ctx.clock.now().toISOString(),
    business: readSettings(ctx).business,
    payment,
    customer: { name: payment.customerName, code: customer?.code ?? '', phone: customer?.phone ?? '', email: customer?.email ?? '' },
    outstandingMinor: outstandingOf(ctx, payment.customerId),
    cuInvoiceNos: cuInvoiceNosOf(ctx, payment.allocations.map((a) => a.invoiceId)),
  };
}

/** The eTIMS control-unit numbers of the invoices a payment settled, for the receipt to cite. */
function cuInvoiceNosOf(ctx: CoreContext, invoiceIds: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of new Set(invoiceIds)) {
    const row = ctx.sql.prepare('SELECT etims_cu_id, etims_receipt_no FROM invoices WHERE id = ? AND etims_signature IS NOT NULL').get(id) as { etims_cu_id: string | null; etims_receipt_no: number | null } | undefined;
    if (row?.etims_cu_id) out[id] = cuInvoiceNo(row.etims_cu_id, row.etims_receipt_no ?? 0, 'invoice');
  }
  return out;
}

export async function renderReceiptPdf(ctx: CoreContext, paymentId: string): Promise<{ bytes: Buffer; pages: number; fileName: string }> {
  const payment = getPayment(ctx, paymentId);
  const { bytes, pages } = await ctx.pdf.render(receiptModel(ctx, payment));
  return { bytes, pages, fileName: receiptFileName(payment) };
}

function blockers(ctx: CoreContext): Partial<Record<SendChannel, string>> {
  const out: Partial<Record<SendChannel, string>> = {};
  const email = emailSetupProblem(ctx);
  if (email) out.email = email;
  const sms = smsSetupProblem(ctx);
  if (sms) out.sms = sms;
  return out;
}

export function receiptPreview(ctx: CoreContext, paymentId: string): ReceiptPreview {
  const payment = getPayment(ctx, paymentId);
  const facts = receiptFacts(ctx, payment);
  const email = composeReceiptEmail(facts);
  const sms = composeReceiptSms(facts);
  const contacts = customerContacts(ctx, payment.customerId);
  return {
    email: { subject: email.subject, text: email.text, attachmentName: receiptFileName(payment) },
    sms: { text: sms, segments: smsCost(sms).segments },
    blockers: blockers(ctx),
    defaultEmails: contacts.emails,
    defaultPhones: contacts.phones,
  };
}

export function sendReceipt(ctx: CoreContext, input: ChannelParsed<'payments.sendReceipt'>): NotificationView[] {
  const now = () => ctx.clock.now().toISOString();
  const keys = input.channels.flatMap((c) => (c === 'email' ? [`receipt:${input.requestId}:email`] : input.phones.map((p) => `receipt:${input.requestId}:sms:${p}`)));
  const earlier = keys.map((k) => sendRepo.idByRequestKey(ctx.sql, k)).filter((id): id is string => id !== undefined);
  if (earlier.length > 0) return earlier.map((id) => toNotificationView(sendRepo.getView(ctx.sql, id, now())!));

  const payment = getPayment(ctx, input.id);
  if (payment.status === 'reversed') throw new AppError('conflict', `${payment.number} was reversed; a reversed payment gets no receipt.`);
  const stops = blockers(ctx);
  const blocked = input.channels.filter((c) => stops[c]);
  if (blocked.length > 0) {
    throw new AppError('invalid_input', blocked.map((c) => stops[c]).join(' '), Object.fromEntries(blocked.map((c) => [c === 'email' ? 'emails' : 'phones', stops[c]!])));
  }
  if (input.channels.includes('email') && input.emails.length === 0) throw new AppError('invalid_input', 'Add an email address to send the receipt to.', { emails: 'Add an address' });
  if (input.channels.includes('sms') && input.phones.length === 0) throw new AppError('invalid_input', 'Add a phone number to send the receipt to.', { phones: 'Add a number' });
  const facts = receiptFacts(ctx, payment);
  // Shown beside the first invoice it paid, so that invoice's delivery list has it too.
  const invoiceId = settlingAllocations(payment.allocations)[0]?.invoiceId ?? null;
  const ids = ctx.sql.transaction(() => {
    const queued: string[] = [];
    if (input.channels.includes('email')) {
      const email = composeReceiptEmail(facts);
      queued.push(queueMessage(ctx, {
        requestKey: `receipt:${input.requestId}:email`, type: 'payment_received', channel: 'email', customerId: payment.customerId, invoiceId,
        paymentId: payment.id, recipients: input.emails, subject: email.subject, text: email.text, html: email.html, attachPdf: true,
        priority: 10, label: `Receipt ${payment.number} to ${payment.customerName} by email`,
      }).id);
    }
    if (input.channels.includes('sms')) {
      const text = composeReceiptSms(facts);
      for (const phone of input.phones) {
        queued.push(queueMessage(ctx, {
          requestKey: `receipt:${input.requestId}:sms:${phone}`, type: 'payment_received', channel: 'sms', customerId: payment.customerId, invoiceId,
          paymentId: payment.id, recipients: [phone], subject: '', text, html: null, attachPdf: false, priority: 10, label: `Receipt ${payment.number} to ${phone} by SMS`,
        }).id);
      }
    }
    return queued;
  });
  ctx.jobs.wake();
  announceSending(ctx, [invoiceId], [payment.customerId]);
  return ids.map((id) => toNotificationView(sendRepo.getView(ctx.sql, id, now())!));
}
