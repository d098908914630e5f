// Where a connection test failed, in words a person can act on.
import type { EmailTestStage } from '../../../shared/domain/sending';

export type TestChannel = 'email' | 'sms';

const STAGES: Record<EmailTestStage, { name: string; email: string; sms: string }> = {
  settings: { name: 'Settings incomplete', email: 'something the test needs is not filled in and saved yet', sms: 'something the test needs is not filled in and saved yet' },
  dns: { name: 'DNS', email: 'the server name was not found', sms: "the provider's server name was not found" },
  refused: { name: 'Refused', email: 'nothing answered on that port', sms: 'nothing answered at that address' },
  timeout: { name: 'Timed out', email: 'the server did not answer in time', sms: 'the provider did not answer in time' },
  tls: { name: 'TLS', email: 'the secure connection could not be set up', sms: 'the secure connection could not be set up' },
  auth: { name: 'Sign-in (auth)', email: 'the user name or password was not accepted', sms: 'the username, API key or token was not accepted' },
  sender: { name: 'Sender rejected', email: 'the server will not send from this address', sms: 'the provider will not send from this sender ID or number' },
  recipient: { name: 'Recipient rejected', email: 'the server will not deliver to this address', sms: 'the provider will not deliver to this number' },
  rejected: { name: 'Message rejected', email: 'the server refused the message', sms: 'the provider refused the message' },
  other: { name: 'Other', email: 'something else went wrong', sms: 'something else went wrong' },
};

/** e.g. "Refused — nothing answered on that port". */
export function stageInWords(stage: EmailTestStage, channel: TestChannel): string {
  const s = STAGES[stage];
  return `${s.name} — ${s[channel]}`;
}
