// Currency markers as East African invoices write them: KES, Ksh, Sh, 15,000/=, 500 bob, $, €, UGX ...
import type { CurrencyCode } from '../money';

/** "Sh", "/=" and "shillings" name a shilling without saying whose. */
export type CurrencyMark = CurrencyCode | 'SHILLING';

const MARKS: Record<string, CurrencyMark> = {
  kes: 'KES', ksh: 'KES', kshs: 'KES', 'k.sh': 'KES', bob: 'KES',
  sh: 'SHILLING', shs: 'SHILLING', shilling: 'SHILLING', shillings: 'SHILLING', '/=': 'SHILLING', '/-': 'SHILLING',
  ugx: 'UGX', ush: 'UGX', ushs: 'UGX',
  tzs: 'TZS', tsh: 'TZS', tshs: 'TZS',
  rwf: 'RWF', frw: 'RWF',
  usd: 'USD', 'us$': 'USD', $: 'USD', dollar: 'USD', dollars: 'USD',
  eur: 'EUR', '€': 'EUR', euro: 'EUR', euros: 'EUR',
  gbp: 'GBP', '£': 'GBP',
  zar: 'ZAR', rand: 'ZAR',
  ngn: 'NGN', '₦': 'NGN', naira: 'NGN',
};

/** The mark a token stands for ("Ksh." -> KES), or null. */
export function markOf(text: string): CurrencyMark | null {
  const key = text.toLowerCase().replace(/\.$/, '');
  return Object.prototype.hasOwnProperty.call(MARKS, key) ? MARKS[key]! : null;
}

const SHILLINGS: readonly CurrencyCode[] = ['KES', 'UGX', 'TZS'];

/** A bare shilling is the customer's shilling, or the Kenyan one. */
export function resolveMark(mark: CurrencyMark, customer: CurrencyCode): CurrencyCode {
  if (mark !== 'SHILLING') return mark;
  return SHILLINGS.includes(customer) ? customer : 'KES';
}

/** Codes written before or after an amount ("KES 500", "500 KES", "Ksh500"). */
export const CODE_SOURCE = '(?:kshs?|kes|k\\.sh|ugx|ushs?|tshs?|tzs|rwf|frw|usd|eur|gbp|zar|ngn)';
/** Symbols that stand before an amount. */
export const SYMBOL_SOURCE = '(?:us\\$|\\$|€|£|₦)';

// Every way a currency shows in a sentence; the lookarounds keep "Shoes" and "Bob's" out.
const ANY_MARK = new RegExp(
  [
    SYMBOL_SOURCE,
    `(?<![a-z])${CODE_SOURCE}\\.?(?![a-z])`,
    '(?<![a-z])shs?\\.?(?=\\s*\\d)',
    '(?<=\\d\\s?)(?:shs?|shillings?|bob|rand)(?![a-z])',
    '(?<=\\d\\s?)(?:\\/=|\\/-)',
    '(?<![a-z])(?:shillings?|dollars?|euros?|naira)(?![a-z])',
  ].join('|'),
  'gi',
);

/** Every currency the sentence names, in order, bare shillings resolved for this customer. */
export function currenciesIn(text: string, customer: CurrencyCode): CurrencyCode[] {
  const found: CurrencyCode[] = [];
  ANY_MARK.lastIndex = 0;
  for (let m = ANY_MARK.exec(text); m; m = ANY_MARK.exec(text)) {
    const mark = markOf(m[0]);
    if (mark) found.push(resolveMark(mark, customer));
  }
  return found;
}
