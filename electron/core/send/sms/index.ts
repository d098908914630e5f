// The SMS provider chosen in Settings → SMS, built from the settings, its secret and the
// BILLBOOK_SMS_BASE_URL override (tests and proxies), or the reason it cannot be built yet.
import { DEFAULT_SMS_BASE_URLS, type Settings } from '../../../../shared/domain/settings';
import type { CoreContext } from '../../context';
import { JobFailure } from '../../jobs/failure';
import { readSettings } from '../../settings/service';
import { createAfricasTalkingProvider } from './africasTalking';
import type { SmsProvider } from './provider';
import { createTwilioProvider } from './twilio';

export type { SmsMessage, SmsProvider, SmsReceipt } from './provider';

/** Africa's Talking's test account "sandbox" only works against its sandbox host. */
export const AFRICAS_TALKING_SANDBOX_URL = 'https://api.sandbox.africastalking.com';

/** Null when SMS can be sent; otherwise what is missing, e.g. "SMS is not set up: Settings → SMS". */
export function smsSetupProblem(ctx: CoreContext): string | null {
  return problemWith(ctx, readSettings(ctx));
}

/** The provider chosen in Settings, with its secret and base URL (BILLBOOK_SMS_BASE_URL wins). Throws a permanent JobFailure when not set up. */
export function smsProviderFor(ctx: CoreContext): SmsProvider {
  const settings = readSettings(ctx);
  const problem = problemWith(ctx, settings);
  if (problem) throw new JobFailure('permanent', problem);
  const sms = settings.sms;
  const timeoutMs = sms.timeoutSeconds * 1000;
  if (sms.provider === 'africastalking') {
    const at = sms.africastalking;
    return createAfricasTalkingProvider({
      username: at.username,
      apiKey: ctx.secrets.get('africasTalkingApiKey') ?? '',
      senderId: at.senderId,
      baseUrl: smsBaseUrl(settings, ctx.overrides.smsBaseUrl),
      timeoutMs,
    });
  }
  // problemWith has ruled out 'none', so this is Twilio.
  return createTwilioProvider({
    accountSid: sms.twilio.accountSid,
    authToken: ctx.secrets.get('twilioAuthToken') ?? '',
    from: sms.twilio.from,
    baseUrl: smsBaseUrl(settings, ctx.overrides.smsBaseUrl),
    timeoutMs,
  });
}

/** The API root requests go to: the override, else the stored one (for the chosen provider). */
export function smsBaseUrl(settings: Settings, override: string | null): string {
  if (override) return override;
  if (settings.sms.provider === 'twilio') return settings.sms.twilio.baseUrl;
  const at = settings.sms.africastalking;
  // Left on the default, the sandbox account would be refused by the live host with a puzzling 401.
  return at.username === 'sandbox' && at.baseUrl === DEFAULT_SMS_BASE_URLS.africastalking ? AFRICAS_TALKING_SANDBOX_URL : at.baseUrl;
}

function problemWith(ctx: CoreContext, settings: Settings): string | null {
  const sms = settings.sms;
  switch (sms.provider) {
    case 'none':
      return "SMS is not set up yet: choose Africa's Talking or Twilio in Settings → SMS.";
    case 'africastalking':
      if (!sms.africastalking.username) return "Africa's Talking needs your username: add it in Settings → SMS.";
      if (!ctx.secrets.get('africasTalkingApiKey')) return "Africa's Talking needs your API key: add it in Settings → SMS.";
      return null;
    case 'twilio':
      if (!sms.twilio.accountSid) return 'Twilio needs your Account SID (AC…): add it in Settings → SMS.';
      if (!ctx.secrets.get('twilioAuthToken')) return 'Twilio needs your auth token: add it in Settings → SMS.';
      if (!sms.twilio.from) return 'Twilio needs a From number or Messaging Service SID (MG…): add it in Settings → SMS.';
      return null;
  }
}
