// The catalog as a CSV whose headers the item import reads back.
import Papa from 'papaparse';
import type { ChannelParsed } from '../../../shared/contract';
import { spreadsheetSafe } from '../../../shared/csv';
import { MINOR_DIGITS } from '../../../shared/money';
import { taxRateLabel } from '../../../shared/totals';
import { businessDate } from '../clock';
import type { CoreContext } from '../context';
import { allMatchingItems } from './service';

const HEADERS = ['Code', 'Name', 'Unit', 'Price', 'Currency', 'VAT rate', 'Status'];

function majorText(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export function exportItems(ctx: CoreContext, query: ChannelParsed<'items.export'>) {
  const items = allMatchingItems(ctx, query);
  const rows = items.map((i) => [
    i.code, i.name, i.unit, i.priceMinor === null ? '' : majorText(i.priceMinor, MINOR_DIGITS[i.currency]), i.currency,
    i.taxRateBp === null ? 'Exempt' : taxRateLabel(i.taxRateBp), i.archived ? 'Inactive' : 'Active',
  ]);
  // Every cell through the one guard: names and codes are the business's own words.
  const csvText = Papa.unparse({ fields: HEADERS, data: rows.map((r) => r.map(spreadsheetSafe)) }, { newline: '\r\n' });
  // The BOM makes Excel read the file as UTF-8; Billbook's own import ignores it.
  return { fileName: `items-${businessDate(ctx.clock.now())}.csv`, csvText: `\uFEFF${csvText}\r\n`, rows: rows.length };
}
