// Amounts for charts and files: compact for axes ("KES 1.2M"), plain decimals for CSV ("1500.50").
// Exact amounts on screen still come from formatMoney (shared/money.ts) through lib/format.ts.
import { MINOR_DIGITS } from '../../shared/money';
import { isCurrency } from './format';

const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });

function digitsOf(currency: string): number {
  return isCurrency(currency) ? MINOR_DIGITS[currency] : 0;
}

/** For axis ticks and tight labels only: "KES 1.2M", "USD 950", "KES 0". Never for totals a person reads as exact. */
export function compactMoney(minor: number, currency: string): string {
  // A float is fine here: the text is rounded to one decimal of a compact unit and never stored or added.
  const major = minor / 10 ** digitsOf(currency);
  return `${currency} ${compact.format(major)}`;
}

/** Minor units as a plain decimal in major units, "-1500.50": what a spreadsheet reads as a number. */
export function decimalAmount(minor: number, currency: string): string {
  const digits = digitsOf(currency);
  const abs = Math.abs(minor);
  const scale = 10 ** digits;
  const text = digits === 0 ? String(abs) : `${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
  return minor < 0 ? `-${text}` : text;
}

/** 0.873 -> "87%"; null -> "—". Probabilities and rates that arrive as 0..1. */
export function percentOf(share: number | null, digits = 0): string {
  if (share === null) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}
