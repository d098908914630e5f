// Money paid back to a customer out of their credit (what their payments left unapplied): by M-Pesa,
// bank, cash or card, with its reference. A record of its own, numbered; reversed with a reason,
// never deleted.
import { z } from 'zod';
import { AMOUNT_TOO_LARGE, MAX_AMOUNT_MINOR, type CurrencyCode } from '../money';
import { multiLine, oneLine } from '../text';
import { PAYMENT_METHODS, type PaymentMethod } from './customer';
import { businessDateSchema } from './invoice';
import { MPESA_RECEIPT } from './payment';

export const REFUND_STATES = ['completed', 'reversed'] as const;
export type RefundState = (typeof REFUND_STATES)[number];

export const refundInputSchema = z
  .object({
    customerId: z.uuid({ error: 'Choose a customer' }),
    amountMinor: z.number().int('Whole cents only').min(1, 'The amount must be more than 0').max(MAX_AMOUNT_MINOR, AMOUNT_TOO_LARGE),
    refundedOn: businessDateSchema,
    method: z.enum(PAYMENT_METHODS),
    /** The M-Pesa code of the money sent back, a bank reference, or nothing for cash. */
    reference: oneLine(z.string().trim().toUpperCase().max(60, 'At most 60 characters')).default(''),
    notes: multiLine(z.string().trim().max(1000, 'At most 1,000 characters')).default(''),
    /** Made once per refund form: the same key twice records one refund. */
    idempotencyKey: z.string().min(8).max(100).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.method === 'mpesa') {
      const compact = r.reference.replace(/\s+/g, '');
      if (compact === '') ctx.addIssue({ code: 'custom', path: ['reference'], message: 'Enter the M-Pesa code of the money sent back' });
      else if (!MPESA_RECEIPT.test(compact)) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'An M-Pesa code is 10 letters and digits, like QJK3H7Z2XP' });
    }
  })
  .transform((r) => ({ ...r, reference: r.method === 'mpesa' ? r.reference.replace(/\s+/g, '') : r.reference }));
export type RefundInput = z.input<typeof refundInputSchema>;

export interface Refund {
  id: string;
  /** e.g. REF-2026-0003. */
  number: string;
  customerId: string;
  customerName: string;
  currency: CurrencyCode;
  amountMinor: number;
  refundedOn: string;
  method: PaymentMethod;
  reference: string;
  notes: string;
  status: RefundState;
  reversedAt: string | null;
  reversedOn: string | null;
  reversalReason: string | null;
  createdAt: string;
}

/** What can be refunded now: the customer's credit, and any refunded beyond it (two computers offline). */
export interface RefundableCredit {
  customerId: string;
  currency: CurrencyCode;
  /** Unapplied payments less live refunds; never below 0. */
  creditMinor: number;
  /** Refunded beyond the credit there was: owed back by the customer. */
  excessMinor: number;
}
