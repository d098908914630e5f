import { z } from 'zod';
import type { InvoiceStatus } from './invoiceStatus';
import { AMOUNT_TOO_LARGE, CURRENCIES, formatMoney, MAX_AMOUNT_MINOR, type CurrencyCode } from '../money';
import { multiLine, oneLine } from '../text';
import { readDate } from '../dates';
import { computeTotals, lineAmountMinor, type Discount, type InvoiceTotals, type TaxRateBp, type TaxSummaryRow } from '../totals';
import { INVOICE_TEMPLATES, paymentTermsLabel, type PaymentMethod } from './customer';
import type { EtimsPrint, EtimsStatus } from './etims';

/**
 * What an invoices row is: an invoice; a quote while it is being drafted (same editor, versions and
 * totals; issuing makes it a Quote); or a customer's opening balance brought from another tool, which
 * ages and is paid like an invoice.
 */
export const INVOICE_KINDS = ['invoice', 'quote', 'opening_balance'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

export { INVOICE_STATUSES, INVOICE_FILTERS, INVOICE_STATUS_LABELS, type InvoiceStatus, type InvoiceFilter } from './invoiceStatus';

export const DRAFT_SOURCES = ['manual', 'offline_parser', 'ai', 'suggestion', 'copy', 'import', 'recurring', 'quote'] as const;
export type DraftSource = (typeof DRAFT_SOURCES)[number];
export const DRAFT_SOURCE_LABELS: Record<DraftSource, string> = {
  manual: 'Typed in', offline_parser: 'Drafted offline from a sentence', ai: 'Refined by AI', suggestion: 'Suggested', copy: 'Copy of an invoice',
  import: 'Imported from another tool', recurring: 'From a recurring schedule', quote: 'Converted from a quote',
};

/** The rates a Kenyan shop uses; any other whole basis-point rate is accepted too. */
export const TAX_RATE_CHOICES: { rateBp: TaxRateBp; label: string }[] = [
  { rateBp: 1600, label: '16% standard' },
  { rateBp: 800, label: '8%' },
  { rateBp: 0, label: '0% zero-rated' },
  { rateBp: null, label: 'Exempt' },
];

export const COMMON_UNITS = ['', 'hours', 'days', 'weeks', 'months', 'pieces', 'items', 'kg', 'km', 'words', 'sessions'] as const;

export const INVOICE_SORTS = ['number', 'issueDate', 'dueDate', 'total', 'balance', 'customer'] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];

/**
 * A business date. Stored and sent as YYYY-MM-DD; a date typed the Kenyan way (18/11/2026, 18 Nov 2026)
 * is read too, so whatever reaches a form's check says in day-first words what is wrong.
 */
export const businessDateSchema = z.string().transform((value, ctx) => {
  const reading = readDate(value);
  if (reading.ok) return reading.iso;
  ctx.addIssue({ code: 'custom', message: reading.error });
  return z.NEVER;
});

const LINE_TOO_LARGE = 'This line comes to more than 100 billion (10 trillion in currencies without cents): check the quantity and the price';
const TOTAL_TOO_LARGE = 'The invoice total would be more than 100 billion (10 trillion in currencies without cents): check for extra zeros, or split it into several invoices';

export const invoiceLineInputSchema = z.object({
  description: oneLine(z.string().trim().max(500, 'At most 500 characters')).default(''),
  /** Thousandths: 1.5 hours = 1500. */
  quantityMilli: z.number().int('Quantity has at most three decimals').min(1, 'Quantity must be more than 0').max(1_000_000_000, 'Quantity is too large'),
  unit: oneLine(z.string().trim().max(20, 'At most 20 characters')).default(''),
  unitPriceMinor: z.number().int('Price must be a whole number of cents').min(0, 'Price cannot be negative').max(MAX_AMOUNT_MINOR, AMOUNT_TOO_LARGE),
  /** Basis points (1600 = 16%); null: exempt. */
  taxRateBp: z.number().int().min(0, 'Tax rate cannot be negative').max(10_000, 'Tax rate is at most 100%').nullable().default(1600),
  /** This line's price includes VAT; null: as the invoice's "prices include VAT" switch says. */
  priceIncludesTax: z.boolean().nullable().default(null),
  /** The catalog item the line was filled from (picked, or named in a sentence); null: typed freely. */
  itemId: z.uuid({ error: 'Not a catalog item' }).nullable().default(null),
});
export type InvoiceLineInput = z.input<typeof invoiceLineInputSchema>;
export type InvoiceLineFields = z.output<typeof invoiceLineInputSchema>;

export const discountSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('percent'), bp: z.number().int().min(0, 'Discount cannot be negative').max(10_000, 'A discount is at most 100%') }),
    z.object({ kind: z.literal('amount'), minor: z.number().int('Discount must be a whole number of cents').min(0, 'Discount cannot be negative').max(MAX_AMOUNT_MINOR, AMOUNT_TOO_LARGE) }),
  ])
  .nullable()
  .default(null);

/**
 * What a person edits on a draft. Drafts may be incomplete (no lines yet); finalizing checks the
 * rest. The amounts are checked here so that a draft never holds totals that cannot be kept exactly.
 */
export const draftContentSchema = z
  .object({
    customerId: z.uuid({ error: 'Choose a customer' }),
    /** Absent: the customer's currency. */
    currency: z.enum(CURRENCIES).optional(),
    issueDate: businessDateSchema,
    /** null: follows the customer's payment terms from the issue date. */
    dueDate: businessDateSchema.nullable().default(null),
    pricesIncludeTax: z.boolean().default(false),
    discount: discountSchema,
    lines: z.array(invoiceLineInputSchema).max(300, 'At most 300 lines on one invoice').default([]),
    notes: multiLine(z.string().trim().max(4000, 'At most 4,000 characters')).default(''),
    /** Payment terms as printed; empty: the customer's terms ("Net 30"). */
    terms: oneLine(z.string().trim().max(300, 'At most 300 characters')).default(''),
    /** null: the customer's template. */
    template: z.enum(INVOICE_TEMPLATES).nullable().default(null),
  })
  .superRefine((draft, ctx) => {
    if (draft.dueDate && draft.dueDate < draft.issueDate) {
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'The due date is before the issue date' });
    }
    // Each line, then the invoice, within one amount's cap: then no sum below can lose a unit.
    let sum = 0;
    let tooLarge = false;
    draft.lines.forEach((l, i) => {
      let amount: number;
      try {
        amount = lineAmountMinor(l.quantityMilli, l.unitPriceMinor);
      } catch {
        amount = Infinity;
      }
      if (amount > MAX_AMOUNT_MINOR) {
        tooLarge = true;
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'unitPriceMinor'], message: LINE_TOO_LARGE });
      }
      sum += amount;
    });
    if (tooLarge) return;
    if (draft.discount?.kind === 'amount' && draft.discount.minor > sum) {
      ctx.addIssue({ code: 'custom', path: ['discount'], message: 'The discount is larger than the lines add up to' });
    }
    if (computeTotals(draft).totalMinor > MAX_AMOUNT_MINOR) ctx.addIssue({ code: 'custom', path: ['lines'], message: TOTAL_TOO_LARGE });
  });
export type DraftContentInput = z.input<typeof draftContentSchema>;
export type DraftContent = z.output<typeof draftContentSchema>;

export const draftOriginSchema = z.object({
  source: z.enum(DRAFT_SOURCES).default('manual'),
  /** The sentence the draft was made from, when it was. */
  prompt: multiLine(z.string().max(4000)).nullable().default(null),
  /** 0..1, from the offline parser or the AI. */
  aiConfidence: z.number().min(0).max(1).nullable().default(null),
  /** What the person must check on this version: the parser's or the AI checks' findings. */
  warnings: z.array(z.string().max(500)).max(50).default([]),
});
export type DraftOrigin = z.output<typeof draftOriginSchema>;

export interface InvoiceLine extends InvoiceLineFields {
  position: number;
  amountMinor: number;
  discountMinor: number;
  netMinor: number;
  taxMinor: number;
}

/** Who an invoice is made out to. A finalized invoice keeps the details it was issued with. */
export interface InvoiceCustomerRef {
  id: string;
  code: string;
  name: string;
  email: string;
  phone: string;
  taxId: string;
  address: { street: string; city: string; postalCode: string; country: string };
  paymentTermsDays: number;
}

export interface InvoicePaymentEntry {
  paymentId: string;
  paymentNumber: string;
  allocatedOn: string;
  method: PaymentMethod;
  reference: string;
  /** What it settles of this invoice. */
  amountMinor: number;
  /**
   * What was applied: more than amountMinor when earlier money had already paid the invoice, or
   * when another computer spent the same credit first (ledger/settlement.ts).
   */
  appliedMinor: number;
  reversed: boolean;
}

export interface CreditNote {
  id: string;
  number: string;
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  currency: CurrencyCode;
  issueDate: string;
  reason: string;
  /** Tax included. */
  amountMinor: number;
  taxMinor: number;
  taxSummary: TaxSummaryRow[];
  createdAt: string;
  /** KRA eTIMS: its state, and what it prints (null when eTIMS does not apply). Absent where not read. */
  etims?: EtimsStatus;
  etimsPrint?: EtimsPrint | null;
}

export interface TimelineEntry {
  at: string;
  kind: 'created' | 'saved' | 'finalized' | 'payment' | 'payment_reversed' | 'credit_note' | 'paid' | 'void' | 'overdue';
  label: string;
}

export interface DraftInfo {
  /** The draft's version: every save adds one. */
  version: number;
  source: DraftSource;
  prompt: string | null;
  aiConfidence: number | null;
}

export interface Invoice {
  id: string;
  /** An invoice, a quote being drafted, or an opening balance. */
  kind: InvoiceKind;
  /** The quote it was converted from, when it was. */
  fromQuote: { id: string; number: string } | null;
  /** The recurring schedule and period that issued it, when one did. */
  recurring: { scheduleId: string; periodOn: string; held: boolean } | null;
  /** null while it is a draft. */
  number: string | null;
  status: InvoiceStatus;
  /** Derived when read: unpaid and past its due date. */
  overdue: boolean;
  daysOverdue: number;
  customer: InvoiceCustomerRef;
  currency: CurrencyCode;
  issueDate: string;
  dueDate: string;
  dueDateFromTerms: boolean;
  pricesIncludeTax: boolean;
  discount: Discount;
  notes: string;
  terms: string;
  template: (typeof INVOICE_TEMPLATES)[number];
  lines: InvoiceLine[];
  totals: Omit<InvoiceTotals, 'lines'>;
  paidMinor: number;
  creditedMinor: number;
  /** What is still owed: total − paid − credited (0 for drafts and void invoices). */
  balanceMinor: number;
  /** The day the balance reached zero. */
  paidOn: string | null;
  draft: DraftInfo;
  finalizedAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  createdAt: string;
  updatedAt: string;
  payments: InvoicePaymentEntry[];
  creditNotes: CreditNote[];
  timeline: TimelineEntry[];
  /** KRA eTIMS: its state on this computer, and what it prints (null when eTIMS does not apply). */
  etims?: EtimsStatus;
  etimsPrint?: EtimsPrint | null;
}

export interface InvoiceListRow {
  id: string;
  kind: InvoiceKind;
  number: string | null;
  status: InvoiceStatus;
  overdue: boolean;
  daysOverdue: number;
  customerId: string;
  customerName: string;
  issueDate: string;
  dueDate: string;
  currency: CurrencyCode;
  totalMinor: number;
  balanceMinor: number;
}

export interface DraftVersionSummary {
  version: number;
  savedAt: string;
  /** The currency this version was saved in (the customer's may have changed since). */
  currency: CurrencyCode;
  source: DraftSource;
  prompt: string | null;
  aiConfidence: number | null;
  totalMinor: number;
  lineCount: number;
  warnings: string[];
  /** e.g. "Restored version 2". */
  note: string;
}

export interface DraftVersion extends DraftVersionSummary {
  content: DraftContent & { currency: CurrencyCode };
}

/** Receivables by days past due, per currency. */
export interface AgingRow {
  currency: CurrencyCode;
  /** Not yet due. */
  currentMinor: number;
  /** Past due by 1–30 days. */
  days1to30Minor: number;
  days31to60Minor: number;
  days61to90Minor: number;
  days90plusMinor: number;
  totalMinor: number;
  invoiceCount: number;
}

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  mpesa: 'M-Pesa', bank: 'Bank transfer', cash: 'Cash', card: 'Card', other: 'Other',
};


/**
 * Whether an invoice shows VAT at all. A business that is not VAT-registered shows none (no rates,
 * no VAT rows, no "excl. VAT"); an invoice that does carry VAT always shows it, whoever made it.
 */
export function showsVat(vatRegistered: boolean, lines: readonly { taxRateBp: TaxRateBp }[]): boolean {
  return vatRegistered || lines.some((l) => l.taxRateBp !== null);
}

/**
 * The payment terms an invoice prints when none were typed. Whatever set the due date sets them: a
 * due date picked or read from "due in 14 days" prints "Net 14"; one that follows the customer's
 * terms prints those.
 */
export function defaultTerms(issueDate: string, pickedDueDate: string | null, customerTermsDays: number): string {
  if (pickedDueDate === null) return paymentTermsLabel(customerTermsDays);
  const days = Math.round((Date.parse(`${pickedDueDate}T00:00:00Z`) - Date.parse(`${issueDate}T00:00:00Z`)) / 86_400_000);
  return Number.isFinite(days) && days >= 0 ? paymentTermsLabel(days) : paymentTermsLabel(customerTermsDays);
}

/** Why a zero invoice is refused: far more often a forgotten price than a gift, and it would use up a number. */
export function zeroTotalMessage(currency: CurrencyCode): string {
  return `This invoice comes to ${formatMoney(0, currency)}. Finalizing it would use up an invoice number for nothing: add a price, or discard the draft.`;
}
