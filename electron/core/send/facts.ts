// What the message templates need, read from the books and Settings.
import type { Invoice } from '../../../shared/domain/invoice';
import type { NotificationType, ReminderTone } from '../../../shared/domain/sending';
import { languageOf, type Language } from '../../../shared/i18n';
import type { CoreContext } from '../context';
import { getCustomerRow } from '../customers/repo';
import { readSettings } from '../settings/service';
import type { MessageFacts } from './templates';
import { payLinkFor } from '../cloudPayments/link';

export function messageFacts(
  ctx: CoreContext,
  invoice: Invoice,
  type: NotificationType,
  options: { customMessage?: string; tone?: ReminderTone | null; paidMinor?: number; number?: string | null; severalInvoices?: boolean } = {},
): MessageFacts {
  const settings = readSettings(ctx);
  return {
    type,
    language: customerLanguage(ctx, invoice.customer.id),
    invoice: { ...invoice, number: options.number ?? invoice.number },
    business: settings.business,
    payment: settings.payment,
    customMessage: options.customMessage ?? '',
    tone: options.tone ?? null,
    paidMinor: options.paidMinor,
    severalInvoices: options.severalInvoices ?? false,
    // A thank-you asks for nothing; a reminder or an invoice gives the way to pay online too.
    payLink: type === 'payment_received' ? null : payLinkFor(ctx, invoice.id),
  };
}

/** The language the customer reads: their own setting as it is now (English when unknown). */
export function customerLanguage(ctx: CoreContext, customerId: string): Language {
  return languageOf(getCustomerRow(ctx.sql, customerId)?.ai_language);
}

/** The customer's addresses as they are now (an invoice keeps the ones it was issued with; messages go to today's). */
export function customerContacts(ctx: CoreContext, customerId: string): { emails: string[]; phones: string[]; sendReminders: boolean; name: string } {
  const row = getCustomerRow(ctx.sql, customerId);
  if (!row) return { emails: [], phones: [], sendReminders: false, name: '' };
  const unique = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];
  return {
    name: row.name,
    emails: unique([row.email, row.secondary_email]),
    phones: unique([row.phone, row.secondary_phone]).filter((p) => /^\+[1-9]\d{6,14}$/.test(p)),
    sendReminders: row.send_reminders === 1,
  };
}
