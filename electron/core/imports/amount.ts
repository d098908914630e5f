// Amounts as other tools export them: "0.000", "1,234.50", "$1,200.00", "KES 12 500", "1.234,50",
// "(350.00)". Exact or refused: a value with more decimals than the currency keeps is read only
// when the extra digits are zeros, never rounded, so no import can change what someone is owed.
import { MAX_AMOUNT_MINOR, MINOR_DIGITS, type CurrencyCode } from '../../../shared/money';

export type AmountReading = { ok: true; minor: number } | { ok: false; reason: string };

/** Currency codes and symbols before or after the number: "KES", "Ksh.", "$", "USD". */
const LEADING = /^[\s\p{L}\p{Sc}]+\.?/u;
const TRAILING = /[\s\p{L}\p{Sc}]+$/u;
const GROUPING = /[\s\u00A0\u202F'’]/g;

function splitSeparators(text: string): { whole: string; fraction: string } | null {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimal: '.' | ',' | null = null;
  if (lastDot !== -1 && lastComma !== -1) decimal = lastDot > lastComma ? '.' : ',';
  else if (lastComma !== -1) {
    // "1,234" and "12,345,678" group thousands; "12,5" and "0,75" are a decimal comma.
    const groups = text.split(',');
    const grouped = groups.length > 2 || (groups[1]!.length === 3 && groups[0]!.length <= 3 && groups[0] !== '0');
    decimal = grouped ? null : ',';
  } else if (lastDot !== -1) {
    // "1.234.567" groups thousands; a single point is a decimal point.
    decimal = text.split('.').length > 2 ? null : '.';
  }
  const grouping = decimal === '.' ? ',' : decimal === ',' ? '.' : /,/.test(text) ? ',' : '.';
  const [wholeText = '', fraction = '', extra] = (decimal ? text.split(decimal) : [text]) as string[];
  if (extra !== undefined) return null;
  const groups = wholeText.split(grouping);
  // Grouping separators must sit every three digits, or "1,23,4" would quietly become 1234.
  if (groups.length > 1 && (groups.slice(1).some((g) => g.length !== 3) || groups[0]!.length > 3 || groups[0] === '')) {
    // Indian grouping (1,00,000) is exact too: pairs after the first group of three from the right.
    const indian = /^\d{1,2}(,\d{2})*,\d{3}$/.test(wholeText);
    if (!indian) return null;
  }
  const whole = groups.join('');
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || whole + fraction === '') return null;
  return { whole: whole || '0', fraction };
}

/**
 * Reads an exported amount into minor units of `currency`. Negative amounts ("-12", "(12.00)")
 * are read as negative; the caller decides whether the field allows them.
 */
export function readImportAmount(text: string, currency: CurrencyCode): AmountReading {
  let t = text.trim();
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  // "-$12.00" and "$-12.00" both happen: the sign may sit either side of the symbol.
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1);
  }
  t = t.replace(LEADING, '').replace(TRAILING, '').replace(GROUPING, '');
  if (/^\(.*\)$/.test(t)) {
    negative = !negative;
    t = t.slice(1, -1);
  }
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1);
  } else if (t.endsWith('-')) {
    negative = !negative;
    t = t.slice(0, -1);
  }
  const parts = t === '' ? null : splitSeparators(t);
  if (!parts) return { ok: false, reason: 'not an amount' };
  const digits = MINOR_DIGITS[currency];
  let { fraction } = parts;
  if (fraction.length > digits) {
    const extra = fraction.slice(digits);
    // A float printed in full ("9.779999999999999", "0.30000000000000004") is the two-decimal
    // amount it stands for: twelve or more decimals come from a program, never from a person.
    if (fraction.length >= 12) {
      const kept = BigInt(parts.whole + fraction.slice(0, digits));
      const rounded = extra[0]! >= '5' ? kept + 1n : kept;
      return finish(rounded, negative);
    }
    if (/[^0]/.test(extra)) {
      return { ok: false, reason: digits === 0 ? `not a whole amount in ${currency}` : `not exact in ${currency} (at most ${digits} decimals)` };
    }
    fraction = fraction.slice(0, digits);
  }
  return finish(BigInt(parts.whole + fraction.padEnd(digits, '0')), negative);
}

function finish(minor: bigint, negative: boolean): AmountReading {
  if (minor > BigInt(MAX_AMOUNT_MINOR)) return { ok: false, reason: 'too large (one amount is at most 100 billion)' };
  const value = Number(minor);
  return { ok: true, minor: negative && value !== 0 ? -value : value };
}
