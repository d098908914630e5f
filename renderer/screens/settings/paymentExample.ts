// How the payment instructions read on an invoice, for the example under the form.
import type { PaymentInstructions } from '../../../shared/domain/settings';
import { paymentInstructionLines } from '../../../shared/paymentLines';

/** The example invoice number the lines use. */
export const exampleInvoiceNumber = (year: number) => `INV-${year}-0001`;

/** Bank details are printed only with an account number. */
export const bankIncomplete = (p: PaymentInstructions) =>
  !p.bank.accountNumber.trim() && [p.bank.bankName, p.bank.accountName, p.bank.branch, p.bank.swift].some((s) => s.trim() !== '');

/** One line per way to pay, as printed (the invoice and the email use the same words); empty when nothing is filled in. */
export const paymentLines = paymentInstructionLines;
