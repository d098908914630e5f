// Discounts: "10% discount", "less 5%", "discount of 2,000", "2,000 off". "Less 10,000 deposit paid"
// is a payment, not a discount: it is reported, never taken off the invoice.
import type { CurrencyCode } from '../money';
import type { Discount } from '../totals';
import { MONEY_SOURCE, readAmount } from './amounts';
import { eachMatch, type ClauseResult, type Span } from './clause';
import { blank, tidy } from './text';

const PERCENT = '(\\d{1,3}(?:\\.\\d{1,2})?)\\s*%';
const LEAD = '(?:(?:,\\s*)?\\b(?:with|less|minus|and|plus|apply(?:ing)?|give|giving|after|at|less\\s+a|with\\s+a|a|an|then)\\s+){0,3}';
const WORD = '(?:discount|disc\\.?|reduction|rebate|off)';
const PAYMENT_WORDS = '(?:(?:deposit|advance|down\\s*payment|payment)(?:\\s+(?:already\\s+)?(?:paid|received))?|(?:already\\s+)?paid|received)';

const PERCENT_PATTERNS: RegExp[] = [
  new RegExp(`${LEAD}\\b(?:discount|disc\\.?|reduction|rebate)\\s*(?:of|at|@|:|=)?\\s*${PERCENT}`, 'gi'),
  new RegExp(`${LEAD}${PERCENT}\\s*${WORD}(?![a-z])`, 'gi'),
  new RegExp(`\\b(?:less|minus)\\s+${PERCENT}(?!\\s*(?:vat|tax|withholding|wht))`, 'gi'),
];
const AMOUNT_PATTERNS: RegExp[] = [
  new RegExp(`${LEAD}\\b(?:discount|disc\\.?|reduction|rebate)\\s*(?:of|:|=)?\\s*(${MONEY_SOURCE})(?!\\s*(?:%|per|each|\\/))`, 'gi'),
  new RegExp(`${LEAD}(${MONEY_SOURCE})\\s*${WORD}(?![a-z])`, 'gi'),
  new RegExp(`\\b(?:less|minus)\\s+(${MONEY_SOURCE})(?!\\s*(?:%|${PAYMENT_WORDS}))`, 'gi'),
];
/** A payment already made, written into the sentence. */
const PAYMENT = new RegExp(
  `\\b(?:less|minus)\\s+(?:a\\s+|the\\s+)?${PAYMENT_WORDS}\\s+(?:of\\s+)?${MONEY_SOURCE}|\\b(?:less|minus)\\s+${MONEY_SOURCE}\\s*${PAYMENT_WORDS}|\\b(?:deposit|advance|down\\s*payment)\\s+(?:of\\s+)?${MONEY_SOURCE}(?:\\s+(?:paid|received))?|\\b(?:already\\s+)?paid\\s+${MONEY_SOURCE}|${MONEY_SOURCE}\\s+(?:already\\s+paid|paid\\s+already|deposit\\s+paid)`,
  'gi',
);
/** "bulk discount" with no amount: meant, but not readable. */
const UNREAD = /\b(?:discount|disc\.|rebate)\b/gi;

export function readDiscount(working: string, currency: CurrencyCode): ClauseResult<Discount> {
  let text = working;
  const used: Span[] = [];
  const unread: Span[] = [];
  const warnings: string[] = [];
  const found: { discount: NonNullable<Discount>; words: string }[] = [];
  const take = (m: RegExpExecArray) => {
    used.push({ start: m.index, end: m.index + m[0].length });
    text = blank(text, m.index, m.index + m[0].length);
  };

  for (const pattern of PERCENT_PATTERNS) {
    eachMatch(pattern, text, (m) => {
      const [whole, fraction = ''] = m[1]!.split('.');
      const bp = Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
      if (bp > 10_000) {
        warnings.push(`A discount of ${m[1]}% is more than the whole invoice — set the discount by hand`);
        unread.push({ start: m.index, end: m.index + m[0].length });
        text = blank(text, m.index, m.index + m[0].length);
        return;
      }
      found.push({ discount: { kind: 'percent', bp }, words: tidy(m[0]) });
      take(m);
    });
  }
  eachMatch(PAYMENT, text, (m) => {
    unread.push({ start: m.index, end: m.index + m[0].length });
    warnings.push(`"${tidy(m[0])}" looks like a payment already made: record it as a payment, not on the invoice`);
    text = blank(text, m.index, m.index + m[0].length);
  });
  for (const pattern of AMOUNT_PATTERNS) {
    eachMatch(pattern, text, (m) => {
      const amount = readAmount(m[1]!, currency);
      if (!amount) {
        warnings.push(`The discount "${tidy(m[0])}" is too large to read — set the discount by hand`);
        unread.push({ start: m.index, end: m.index + m[0].length });
        text = blank(text, m.index, m.index + m[0].length);
        return;
      }
      if (!amount.exact) warnings.push(`The discount "${tidy(m[1]!)}" has more decimals than the currency — check the discount`);
      found.push({ discount: { kind: 'amount', minor: amount.value }, words: tidy(m[0]) });
      take(m);
    });
  }
  eachMatch(UNREAD, text, (m) => {
    // Quote the few words around the lone "discount" so the person can find it.
    const start = Math.max(0, text.lastIndexOf(' ', Math.max(0, m.index - 2)) + 1);
    const end = Math.min(text.length, m.index + m[0].length);
    unread.push({ start, end });
    warnings.push(`Could not read the discount in "${tidy(text.slice(start, end))}" — set it by hand`);
    text = blank(text, start, end);
  });

  if (found.length > 1) {
    warnings.push(`The sentence gives more than one discount (${found.map((f) => `"${f.words}"`).join(', ')}); used "${found[0]!.words}" — check the discount`);
  }
  return { value: found[0]?.discount ?? null, used, unread, warnings };
}
