// What the offline parser reads out of a sentence such as "3 months of web hosting at KES 15,000 per month".
import type { CurrencyCode } from '../money';
import type { Discount, TaxRateBp } from '../totals';
import type { CatalogIndex } from './catalog';

export interface ParseOptions {
  /** Today's business date (YYYY-MM-DD): "due in 14 days" and "for October" count from it. */
  today: string;
  /** The customer's currency: used when the sentence names none, and the only one a draft may bill in. */
  currency: CurrencyCode;
  /** The rate a line takes when the sentence names none (1600 = 16%); null: exempt. */
  defaultTaxRateBp: TaxRateBp;
  /**
   * The business's items, when it keeps a catalog: a line that names one without a price takes the
   * item's price, unit and rate; a line whose own price is far from the item's is flagged.
   */
  catalog?: CatalogIndex;
  /** The customer's prices include VAT unless the sentence says otherwise. Default false. */
  defaultPricesIncludeTax?: boolean;
  /** False: the business is not VAT-registered, and no line carries VAT. Default true. */
  vatRegistered?: boolean;
}

export interface ParsedLine {
  description: string;
  /** Thousandths: 1.5 hours = 1500. */
  quantityMilli: number;
  /** '' when the sentence names none. */
  unit: string;
  unitPriceMinor: number;
  /** quantity × price, rounded half-up (shared/totals.ts lineAmountMinor). */
  amountMinor: number;
  /** The words this line was read from. */
  source: string;
  /** True when a number in this line could be read more than one way: the person must check it. */
  uncertain: boolean;
  /** The catalog item the line names, or null. */
  itemId: string | null;
  /** Where the unit price came from: the sentence, the catalog, or nowhere (0, to be filled in). */
  priceFrom: 'sentence' | 'catalog' | 'none';
  /** This line's rate: the sentence's when it names one, else the catalog item's, else the default. */
  taxRateBp: TaxRateBp;
}

export interface ParsedPrompt {
  /** The currency named in the sentence, else options.currency. */
  currency: CurrencyCode;
  /** True when the sentence named a currency. */
  currencyStated: boolean;
  lines: ParsedLine[];
  /** The rate applied to every line: a stated "16% VAT", "no VAT" (null), else the default. */
  taxRateBp: TaxRateBp;
  pricesIncludeTax: boolean;
  /** True when the sentence itself said whether prices include VAT. */
  pricesIncludeTaxStated: boolean;
  discount: Discount;
  /** YYYY-MM-DD, or null when the sentence gives none. */
  dueDate: string | null;
  /** e.g. "October 2026", from "for October"; null when none. */
  periodLabel: string | null;
  /** A total the sentence states ("= 22,500"), used as a cross-check; null when none. */
  statedTotalMinor: number | null;
  /** 0..1: 1 when every word was read and every check passed. */
  confidence: number;
  /** Fragments of the sentence that were not understood. */
  unparsed: string[];
  /** What the person must check before finalizing, in words they can act on. */
  warnings: string[];
  /** What was taken from the catalog, said so the person knows where a price came from. */
  notes: string[];
}
