// How an SMS will be billed: GSM-7 fits 160 characters in one segment (153 each when split),
// anything outside it (an emoji, most accents) switches the whole message to UCS-2 at 70 (67).
// Twilio's own calculator counts them, escapes and surrogate pairs included.
import { SegmentedMessage } from 'sms-segments-calculator';
import type { SmsPreview } from './domain/sending';

export function smsCost(text: string): Omit<SmsPreview, 'text'> {
  const message = new SegmentedMessage(text, 'auto');
  const encoding = message.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2';
  const segments = message.segmentsCount;
  const characters = message.numberOfCharacters;
  const warning =
    segments > 1
      ? `This message takes ${segments} SMS segments (${characters} characters${encoding === 'UCS-2' ? ', and a character outside the basic SMS alphabet makes each segment 70' : ''}); each is billed. Shorten it to fit one.`
      : null;
  return { characters, encoding, segments, warning };
}
