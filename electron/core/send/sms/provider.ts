// One interface for every SMS provider. Implementations classify every failure as a JobFailure
// (rate_limit / transient / permanent / offline) with a sentence a person can act on.
import type { SmsProviderName } from '../../../../shared/domain/settings';

export interface SmsMessage {
  /** One recipient in +E.164. */
  to: string;
  text: string;
}

export interface SmsReceipt {
  /** The provider's id for the message (Africa's Talking's messageId, Twilio's SID). */
  providerMessageId: string;
  /** The provider's status word, e.g. "Success" or "queued". */
  status: string;
  /** What it cost, as the provider says it ("KES 0.8000"), when it says. */
  cost: string | null;
}

export interface SmsProvider {
  readonly name: Exclude<SmsProviderName, 'none'>;
  /** Throws JobFailure on every failure; resolves only when the provider accepted the message. */
  send(message: SmsMessage, signal: AbortSignal): Promise<SmsReceipt>;
}
