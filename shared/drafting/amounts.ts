// An amount of money inside a phrase ("discount of KES 2,000", "total 22.5k"): the pattern the
// phrase readers share, and the reading of what it matched into minor units.
import { MINOR_DIGITS, type CurrencyCode } from '../money';
import { CODE_SOURCE, SYMBOL_SOURCE } from './currency';
import { decimalDigits, toMinor, type Scaled } from './numbers';

// Whole numbers only: "50%" must not yield a "5" that a later lookahead lets through.
const NUMBER_SOURCE = '(?<![\\d.,])(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?![\\d])';
const SCALE_SOURCE = '(?:k|m|mn|million|thousand|bn)(?![a-z])';
const AFTER_SOURCE = `(?:\\/=|\\/-|(?:${CODE_SOURCE}|shs?|shillings?|bob|dollars?|euros?)(?![a-z]))`;
const BEFORE_SOURCE = `(?:${SYMBOL_SOURCE}|(?<![a-z])(?:${CODE_SOURCE}|shs?)\\.?)`;

/** An amount with its optional currency and k/M suffix. Contains no capture groups. */
export const MONEY_SOURCE = `(?:${BEFORE_SOURCE}\\s*)?${NUMBER_SOURCE}(?!\\s*%)(?:\\s*${SCALE_SOURCE})?(?:\\s*${AFTER_SOURCE})?`;

const SCALES = new Map(Object.entries({ k: 1000, thousand: 1000, m: 1_000_000, mn: 1_000_000, million: 1_000_000, bn: 1_000_000_000 }));

/** Scale word -> multiplier ("k" -> 1000), or null. */
export function scaleOf(word: string): number | null {
  return SCALES.get(word.toLowerCase()) ?? null;
}

/** Reads what MONEY_SOURCE matched into minor units of `currency`; null when it is too large. */
export function readAmount(text: string, currency: CurrencyCode): Scaled | null {
  const match = /((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(k|m|mn|million|thousand|bn)?(?![a-z])/i.exec(text);
  if (!match) return null;
  const digits = decimalDigits(match[1]!);
  if (!digits) return null;
  return toMinor(digits, match[2] ? (scaleOf(match[2]) ?? 1) : 1, MINOR_DIGITS[currency]);
}

/** "2,500" as the person wrote it, for messages; "KES 2,500.50" when made from minor units. */
export function amountText(minor: number, currency: CurrencyCode): string {
  const digits = MINOR_DIGITS[currency];
  const scale = 10 ** digits;
  const whole = Math.floor(minor / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = minor % scale;
  return fraction === 0 ? whole : `${whole}.${String(fraction).padStart(digits, '0')}`;
}
