// An invoice or credit note of the books as the document KRA is sent (payload.ts), with the items
// its lines are sold as. Reads only, but for the item codes given on first sale (in the caller's
// transaction, so a code given is in the books before KRA is told of it).
import { addressLines } from '../../../shared/domain/address';
import type { Discount, TaxSummaryRow } from '../../../shared/totals';
import type { CoreContext } from '../context';
import { getInvoiceRow, getLines, getCreditNote, type InvoiceRow, type LineRow } from '../invoices/repo';
import { itemFor, kraUser, type ItemNeed } from './items';
import { creditNoteLines, type SaleDocument, type SaleLine } from './payload';
import * as repo from './repo';
import { billToOfStored } from '../db/invoiceForms';

export interface LoadedDocument {
  kind: repo.DocumentKind;
  id: string;
  /** "INV-2026-0007" / "CN-2026-0002". */
  number: string;
  /** The invoice itself, or the one a credit note corrects. */
  invoice: InvoiceRow & repo.ReceiptColumns;
  void: boolean;
  signed: boolean;
  doc: SaleDocument;
  needs: ItemNeed[];
}

interface BillTo {
  name?: string;
  taxId?: string;
  phone?: string;
  address?: { street: string; city: string; postalCode: string; country: string };
}

function invoiceWithReceipt(ctx: CoreContext, id: string): (InvoiceRow & repo.ReceiptColumns) | undefined {
  const row = getInvoiceRow(ctx.sql, id);
  const receipt = row ? repo.receiptOf(ctx.sql, 'invoice', id) : undefined;
  return row && receipt ? { ...row, ...receipt } : undefined;
}

function linesOf(ctx: CoreContext, invoice: InvoiceRow, lines: LineRow[], defaultClass: string): { lines: SaleLine[]; needs: ItemNeed[] } {
  const needs: ItemNeed[] = [];
  const out = lines.map((l) => {
    const need = itemFor(ctx, { itemId: l.item_id, description: l.description, taxRateBp: l.tax_rate_bp }, defaultClass);
    needs.push(need);
    return {
      description: l.description, quantityMilli: l.quantity_milli, unitPriceMinor: l.unit_price_minor, taxRateBp: l.tax_rate_bp,
      priceIncludesTax: l.price_includes_tax === null ? invoice.prices_include_tax === 1 : l.price_includes_tax === 1,
      amountMinor: l.amount_minor, discountMinor: l.discount_minor, netMinor: l.net_minor, taxMinor: l.tax_minor, item: need.ref,
    };
  });
  return { lines: out, needs };
}

function customerOf(invoice: InvoiceRow): SaleDocument['customer'] {
  let billTo: BillTo = {};
  try {
    billTo = invoice.bill_to ? (billToOfStored(invoice.bill_to) as BillTo) : {};
  } catch {
    billTo = {};
  }
  return {
    pin: billTo.taxId ?? '', name: billTo.name ?? '', phone: billTo.phone ?? '',
    address: billTo.address ? addressLines(billTo.address).join(', ') : '',
  };
}

/** The document behind a line entry, or null when it is gone. Gives item codes (call inside a transaction). */
export function loadDocument(ctx: CoreContext, kind: repo.DocumentKind, id: string, defaultClass: string): LoadedDocument | null {
  const user = kraUser(ctx);
  if (kind === 'invoice') {
    const invoice = invoiceWithReceipt(ctx, id);
    if (!invoice || invoice.status === 'draft' || !invoice.number) return null;
    const { lines, needs } = linesOf(ctx, invoice, getLines(ctx.sql, id), defaultClass);
    return {
      kind, id, number: invoice.number, invoice, void: invoice.status === 'void', signed: invoice.etims_signature !== null, needs,
      doc: {
        kind, number: invoice.number, currency: invoice.currency, issueDate: invoice.issue_date, confirmedAt: invoice.finalized_at ?? invoice.updated_at,
        customer: customerOf(invoice), discount: invoice.discount ? (JSON.parse(invoice.discount) as Discount) : null, lines,
        totalMinor: invoice.total_minor, taxMinor: invoice.tax_minor, originalInvoiceNo: null, user,
      },
    };
  }
  const note = getCreditNote(ctx.sql, id);
  if (!note || note.deleted_at) return null;
  const invoice = invoiceWithReceipt(ctx, note.invoice_id);
  if (!invoice) return null;
  const receipt = repo.receiptOf(ctx.sql, 'credit_note', id);
  const { lines: invoiceLines, needs } = linesOf(ctx, invoice, getLines(ctx.sql, invoice.id), defaultClass);
  const lines = creditNoteLines(invoiceLines, invoice.total_minor, JSON.parse(note.tax_summary) as TaxSummaryRow[], note.amount_minor, note.reason, invoice.number ?? '');
  return {
    kind, id, number: note.number, invoice, void: false, signed: (receipt?.etims_signature ?? null) !== null,
    needs: needs.filter((n) => lines.some((l) => l.item.itemCode === n.ref.itemCode)),
    doc: {
      kind, number: note.number, currency: note.currency, issueDate: note.issue_date, confirmedAt: note.created_at, customer: customerOf(invoice),
      // A credit for the whole invoice repeats its lines, with their discount.
      discount: note.amount_minor === invoice.total_minor && invoice.discount ? (JSON.parse(invoice.discount) as Discount) : null,
      lines, totalMinor: note.amount_minor, taxMinor: note.tax_minor, originalInvoiceNo: invoice.etims_invoice_no, user,
    },
  };
}
