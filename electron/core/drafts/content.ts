// A draft's content as a person edits it -> the stored invoice columns and lines, totals included.
import { AppError } from '../../../shared/errors';
import type { CurrencyCode } from '../../../shared/money';
import { computeTotals } from '../../../shared/totals';
import type { DraftContent } from '../../../shared/domain/invoice';
import { addDays } from '../clock';
import type { CustomerRow } from '../customers/repo';
import type { InvoiceRow, LineRow } from '../invoices/repo';
import { storedTaxSummary } from '../db/invoiceForms';

export type ResolvedDraft = DraftContent & { currency: CurrencyCode };

/** The customer a draft may bill: they exist, are not archived, and are billed in the draft's currency. */
export function checkBillable(customer: CustomerRow | undefined, currency: string | undefined): asserts customer is CustomerRow {
  if (!customer) throw new AppError('not_found', 'That customer does not exist. Choose another customer.', { customerId: 'Choose a customer' });
  if (customer.deleted_at) {
    throw new AppError('conflict', `${customer.name} is archived. Restore the customer before invoicing them.`, { customerId: 'This customer is archived' });
  }
  if (currency !== undefined && currency !== customer.currency) {
    throw new AppError(
      'conflict',
      `${customer.name} is billed in ${customer.currency}, so their invoices are in ${customer.currency} too. ` +
        `To bill in ${currency}, change the customer's currency first (possible while they have no finalized invoices).`,
      { currency: `Must be ${customer.currency}` },
    );
  }
}

export function resolveDraft(content: DraftContent, customer: CustomerRow): ResolvedDraft {
  return { ...content, currency: (content.currency ?? customer.currency) as CurrencyCode };
}

export function dueDateOf(content: Pick<DraftContent, 'issueDate' | 'dueDate'>, customer: Pick<CustomerRow, 'payment_terms_days'>): string {
  return content.dueDate ?? addDays(content.issueDate, customer.payment_terms_days);
}

type ContentColumns = Pick<
  InvoiceRow,
  | 'customer_id' | 'currency' | 'issue_date' | 'due_date' | 'due_date_from_terms' | 'prices_include_tax' | 'discount' | 'notes'
  | 'terms' | 'template' | 'subtotal_minor' | 'discount_minor' | 'tax_minor' | 'total_minor' | 'tax_summary'
>;

/** The invoice columns and lines a draft's content gives, with totals from shared/totals.ts. */
export function draftColumns(invoiceId: string, draft: ResolvedDraft, customer: CustomerRow): { columns: ContentColumns; lines: LineRow[] } {
  const totals = computeTotals(draft);
  const lines: LineRow[] = draft.lines.map((line, i) => ({
    invoice_id: invoiceId,
    position: i + 1,
    description: line.description,
    quantity_milli: line.quantityMilli,
    unit: line.unit,
    unit_price_minor: line.unitPriceMinor,
    tax_rate_bp: line.taxRateBp,
    price_includes_tax: line.priceIncludesTax === null ? null : line.priceIncludesTax ? 1 : 0,
    amount_minor: totals.lines[i]!.amountMinor,
    discount_minor: totals.lines[i]!.discountMinor,
    net_minor: totals.lines[i]!.netMinor,
    tax_minor: totals.lines[i]!.taxMinor,
    item_id: line.itemId,
  }));
  return {
    lines,
    columns: {
      customer_id: customer.id,
      currency: draft.currency,
      issue_date: draft.issueDate,
      due_date: dueDateOf(draft, customer),
      due_date_from_terms: draft.dueDate === null ? 1 : 0,
      prices_include_tax: draft.pricesIncludeTax ? 1 : 0,
      discount: draft.discount === null ? null : JSON.stringify(draft.discount),
      notes: draft.notes,
      terms: draft.terms,
      template: draft.template,
      subtotal_minor: totals.subtotalMinor,
      discount_minor: totals.discountMinor,
      tax_minor: totals.taxMinor,
      total_minor: totals.totalMinor,
      tax_summary: storedTaxSummary(JSON.stringify(totals.taxSummary)),
    },
  };
}
