import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import { commitInvoiceImport, previewInvoiceImport } from './import/service';
import * as invoices from './service';

/** The invoice channels: each takes its input already parsed by the contract's schema. */
export function invoiceHandlers(ctx: CoreContext) {
  return {
    'invoices.list': (input) => invoices.listInvoices(ctx, input),
    'invoices.get': (input) => invoices.getInvoice(ctx, input.id),
    'invoices.nextNumber': (input) => invoices.nextInvoiceNumber(ctx, input.id),
    'invoices.finalize': (input) => invoices.finalizeInvoice(ctx, input),
    'invoices.void': (input) => invoices.voidInvoice(ctx, input),
    'invoices.creditNote': (input) => invoices.issueCreditNote(ctx, input),
    'invoices.aging': (input) => invoices.agingReport(ctx, input.customerId),
    'invoices.import.preview': (input) => previewInvoiceImport(ctx, input),
    'invoices.import.commit': (input) => commitInvoiceImport(ctx, input),
  } satisfies Partial<HandlerMap>;
}
