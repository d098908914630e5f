// Twilio's Messages API: POST {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json with a form and
// HTTP Basic auth. Errors are JSON {code, message, more_info, status}; the code says what to do.
import { z } from 'zod';
import { JobFailure } from '../../jobs/failure';
import { joinUrl, parseJson, postForm, shortText, type HttpAnswer, unreadableReply } from './http';
import type { SmsMessage, SmsProvider, SmsReceipt } from './provider';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** A +E.164 sending number, or a Messaging Service SID (MG…). */
  from: string;
  baseUrl: string;
  timeoutMs: number;
}

const messageSchema = z.object({
  sid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'not a message SID'),
  status: z.string(),
  price: z.string().nullish(),
  price_unit: z.string().nullish(),
  error_code: z.number().int().nullish(),
  error_message: z.string().nullish(),
});

const errorSchema = z.object({
  code: z.number().int().nullish(),
  message: z.string().nullish(),
  more_info: z.string().nullish(),
});

/** Statuses of a message Twilio took; "failed" / "undelivered" / "canceled" at creation mean it did not. */
const ACCEPTED = new Set(['accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'receiving', 'received', 'read']);

/** Error codes a person must act on, and what to do. The rest of the 4xx keep Twilio's own words. */
const ADVICE: Record<number, string> = {
  20003: 'Twilio refused the Account SID or auth token: check them in Settings → SMS.',
  20404: 'Twilio does not know this Account SID: check it in Settings → SMS.',
  21211: "Twilio says the phone number is not valid: correct the customer's number, then use Send again on the message.",
  21214: "Twilio says the phone number cannot receive SMS: use the customer's mobile number, then use Send again on the message.",
  21408: "Your Twilio account may not send to this country: enable it under Messaging → Geo permissions in the Twilio console, then use Send again on the message.",
  21606: 'The From number cannot send SMS from your Twilio account: choose a number it owns in Settings → SMS.',
  21608: 'A Twilio trial account only sends to verified numbers: verify this number in the Twilio console or upgrade the account, then use Send again on the message.',
  21610: 'The recipient replied STOP to your Twilio number: they must reply START before you can text them again.',
  21612: 'Twilio cannot send from your number to this one: check the number, or use a Messaging Service in Settings → SMS.',
  21614: "Twilio says the number is not a mobile number: use the customer's mobile number, then use Send again on the message.",
  20429: 'Twilio is limiting how fast messages go.',
};

export function createTwilioProvider(config: TwilioConfig): SmsProvider {
  return {
    name: 'twilio',
    async send(message: SmsMessage, signal: AbortSignal): Promise<SmsReceipt> {
      const form: Record<string, string> = { To: message.to, Body: message.text };
      // A Messaging Service picks the sending number itself (and handles opt-outs and geo-matching).
      if (config.from.startsWith('MG')) form.MessagingServiceSid = config.from;
      else form.From = config.from;
      const answer = await postForm({
        providerLabel: 'Twilio',
        url: joinUrl(config.baseUrl, `/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`),
        headers: {
          Authorization: `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`, 'utf8').toString('base64')}`,
          Accept: 'application/json',
        },
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
  const parsed = messageSchema.safeParse(parseJson(answer.body));
  if (!parsed.success) {
    throw unreadableReply('Twilio', answer, "the Twilio console's message log");
  }
  const reply = parsed.data;
  if (!ACCEPTED.has(reply.status)) {
    const code = reply.error_code ?? null;
    const advice = code !== null ? ADVICE[code] : undefined;
    const why = advice ?? (reply.error_message ? `${shortText(reply.error_message)}.` : 'Check the number, then use Send again on the message.');
    throw new JobFailure('permanent', `Twilio did not take the message (${reply.status}${code !== null ? ` ${code}` : ''}): ${why}`);
  }
  return { providerMessageId: reply.sid, status: reply.status, cost: costOf(reply.price, reply.price_unit) };
}

/** Twilio prices are negative strings ("-0.00750" "USD"); show them the way Africa's Talking does ("USD 0.00750"). */
function costOf(price: string | null | undefined, unit: string | null | undefined): string | null {
  if (!price) return null;
  const amount = price.replace(/^-/, '');
  return unit ? `${unit} ${amount}` : amount;
}

function classifyHttpError(answer: HttpAnswer): JobFailure {
  const parsed = errorSchema.safeParse(parseJson(answer.body));
  const code = parsed.success ? (parsed.data.code ?? null) : null;
  const said = parsed.success && parsed.data.message ? shortText(parsed.data.message).replace(/\.+$/, '') : shortText(answer.body).replace(/\.+$/, '');
  const tag = `${answer.status}${code !== null ? `, code ${code}` : ''}`;
  const detail = said ? `: ${said}` : '';
  if (answer.status === 429 || code === 20429) {
    return new JobFailure('rate_limit', `Twilio is limiting how fast messages go (${tag}).`, answer.retryAfterMs);
  }
  if (answer.status === 408 || answer.status >= 500) {
    return new JobFailure('transient', `Twilio had a problem (${tag})${detail}.`, answer.retryAfterMs);
  }
  if (answer.status === 401) {
    return new JobFailure('permanent', `Twilio refused the Account SID or auth token: check them in Settings → SMS (${tag}).`);
  }
  const advice = code !== null ? ADVICE[code] : undefined;
  if (advice) return new JobFailure('permanent', `${advice} (${tag}${detail})`);
  if (answer.status === 404) {
    return new JobFailure('permanent', `Twilio does not know this account or address: check the Account SID in Settings → SMS (${tag}${detail}).`);
  }
  return new JobFailure('permanent', `Twilio refused the message (${tag})${detail}.`);
}
