import type { HandlerMap } from '../handlers';
import type { CloudPayments } from './service';

/** Settings → Payments (through the Cloud) and the invoice's "Get paid" panel. */
export function cloudPaymentHandlers(payments: CloudPayments) {
  return {
    'cloudPayments.setup': () => payments.setup(),
    'cloudPayments.configureDaraja': (input) => payments.configureDaraja(input),
    'cloudPayments.configurePaystack': (input) => payments.configurePaystack(input),
    'cloudPayments.configureLinks': (input) => payments.configureLinks(input),
    'cloudPayments.remove': (input) => payments.remove(input.provider),
    'cloudPayments.requestMpesa': (input) => payments.requestMpesa(input),
    'cloudPayments.paystackLink': (input) => payments.paystackLink(input),
    'cloudPayments.forInvoice': (input) => payments.forInvoice(input.invoiceId),
    'cloudPayments.shareInvoice': (input) => payments.shareInvoice(input.invoiceId),
  } satisfies Partial<HandlerMap>;
}
