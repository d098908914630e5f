// Opening balances from another tool's customer export (QuickBooks' "Open Balance", a "Balance" or
// "Amount owed" column) and the date it stood on: each becomes an opening-balance entry, an invoices
// row of its own kind, numbered OB-…, due on that date (so it ages from it), paid like an invoice and
// listed on statements. Read exactly or not at all: an amount that cannot be read stops the import.
import type { CurrencyCode } from '../../../../shared/money';
import { fromSpreadsheetSafe } from '../../../../shared/csv';
import { draftContentSchema } from '../../../../shared/domain/invoice';
import type { CoreContext } from '../../context';
import { insertDraft } from '../../drafts/service';
import { readImportAmount } from '../../imports/amount';
import { dateOrderOf, readImportDate } from '../../imports/dates';
import { finalizeInvoice, today } from '../../invoices/service';
import type { RowCells } from './rows';

export type OpeningReading = { ok: true; minor: number; on: string } | { ok: false; message: string } | null;

/** The date order of the file's opening-balance dates (day first unless they say otherwise). */
export function openingDateOrder(rows: readonly { cells: RowCells }[]) {
  return dateOrderOf(rows.map((r) => (r.cells.openingBalanceDate ?? '').trim()).filter(Boolean)) ?? 'dmy';
}

/** A row's opening balance: null when it has none (blank or zero). */
export function readOpeningBalance(ctx: CoreContext, cells: RowCells, currency: CurrencyCode, order: 'dmy' | 'mdy'): OpeningReading {
  const text = fromSpreadsheetSafe((cells.openingBalance ?? '').trim());
  if (text === '') return null;
  const amount = readImportAmount(text, currency);
  if (!amount.ok) return { ok: false, message: `opening balance "${text}": ${amount.reason}` };
  if (amount.minor === 0) return null;
  if (amount.minor < 0) return { ok: false, message: `opening balance ${text} is a credit; record it as a payment once the customer is in` };
  const dateText = fromSpreadsheetSafe((cells.openingBalanceDate ?? '').trim());
  const on = dateText === '' ? today(ctx) : readImportDate(dateText, order);
  if (!on) return { ok: false, message: `opening balance date "${dateText}" is not a date` };
  if (on > today(ctx)) return { ok: false, message: `opening balance date ${on} is in the future` };
  return { ok: true, minor: amount.minor, on };
}

/** Records one opening-balance entry for a customer just imported; the caller holds the transaction. */
export function recordOpeningBalance(ctx: CoreContext, customerId: string, currency: CurrencyCode, minor: number, on: string, fileName: string): string {
  const draft = draftContentSchema.parse({
    customerId, currency, issueDate: on, dueDate: on,
    lines: [{ description: 'Opening balance brought forward', quantityMilli: 1000, unit: '', unitPriceMinor: minor, taxRateBp: null }],
    notes: `Balance owed when the books moved to Billbook (${fileName}).`,
  });
  const id = insertDraft(ctx, draft, { source: 'import', prompt: null, aiConfidence: null, warnings: [] }, `Opening balance from ${fileName}`, { kind: 'opening_balance' });
  finalizeInvoice(ctx, { id, version: 1 });
  return id;
}
