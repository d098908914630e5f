// A customer's statement of account for a period: what they owed at its start, every invoice,
// payment, credit note and refund in it in date order with the balance after each, what they owe at
// its end, and how old the open part is. A positive balance is owed by the customer; a negative one
// is their credit.
import { z } from 'zod';
import type { CurrencyCode } from '../money';
import type { Language } from '../i18n';
import type { PaymentMethod } from './customer';
import { businessDateSchema } from './invoice';

export const STATEMENT_LINE_KINDS = ['invoice', 'opening_balance', 'credit_note', 'payment', 'payment_reversed', 'refund', 'refund_reversed'] as const;
export type StatementLineKind = (typeof STATEMENT_LINE_KINDS)[number];

export interface StatementLine {
  date: string;
  kind: StatementLineKind;
  /** The record: an invoice, payment, credit note or refund. */
  id: string;
  /** Its number: INV-…, PAY-…, CN-…, REF-…, OB-…. */
  number: string;
  /** What the line says, in the customer's language ("Payment PAY-2026-0003, M-Pesa (QK12…)"). */
  description: string;
  /** Adds to what is owed: an invoice, a refund, a payment that was reversed. */
  chargeMinor: number;
  /** Takes from it: a payment, a credit note, a refund that was reversed. */
  creditMinor: number;
  /** After this line. */
  balanceMinor: number;
  /** An invoice's due date, for the reader. */
  dueDate: string | null;
  method: PaymentMethod | null;
  reference: string;
}

export interface StatementAging {
  currentMinor: number;
  days1to30Minor: number;
  days31to60Minor: number;
  days61to90Minor: number;
  days90plusMinor: number;
  totalMinor: number;
}

export interface Statement {
  customer: { id: string; code: string; name: string; email: string; phone: string; taxId: string; address: { street: string; city: string; postalCode: string; country: string } };
  language: Language;
  currency: CurrencyCode;
  from: string;
  to: string;
  /** The business day it was made. */
  madeOn: string;
  openingBalanceMinor: number;
  chargesMinor: number;
  creditsMinor: number;
  closingBalanceMinor: number;
  lines: StatementLine[];
  /** What was still owed on each invoice at the end of `to`, by days past due then. */
  aging: StatementAging;
}

export const statementPeriodSchema = z
  .object({
    customerId: z.uuid({ error: 'Choose a customer' }),
    from: businessDateSchema,
    to: businessDateSchema,
  })
  .superRefine((p, ctx) => {
    if (p.from > p.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day is before the first day' });
  });
export type StatementPeriod = z.output<typeof statementPeriodSchema>;

/** The customer's statement for the month `date` falls in: its first day to its last (or today). */
export function monthPeriod(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 7)}-01`, to: today };
}
