// The pieces of one item as the line reader sees them: numbers, currency marks, words and symbols,
// with offsets into the working text so that descriptions keep the person's own spelling.
import { scaleOf } from './amounts';
import { markOf, type CurrencyMark } from './currency';
import { decimalDigits, type DecimalDigits } from './numbers';
import { perWordUnit, unitOf } from './units';

interface Base {
  start: number;
  end: number;
  text: string;
  lower: string;
}
export interface NumberToken extends Base {
  kind: 'num';
  digits: DecimalDigits;
  /** "15,000": thousands separators suggest money. */
  separators: boolean;
  /** 1000 for "25k", 1,000,000 for "1.2M"; 1 otherwise. */
  scale: number;
  /** "20m": metres or million, decided by the line reader. */
  metresOrMillion: boolean;
}
export interface CurrencyToken extends Base {
  kind: 'cur';
  mark: CurrencyMark;
}
export interface WordToken extends Base {
  kind: 'word';
}
export interface SymbolToken extends Base {
  kind: 'sym';
}
export type Token = NumberToken | CurrencyToken | WordToken | SymbolToken;

const NUMBER = /(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+/y;
const LETTERS = /[a-z]+/iy;
const SPACE = /\s+/y;
const DATE_LIKE = /\d{4}-\d{1,2}-\d{1,2}(?!\d)|\d{1,2}\/\d{1,2}\/\d{2,4}(?!\d)/y;
const ORDINAL = /\d+(?:st|nd|rd|th)(?![a-z])/iy;
const COMPOUND = /\d+(?:\.\d+)?-(?:[a-z]+|\d+)(?:-[a-z0-9]+)*/iy;
const TIMES = /((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)[x*]((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]*)/iy;
const SYMBOL = /us\$|\$|€|£|₦/y;
const CODE = /(?:kshs?|kes|k\.sh|ugx|ushs?|tshs?|tzs|rwf|frw|usd|eur|gbp|zar|ngn)\.?(?![a-z])/iy;
const SHILLING = /shs?\.?(?=\s*\d)/iy;
const SLASH_EQUALS = /\/=|\/-(?![a-z\d])/y;
const PER_SLASH = /p\/(h|hr|hour|d|day|m|mo|month|w|wk|week|km|kg|word|pc|piece|page|session|night|person|unit|item)(?![a-z])/iy;
const PER_DOTS = /p\.\s?(m|a|h|d|w)\.?(?![a-z])/iy;
const TIMES_BEFORE = /x(?=\s*\d)/iy;
const NUMBER_NO = /nos?\.(?=\s|$)/iy;
const WORD = /[a-z][a-z0-9]*(?:'[a-z]+)?(?:-[a-z0-9]+)*/iy;
const CURRENCY_WORDS = new Set(['shillings', 'shilling', 'bob', 'dollars', 'dollar', 'euros', 'euro', 'naira', 'rand']);

/** Letters that may follow digits without a space and still be their own token: "10hrs", "25k", "2x", "500bob". */
function splitsFromNumber(letters: string): boolean {
  const lower = letters.toLowerCase();
  return scaleOf(lower) !== null || lower === 'x' || unitOf(lower) !== null || perWordUnit(lower) !== null || markOf(lower) !== null || CURRENCY_WORDS.has(lower);
}

function at(pattern: RegExp, text: string, i: number): RegExpExecArray | null {
  pattern.lastIndex = i;
  return pattern.exec(text);
}

export function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  const source = text.slice(0, end);
  const push = (token: Token) => tokens.push(token);
  const base = (s: number, e: number): Base => ({ start: s, end: e, text: source.slice(s, e), lower: source.slice(s, e).toLowerCase() });
  const word = (s: number, e: number): WordToken => ({ kind: 'word', ...base(s, e) });
  const number = (s: number, e: number, scale = 1, metresOrMillion = false): NumberToken => {
    const b = base(s, e);
    return { kind: 'num', ...b, digits: decimalDigits(b.text)!, separators: b.text.includes(','), scale, metresOrMillion };
  };

  let i = start;
  while (i < end) {
    let m: RegExpExecArray | null;
    if ((m = at(SPACE, source, i))) {
      i += m[0].length;
      continue;
    }
    if ((m = at(DATE_LIKE, source, i)) || (m = at(ORDINAL, source, i)) || (m = at(COMPOUND, source, i))) {
      push(word(i, i + m[0].length));
      i += m[0].length;
      continue;
    }
    if ((m = at(TIMES, source, i))) {
      // "3x500" is three at 500; "4x4" and "6x4ft" are names and sizes.
      const second = decimalDigits(m[2]!)!;
      const len = m[0].length;
      if (!m[3] && (m[2]!.includes(',') || Number(second.whole) >= 100)) {
        const xAt = i + m[1]!.length;
        push(number(i, xAt));
        push({ kind: 'sym', ...base(xAt, xAt + 1) });
        push(number(xAt + 1, i + len));
      } else push(word(i, i + len));
      i += len;
      continue;
    }
    if ((m = at(SYMBOL, source, i)) || (m = at(CODE, source, i)) || (m = at(SHILLING, source, i)) || (m = at(SLASH_EQUALS, source, i))) {
      push({ kind: 'cur', ...base(i, i + m[0].length), mark: markOf(m[0])! });
      i += m[0].length;
      continue;
    }
    if ((m = at(NUMBER, source, i))) {
      const numEnd = i + m[0].length;
      const letters = at(LETTERS, source, numEnd);
      if (!letters) {
        // "15000.": the full stop ends a sentence, not a decimal.
        push(number(i, numEnd));
        i = numEnd;
        continue;
      }
      const after = letters[0];
      const scale = scaleOf(after);
      if (scale !== null) {
        push(number(i, numEnd, after === 'm' ? 1 : scale, after === 'm'));
        tokens[tokens.length - 1]!.end = numEnd + after.length;
        i = numEnd + after.length;
        continue;
      }
      if (splitsFromNumber(after)) {
        push(number(i, numEnd));
        i = numEnd;
        continue;
      }
      // "3D", "4G", "2FA": a name, not a number.
      push(word(i, numEnd + after.length));
      i = numEnd + after.length;
      continue;
    }
    if ((m = at(PER_SLASH, source, i))) {
      push({ ...word(i, i + 2), lower: 'per' });
      push(word(i + 2, i + m[0].length));
      i += m[0].length;
      continue;
    }
    if ((m = at(PER_DOTS, source, i))) {
      push({ ...word(i, i + m[0].length), lower: `p${m[1]!.toLowerCase()}` });
      i += m[0].length;
      continue;
    }
    if ((m = at(TIMES_BEFORE, source, i))) {
      push({ kind: 'sym', ...base(i, i + 1), lower: 'x' });
      i += 1;
      continue;
    }
    if ((m = at(NUMBER_NO, source, i))) {
      push({ ...word(i, i + m[0].length), lower: 'no.' });
      i += m[0].length;
      continue;
    }
    if ((m = at(WORD, source, i))) {
      const w = word(i, i + m[0].length);
      if (CURRENCY_WORDS.has(w.lower) && (w.lower !== 'bob' && w.lower !== 'rand' ? true : tokens.at(-1)?.kind === 'num')) {
        push({ kind: 'cur', ...base(i, i + m[0].length), mark: markOf(w.lower)! });
      } else push(w);
      i += m[0].length;
      continue;
    }
    const ch = source.codePointAt(i)! > 0xffff ? 2 : 1;
    push({ kind: 'sym', ...base(i, i + ch) });
    i += ch;
  }
  return tokens;
}
