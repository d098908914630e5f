// The words customers receive: an email (subject, plain text, HTML) and an SMS for each kind of
// message, filled from the invoice, the business profile and the payment instructions. Pure.
import { format, parseISO } from 'date-fns';
import type { Invoice } from '../../../shared/domain/invoice';
import type { NotificationType, ReminderTone } from '../../../shared/domain/sending';
import type { BusinessProfile, PaymentInstructions } from '../../../shared/domain/settings';
import { formatMoney } from '../../../shared/money';
import { mpesaLine, paymentInstructionLines } from '../../../shared/paymentLines';

export interface MessageFacts {
  type: NotificationType;
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
}

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

const day = (date: string) => format(parseISO(date), 'd MMM yyyy');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function invoiceRef(facts: MessageFacts): string {
  return facts.invoice.number ?? 'your invoice';
}

function paymentOptions(facts: MessageFacts): string[] {
  return paymentInstructionLines(facts.payment, invoiceRef(facts));
}

/** The opening paragraph: the person's own message, else one that fits the kind and tone. */
function opening(facts: MessageFacts, attachPdf: boolean): string {
  if (facts.customMessage.trim()) return facts.customMessage.trim();
  const { invoice } = facts;
  const ref = invoiceRef(facts);
  const owed = formatMoney(invoice.balanceMinor, invoice.currency);
  switch (facts.type) {
    case 'invoice_sent':
      return `${attachPdf ? 'Please find attached' : 'Here is'} invoice ${ref} for ${formatMoney(invoice.totals.totalMinor, invoice.currency)}, due on ${day(invoice.dueDate)}.`;
    case 'payment_received':
      return `Thank you: we have received your payment of ${formatMoney(facts.paidMinor ?? 0, invoice.currency)} for ${ref.includes(' and ') ? 'invoices' : 'invoice'} ${ref}.${invoice.balanceMinor > 0 ? ` ${owed} remains to be paid.` : ''}`;
    default:
      break;
  }
  const late = plural(Math.max(0, invoice.daysOverdue), 'day');
  switch (facts.tone) {
    case 'friendly':
      return `A friendly reminder that invoice ${ref} for ${owed} is due on ${day(invoice.dueDate)}.`;
    case 'gentle':
      return invoice.daysOverdue > 0
        ? `A gentle reminder that invoice ${ref} for ${owed} was due on ${day(invoice.dueDate)}. If you have already paid, thank you, and please ignore this message.`
        : `A reminder that invoice ${ref} for ${owed} is due today.`;
    case 'standard':
      return `Our records show that invoice ${ref} for ${owed}, due on ${day(invoice.dueDate)}, is now ${late} overdue. If you have already paid, thank you, and please ignore this message.`;
    case 'firm':
      return `Invoice ${ref} for ${owed} is now ${late} overdue. Please pay it today, or reply to tell us when it will be paid.`;
    case 'escalate':
      return `Invoice ${ref} for ${owed} is now ${late} overdue and we have not heard from you. Please settle it within 7 days or contact us to agree a payment plan.`;
    default:
      return `A reminder about invoice ${ref} for ${owed}, due on ${day(invoice.dueDate)}.`;
  }
}

function subjectOf(facts: MessageFacts): string {
  const ref = invoiceRef(facts);
  const from = facts.business.name ? ` from ${facts.business.name}` : '';
  switch (facts.type) {
    case 'invoice_sent':
      return `Invoice ${ref}${from}`;
    case 'payment_received':
      return `Payment received for invoice ${ref}, thank you`;
    default:
      break;
  }
  const late = plural(Math.max(0, facts.invoice.daysOverdue), 'day');
  switch (facts.tone) {
    case 'friendly':
      return `Reminder: invoice ${ref} is due on ${day(facts.invoice.dueDate)}`;
    case 'firm':
      return `Second notice: invoice ${ref} is ${late} overdue`;
    case 'escalate':
      return `Final notice: invoice ${ref} is ${late} overdue`;
    default:
      return facts.invoice.daysOverdue > 0 ? `Overdue: invoice ${ref} (${late})` : `Invoice ${ref} is due today`;
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function composeEmail(facts: MessageFacts, attachPdf: boolean): ComposedEmail {
  const { invoice } = facts;
  const stillToPay: [string, string][] = invoice.balanceMinor > 0 ? [['Still to pay', formatMoney(invoice.balanceMinor, invoice.currency)]] : [];
  const details: [string, string][] =
    facts.type === 'payment_received'
      ? [['Payment received', formatMoney(facts.paidMinor ?? 0, invoice.currency)], ['For', invoiceRef(facts)], ...stillToPay]
      : [
          ['Invoice number', invoiceRef(facts)],
          ['Amount', formatMoney(invoice.totals.totalMinor, invoice.currency)],
          ...(invoice.balanceMinor !== invoice.totals.totalMinor ? stillToPay : []),
          ['Due date', day(invoice.dueDate)],
        ];
  // A thank-you is not a request for money: no payment options in it.
  const options = facts.type === 'payment_received' ? [] : paymentOptions(facts);
  // The invoice's own opening says it is attached; a reminder says so after the details.
  const attachedLine = attachPdf && (facts.type !== 'invoice_sent' || facts.customMessage.trim()) ? 'A copy of the invoice is attached as a PDF.' : null;
  const signature = [facts.business.name, facts.business.phone, facts.business.email].filter(Boolean);

  const text = [
    `Dear ${invoice.customer.name},`,
    '',
    opening(facts, attachPdf),
    '',
    facts.type === 'payment_received' ? 'Payment details:' : 'Invoice details:',
    ...details.map(([k, v]) => `- ${k}: ${v}`),
    ...(attachedLine ? ['', attachedLine] : []),
    ...(options.length > 0 ? ['', 'How to pay:', ...options.map((o) => `- ${o}`)] : []),
    '',
    'Thank you for your business!',
    ...(signature.length > 0 ? ['', ...signature] : []),
  ].join('\n');

  const paragraphs = opening(facts, attachPdf).split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
  const html = `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1f2933;line-height:1.5">
<p>Dear ${escapeHtml(invoice.customer.name)},</p>
${paragraphs}
<table role="presentation" style="border-collapse:collapse;margin:12px 0">${details
    .map(([k, v]) => `<tr><td style="padding:4px 16px 4px 0;color:#52606d">${escapeHtml(k)}</td><td style="padding:4px 0;font-weight:bold">${escapeHtml(v)}</td></tr>`)
    .join('')}</table>
${attachedLine ? `<p>${escapeHtml(attachedLine)}</p>` : ''}
${options.length > 0 ? `<p style="margin-bottom:4px"><strong>How to pay</strong></p><ul style="margin-top:0">${options.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ul>` : ''}
<p>Thank you for your business!</p>
${signature.length > 0 ? `<p style="color:#52606d">${signature.map(escapeHtml).join('<br>')}</p>` : ''}
</body></html>`;
  return { subject: subjectOf(facts), text, html };
}

/**
 * The SMS from the product brief's template: number, amount, due date, Paybill and account.
 * Kept to the basic SMS alphabet where the facts allow, so it stays one segment when it can.
 */
export function composeSms(facts: MessageFacts): string {
  const { invoice } = facts;
  const ref = invoiceRef(facts);
  const from = facts.business.name ? `${facts.business.name}: ` : '';
  const mpesa = mpesaLine(facts.payment, ref);
  const pay = facts.payment.mpesa.kind === 'paybill' ? `Pay via M-Pesa Paybill ${facts.payment.mpesa.number} Acc: ${ref}` : mpesa ? `Pay via ${mpesa}` : null;
  const custom = facts.customMessage.trim() ? `${facts.customMessage.trim()}\n` : '';
  const amount = formatMoney(invoice.balanceMinor > 0 ? invoice.balanceMinor : invoice.totals.totalMinor, invoice.currency);
  let head: string;
  switch (facts.type) {
    case 'invoice_sent':
      head = `${from}Invoice ${ref}\nAmount: ${formatMoney(invoice.totals.totalMinor, invoice.currency)}\nDue: ${day(invoice.dueDate)}`;
      break;
    case 'payment_received':
      return `${from}Thank you! Payment of ${formatMoney(facts.paidMinor ?? 0, invoice.currency)} received for invoice ${ref}.${invoice.balanceMinor > 0 ? ` Balance: ${formatMoney(invoice.balanceMinor, invoice.currency)}.` : ''}`;
    default: {
      const late = invoice.daysOverdue > 0 ? `${plural(invoice.daysOverdue, 'day')} overdue` : invoice.dueDate ? `due ${day(invoice.dueDate)}` : '';
      const word = facts.tone === 'escalate' ? 'FINAL NOTICE' : facts.tone === 'firm' ? 'Second notice' : 'Reminder';
      head = `${from}${word}: invoice ${ref}, ${amount}, ${late}`;
    }
  }
  return `${custom}${head}${pay ? `\n${pay}` : ''}`;
}
