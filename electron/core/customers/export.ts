import Papa from 'papaparse';
import type { ChannelParsed } from '../../../shared/contract';
import { spreadsheetSafe } from '../../../shared/csv';
import { paymentTermsLabel } from '../../../shared/domain/customer';
import { countryName } from '../../../shared/domain/countries';
import { MINOR_DIGITS, type CurrencyCode } from '../../../shared/money';
import { businessDate } from '../clock';
import type { CoreContext } from '../context';
import { allMatchingCustomers } from './service';

function majorText(minor: number, currency: string): string {
  const digits = MINOR_DIGITS[currency as CurrencyCode] ?? 2;
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** The customers the list shows, as a CSV whose headers the import reads back. */
export function exportCustomers(ctx: CoreContext, query: ChannelParsed<'customers.export'>) {
  const customers = allMatchingCustomers(ctx, query);
  const rows = customers.map((c) => ({
    Code: c.code,
    Name: c.name,
    Email: c.email,
    Phone: c.phone,
    'Secondary email': c.secondaryEmail,
    'Secondary phone': c.secondaryPhone,
    Street: c.address.street,
    City: c.address.city,
    'Postal code': c.address.postalCode,
    Country: countryName(c.address.country),
    'Business type': c.businessType,
    'Tax ID': c.taxId,
    'Payment terms': paymentTermsLabel(c.paymentTermsDays),
    'Credit limit': majorText(c.creditLimitMinor, c.currency),
    Currency: c.currency,
    Status: c.status,
    Tags: c.tags.join('; '),
    Notes: c.notes,
    Outstanding: majorText(c.financials.outstandingMinor, c.currency),
    'Payment status': c.financials.paymentStatus,
  }));
  // Every cell through the one guard: names, notes and tags are the customer's own words.
  const safeRows = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, spreadsheetSafe(v)])));
  const csvText = Papa.unparse(safeRows, { newline: '\r\n', columns: rows.length === 0 ? ['Code', 'Name', 'Email', 'Phone'] : undefined });
  // The BOM makes Excel read the file as UTF-8; Billbook's own import ignores it.
  return { fileName: `customers-${businessDate(ctx.clock.now())}.csv`, csvText: `\uFEFF${csvText}\r\n`, rows: rows.length };
}
