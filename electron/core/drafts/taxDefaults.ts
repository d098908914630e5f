// The VAT a new draft starts with, whichever way it is made (a sentence, AI, a suggestion, a copy,
// bulk): the business's registration and default rate, and whether this customer's prices include VAT.
import { defaultLineTaxRate } from '../../../shared/domain/settings';
import type { DraftContent } from '../../../shared/domain/invoice';
import type { TaxRateBp } from '../../../shared/totals';
import type { CoreContext } from '../context';
import type { CustomerRow } from '../customers/repo';
import { readSettings } from '../settings/service';

export interface DraftTaxDefaults {
  vatRegistered: boolean;
  /** What a line takes when nothing says otherwise; null when exempt or the business is not registered. */
  rateBp: TaxRateBp;
  /** The customer's "Prices include VAT". */
  pricesIncludeTax: boolean;
}

export function draftTaxDefaults(ctx: CoreContext, customer: Pick<CustomerRow, 'ai_include_tax'>): DraftTaxDefaults {
  const business = readSettings(ctx).business;
  return { vatRegistered: business.vatRegistered, rateBp: defaultLineTaxRate(business), pricesIncludeTax: business.vatRegistered && customer.ai_include_tax === 1 };
}

/**
 * Content copied from elsewhere (an earlier invoice, a suggestion) made to follow today's defaults:
 * the customer's "prices include VAT", and no VAT at all for a business that is not registered.
 * Returns what changed, for the person to check.
 */
export function followTaxDefaults<T extends Pick<DraftContent, 'pricesIncludeTax' | 'lines'>>(content: T, defaults: DraftTaxDefaults, from: string): { content: T; warnings: string[] } {
  const warnings: string[] = [];
  let lines = content.lines;
  if (!defaults.vatRegistered && lines.some((l) => l.taxRateBp !== null)) {
    lines = lines.map((l) => ({ ...l, taxRateBp: null, priceIncludesTax: null }));
    warnings.push(`${from} charged VAT; your business is not registered for VAT, so this draft charges none — check the prices`);
  }
  const taxed = lines.some((l) => l.taxRateBp !== null && l.taxRateBp > 0);
  if (taxed && content.pricesIncludeTax !== defaults.pricesIncludeTax) {
    warnings.push(
      defaults.pricesIncludeTax
        ? `${from} added VAT on top of its prices; this customer's prices include VAT, so the same prices now include it — check the total`
        : `${from} had VAT inside its prices; this customer's prices exclude VAT, so VAT is now added on top — check the total`,
    );
  }
  return { content: { ...content, lines, pricesIncludeTax: defaults.pricesIncludeTax }, warnings };
}
