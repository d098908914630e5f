// The words customers receive: an email (subject, plain text, HTML) and an SMS for each kind of
// message, filled from the invoice, the business profile and the payment instructions, in the
// customer's language (shared/i18n). Pure.
import type { Invoice } from '../../../shared/domain/invoice';
import type { NotificationType, ReminderTone } from '../../../shared/domain/sending';
import type { BusinessProfile, PaymentInstructions } from '../../../shared/domain/settings';
import { wordsFor, type Language, type Words } from '../../../shared/i18n';
import { formatMoney } from '../../../shared/money';
import { mpesaLine, paymentInstructionLines } from '../../../shared/paymentLines';

export interface MessageFacts {
  type: NotificationType;
  /** The customer's language. */
  language: Language;
  invoice: Pick<Invoice, 'number' | 'currency' | 'dueDate' | 'issueDate' | 'balanceMinor' | 'daysOverdue'> & {
    totals: Pick<Invoice['totals'], 'totalMinor'>;
    customer: Pick<Invoice['customer'], 'name'>;
  };
  business: BusinessProfile;
  payment: PaymentInstructions;
  customMessage: string;
  /** Reminders: how firm. */
  tone: ReminderTone | null;
  /** A thank-you: the amount received. */
  paidMinor?: number;
  /** A thank-you for a payment over several invoices: `invoice.number` lists them. */
  severalInvoices?: boolean;
  /** The customer's page on Billbook Cloud, to pay online (cloudPayments/link.ts); none when it does not apply. */
  payLink?: string | null;
}

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A web address in already-escaped text becomes a link (the customer's page to pay online). */
const linked = (html: string) => html.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

function invoiceRef(facts: MessageFacts, w: Words): string {
  return facts.invoice.number ?? w.t('invoice.yourInvoice');
}

/** The opening paragraph: the person's own message, else one that fits the kind and tone. */
function opening(facts: MessageFacts, attachPdf: boolean, w: Words): string {
  if (facts.customMessage.trim()) return facts.customMessage.trim();
  const { invoice } = facts;
  const ref = invoiceRef(facts, w);
  const owed = formatMoney(invoice.balanceMinor, invoice.currency);
  const due = w.date(invoice.dueDate);
  const days = Math.max(0, invoice.daysOverdue);
  switch (facts.type) {
    case 'invoice_sent':
      return w.t('invoice.opening.sent', { attached: attachPdf ? 'yes' : 'no', ref, amount: formatMoney(invoice.totals.totalMinor, invoice.currency), due });
    case 'payment_received':
      return w.t('invoice.opening.thanks', {
        amount: formatMoney(facts.paidMinor ?? 0, invoice.currency), several: facts.severalInvoices ? 'yes' : 'no', ref,
        owing: invoice.balanceMinor > 0 ? 'yes' : 'no', owed,
      });
    default:
      break;
  }
  switch (facts.tone) {
    case 'friendly':
      return w.t('invoice.opening.friendly', { ref, owed, due });
    case 'gentle':
      return invoice.daysOverdue > 0 ? w.t('invoice.opening.gentleLate', { ref, owed, due }) : w.t('invoice.opening.gentleToday', { ref, owed });
    case 'standard':
      return w.t('invoice.opening.standard', { ref, owed, due, days });
    case 'firm':
      return w.t('invoice.opening.firm', { ref, owed, days });
    case 'escalate':
      return w.t('invoice.opening.escalate', { ref, owed, days });
    default:
      return w.t('invoice.opening.reminder', { ref, owed, due });
  }
}

function subjectOf(facts: MessageFacts, w: Words): string {
  const ref = invoiceRef(facts, w);
  const business = facts.business.name;
  switch (facts.type) {
    case 'invoice_sent':
      return w.t('invoice.subject.sent', { ref, hasBusiness: business ? 'yes' : 'no', business });
    case 'payment_received':
      return w.t('invoice.subject.thanks', { ref });
    default:
      break;
  }
  const days = Math.max(0, facts.invoice.daysOverdue);
  switch (facts.tone) {
    case 'friendly':
      return w.t('invoice.subject.friendly', { ref, due: w.date(facts.invoice.dueDate) });
    case 'firm':
      return w.t('invoice.subject.firm', { ref, days });
    case 'escalate':
      return w.t('invoice.subject.escalate', { ref, days });
    default:
      return facts.invoice.daysOverdue > 0 ? w.t('invoice.subject.overdue', { ref, days }) : w.t('invoice.subject.dueToday', { ref });
  }
}

export interface LetterParts {
  subject: string;
  name: string;
  opening: string;
  detailsHeading: string;
  details: [string, string][];
  /** Said after the details: the PDF that comes with it. */
  attachedLine: string | null;
  /** How to pay, one way per line; none for a message that asks for no money. */
  payment: string[];
  /** A line before the sign-off (a quote's "reply to go ahead"). */
  closingNote?: string | null;
  business: BusinessProfile;
}

/** A letter to a customer as plain text and HTML: greeting, opening, details, how to pay, thanks, the business. */
export function composeLetter(parts: LetterParts, w: Words): ComposedEmail {
  const signature = [parts.business.name, parts.business.phone, parts.business.email].filter(Boolean);
  const text = [
    w.t('letter.greeting', { name: parts.name }),
    '',
    parts.opening,
    '',
    parts.detailsHeading,
    ...parts.details.map(([k, v]) => `- ${k}: ${v}`),
    ...(parts.attachedLine ? ['', parts.attachedLine] : []),
    ...(parts.payment.length > 0 ? ['', w.t('howToPay.text'), ...parts.payment.map((o) => `- ${o}`)] : []),
    ...(parts.closingNote ? ['', parts.closingNote] : []),
    '',
    w.t('letter.thanksForBusiness'),
    ...(signature.length > 0 ? ['', ...signature] : []),
  ].join('\n');

  const paragraphs = parts.opening.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
  const html = `<!doctype html><html lang="${w.language}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1f2933;line-height:1.5">
<p>${escapeHtml(w.t('letter.greeting', { name: parts.name }))}</p>
${paragraphs}
<table role="presentation" style="border-collapse:collapse;margin:12px 0">${parts.details
    .map(([k, v]) => `<tr><td style="padding:4px 16px 4px 0;color:#52606d">${escapeHtml(k)}</td><td style="padding:4px 0;font-weight:bold">${escapeHtml(v)}</td></tr>`)
    .join('')}</table>
${parts.attachedLine ? `<p>${escapeHtml(parts.attachedLine)}</p>` : ''}
${parts.payment.length > 0 ? `<p style="margin-bottom:4px"><strong>${escapeHtml(w.t('howToPay.heading'))}</strong></p><ul style="margin-top:0">${parts.payment.map((o) => `<li>${linked(escapeHtml(o))}</li>`).join('')}</ul>` : ''}
${parts.closingNote ? `<p>${escapeHtml(parts.closingNote)}</p>` : ''}
<p>${escapeHtml(w.t('letter.thanksForBusiness'))}</p>
${signature.length > 0 ? `<p style="color:#52606d">${signature.map(escapeHtml).join('<br>')}</p>` : ''}
</body></html>`;
  return { subject: parts.subject, text, html };
}

export function composeEmail(facts: MessageFacts, attachPdf: boolean): ComposedEmail {
  const w = wordsFor(facts.language);
  const { invoice } = facts;
  const ref = invoiceRef(facts, w);
  const stillToPay: [string, string][] = invoice.balanceMinor > 0 ? [[w.t('detail.stillToPay'), formatMoney(invoice.balanceMinor, invoice.currency)]] : [];
  const thanks = facts.type === 'payment_received';
  const details: [string, string][] = thanks
    ? [[w.t('detail.paymentReceived'), formatMoney(facts.paidMinor ?? 0, invoice.currency)], [w.t('detail.for'), ref], ...stillToPay]
    : [
        [w.t('detail.invoiceNumber'), ref],
        [w.t('detail.amount'), formatMoney(invoice.totals.totalMinor, invoice.currency)],
        ...(invoice.balanceMinor !== invoice.totals.totalMinor ? stillToPay : []),
        [w.t('detail.dueDate'), w.date(invoice.dueDate)],
      ];
  return composeLetter(
    {
      subject: subjectOf(facts, w),
      name: invoice.customer.name,
      opening: opening(facts, attachPdf, w),
      detailsHeading: w.t(thanks ? 'invoice.paymentDetailsHeading' : 'invoice.detailsHeading'),
      details,
      // The invoice's own opening says it is attached; a reminder says so after the details.
      attachedLine: attachPdf && (facts.type !== 'invoice_sent' || facts.customMessage.trim()) ? w.t('invoice.attached') : null,
      // A thank-you is not a request for money: no payment options in it.
      payment: thanks ? [] : [...(facts.payLink ? [w.t('pay.online', { url: facts.payLink })] : []), ...paymentInstructionLines(facts.payment, ref, facts.language)],
      business: facts.business,
    },
    w,
  );
}

/** "Pay via M-Pesa Paybill 522533 Acc: INV-…": the SMS's payment line, in the basic SMS alphabet. */
export function smsPaymentLine(payment: PaymentInstructions, ref: string, w: Words): string | null {
  if (payment.mpesa.kind === 'paybill') return w.t('sms.payPaybill', { number: payment.mpesa.number, ref });
  const mpesa = mpesaLine(payment, ref, w.language);
  return mpesa ? w.t('sms.payVia', { how: mpesa }) : null;
}

/**
 * The SMS from the product brief's template: number, amount, due date, Paybill and account.
 * Kept to the basic SMS alphabet where the facts allow, so it stays one segment when it can.
 */
export function composeSms(facts: MessageFacts): string {
  const w = wordsFor(facts.language);
  const { invoice } = facts;
  const ref = invoiceRef(facts, w);
  const from = facts.business.name ? w.t('letter.from', { business: facts.business.name }) : '';
  const pay = smsPaymentLine(facts.payment, ref, w);
  const custom = facts.customMessage.trim() ? `${facts.customMessage.trim()}\n` : '';
  const amount = formatMoney(invoice.balanceMinor > 0 ? invoice.balanceMinor : invoice.totals.totalMinor, invoice.currency);
  let head: string;
  switch (facts.type) {
    case 'invoice_sent':
      head = w.t('sms.invoice', { from, ref, amount: formatMoney(invoice.totals.totalMinor, invoice.currency), due: w.date(invoice.dueDate) });
      break;
    case 'payment_received':
      return w.t('sms.thanks', {
        from, amount: formatMoney(facts.paidMinor ?? 0, invoice.currency), ref, owing: invoice.balanceMinor > 0 ? 'yes' : 'no',
        owed: formatMoney(invoice.balanceMinor, invoice.currency),
      });
    default: {
      const late = invoice.daysOverdue > 0 ? w.t('sms.late', { days: invoice.daysOverdue }) : invoice.dueDate ? w.t('sms.dueOn', { due: w.date(invoice.dueDate) }) : '';
      const word = w.t(facts.tone === 'escalate' ? 'sms.word.escalate' : facts.tone === 'firm' ? 'sms.word.firm' : 'sms.word.reminder');
      head = w.t('sms.reminder', { from, word, ref, amount, late });
    }
  }
  const online = facts.payLink ? w.t('sms.payOnline', { url: facts.payLink, others: pay ? 'yes' : 'no' }) : null;
  return [`${custom}${head}`, pay, online].filter(Boolean).join('\n');
}
