// One row of an item list -> catalog fields. Only a row without a name is refused; a price, rate,
// unit or status that cannot be read is left out with a warning and the item imports without it.
import { fromSpreadsheetSafe } from '../../../../shared/csv';
import { itemInputSchema, type ItemFields, type ItemInput } from '../../../../shared/domain/item';
import { CURRENCIES, type CurrencyCode } from '../../../../shared/money';
import { readImportAmount } from '../../imports/amount';
import { readTaxRate } from '../../imports/taxRate';
import { ITEM_FIELD_LABELS, type ItemField } from './sources';

export interface ItemRowWarning {
  field: ItemField;
  value: string;
  message: string;
}

export interface ItemRowCheck {
  fields: ItemFields | null;
  archived: boolean;
  reasons: string[];
  warnings: ItemRowWarning[];
}

const STANDARD_RATE_BP = 1600;
const INACTIVE = /^(inactive|archived|not[- ]?active|disabled|false|no|0)$/i;
const ACTIVE = /^(active|true|yes|1)$/i;

/**
 * `blankRateExempt`: a tool's export leaves the VAT cell blank for an item it charges no VAT on;
 * in a hand-made sheet a blank is just not filled in, and the item keeps the standard rate.
 */
export function rowToItem(cells: Partial<Record<ItemField, string>>, base: ItemInput, businessCurrency: CurrencyCode, blankRateExempt = false): ItemRowCheck {
  const cell = (field: ItemField) => fromSpreadsheetSafe((cells[field] ?? '').trim());
  const warnings: ItemRowWarning[] = [];
  const warn = (field: ItemField, value: string, reason: string) =>
    warnings.push({ field, value, message: `${ITEM_FIELD_LABELS[field].toLowerCase()} ${value} left out: ${reason}` });
  const input: ItemInput = { ...base };
  const name = cell('name');
  if (name !== '') input.name = name;
  if (!input.name) return { fields: null, archived: false, reasons: ['Name: this row has no item name'], warnings };
  if (cell('code') !== '') input.code = cell('code');
  if (cell('unit') !== '') input.unit = cell('unit');

  const currencyText = cell('currency').toUpperCase();
  if (currencyText !== '') {
    if ((CURRENCIES as readonly string[]).includes(currencyText)) input.currency = currencyText as CurrencyCode;
    else warn('currency', cell('currency'), `Billbook keeps prices in ${CURRENCIES.join(', ')}; ${input.currency ?? businessCurrency} is used`);
  }
  const priceText = cell('price');
  if (priceText !== '') {
    const price = readImportAmount(priceText, input.currency ?? businessCurrency);
    if (!price.ok) warn('price', priceText, price.reason);
    else if (price.minor < 0) warn('price', priceText, 'a price cannot be negative');
    else input.priceMinor = price.minor;
  }
  const rateText = cell('taxRate');
  if (rateText === '' && blankRateExempt && 'taxRate' in cells) input.taxRateBp = null;
  if (rateText !== '') {
    const rate = readTaxRate(rateText, STANDARD_RATE_BP);
    if (rate.ok) input.taxRateBp = rate.rateBp;
    else warn('taxRate', rateText, `${rate.reason}; 16% is used`);
  }
  let archived = false;
  const status = cell('status');
  if (status !== '') {
    if (INACTIVE.test(status)) archived = true;
    else if (!ACTIVE.test(status)) warn('status', status, 'should be Active or Inactive');
  }

  for (let round = 0; round < 3; round++) {
    const parsed = itemInputSchema.safeParse(input);
    if (parsed.success) return { fields: parsed.data, archived, reasons: [], warnings };
    const nameIssue = parsed.error.issues.find((i) => i.path[0] === 'name');
    if (nameIssue) return { fields: null, archived, reasons: [`Name: ${nameIssue.message}`], warnings };
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]) as keyof ItemInput;
      const field: ItemField = key === 'priceMinor' ? 'price' : key === 'taxRateBp' ? 'taxRate' : (key as ItemField);
      warn(field, cell(field), issue.message.charAt(0).toLowerCase() + issue.message.slice(1));
      (input as Record<string, unknown>)[key] = (base as Record<string, unknown>)[key];
    }
  }
  return { fields: null, archived, reasons: ['This row could not be read; check it in your spreadsheet'], warnings };
}
