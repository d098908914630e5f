// A total the person states ("total 22,500", "comes to 45k", "22,500 altogether"): never used as an
// amount on its own, only to check the lines against (or, for a lone line with no price, as its price).
import type { CurrencyCode } from '../money';
import { MONEY_SOURCE, readAmount } from './amounts';
import { eachMatch, type ClauseResult, type Span } from './clause';
import { blank, tidy } from './text';

const PATTERNS: RegExp[] = [
  new RegExp(`(?:,\\s*)?(?:\\b(?:making|makes|making\\s+it|that'?s|which\\s+is|so|for|at)\\s+)?(?:a\\s+|the\\s+)?(?:grand\\s+|sub-?\\s?)?total(?:\\s+(?:of|is|amount|due|cost|price|payable|sum|=))*\\s*[:=]?\\s*(${MONEY_SOURCE})`, 'gi'),
  new RegExp(`(?:,\\s*)?\\b(?:comes?\\s+to|coming\\s+to|making(?:\\s+it)?|makes|bringing\\s+it\\s+to|adds?\\s+up\\s+to|totall?ing|totals|altogether|all\\s+in\\s+all|in\\s+all|sum\\s+of)\\s*:?\\s*(${MONEY_SOURCE})`, 'gi'),
  new RegExp(`(?:,\\s*)?(${MONEY_SOURCE})\\s+(?:in\\s+total|total|altogether|all\\s+in)\\b`, 'gi'),
];

export function readStatedTotal(working: string, currency: CurrencyCode): ClauseResult<number | null> {
  let text = working;
  const used: Span[] = [];
  const unread: Span[] = [];
  const warnings: string[] = [];
  const found: { minor: number; words: string }[] = [];
  for (const pattern of PATTERNS) {
    eachMatch(pattern, text, (m) => {
      const span = { start: m.index, end: m.index + m[0].length };
      const amount = readAmount(m[1]!, currency);
      text = blank(text, span.start, span.end);
      if (!amount) {
        unread.push(span);
        warnings.push(`The total "${tidy(m[0])}" is too large to read`);
        return;
      }
      found.push({ minor: amount.value, words: tidy(m[0]) });
      used.push(span);
    });
  }
  if (new Set(found.map((f) => f.minor)).size > 1) {
    warnings.push(`The sentence states more than one total (${found.map((f) => `"${f.words}"`).join(', ')}) — check the amounts`);
  }
  return { value: found[0]?.minor ?? null, used, unread, warnings };
}
