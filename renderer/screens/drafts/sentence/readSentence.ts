// The offline parser run in the page, for the live preview: the same function the backend drafts with,
// so what the preview shows is what "Generate draft" makes before AI refines it.
import { parseInvoicePrompt } from '../../../../shared/drafting/parse';
import type { ParsedPrompt } from '../../../../shared/drafting/types';
import type { CatalogIndex } from '../../../../shared/drafting/catalog';
import type { CurrencyCode } from '../../../../shared/money';
import { computeTotals } from '../../../../shared/totals';
import { useBusinessDefaults } from '../../../stores/business';

export interface SentenceReading {
  parsed: ParsedPrompt;
  /** The invoice total the lines make (tax and discount included); null when too large to add up. */
  totalMinor: number | null;
}

export type ReadResult = { ok: true; reading: SentenceReading } | { ok: false; message: string } | null;

/**
 * `pricesIncludeTax`: the customer's. The business's VAT comes from Settings, as the backend's draft
 * does. `catalog`: the items the backend says the sentence may name (items.forSentence).
 */
export function readSentence(prompt: string, options: { issueDate: string; currency: CurrencyCode; pricesIncludeTax: boolean; catalog?: CatalogIndex }): ReadResult {
  if (prompt.trim().length < 3) return null;
  const business = useBusinessDefaults.getState();
  try {
    const parsed = parseInvoicePrompt(prompt, {
      today: options.issueDate, currency: options.currency, defaultTaxRateBp: business.lineTaxRateBp,
      defaultPricesIncludeTax: business.vatRegistered && options.pricesIncludeTax, vatRegistered: business.vatRegistered,
      ...(options.catalog ? { catalog: options.catalog } : {}),
    });
    let totalMinor: number | null = null;
    try {
      totalMinor = computeTotals({
        lines: parsed.lines.map((l) => ({ quantityMilli: l.quantityMilli, unitPriceMinor: l.unitPriceMinor, taxRateBp: l.taxRateBp })),
        pricesIncludeTax: parsed.pricesIncludeTax,
        discount: parsed.discount,
      }).totalMinor;
    } catch {
      // Amounts too large for one invoice: the lines still show, the total does not.
    }
    return { ok: true, reading: { parsed, totalMinor } };
  } catch (error) {
    // The preview is a help, never a blocker: "Generate draft" still works (and says what is wrong).
    return { ok: false, message: error instanceof Error ? error.message : 'The sentence could not be read' };
  }
}
