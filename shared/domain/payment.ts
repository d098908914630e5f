import { z } from 'zod';
import { AMOUNT_TOO_LARGE, MAX_AMOUNT_MINOR, type CurrencyCode } from '../money';
import { multiLine, oneLine } from '../text';
import { PAYMENT_METHODS, type PaymentMethod } from './customer';
import { businessDateSchema } from './invoice';

/** An M-Pesa transaction code: ten letters and digits, starting with a letter (e.g. QJK3H7Z2XP). */
export const MPESA_RECEIPT = /^[A-Z][A-Z0-9]{9}$/;

export const PAYMENT_STATUSES_STORED = ['completed', 'reversed'] as const;
export type PaymentState = (typeof PAYMENT_STATUSES_STORED)[number];

export const allocationInputSchema = z.object({
  invoiceId: z.uuid({ error: 'Not a valid invoice' }),
  amountMinor: z.number().int('Whole cents only').min(1, 'An allocation must be more than 0').max(MAX_AMOUNT_MINOR, AMOUNT_TOO_LARGE),
});

export const paymentInputSchema = z
  .object({
    customerId: z.uuid({ error: 'Choose a customer' }),
    amountMinor: z.number().int('Whole cents only').min(1, 'The amount must be more than 0').max(MAX_AMOUNT_MINOR, AMOUNT_TOO_LARGE),
    paidOn: businessDateSchema,
    method: z.enum(PAYMENT_METHODS),
    reference: oneLine(z.string().trim().toUpperCase().max(60, 'At most 60 characters')).default(''),
    notes: multiLine(z.string().trim().max(1000, 'At most 1,000 characters')).default(''),
    /** Absent: spread over the customer's unpaid invoices, oldest due first; the rest is kept as credit. */
    allocations: z.array(allocationInputSchema).max(500).optional(),
    /** Made once per payment form: recording the same key again returns the first payment instead of a second one. */
    idempotencyKey: z.string().min(8).max(100).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.method === 'mpesa') {
      const compact = p.reference.replace(/\s+/g, '');
      if (compact === '') ctx.addIssue({ code: 'custom', path: ['reference'], message: 'Enter the M-Pesa transaction code from the confirmation SMS' });
      else if (!MPESA_RECEIPT.test(compact)) {
        ctx.addIssue({ code: 'custom', path: ['reference'], message: 'An M-Pesa code is 10 letters and digits, like QJK3H7Z2XP' });
      }
    }
    if (p.allocations) {
      const sum = p.allocations.reduce((a, x) => a + x.amountMinor, 0);
      if (sum > p.amountMinor) ctx.addIssue({ code: 'custom', path: ['allocations'], message: 'The allocations add up to more than the payment' });
      const ids = new Set(p.allocations.map((a) => a.invoiceId));
      if (ids.size !== p.allocations.length) ctx.addIssue({ code: 'custom', path: ['allocations'], message: 'An invoice is listed twice' });
    }
  })
  .transform((p) => ({ ...p, reference: p.method === 'mpesa' ? p.reference.replace(/\s+/g, '') : p.reference }));
/** Chosen allocations: each invoice once. */
export const allocationListSchema = z
  .array(allocationInputSchema)
  .max(500)
  .refine((list) => new Set(list.map((a) => a.invoiceId)).size === list.length, 'An invoice is listed twice');

export type PaymentFields = z.output<typeof paymentInputSchema>;

export interface PaymentAllocation {
  invoiceId: string;
  invoiceNumber: string;
  amountMinor: number;
  /**
   * What it settles of the invoice: less than amountMinor when the invoice was already paid by
   * earlier money, or when another computer spent this payment's credit first (ledger/settlement.ts).
   */
  settledMinor: number;
  allocatedOn: string;
  /** Credit from this payment applied later, rather than when it was recorded. */
  fromCredit: boolean;
  reversed: boolean;
}

export interface Payment {
  id: string;
  /** Receipt number, e.g. PAY-2026-0007. */
  number: string;
  customerId: string;
  customerName: string;
  amountMinor: number;
  currency: CurrencyCode;
  paidOn: string;
  method: PaymentMethod;
  reference: string;
  notes: string;
  allocatedMinor: number;
  /** Kept as the customer's credit until applied. */
  unallocatedMinor: number;
  status: PaymentState;
  reversedAt: string | null;
  reversalReason: string | null;
  allocations: PaymentAllocation[];
  createdAt: string;
}

/** A row of a payments list: the payment without its notes and allocations, with the invoices it paid. */
export type PaymentListRow = Pick<
  Payment,
  'id' | 'number' | 'customerId' | 'customerName' | 'amountMinor' | 'currency' | 'paidOn' | 'method' | 'reference' | 'unallocatedMinor' | 'status'
> & {
  /** Invoice numbers it paid. */
  invoiceNumbers: string[];
};

/** One day's money in, per method and currency (reversed payments left out). */
export interface DayTakings {
  date: string;
  rows: { method: PaymentMethod; currency: CurrencyCode; count: number; amountMinor: number }[];
  /** Per currency, every method together. */
  totals: { currency: CurrencyCode; count: number; amountMinor: number }[];
}

/** A receipt's messages before they are sent, and where they would go. */
export interface ReceiptPreview {
  email: { subject: string; text: string; attachmentName: string };
  sms: { text: string; segments: number };
  /** Why a channel cannot be used now (not set up), by channel. */
  blockers: Partial<Record<'email' | 'sms', string>>;
  defaultEmails: string[];
  defaultPhones: string[];
}
