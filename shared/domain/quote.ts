// Quotes (estimates) and pro-forma invoices. Drafted like an invoice (an invoices row of kind
// 'quote', the same editor and totals), then issued: numbered in their own series, with an expiry
// date, and kept whole. draft -> sent -> accepted / declined, or expired (worked out from the date,
// like overdue). Converted to one invoice at most, linked both ways.
import { z } from 'zod';
import type { CurrencyCode } from '../money';
import type { InvoiceTotals } from '../totals';
import type { Discount } from '../totals';
import { multiLine } from '../text';
import { businessDateSchema, type InvoiceCustomerRef, type InvoiceLine } from './invoice';

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const QUOTE_STATUS_LABELS: Record<QuoteStatus, string> = {
  draft: 'Draft', sent: 'Sent', accepted: 'Accepted', declined: 'Declined', expired: 'Expired',
};

/** How long a quote is valid when nobody says otherwise. */
export const DEFAULT_QUOTE_VALID_DAYS = 30;

export const quoteIssueSchema = z
  .object({
    /** The quote draft (an invoices row of kind 'quote'). */
    id: z.uuid(),
    version: z.number().int().min(1),
    /** Absent: 30 days after the issue date. */
    expiryDate: businessDateSchema.optional(),
    /** Prints as PRO-FORMA INVOICE. */
    proforma: z.boolean().default(false),
  });

export const quoteDecisionSchema = z.object({
  id: z.uuid(),
  decision: z.enum(['accepted', 'declined']),
  note: multiLine(z.string().trim().max(500, 'At most 500 characters')).default(''),
});

export interface QuoteListRow {
  /** The issued quote's id, or the draft's while it is a draft. */
  id: string;
  /** null while a draft. */
  number: string | null;
  status: QuoteStatus;
  proforma: boolean;
  customerId: string;
  customerName: string;
  currency: CurrencyCode;
  issueDate: string;
  expiryDate: string | null;
  totalMinor: number;
  invoice: { id: string; number: string | null } | null;
}

export interface Quote {
  id: string;
  number: string;
  status: QuoteStatus;
  proforma: boolean;
  customer: InvoiceCustomerRef;
  currency: CurrencyCode;
  issueDate: string;
  expiryDate: string;
  pricesIncludeTax: boolean;
  discount: Discount;
  notes: string;
  terms: string;
  template: string;
  lines: InvoiceLine[];
  totals: Omit<InvoiceTotals, 'lines'>;
  decidedOn: string | null;
  decisionNote: string;
  /** The draft it was issued from. */
  draftId: string | null;
  /** The one invoice it was converted to. */
  invoice: { id: string; number: string | null } | null;
  convertedAt: string | null;
  issuedAt: string;
}

export interface QuoteListPage {
  rows: QuoteListRow[];
  total: number;
  offset: number;
  /** Sent (and not expired), accepted, converted: value and counts, for the list's summary. */
  summary: { currency: CurrencyCode; openValueMinor: number; issued: number; converted: number; conversionRatePercent: number | null };
}
