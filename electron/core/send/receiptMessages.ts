// A payment receipt's words: the email (its PDF attached) and the SMS. Pure, like templates.ts.
import { format, parseISO } from 'date-fns';
import { PAYMENT_METHOD_LABELS } from '../../../shared/domain/invoice';
import type { Payment } from '../../../shared/domain/payment';
import type { BusinessProfile } from '../../../shared/domain/settings';
import { formatMoney } from '../../../shared/money';
import type { ComposedEmail } from './templates';

export interface ReceiptFacts {
  payment: Pick<Payment, 'number' | 'amountMinor' | 'currency' | 'paidOn' | 'method' | 'reference' | 'allocations' | 'unallocatedMinor'>;
  customerName: string;
  /** Still owed across the customer's invoices after this payment. */
  outstandingMinor: number;
  business: BusinessProfile;
}

const day = (date: string) => format(parseISO(date), 'd MMM yyyy');
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function details(facts: ReceiptFacts): [string, string][] {
  const { payment } = facts;
  const money = (minor: number) => formatMoney(minor, payment.currency);
  const paid = payment.allocations.filter((a) => !a.reversed).map((a) => a.invoiceNumber);
  return [
    ['Receipt', payment.number],
    ['Amount', money(payment.amountMinor)],
    ['Paid on', day(payment.paidOn)],
    ['Paid by', PAYMENT_METHOD_LABELS[payment.method]],
    ...(payment.reference ? ([[payment.method === 'mpesa' ? 'M-Pesa code' : 'Reference', payment.reference]] as [string, string][]) : []),
    ...(paid.length > 0 ? ([['For', paid.map((n) => `invoice ${n}`).join(', ')]] as [string, string][]) : []),
    ...(payment.unallocatedMinor > 0 ? ([['Kept as credit', money(payment.unallocatedMinor)]] as [string, string][]) : []),
    ['Still owed', money(facts.outstandingMinor)],
  ];
}

export function composeReceiptEmail(facts: ReceiptFacts): ComposedEmail {
  const from = facts.business.name ? ` from ${facts.business.name}` : '';
  const rows = details(facts);
  const opening = `Thank you for your payment of ${formatMoney(facts.payment.amountMinor, facts.payment.currency)}. Your receipt ${facts.payment.number} is attached as a PDF.`;
  const signature = [facts.business.name, facts.business.phone, facts.business.email].filter(Boolean);
  const text = [
    `Dear ${facts.customerName},`, '', opening, '', 'Receipt details:', ...rows.map(([k, v]) => `- ${k}: ${v}`),
    ...(signature.length > 0 ? ['', ...signature] : []),
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1f2933;line-height:1.5">
<p>Dear ${escapeHtml(facts.customerName)},</p>
<p>${escapeHtml(opening)}</p>
<table role="presentation" style="border-collapse:collapse;margin:12px 0">${rows
    .map(([k, v]) => `<tr><td style="padding:4px 16px 4px 0;color:#52606d">${escapeHtml(k)}</td><td style="padding:4px 0;font-weight:bold">${escapeHtml(v)}</td></tr>`)
    .join('')}</table>
${signature.length > 0 ? `<p style="color:#52606d">${signature.map(escapeHtml).join('<br>')}</p>` : ''}
</body></html>`;
  return { subject: `Receipt ${facts.payment.number}${from}`, text, html };
}

export function composeReceiptSms(facts: ReceiptFacts): string {
  const { payment } = facts;
  const from = facts.business.name ? `${facts.business.name}: ` : '';
  const code = payment.reference ? ` (${payment.reference})` : '';
  const owed = facts.outstandingMinor > 0 ? ` Balance: ${formatMoney(facts.outstandingMinor, payment.currency)}.` : '';
  return `${from}Receipt ${payment.number}. Received ${formatMoney(payment.amountMinor, payment.currency)} by ${PAYMENT_METHOD_LABELS[payment.method]}${code} on ${day(payment.paidOn)}.${owed} Thank you!`;
}
