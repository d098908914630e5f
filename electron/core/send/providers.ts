import type { CoreContext } from '../context';
import type { ProviderPolicy } from '../jobs/runner';
import { readSettings } from '../settings/service';
import { emailSetupProblem } from './email/settings';
import { smsSetupProblem } from './sms';

const OFFLINE = 'This computer is offline. Messages wait and go when the network is back.';

/** Email jobs run when SMTP is set up and the machine is online, at the server's messages per minute. */
export function smtpProvider(ctx: CoreContext, maxConcurrent = 2): ProviderPolicy {
  return {
    maxConcurrent,
    requestsPerMinute: () => readSettings(ctx).email.messagesPerMinute,
    blockedReason: () => emailSetupProblem(ctx) ?? (ctx.network.isOnline() ? null : OFFLINE),
  };
}

/** SMS jobs run when a provider is set up and the machine is online, at its messages per minute. */
export function smsProvider(ctx: CoreContext, maxConcurrent = 4): ProviderPolicy {
  return {
    maxConcurrent,
    requestsPerMinute: () => readSettings(ctx).sms.messagesPerMinute,
    blockedReason: () => smsSetupProblem(ctx) ?? (ctx.network.isOnline() ? null : OFFLINE),
  };
}
