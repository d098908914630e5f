// How the payment instructions read, one line per way to pay: the same words on the invoice PDF,
// in the email, and in the example under the Settings form, in the customer's language.
import type { PaymentInstructions } from './domain/settings';
import { message, type Language } from './i18n';

/** "M-Pesa Paybill 522533 · Account: INV-2026-0001": the account is the invoice number, so the payment finds its invoice. */
export function mpesaLine(p: PaymentInstructions, invoiceNumber: string, language: Language = 'en'): string | null {
  const number = p.mpesa.number.trim() || '……';
  if (p.mpesa.kind === 'paybill') return message(language, 'pay.paybill', { number, ref: invoiceNumber });
  if (p.mpesa.kind === 'till') return message(language, 'pay.till', { number });
  return null;
}

/** Bank details are printed only with an account number. */
export function bankLine(p: PaymentInstructions, language: Language = 'en'): string | null {
  const b = p.bank;
  if (!b.accountNumber.trim()) return null;
  const parts = [
    b.bankName.trim(),
    b.branch.trim() && message(language, 'pay.branch', { branch: b.branch.trim() }),
    b.accountName.trim() && message(language, 'pay.accountName', { name: b.accountName.trim() }),
    message(language, 'pay.accountNo', { number: b.accountNumber.trim() }),
    b.swift.trim() && message(language, 'pay.swift', { code: b.swift.trim().toUpperCase() }),
  ].filter(Boolean);
  return message(language, 'pay.bank', { details: parts.join(' · ') });
}

/** One line per way to pay, as printed; empty when nothing is filled in. */
export function paymentInstructionLines(p: PaymentInstructions, invoiceNumber: string, language: Language = 'en'): string[] {
  return [mpesaLine(p, invoiceNumber, language), bankLine(p, language), p.note.trim() || null].filter((l): l is string => l !== null);
}
