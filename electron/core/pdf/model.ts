// What an invoice PDF prints, gathered from the books and Settings into plain data: it crosses to a
// worker thread by structured clone, so it holds no functions, classes or database handles.
import type { InvoiceTemplate } from '../../../shared/domain/customer';
import type { Invoice } from '../../../shared/domain/invoice';
import type { Payment } from '../../../shared/domain/payment';
import type { BusinessProfile, PaymentInstructions, Settings } from '../../../shared/domain/settings';
import type { Language } from '../../../shared/i18n';
import type { Statement } from '../../../shared/domain/statement';

/** The invoice fields a template prints. */
export type PdfInvoice = Pick<
  Invoice,
  | 'number' | 'status' | 'overdue' | 'daysOverdue' | 'customer' | 'currency' | 'issueDate' | 'dueDate' | 'pricesIncludeTax'
  | 'discount' | 'notes' | 'terms' | 'lines' | 'totals' | 'paidMinor' | 'creditedMinor' | 'balanceMinor' | 'paidOn'
  | 'voidReason' | 'payments' | 'creditNotes' | 'etimsPrint'
>;

export interface InvoicePdfModel {
  kind?: 'invoice';
  /** The customer's language: every label and date is printed in it. */
  language: Language;
  template: InvoiceTemplate;
  /** When the PDF is made (ISO-8601): its creation date, so the same invoice on the same clock gives the same document. */
  renderedAt: string;
  business: BusinessProfile;
  payment: PaymentInstructions;
  invoice: PdfInvoice;
  /** The customer's page to pay online, and its QR code (cloudPayments/link.ts); null when it does not apply. */
  payOnline?: { url: string; qr: string[] } | null;
}

/** The model for one invoice in one template (the preview's picker may override the invoice's own). */
export function invoicePdfModel(
  invoice: Invoice, settings: Pick<Settings, 'business' | 'payment'>, template: InvoiceTemplate, renderedAt: Date, language: Language = 'en',
): InvoicePdfModel {
  return {
    language,
    template,
    renderedAt: renderedAt.toISOString(),
    business: settings.business,
    payment: settings.payment,
    invoice: {
      number: invoice.number,
      status: invoice.status,
      overdue: invoice.overdue,
      daysOverdue: invoice.daysOverdue,
      customer: invoice.customer,
      currency: invoice.currency,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      pricesIncludeTax: invoice.pricesIncludeTax,
      discount: invoice.discount,
      notes: invoice.notes,
      terms: invoice.terms,
      lines: invoice.lines,
      totals: invoice.totals,
      paidMinor: invoice.paidMinor,
      creditedMinor: invoice.creditedMinor,
      balanceMinor: invoice.balanceMinor,
      paidOn: invoice.paidOn,
      voidReason: invoice.voidReason,
      payments: invoice.payments,
      creditNotes: invoice.creditNotes,
      etimsPrint: invoice.etimsPrint ?? null,
    },
  };
}

/** A payment's receipt: who paid, how much, how, and which invoices it settled. */
export interface ReceiptPdfModel {
  kind: 'receipt';
  language: Language;
  renderedAt: string;
  business: BusinessProfile;
  payment: Pick<Payment, 'number' | 'amountMinor' | 'currency' | 'paidOn' | 'method' | 'reference' | 'status' | 'reversalReason' | 'unallocatedMinor' | 'allocations'>;
  customer: { name: string; code: string; phone: string; email: string };
  /** What the customer still owes after this payment, across their invoices in this currency. */
  outstandingMinor: number;
  /** KRA eTIMS's control-unit number of each invoice it settled, when KRA signed it. */
  cuInvoiceNos?: Record<string, string>;
}

/** What an invoice and a quote print alike. */
export type PdfDocumentBody = Pick<PdfInvoice, 'customer' | 'currency' | 'pricesIncludeTax' | 'discount' | 'notes' | 'terms' | 'lines' | 'totals'>;

/** An issued quote, or pro-forma invoice, as printed. */
export interface PdfQuote extends PdfDocumentBody {
  number: string;
  proforma: boolean;
  /** Expired is worked out from the date when the model is made. */
  state: 'sent' | 'accepted' | 'declined' | 'expired';
  decidedOn: string | null;
  issueDate: string;
  expiryDate: string;
}

export interface QuotePdfModel {
  kind: 'quote';
  language: Language;
  template: InvoiceTemplate;
  renderedAt: string;
  business: BusinessProfile;
  payment: PaymentInstructions;
  quote: PdfQuote;
}

/** A customer's statement of account, in the invoice's style. */
export interface StatementPdfModel {
  kind: 'statement';
  language: Language;
  renderedAt: string;
  business: BusinessProfile;
  payment: PaymentInstructions;
  statement: Statement;
}

/** Anything the PDF workers render. */
export type PdfModel = InvoicePdfModel | ReceiptPdfModel | QuotePdfModel | StatementPdfModel;
