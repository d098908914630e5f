// How the payment instructions read, one line per way to pay: the same words on the invoice PDF,
// in the email, and in the example under the Settings form.
import type { PaymentInstructions } from './domain/settings';

/** "M-Pesa Paybill 522533 · Account: INV-2026-0001": the account is the invoice number, so the payment finds its invoice. */
export function mpesaLine(p: PaymentInstructions, invoiceNumber: string): string | null {
  const number = p.mpesa.number.trim() || '……';
  if (p.mpesa.kind === 'paybill') return `M-Pesa Paybill ${number} · Account: ${invoiceNumber}`;
  if (p.mpesa.kind === 'till') return `M-Pesa Buy Goods Till ${number}`;
  return null;
}

/** Bank details are printed only with an account number. */
export function bankLine(p: PaymentInstructions): string | null {
  const b = p.bank;
  if (!b.accountNumber.trim()) return null;
  const parts = [
    b.bankName.trim(),
    b.branch.trim() && `${b.branch.trim()} branch`,
    b.accountName.trim() && `Account name: ${b.accountName.trim()}`,
    `Account no.: ${b.accountNumber.trim()}`,
    b.swift.trim() && `SWIFT: ${b.swift.trim().toUpperCase()}`,
  ].filter(Boolean);
  return `Bank transfer: ${parts.join(' · ')}`;
}

/** One line per way to pay, as printed; empty when nothing is filled in. */
export function paymentInstructionLines(p: PaymentInstructions, invoiceNumber: string): string[] {
  return [mpesaLine(p, invoiceNumber), bankLine(p), p.note.trim() || null].filter((l): l is string => l !== null);
}
