// How an item's price and rate read in lists and pickers.
import type { Item } from '../../../shared/domain/item';
import { formatMoney } from '../../../shared/money';
import { taxRateLabel } from '../../../shared/totals';

export function priceText(item: Pick<Item, 'priceMinor' | 'currency' | 'unit'>): string {
  if (item.priceMinor === null) return 'No set price';
  return `${formatMoney(item.priceMinor, item.currency)}${item.unit ? ` per ${item.unit}` : ''}`;
}

export function vatText(item: Pick<Item, 'taxRateBp'>): string {
  return item.taxRateBp === null ? 'VAT exempt' : `VAT ${taxRateLabel(item.taxRateBp)}`;
}
