// A payment receipt's words: the email (its PDF attached) and the SMS, in the customer's language.
// Pure, like templates.ts.
import type { Payment } from '../../../shared/domain/payment';
import { settlingAllocations } from '../../../shared/domain/settling';
import type { BusinessProfile } from '../../../shared/domain/settings';
import { wordsFor, type Language, type Words } from '../../../shared/i18n';
import { formatMoney } from '../../../shared/money';
import { escapeHtml, type ComposedEmail } from './templates';

export interface ReceiptFacts {
  payment: Pick<Payment, 'number' | 'amountMinor' | 'currency' | 'paidOn' | 'method' | 'reference' | 'allocations' | 'unallocatedMinor'>;
  customerName: string;
  language: Language;
  /** Still owed across the customer's invoices after this payment. */
  outstandingMinor: number;
  business: BusinessProfile;
}

function details(facts: ReceiptFacts, w: Words): [string, string][] {
  const { payment } = facts;
  const money = (minor: number) => formatMoney(minor, payment.currency);
  const paid = settlingAllocations(payment.allocations).map((a) => a.invoiceNumber);
  return [
    [w.t('receipt.receipt'), payment.number],
    [w.t('receipt.amount'), money(payment.amountMinor)],
    [w.t('receipt.paidOn'), w.date(payment.paidOn)],
    [w.t('receipt.paidBy'), w.method(payment.method)],
    ...(payment.reference ? ([[w.t(payment.method === 'mpesa' ? 'receipt.mpesaCode' : 'receipt.reference'), payment.reference]] as [string, string][]) : []),
    ...(paid.length > 0 ? ([[w.t('receipt.for'), paid.map((n) => w.t('receipt.forInvoice', { number: n })).join(', ')]] as [string, string][]) : []),
    ...(payment.unallocatedMinor > 0 ? ([[w.t('receipt.keptAsCredit'), money(payment.unallocatedMinor)]] as [string, string][]) : []),
    [w.t('receipt.stillOwed'), money(facts.outstandingMinor)],
  ];
}

export function composeReceiptEmail(facts: ReceiptFacts): ComposedEmail {
  const w = wordsFor(facts.language);
  const business = facts.business.name;
  const rows = details(facts, w);
  const opening = w.t('receipt.opening', { amount: formatMoney(facts.payment.amountMinor, facts.payment.currency), number: facts.payment.number });
  const signature = [facts.business.name, facts.business.phone, facts.business.email].filter(Boolean);
  const greeting = w.t('letter.greeting', { name: facts.customerName });
  const text = [
    greeting, '', opening, '', w.t('receipt.detailsHeading'), ...rows.map(([k, v]) => `- ${k}: ${v}`),
    ...(signature.length > 0 ? ['', ...signature] : []),
  ].join('\n');
  const html = `<!doctype html><html lang="${w.language}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1f2933;line-height:1.5">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(opening)}</p>
<table role="presentation" style="border-collapse:collapse;margin:12px 0">${rows
    .map(([k, v]) => `<tr><td style="padding:4px 16px 4px 0;color:#52606d">${escapeHtml(k)}</td><td style="padding:4px 0;font-weight:bold">${escapeHtml(v)}</td></tr>`)
    .join('')}</table>
${signature.length > 0 ? `<p style="color:#52606d">${signature.map(escapeHtml).join('<br>')}</p>` : ''}
</body></html>`;
  return { subject: w.t('receipt.subject', { number: facts.payment.number, hasBusiness: business ? 'yes' : 'no', business }), text, html };
}

export function composeReceiptSms(facts: ReceiptFacts): string {
  const w = wordsFor(facts.language);
  const { payment } = facts;
  return w.t('receipt.sms', {
    from: facts.business.name ? w.t('letter.from', { business: facts.business.name }) : '',
    number: payment.number,
    amount: formatMoney(payment.amountMinor, payment.currency),
    method: w.method(payment.method),
    code: payment.reference ? ` (${payment.reference})` : '',
    date: w.date(payment.paidOn),
    owing: facts.outstandingMinor > 0 ? 'yes' : 'no',
    owed: formatMoney(facts.outstandingMinor, payment.currency),
  });
}
