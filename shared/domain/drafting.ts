// Drafting from a sentence: where a draft's AI refinement stands, what it changed, and what
// recurring billing suggests next.
import type { CurrencyCode } from '../money';
import type { Discount, TaxRateBp } from '../totals';
import type { ParsedPrompt } from '../drafting/types';
import type { Invoice } from './invoice';
import type { JobView } from './jobs';

export const DRAFT_AI_STATES = ['drafted_offline', 'waiting', 'refining', 'refined', 'review', 'failed', 'cancelled'] as const;
export type DraftAiState = (typeof DRAFT_AI_STATES)[number];
export const DRAFT_AI_STATE_LABELS: Record<DraftAiState, string> = {
  drafted_offline: 'Drafted offline',
  waiting: 'Waiting to refine',
  refining: 'Refining with AI',
  refined: 'Refined by AI',
  review: 'AI suggestion ready',
  failed: 'AI refinement failed',
  cancelled: 'AI refinement cancelled',
};

export interface LineSnapshot {
  description: string;
  quantityMilli: number;
  unit: string;
  unitPriceMinor: number;
  taxRateBp: TaxRateBp;
  amountMinor: number;
}

export type LineField = 'description' | 'quantityMilli' | 'unit' | 'unitPriceMinor' | 'taxRateBp';

export interface DraftDiff {
  currency: CurrencyCode;
  lines: { change: 'added' | 'removed' | 'changed' | 'same'; before: LineSnapshot | null; after: LineSnapshot | null; fields: LineField[] }[];
  /** Invoice-level fields that changed, as a person reads them. */
  fields: { field: 'dueDate' | 'discount' | 'pricesIncludeTax' | 'notes' | 'currency'; label: string; before: string; after: string }[];
  totalBeforeMinor: number;
  totalAfterMinor: number;
}

export interface DraftAiStatus {
  draftId: string;
  state: DraftAiState;
  /** One sentence: what is happening and, when stuck, what to do. */
  message: string;
  job: JobView | null;
  prompt: string | null;
  /** The version the offline parser made: "back to the offline version" restores it. */
  offlineVersion: number | null;
  /** The version the AI made, once applied. */
  refinedVersion: number | null;
  /** What to check on the draft's current version (from the parser or the AI checks). */
  warnings: string[];
  confidence: number | null;
  /** What the AI changed against the offline version (refined, or ready for review). */
  diff: DraftDiff | null;
  /** AI is switched on and has a key: "Refine with AI" can do something. */
  aiReady: boolean;
}

export interface GenerateResult {
  draft: Invoice;
  parsed: ParsedPrompt;
  status: DraftAiStatus;
}

export const CADENCES = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type Cadence = (typeof CADENCES)[number];

export interface RecurringSuggestion {
  /** Stable for the same history: pass it back to use the suggestion. */
  key: string;
  customerId: string;
  customerName: string;
  currency: CurrencyCode;
  cadence: Cadence;
  nextIssueDate: string;
  lines: (Omit<LineSnapshot, 'amountMinor'> & { priceIncludesTax: boolean | null })[];
  /** As on the last invoice of the rhythm. */
  pricesIncludeTax: boolean;
  discount: Discount;
  totalMinor: number;
  basedOn: { invoiceId: string; number: string; issueDate: string }[];
  /** e.g. "Billed Web hosting monthly on 5 invoices, last on 2026-10-01". */
  reason: string;
  /** The next date is within a week, or past. */
  dueSoon: boolean;
}

export interface BulkDraftResult {
  batchId: string;
  created: { customerId: string; customerName: string; draftId: string; prompt: string }[];
  skipped: { customerId: string; customerName: string; reason: string }[];
}

export interface BatchStatus {
  batchId: string;
  total: number;
  /** Finished one way or another: refined, in review, failed or cancelled. */
  finished: number;
  failed: number;
  drafts: { customerId: string; customerName: string; draftId: string; state: DraftAiState; message: string }[];
}

export const BULK_TEMPLATE_TOKENS = ['{month}', '{previous_month}', '{year}', '{customer}'] as const;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Fills a bulk sentence such as "Monthly retainer for {month}" for one customer on one issue date. */
export function fillBulkTemplate(template: string, issueDate: string, customerName: string): string {
  const year = Number(issueDate.slice(0, 4));
  const month = Number(issueDate.slice(5, 7)) - 1;
  const previous = (month + 11) % 12;
  return template
    .replaceAll('{month}', `${MONTHS[month]} ${year}`)
    .replaceAll('{previous_month}', `${MONTHS[previous]} ${previous === 11 ? year - 1 : year}`)
    .replaceAll('{year}', String(year))
    .replaceAll('{customer}', customerName);
}
