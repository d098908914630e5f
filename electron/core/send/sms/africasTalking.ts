// Africa's Talking bulk SMS: POST {baseUrl}/version1/messaging with a form, the API key in a header.
// It answers 201 even when it refuses the message: the verdict is each recipient's statusCode.
import { z } from 'zod';
import { JobFailure } from '../../jobs/failure';
import { joinUrl, parseJson, postForm, shortText, type HttpAnswer, unreadableReply } from './http';
import type { SmsMessage, SmsProvider, SmsReceipt } from './provider';

export interface AfricasTalkingConfig {
  username: string;
  apiKey: string;
  /** A registered sender ID or short code; empty: Africa's Talking's default. */
  senderId: string;
  baseUrl: string;
  timeoutMs: number;
}

const LABEL = "Africa's Talking";

const recipientSchema = z.object({
  statusCode: z.number().int(),
  number: z.string(),
  status: z.string(),
  cost: z.string().nullish(),
  messageId: z.string().nullish(),
});

const replySchema = z.object({
  SMSMessageData: z.object({
    Message: z.string().default(''),
    Recipients: z.array(recipientSchema).default([]),
  }),
});

/** Per-recipient codes that mean the message was taken (100 Processed, 101 Sent, 102 Queued). */
const ACCEPTED = new Set([100, 101, 102]);

/** Per-recipient refusals, each with what a person can do about it. */
const PERMANENT: Record<number, { word: string; advice: string }> = {
  401: { word: 'RiskHold', advice: "Africa's Talking held the message for a risk review: contact their support, then use Send again on the message." },
  402: { word: 'InvalidSenderId', advice: "Africa's Talking does not accept this sender ID for your account: fix it in Settings → SMS (or leave it empty), then use Send again on the message." },
  403: { word: 'InvalidPhoneNumber', advice: "Africa's Talking says the phone number is not valid: correct the customer's number, then use Send again on the message." },
  404: { word: 'UnsupportedNumberType', advice: "Africa's Talking cannot send to this kind of number: use the customer's mobile number, then use Send again on the message." },
  405: { word: 'InsufficientBalance', advice: "Your Africa's Talking balance is too low: top up, then use Send again on the message." },
  406: { word: 'UserInBlacklist', advice: "The recipient has blocked messages from you (they are on the do-not-disturb list): they must opt in again, or reach them another way." },
  407: { word: 'CouldNotRoute', advice: "Africa's Talking could not route the message to this network: check the number, or ask their support to enable the route." },
};

/** Per-recipient failures on their side that a later attempt may get past. */
const TRANSIENT: Record<number, string> = {
  500: 'InternalServerError',
  501: 'GatewayError',
  502: 'RejectedByGateway',
};

export function createAfricasTalkingProvider(config: AfricasTalkingConfig): SmsProvider {
  return {
    name: 'africastalking',
    async send(message: SmsMessage, signal: AbortSignal): Promise<SmsReceipt> {
      const form: Record<string, string> = { username: config.username, to: message.to, message: message.text };
      if (config.senderId) form.from = config.senderId;
      const answer = await postForm({
        providerLabel: LABEL,
        url: joinUrl(config.baseUrl, '/version1/messaging'),
        // Without Accept: application/json it answers in XML.
        headers: { apiKey: config.apiKey, Accept: 'application/json' },
        form,
        timeoutMs: config.timeoutMs,
        signal,
      });
      return readAnswer(answer);
    },
  };
}

export function readAnswer(answer: HttpAnswer): SmsReceipt {
  if (answer.status < 200 || answer.status >= 300) throw classifyHttpError(answer);
  const parsed = replySchema.safeParse(parseJson(answer.body));
  if (!parsed.success) {
    throw unreadableReply(LABEL, answer, "your Africa's Talking dashboard");
  }
  const data = parsed.data.SMSMessageData;
  const recipient = data.Recipients[0];
  if (!recipient) {
    // A refusal of the whole request comes as 201 with no recipients and the reason as the Message, e.g. "InvalidSenderId".
    const known = Object.values(PERMANENT).find((p) => p.word.toLowerCase() === data.Message.replace(/\s+/g, '').toLowerCase());
    if (known) throw new JobFailure('permanent', known.advice);
    throw new JobFailure('permanent', `${LABEL} did not accept the message${data.Message ? `: ${shortText(data.Message)}` : ''}. Check the phone number and Settings → SMS, then use Send again on the message.`);
  }
  const code = recipient.statusCode;
  if (ACCEPTED.has(code)) {
    const id = recipient.messageId;
    if (!id || id === 'None') {
      throw new JobFailure('permanent', `${LABEL} accepted the message (${recipient.status}) but gave it no id. Check your Africa's Talking dashboard before using Send again.`);
    }
    return { providerMessageId: id, status: recipient.status, cost: recipient.cost && recipient.cost !== '0' ? recipient.cost : null };
  }
  const permanent = PERMANENT[code];
  if (permanent) throw new JobFailure('permanent', `${permanent.advice} (${code} ${recipient.status || permanent.word})`);
  const transient = TRANSIENT[code];
  if (transient) throw new JobFailure('transient', `${LABEL} could not pass the message on just now (${code} ${recipient.status || transient}).`);
  // A code we do not know might have been a send; failing here keeps a retry from sending twice.
  throw new JobFailure('permanent', `${LABEL} answered with status ${code} (${shortText(recipient.status) || 'no status'}), which Billbook does not know. Check your Africa's Talking dashboard before using Send again.`);
}

function classifyHttpError(answer: HttpAnswer): JobFailure {
  const said = errorText(answer.body);
  const sentenceEnd = said ? `: ${said}.` : '.';
  if (answer.status === 401) {
    return new JobFailure('permanent', `Africa's Talking refused the API key or username: check them in Settings → SMS (401${said ? `: ${said}` : ''}).`);
  }
  if (answer.status === 429) {
    return new JobFailure('rate_limit', `${LABEL} is limiting how fast messages go (429)${sentenceEnd}`, answer.retryAfterMs);
  }
  if (answer.status === 408 || answer.status >= 500) {
    return new JobFailure('transient', `${LABEL} had a problem (${answer.status})${sentenceEnd}`, answer.retryAfterMs);
  }
  return new JobFailure('permanent', `${LABEL} refused the request (${answer.status})${sentenceEnd}`);
}

/** Error bodies come as plain text ("The supplied authentication is invalid"), sometimes as JSON or an HTML page. */
function errorText(body: string): string {
  const json = parseJson(body);
  if (json && typeof json === 'object') {
    const fields = json as Record<string, unknown>;
    for (const key of ['message', 'Message', 'error', 'errorMessage']) {
      const value = fields[key];
      if (typeof value === 'string' && value.trim()) return shortText(value).replace(/\.+$/, '');
    }
  }
  return shortText(body).replace(/\.+$/, '');
}
