// The cross-checks that stop a wrong amount passing quietly: a stated total against the lines, and
// the sentence's currency against the customer's.
import { formatMoney, type CurrencyCode } from '../money';
import { computeTotals, type Discount, type TaxRateBp } from '../totals';

export interface CheckLine {
  quantityMilli: number;
  unitPriceMinor: number;
  /** The line's own rate (a catalog item's), when it has one; else the invoice's. */
  taxRateBp?: TaxRateBp;
}

export interface TotalsView {
  /** The lines added up, before discount and tax. */
  linesMinor: number;
  /** After the discount, in the lines' terms. */
  afterDiscountMinor: number;
  totalMinor: number;
  taxMinor: number;
}

/** computeTotals over the parsed lines; null when the amounts are too large to add up exactly. */
export function totalsOf(lines: readonly CheckLine[], taxRateBp: TaxRateBp, pricesIncludeTax: boolean, discount: Discount): TotalsView | null {
  try {
    const totals = computeTotals({ lines: lines.map((l) => ({ ...l, taxRateBp: l.taxRateBp === undefined ? taxRateBp : l.taxRateBp })), pricesIncludeTax, discount });
    const linesMinor = totals.lines.reduce((a, l) => a + l.amountMinor, 0);
    if (!Number.isSafeInteger(linesMinor) || !Number.isSafeInteger(totals.totalMinor)) return null;
    return { linesMinor, afterDiscountMinor: linesMinor - totals.discountShownMinor, totalMinor: totals.totalMinor, taxMinor: totals.taxMinor };
  } catch {
    return null;
  }
}

/**
 * A stated total agrees when it is the invoice total, or the lines before VAT (people often state the
 * price and let VAT follow), with or without the discount. Anything else is named, both amounts.
 */
export function statedTotalProblem(stated: number, totals: TotalsView, currency: CurrencyCode): string | null {
  if ([totals.totalMinor, totals.linesMinor, totals.afterDiscountMinor].includes(stated)) return null;
  const withTax = totals.taxMinor > 0 ? ` (${formatMoney(totals.afterDiscountMinor, currency)} before VAT)` : '';
  return `The sentence says the total is ${formatMoney(stated, currency)}, but the lines come to ${formatMoney(totals.totalMinor, currency)}${withTax} — check the amounts`;
}

export function currencyProblems(found: readonly CurrencyCode[], customer: CurrencyCode): string[] {
  const distinct = [...new Set(found)];
  const problems: string[] = [];
  if (distinct.length > 1) problems.push(`The sentence mixes ${distinct.join(' and ')} — an invoice is in one currency; check every amount`);
  const stated = distinct[0];
  if (stated && stated !== customer) problems.push(`The sentence says ${stated} but this customer is billed in ${customer}`);
  return problems;
}
