import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';

const notYet = () => {
  throw new AppError('internal', 'Billing is being built');
};

/** The invoice, draft and payment channels. */
export function billingHandlers(ctx: CoreContext) {
  void ctx;
  return {
    'invoices.list': notYet, 'invoices.get': notYet, 'invoices.nextNumber': notYet, 'invoices.finalize': notYet,
    'invoices.void': notYet, 'invoices.creditNote': notYet, 'invoices.aging': notYet,
    'drafts.create': notYet, 'drafts.update': notYet, 'drafts.versions': notYet, 'drafts.version': notYet,
    'drafts.restore': notYet, 'drafts.duplicate': notYet, 'drafts.discard': notYet,
    'payments.record': notYet, 'payments.proposeAllocation': notYet, 'payments.reverse': notYet, 'payments.get': notYet,
    'payments.list': notYet, 'payments.applyCredit': notYet,
  } satisfies Partial<HandlerMap>;
}
