// Numbers as people type them: "15,000.50", "25k", "1.2M", "twelve", "a dozen", "two and a half".
// Money and quantities are computed from digit strings with BigInt, so no float ever holds an amount.
import { MAX_AMOUNT_MINOR } from '../money';
import { divideHalfUp } from '../totals';
import { MappedText } from './text';

/** A non-negative decimal as digit strings: "15,000.50" -> { whole: '15000', fraction: '50' }. */
export interface DecimalDigits {
  whole: string;
  fraction: string;
}

/** The largest price a line may hold: one amount's cap (shared/money.ts). */
export const MAX_PRICE_MINOR = MAX_AMOUNT_MINOR;
/** The largest quantity a line may hold, in thousandths. */
export const MAX_QUANTITY_MILLI = 1_000_000_000;

export function decimalDigits(text: string): DecimalDigits | null {
  const match = /^(\d*)(?:\.(\d+))?$/.exec(text.replace(/,/g, ''));
  if (!match || (match[1] === '' && match[2] === undefined)) return null;
  return { whole: match[1] || '0', fraction: match[2] ?? '' };
}

export interface Scaled {
  value: number;
  /** False when digits beyond what the target can hold were rounded away. */
  exact: boolean;
}

/** value × scale × 10^places, half-up to a whole number; null when it would exceed `max`. */
function scaleDigits(digits: DecimalDigits, scale: bigint, places: number, max: number): Scaled | null {
  const numerator = BigInt(digits.whole + digits.fraction) * scale * 10n ** BigInt(places);
  const denominator = 10n ** BigInt(digits.fraction.length);
  const value = divideHalfUp(numerator, denominator);
  if (value > BigInt(max)) return null;
  return { value: Number(value), exact: numerator % denominator === 0n };
}

/** Minor units of an amount: "2.5" with scale 1000 (from "2.5k") and 2 currency digits -> 250,000. */
export function toMinor(digits: DecimalDigits, scale: number, minorDigits: number): Scaled | null {
  return scaleDigits(digits, BigInt(scale), minorDigits, MAX_PRICE_MINOR);
}

/** Thousandths of a quantity: "1.5" -> 1500. */
export function toMilli(digits: DecimalDigits, scale = 1): Scaled | null {
  return scaleDigits(digits, BigInt(scale), 3, MAX_QUANTITY_MILLI);
}

/** "1500" -> "1.5", "12000" -> "12": how a quantity read from words is written back into the sentence. */
export function milliToText(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const fraction = milli % 1000;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}`;
}

// Maps, not object literals: a word such as "constructor" must not find a value on the prototype.
const UNITS = new Map(Object.entries({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
}));
const TENS = new Map(Object.entries({ twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }));
const SCALES = new Map(Object.entries({ hundred: 100, thousand: 1000, million: 1_000_000 }));

interface Word {
  start: number;
  end: number;
  lower: string;
}

/** The value of one word of a number ("twenty-five" counts as one word), or null. */
function smallValue(lower: string): number | null {
  const direct = UNITS.get(lower) ?? TENS.get(lower);
  if (direct !== undefined) return direct;
  const [tens, unit, ...rest] = lower.split('-');
  const t = TENS.get(tens ?? '');
  const u = UNITS.get(unit ?? '');
  return rest.length === 0 && t !== undefined && u !== undefined && u < 10 ? t + u : null;
}

/** Reads a spelled-out number starting at words[i]; returns its value in thousandths and the next index. */
function readSpelled(words: Word[], i: number, text: string): { milli: number; next: number } | null {
  const adjacent = (j: number) => j < words.length && /^\s+$/.test(text.slice(words[j - 1]!.end, words[j]!.start));
  const at = (j: number) => (j < words.length ? words[j]!.lower : '');
  let j = i;
  let explicit = false;

  // Idioms that stand for a count.
  const first = at(j);
  if ((first === 'a' || first === 'an') && adjacent(j + 1)) {
    const second = at(j + 1);
    if ((second === 'couple' || second === 'pair') && adjacent(j + 2) && at(j + 2) === 'of') return { milli: 2000, next: j + 3 };
    if (second === 'dozen') return { milli: 12_000, next: j + 2 };
    if (SCALES.has(second)) {
      j += 1;
      explicit = true;
    } else return null;
  }
  if (first === 'couple' || first === 'pair') return adjacent(j + 1) && at(j + 1) === 'of' ? { milli: 2000, next: j + 2 } : null;
  if (first === 'dozen') return { milli: 12_000, next: j + 1 };
  if (first === 'half') {
    if (adjacent(j + 1) && (at(j + 1) === 'a' || at(j + 1) === 'an') && adjacent(j + 2)) {
      if (at(j + 2) === 'dozen') return { milli: 6000, next: j + 3 };
      return { milli: 500, next: j + 2 };
    }
    return null;
  }

  let total = 0;
  let current = explicit ? 1 : 0;
  let seen = explicit;
  let lastWasScale = false;
  while (j < words.length && (j === i || adjacent(j))) {
    const w = at(j);
    const small = smallValue(w);
    if (small !== null && !(w === 'zero' && at(j + 1) === 'rated')) {
      // "five five" is two numbers, not ten: a unit may follow only a ten or a scale.
      if (seen && !lastWasScale && !(current % 100 >= 20 && current % 10 === 0 && small < 10)) break;
      current += small;
      seen = true;
      lastWasScale = false;
      j++;
      continue;
    }
    const scale = SCALES.get(w);
    if (scale !== undefined && seen) {
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      lastWasScale = true;
      j++;
      continue;
    }
    // "one hundred and fifty": the and belongs to the number only between a scale and what follows.
    if (w === 'and' && lastWasScale && adjacent(j + 1) && smallValue(at(j + 1)) !== null) {
      j++;
      lastWasScale = true;
      continue;
    }
    break;
  }
  if (!seen) return null;
  let milli = (total + current) * 1000;
  // "two and a half", "three dozen".
  if (adjacent(j) && adjacent(j + 1) && adjacent(j + 2) && at(j) === 'and' && at(j + 1) === 'a' && at(j + 2) === 'half') {
    milli += 500;
    j += 3;
  } else if (adjacent(j) && (at(j) === 'dozen' || at(j) === 'dozens')) {
    milli *= 12;
    j += 1;
  }
  return { milli, next: j };
}

const WORD = /[a-z]+(?:-[a-z]+)*/gi;

/** Rewrites spelled-out numbers as digits ("twelve" -> "12", "half a day" -> "0.5 day"). */
export function spelledNumbersToDigits(input: MappedText): MappedText {
  let text = input
    // Digits with words: "3 dozen", "2 and a half", "an hour and a half".
    .replace(/(?<![\d,.])(\d{1,6})\s+dozens?\b/gi, (m) => String(Number(m[1]) * 12))
    .replace(/(?<![\d,.])(\d+)\s+and\s+a\s+half\b/gi, (m) => `${m[1]}.5`)
    .replace(/\b(a|an|one|\d+)\s+(hour|day|week|month|year)s?\s+and\s+a\s+half\b/gi, (m) => {
      const whole = /^\d+$/.test(m[1]!) ? m[1]! : '1';
      return `${whole}.5 ${m[2]!.toLowerCase()}s`;
    });
  const source = text.text;
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(source); m; m = WORD.exec(source)) words.push({ start: m.index, end: m.index + m[0].length, lower: m[0].toLowerCase() });
  const edits: { start: number; end: number; text: string }[] = [];
  for (let i = 0; i < words.length; ) {
    const read = readSpelled(words, i, source);
    if (!read) {
      i++;
      continue;
    }
    const last = words[read.next - 1]!;
    // "one-off" and "one-page" stay words: only a whole number word counts.
    edits.push({ start: words[i]!.start, end: last.end, text: milliToText(read.milli) });
    i = read.next;
  }
  text = text.splice(edits);
  return text;
}
