import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import { activitySummary } from '../activity/summary';
import { testEmail, testSms } from './connectionTest';
import * as sending from './service';

export function sendingHandlers(ctx: CoreContext) {
  return {
    'sending.preview': (input) => sending.sendPreview(ctx, input),
    'sending.send': (input) => sending.sendInvoice(ctx, input),
    'sending.forInvoice': (input) => sending.invoiceDeliveries(ctx, input.invoiceId),
    'sending.log': (input) => sending.notificationLog(ctx, input),
    'sending.cancel': (input) => sending.cancelNotification(ctx, input.id),
    'sending.resend': (input) => sending.resendNotification(ctx, input.id),
    'sending.testEmail': (input) => testEmail(ctx, input.to),
    'sending.testSms': (input) => testSms(ctx, input.to),
    'activity.summary': () => activitySummary(ctx),
  } satisfies Partial<HandlerMap>;
}
