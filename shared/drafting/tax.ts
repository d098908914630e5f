// VAT as invoices word it: "plus 16% VAT", "VAT @16%", "plus VAT" (the default rate), "VAT inclusive",
// "incl. VAT", "no VAT", "VAT exempt", "zero-rated". A bare "VAT" with none of these is left alone:
// "VAT return filing" is a service, not a rate.
import type { TaxRateBp } from '../totals';
import { eachMatch, type ClauseResult, type Span } from './clause';
import { blank, tidy } from './text';

export interface TaxReading {
  rateBp: TaxRateBp;
  pricesIncludeTax: boolean;
  /** True when the sentence said anything about tax. */
  stated: boolean;
  /** True when the sentence said whether its prices include VAT; else the customer's default stands. */
  inclusiveStated: boolean;
}

export interface TaxDefaults {
  /** The rate when the sentence names none; null: exempt. */
  rateBp: TaxRateBp;
  /** Whether this customer's prices include VAT when the sentence does not say. */
  pricesIncludeTax: boolean;
  /** A business that is not VAT-registered charges none, whatever the sentence says. */
  vatRegistered: boolean;
}

const TAX = '(?:vat|v\\.a\\.t\\.?|tax)(?![a-z])(?!\\s+(?:returns?|filing|compliance|consult\\w*|advisory|audit|registration|pin|clearance|computation|planning|advice|agent|refund))';
const INCLUSIVE_BEFORE = 'incl(?:uding|usive\\s+of|\\.)?|inclusive\\s+of|inc\\.?|includes|include';
const EXCLUSIVE_BEFORE = 'plus|\\+|add(?:ing)?|excl(?:uding|usive\\s+of|usive|udes?|\\.)?|exclusive\\s+of|exclusive|ex\\.?|before|and|with|w\\/|net\\s+of|subject\\s+to|attracts?';
const QUALIFIER = 'inclusive|incl(?:usive|uded)?\\.?|inc\\.?|included|exclusive|excl(?:usive|uded)?\\.?|extra|on\\s+top|added|applicable|not\\s+included|(?:to\\s+be\\s+|is\\s+)?(?:added|charged)(?:\\s+on\\s+top)?|payable';
const RATE = '(\\d{1,2}(?:\\.\\d{1,2})?)\\s*%';

const EXEMPT = new RegExp(
  `(?:\\b(?:and|but|with)\\s+)?(?:\\bno\\s+${TAX}|\\bwithout\\s+${TAX}|\\b(?:vat|tax)[- ]?(?:exempt(?:ed)?|free)\\b|\\bexempt(?:ed)?\\s+(?:from\\s+)?${TAX}|\\bnot\\s+vat(?:able|ed)\\b|\\bnon[- ]?vat(?:able)?\\b)`,
  'gi',
);
const ZERO_RATED = /(?:\b(?:and|but|with)\s+)?\bzero[- ]?rated(?:\s+(?:for\s+)?(?:vat|tax)\b)?|\b(?:vat|tax)\s+zero[- ]?rated\b/gi;
const RATE_FIRST = new RegExp(`(?:(?:,\\s*)?(?:\\b|(?=\\+))(${INCLUSIVE_BEFORE}|${EXCLUSIVE_BEFORE})\\s*)?${RATE}\\s*${TAX}(?:\\s*\\(?(${QUALIFIER})\\)?)?`, 'gi');
const TAX_FIRST = new RegExp(`(?:(?:,\\s*)?(?:\\b|(?=\\+))(${INCLUSIVE_BEFORE}|${EXCLUSIVE_BEFORE})\\s*)?\\b${TAX}\\s*(?:@|at|of|rate|:|=)?\\s*\\(?${RATE}\\)?(?:\\s*\\(?(${QUALIFIER})\\)?)?`, 'gi');
const WORDS_ONLY = new RegExp(`(?:(?:,\\s*)?(?:\\b|(?=\\+))(${INCLUSIVE_BEFORE}|${EXCLUSIVE_BEFORE})\\s*${TAX}(?:[- ]?\\(?(${QUALIFIER})\\)?)?|\\b${TAX}[- ]?\\(?(${QUALIFIER})\\)?)`, 'gi');
/** "VAT 2,400", "plus 2,400 VAT": tax given as an amount, which the invoice cannot take. */
const TAX_AMOUNT = new RegExp(`\\b${TAX}\\s*(?:of|:|=)?\\s*(?:kshs?|kes|sh)?\\.?\\s*\\d[\\d,]*(?:\\.\\d+)?(?!\\s*%)(?![\\d.,])|\\b(?:plus|and|add)\\s+(?:kshs?|kes|sh)?\\.?\\s*\\d[\\d,]*(?:\\.\\d+)?\\s*(?:\\/=)?\\s*${TAX}|\\+\\s*\\d[\\d,]*(?:\\.\\d+)?\\s*${TAX}`, 'gi');
/** "Website 50,000 VAT": VAT named after a price, without saying whether it is added or included. */
/** Any other mention of VAT: read by none of the patterns above, so the person is told to check it. */
const LEFT_OVER = new RegExp(`\\b${TAX}`, 'gi');
const BARE_AFTER_AMOUNT = new RegExp(`(?<=\\d\\s?(?:k|\\/=|\\/-)?\\s?)${TAX}(?=\\s*(?:$|[,;\\n.]))`, 'gi');

function inclusiveFrom(before: string | undefined, qualifier: string | undefined): boolean | null {
  const q = qualifier?.toLowerCase();
  if (q && /^(exclusive|excl|extra|on\s+top|added|not\s+included|to\s+be|is\s+|charged|payable)/.test(q)) return false;
  if (q && /^(inclusive|incl|included|inc)/.test(q)) return true;
  if (!before) return null;
  return /^inc/i.test(before);
}

/** Kenya's standard rate, for "plus VAT" where the customer has no default rate. */
const STANDARD_RATE_BP = 1600;

function rateBp(text: string): number {
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
}

export function readTax(working: string, defaults: TaxDefaults): ClauseResult<TaxReading> {
  const defaultRateBp = defaults.rateBp;
  let text = working;
  const used: Span[] = [];
  const unread: Span[] = [];
  const warnings: string[] = [];
  const rates: { rate: TaxRateBp; words: string }[] = [];
  const inclusive: boolean[] = [];
  let vague = '';

  // "plus VAT" where lines are exempt by default still asks for VAT: the standard rate, said so.
  const namedRate = (words: string): TaxRateBp => {
    if (defaultRateBp !== null) return defaultRateBp;
    warnings.push(`"${tidy(words)}" asks for VAT but new lines are VAT-exempt by default; used 16% — check the VAT`);
    return STANDARD_RATE_BP;
  };
  const take = (m: RegExpExecArray) => {
    used.push({ start: m.index, end: m.index + m[0].length });
    text = blank(text, m.index, m.index + m[0].length);
  };
  eachMatch(EXEMPT, text, (m) => {
    rates.push({ rate: null, words: tidy(m[0]) });
    take(m);
  });
  eachMatch(ZERO_RATED, text, (m) => {
    rates.push({ rate: 0, words: tidy(m[0]) });
    take(m);
  });
  for (const pattern of [RATE_FIRST, TAX_FIRST]) {
    eachMatch(pattern, text, (m) => {
      rates.push({ rate: rateBp(m[2]!), words: tidy(m[0]) });
      const inc = inclusiveFrom(m[1], m[3]);
      if (inc !== null) inclusive.push(inc);
      take(m);
    });
  }
  eachMatch(WORDS_ONLY, text, (m) => {
    const before = m[1];
    const qualifier = m[2] ?? m[3];
    const inc = inclusiveFrom(before, qualifier);
    if (inc !== null) inclusive.push(inc);
    // "with VAT" could mean either; it is read as VAT on top, and said so.
    if (before && /^(with|w\/)$/i.test(before) && !qualifier) vague = tidy(m[0]);
    rates.push({ rate: namedRate(m[0]), words: tidy(m[0]) });
    take(m);
  });
  eachMatch(TAX_AMOUNT, text, (m) => {
    unread.push({ start: m.index, end: m.index + m[0].length });
    warnings.push(`"${tidy(m[0])}" gives VAT as an amount; the invoice works VAT out from the rate — check the VAT`);
    text = blank(text, m.index, m.index + m[0].length);
  });

  eachMatch(BARE_AFTER_AMOUNT, text, (m) => {
    rates.push({ rate: namedRate(m[0]), words: tidy(m[0]) });
    vague = tidy(m[0]);
    take(m);
  });

  // A VAT word no pattern read ("Consulting 50,000 less VAT"): never a silent full-confidence draft.
  eachMatch(LEFT_OVER, text, (m) => {
    const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, m.index - 2)) + 1);
    const to = text.indexOf(' ', m.index + m[0].length + 1);
    warnings.push(`Could not tell what "${tidy(text.slice(from, to < 0 ? text.length : to))}" means for the VAT; the VAT was not changed — check the VAT`);
  });

  const stated = rates.length > 0;
  const first = rates[0];
  const rate = first ? first.rate : defaultRateBp;
  const distinct = new Set(rates.map((r) => String(r.rate)));
  if (distinct.size > 1) {
    warnings.push(`The sentence names more than one VAT treatment (${rates.map((r) => `"${r.words}"`).join(', ')}); used "${first!.words}" — check the VAT`);
  }
  if (new Set(inclusive).size > 1) warnings.push('The sentence says both that prices include VAT and that VAT is added — check the VAT');
  if (vague) warnings.push(`Could not tell whether "${vague}" means the prices include VAT; read it as VAT added on top — check the VAT`);
  if (rate !== null && rate > 10_000) warnings.push('A VAT rate above 100% cannot be right — check the VAT');
  if (!defaults.vatRegistered) {
    // Read (so the words are not taken for an item) but not charged: the business may not charge VAT.
    if (stated && rates.some((r) => r.rate !== null)) {
      warnings.push(`"${first!.words}" asks for VAT, but your business is not registered for VAT, so none was added (Settings → Business profile)`);
    }
    return { value: { rateBp: null, pricesIncludeTax: false, stated, inclusiveStated: false }, used, unread, warnings };
  }
  const inclusiveStated = inclusive.length > 0;
  return { value: { rateBp: rate, pricesIncludeTax: inclusive[0] ?? defaults.pricesIncludeTax, stated, inclusiveStated }, used, unread, warnings };
}
