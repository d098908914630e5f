// Money received that is not yet tied to an invoice: an M-Pesa statement read, matched and
// reviewed before it is recorded (offline), and the Unmatched inbox for what is left (from the
// Cloud's Paybill confirmations, statements, and overpayments).
import { z } from 'zod';
import { oneLine } from '../text';
import { allocationListSchema } from '../domain/payment';
import { idSchema } from './common';
import { output } from './output';

/** One place a sum of money could go: an invoice, or a customer (their oldest unpaid first, the rest credit). */
export interface MoneyInSuggestion {
  invoiceId: string | null;
  invoiceNumber: string | null;
  customerId: string;
  customerName: string;
  /** The invoice's balance, or what the customer owes in all. */
  balanceMinor: number;
  /** 0–1. */
  confidence: number;
  reasons: string[];
}

export interface StatementLineView {
  line: number;
  receipt: string;
  paidOn: string;
  paidAt: string;
  amountMinor: number;
  currency: string;
  /** The phone as the statement shows it (a full number, or one with hidden digits). */
  payerPhone: string;
  payerName: string;
  accountReference: string;
  details: string;
  /** 'new': to review; 'recorded': this receipt is already in the books (skipped). */
  state: 'new' | 'recorded';
  /** For a recorded receipt: where it already is ("PAY-2026-0012", "the Unmatched inbox"). */
  recordedAs: string | null;
  suggestions: MoneyInSuggestion[];
  /** What the review starts with: record to the first suggestion, or leave for the inbox. */
  proposed: 'record' | 'inbox';
}

export interface StatementPreview {
  fileName: string;
  format: 'csv' | 'xlsx';
  lines: StatementLineView[];
  /** Rows that are not money received (withdrawals, charges, failed, reversed). */
  leftOut: { line: number; receipt: string; reason: string }[];
  /** Rows that could not be read. */
  problems: { line: number; receipt: string; reason: string }[];
  /** How long matching took, for the curious (and the bench). */
  matchMs: number;
}

export interface StatementImportResult {
  recorded: number;
  unmatched: number;
  skipped: number;
  paymentNumbers: string[];
}

export const INCOMING_SOURCES = ['mpesa_stk', 'mpesa_c2b', 'paystack', 'statement'] as const;
export type IncomingSource = (typeof INCOMING_SOURCES)[number];
export const INCOMING_SOURCE_LABELS: Record<IncomingSource, string> = {
  mpesa_stk: 'M-Pesa prompt', mpesa_c2b: 'M-Pesa Paybill', paystack: 'Paystack', statement: 'M-Pesa statement',
};

export interface IncomingView {
  id: string;
  source: IncomingSource;
  receipt: string;
  amountMinor: number;
  currency: string;
  payerPhone: string;
  payerName: string;
  accountReference: string;
  paidAt: string;
  paidOn: string;
  note: string;
  suggestions: MoneyInSuggestion[];
}

const fileSchema = {
  fileName: z.string().trim().min(1).max(300),
  /** The file's bytes, base64: a CSV or an Excel workbook. */
  base64: z.string().max(28 * 1024 * 1024, 'That file is over 20 MB; export a shorter period').regex(/^[A-Za-z0-9+/=\s]*$/, 'Not a file'),
};

export const statementDecisionSchema = z.object({
  receipt: z.string().trim().min(1).max(40),
  action: z.enum(['record', 'inbox']),
  /** Record: to this customer, paying this invoice first; without an invoice, their oldest unpaid first. */
  customerId: idSchema.optional(),
  invoiceId: idSchema.optional(),
});

export const statementImportChannels = {
  /** Reads a statement and matches each sum received; writes nothing. */
  'payments.statement.preview': { input: z.object(fileSchema), output: output<StatementPreview>() },
  /**
   * Records the lines marked 'record' as M-Pesa payments (reference = receipt), puts every other
   * new line in the Unmatched inbox, skips receipts already in the books; one change in all.
   */
  'payments.statement.commit': {
    input: z.object({ ...fileSchema, decisions: z.array(statementDecisionSchema).max(20_000) }),
    output: output<StatementImportResult>(),
  },
  /** The Unmatched inbox: money in waiting for a person, newest first, each with suggestions. */
  'payments.incoming.list': { input: z.object({}).default({}), output: output<{ rows: IncomingView[] }>() },
  'payments.incoming.count': { input: z.object({}).default({}), output: output<{ unmatched: number }>() },
  /**
   * Ties money in to a customer: the allocations as chosen (one invoice, or split over several);
   * none, or less than the whole, keeps the rest as the customer's credit.
   */
  'payments.incoming.assign': {
    input: z.object({ id: idSchema, customerId: idSchema, allocations: allocationListSchema.default([]) }),
    output: output<{ paymentId: string; paymentNumber: string }>(),
  },
  'payments.incoming.dismiss': {
    input: z.object({ id: idSchema, reason: oneLine(z.string().trim().min(3, 'Say why, e.g. “refunded to the sender”').max(300)) }),
    output: output<{ ok: true }>(),
  },
} as const;
