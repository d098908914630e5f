// An invoice as a PDF: the invoice from the books, the business profile and payment instructions
// from Settings, in the invoice's template unless the caller (the preview's picker) names another.
import type { InvoiceTemplate } from '../../../shared/domain/customer';
import type { CoreContext } from '../context';
import { getInvoice } from '../invoices/service';
import { readSettings } from '../settings/service';
import { customerLanguage } from '../send/facts';
import { invoicePdfFileName } from './fileName';
import { invoicePdfModel } from './model';
import { qrRows } from './qr';
import { payLinkFor } from '../cloudPayments/link';

export interface InvoicePdf {
  bytes: Buffer;
  pages: number;
  /** e.g. "INV-2026-0001.pdf", or "Draft-<customer code>-<issue date>.pdf" for a draft. */
  fileName: string;
}

/** The invoice as a PDF in its template (the invoice's, else the customer's), with the business profile and payment instructions. */
export async function renderInvoicePdf(ctx: CoreContext, invoiceId: string, template?: InvoiceTemplate): Promise<InvoicePdf> {
  // invoices.get already resolves a draft's `template: null` to the customer's preference.
  const invoice = getInvoice(ctx, invoiceId);
  const model = invoicePdfModel(invoice, readSettings(ctx), template ?? invoice.template, ctx.clock.now(), customerLanguage(ctx, invoice.customer.id));
  const payLink = payLinkFor(ctx, invoiceId);
  const { bytes, pages } = await ctx.pdf.render({ ...model, payOnline: payLink ? { url: payLink, qr: qrRows(payLink) } : null });
  return { bytes, pages, fileName: invoicePdfFileName(invoice) };
}
