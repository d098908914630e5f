// STUB — the PDF helper replaces this file.
import type { InvoiceTemplate } from '../../../shared/domain/customer';
import type { CoreContext } from '../context';

export interface InvoicePdf {
  bytes: Buffer;
  pages: number;
  /** e.g. "INV-2026-0001.pdf", or "Draft-<customer>.pdf" for a draft. */
  fileName: string;
}

/** The invoice as a PDF in its template (the invoice's, else the customer's), with the business profile and payment instructions. */
export function renderInvoicePdf(_ctx: CoreContext, _invoiceId: string, _template?: InvoiceTemplate): Promise<InvoicePdf> {
  return Promise.reject(new Error('PDF rendering is not built yet'));
}
