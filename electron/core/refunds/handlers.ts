import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import * as refunds from './service';

/** The refund channels. */
export function refundHandlers(ctx: CoreContext) {
  return {
    'refunds.record': (input) => refunds.recordRefund(ctx, input),
    'refunds.reverse': (input) => refunds.reverseRefund(ctx, input),
    'refunds.get': (input) => refunds.getRefund(ctx, input.id),
    'refunds.list': (input) => refunds.listRefunds(ctx, input),
    'refunds.refundable': (input) => refunds.refundableCredit(ctx, input.customerId),
  } satisfies Partial<HandlerMap>;
}
