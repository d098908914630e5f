import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import * as payments from './service';

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
  } satisfies Partial<HandlerMap>;
}
