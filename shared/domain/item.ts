// The item catalog: the things a business sells, with the price, unit and VAT rate a line takes.
import { z } from 'zod';
import { AMOUNT_TOO_LARGE, CURRENCIES, MAX_AMOUNT_MINOR, type CurrencyCode } from '../money';
import { oneLine } from '../text';
import type { TaxRateBp } from '../totals';

export const ITEM_SORTS = ['name', 'code', 'price', 'updated'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

export const itemInputSchema = z.object({
  name: oneLine(z.string().trim().min(1, 'Give the item a name, as it should read on an invoice').max(200, 'At most 200 characters')),
  /** The business's own code (SKU); optional. Unique among live items. */
  code: oneLine(z.string().trim().max(40, 'At most 40 characters')).default(''),
  unit: oneLine(z.string().trim().max(20, 'At most 20 characters')).default(''),
  /** null: no set price; each invoice line says. */
  priceMinor: z
    .number()
    .int('Price must be a whole number of cents')
    .min(0, 'Price cannot be negative')
    .max(MAX_AMOUNT_MINOR, AMOUNT_TOO_LARGE)
    .nullable()
    .default(null),
  /** Absent: the business's own currency. */
  currency: z.enum(CURRENCIES).optional(),
  /** Basis points (1600 = 16%); null: exempt. */
  taxRateBp: z.number().int().min(0, 'Tax rate cannot be negative').max(10_000, 'Tax rate is at most 100%').nullable().default(1600),
});
export type ItemInput = z.input<typeof itemInputSchema>;
export type ItemFields = z.output<typeof itemInputSchema>;

export interface Item {
  id: string;
  code: string;
  name: string;
  unit: string;
  priceMinor: number | null;
  currency: CurrencyCode;
  taxRateBp: TaxRateBp;
  /** Archived items stay on the invoices that used them but are no longer offered. */
  archived: boolean;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Change counter: an update must name the version it edited. */
  version: number;
}

export interface ItemListPage {
  rows: Item[];
  total: number;
  offset: number;
}

/** One item's sales in a period: the lines that named it on finalized invoices. */
export interface ItemRevenueRow {
  itemId: string;
  name: string;
  code: string;
  unit: string;
  /** Line amounts after line discounts, before VAT. */
  revenueMinor: number;
  quantityMilli: number;
  lineCount: number;
  archived: boolean;
}

export interface ItemRevenue {
  currency: CurrencyCode;
  /** The best-selling items, most revenue first. */
  rows: ItemRevenueRow[];
  /** The items past the rows shown, added together. */
  otherItemsMinor: number;
  /** Lines typed freely (and imported invoices), not from the catalog. */
  notFromCatalogMinor: number;
  totalMinor: number;
}
