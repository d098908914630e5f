// STUB — the SMS helper replaces this file.
import type { CoreContext } from '../../context';
import { JobFailure } from '../../jobs/failure';
import type { SmsProvider } from './provider';

/** Null when SMS can be sent; otherwise what is missing, e.g. "SMS is not set up: Settings → SMS". */
export function smsSetupProblem(_ctx: CoreContext): string | null {
  return 'SMS is not built yet';
}

/** The provider chosen in Settings, with its secret and base URL (BILLBOOK_SMS_BASE_URL wins). Throws a permanent JobFailure when not set up. */
export function smsProviderFor(_ctx: CoreContext): SmsProvider {
  throw new JobFailure('permanent', 'SMS is not built yet');
}
