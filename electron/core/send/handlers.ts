// STUB — replaced by the sending service.
import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import { AppError } from '../../../shared/errors';

const todo = () => {
  throw new AppError('internal', 'Not built yet');
};

export function sendingHandlers(_ctx: CoreContext) {
  return {
    'sending.preview': todo, 'sending.send': todo, 'sending.forInvoice': todo, 'sending.log': todo, 'sending.cancel': todo,
    'sending.resend': todo, 'sending.testEmail': todo, 'sending.testSms': todo, 'activity.summary': todo,
  } satisfies Partial<HandlerMap>;
}
