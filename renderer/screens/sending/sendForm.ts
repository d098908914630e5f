// The send dialog's rules, apart from its screen: channels, recipients, the schedule and the
// backend's field errors, each as a plain function.
import { z } from 'zod';
import { normalizePhone } from '../../../shared/domain/phone';
import type { SendChannel } from '../../../shared/domain/sending';

export type ChannelChoice = 'email' | 'sms' | 'both';

export const CHANNEL_CHOICES: { value: ChannelChoice; label: string }[] = [
  { value: 'email', label: 'Email' },
  { value: 'sms', label: 'SMS' },
  { value: 'both', label: 'Both' },
];

export function channelsOf(choice: ChannelChoice): SendChannel[] {
  return choice === 'both' ? ['email', 'sms'] : [choice];
}

export type RecipientKind = 'email' | 'phone';

const emailSchema = z.email();

/** One typed entry as it will be sent ("0722 123456" -> "+254722123456"), or what is wrong with it. */
export function readRecipient(kind: RecipientKind, text: string, country: string): { ok: true; value: string } | { ok: false; problem: string } {
  const typed = text.trim();
  if (kind === 'email') return emailSchema.safeParse(typed).success ? { ok: true, value: typed } : { ok: false, problem: `“${typed}” is not an email address` };
  const phone = normalizePhone(typed, country);
  if (phone.ok) return { ok: true, value: phone.e164 };
  return { ok: false, problem: `“${typed}” is not a phone number we can read: write it with + and the country code, e.g. +254722123456` };
}

const sameRecipient = (kind: RecipientKind, a: string, b: string) => (kind === 'email' ? a.toLowerCase() === b.toLowerCase() : a === b);

export interface Committed {
  values: string[];
  /** What could not be added stays in the box, so it can be corrected. */
  text: string;
  problem: string | null;
}

/**
 * Adds what was typed (one entry, or several separated by commas, semicolons or line breaks) to the
 * list; a phone number written the local way is read in `country` (an ISO code such as "KE").
 * Entries that are not valid stay typed, with the first one's problem.
 */
export function commitEntries(kind: RecipientKind, values: string[], text: string, country: string): Committed {
  const entries = text.split(/[,;\n]+/).map((t) => t.trim()).filter(Boolean);
  const next = [...values];
  const rejected: string[] = [];
  let problem: string | null = null;
  for (const entry of entries) {
    const read = readRecipient(kind, entry, country);
    if (!read.ok) {
      rejected.push(entry);
      problem ??= read.problem;
    } else if (!next.some((v) => sameRecipient(kind, v, read.value))) {
      next.push(read.value);
    }
  }
  return { values: next, text: rejected.join(', '), problem };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as a datetime-local input shows it: "2026-03-12T14:30", in the computer's time zone. */
export function toLocalInput(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The first quarter hour at least an hour from now: where "Schedule" starts. */
export function defaultSendAt(now: number): string {
  const at = new Date(now + 60 * 60 * 1000);
  at.setSeconds(0, 0);
  at.setMinutes(Math.ceil(at.getMinutes() / 15) * 15);
  return toLocalInput(at);
}

/** A datetime-local value as a Date, or null when it is not a time. */
export function fromLocalInput(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function scheduleProblem(value: string, now: number): string | null {
  const at = fromLocalInput(value);
  if (!at) return 'Choose the day and time to send it';
  if (at.getTime() <= now + 30_000) return 'Choose a time in the future';
  return null;
}

/** The fields the dialog shows errors under. */
export type SendField = 'channels' | 'emails' | 'phones' | 'customMessage' | 'sendAt';
const SEND_FIELDS: readonly SendField[] = ['channels', 'emails', 'phones', 'customMessage', 'sendAt'];

/**
 * The backend's field errors ("emails.1", "phones", "sendAt") under the dialog's fields; what has
 * no field here (the draft's own problems) comes back as `other`.
 */
export function fieldErrorsOf(fields: Record<string, string> | undefined): { byField: Partial<Record<SendField, string>>; other: string[] } {
  const byField: Partial<Record<SendField, string>> = {};
  const other: string[] = [];
  for (const [path, message] of Object.entries(fields ?? {})) {
    const head = path.split('.')[0] as SendField;
    if (SEND_FIELDS.includes(head)) byField[head] ??= message;
    else other.push(message);
  }
  return { byField, other };
}

/** "a@b.co", "a@b.co and +254722123456", "a@b.co, c@d.co and 2 more". */
export function recipientsText(recipients: string[]): string {
  if (recipients.length <= 2) return recipients.join(' and ');
  if (recipients.length === 3) return `${recipients[0]}, ${recipients[1]} and ${recipients[2]}`;
  return `${recipients[0]}, ${recipients[1]} and ${recipients.length - 2} more`;
}
