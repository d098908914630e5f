import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import * as payments from './service';
import { dayTakings, exportPayments } from './report';
import { receiptPreview, renderReceiptPdf, sendReceipt } from './receipts';

/** The payment channels. */
export function paymentHandlers(ctx: CoreContext) {
  return {
    'payments.record': (input) => payments.recordPayment(ctx, input),
    'payments.proposeAllocation': (input) => payments.proposeAllocation(ctx, input),
    'payments.reverse': (input) => payments.reversePayment(ctx, input),
    'payments.get': (input) => payments.getPayment(ctx, input.id),
    'payments.list': (input) => payments.listPayments(ctx, input),
    'payments.applyCredit': (input) => payments.applyCredit(ctx, input),
    'payments.unapply': (input) => payments.unapplyPayment(ctx, input),
    'payments.dayTotals': (input) => dayTakings(ctx, input.date),
    'payments.export': (input) => exportPayments(ctx, input),
    'payments.receiptPdf': async (input) => {
      const pdf = await renderReceiptPdf(ctx, input.id);
      return { fileName: pdf.fileName, base64: pdf.bytes.toString('base64'), pages: pdf.pages, bytes: pdf.bytes.length };
    },
    'payments.receiptPreview': (input) => receiptPreview(ctx, input.id),
    'payments.sendReceipt': (input) => sendReceipt(ctx, input),
  } satisfies Partial<HandlerMap>;
}
