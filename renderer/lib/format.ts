// Display formatting shared by the screens. Money stays integer minor units until here.
import { CURRENCIES, formatMoney, type CurrencyCode } from '../../shared/money';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
});
const countFormat = new Intl.NumberFormat('en-GB');

export function isCurrency(code: string): code is CurrencyCode {
  return (CURRENCIES as readonly string[]).includes(code);
}

/**
 * formatMoney for a currency code that came over the wire as a plain string. A code this app does not
 * know has no known number of decimals: its amount is shown as the stored minor units, never guessed.
 */
export function money(minor: number, currency: string): string {
  return isCurrency(currency) ? formatMoney(minor, currency) : `${currency} ${formatCount(minor)} (minor units)`;
}

function toDate(value: string): Date | null {
  // Business dates are YYYY-MM-DD: read them as local dates so they never shift a day.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026-11-21" or an ISO time -> "21 Nov 2026". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = toDate(value);
  return d ? dateFormat.format(d) : value;
}

export function formatDateTime(value: string): string {
  const d = toDate(value);
  return d ? dateTimeFormat.format(d) : value;
}

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** "1 customer" / "1,234 customers". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
