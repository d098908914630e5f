// Money is an integer count of minor units plus an ISO 4217 code. No floats are stored or added.

export const CURRENCIES = ['KES', 'UGX', 'TZS', 'RWF', 'USD', 'EUR', 'GBP', 'ZAR', 'NGN'] as const;
export type CurrencyCode = (typeof CURRENCIES)[number];

/**
 * The most one amount may be: a payment, a line, an invoice total, a discount, a credit note, a
 * credit limit. 10^13 minor units is 100 billion in a currency with cents (10 trillion in one
 * without, such as UGX): beyond any real bill, and 900 of them still add up exactly (below 2^53,
 * where JavaScript numbers stop counting in ones).
 */
export const MAX_AMOUNT_MINOR = 10_000_000_000_000;
/**
 * The most a customer's running totals (billed, paid, outstanding, credit) may reach: 10^15 minor
 * units, so a few of them added in one sum stay exact. Checked where they are written (core/ledger).
 */
export const MAX_BALANCE_MINOR = 1_000_000_000_000_000;
export const AMOUNT_TOO_LARGE = 'Too large: one amount can be at most 100 billion (10 trillion in currencies without cents, such as UGX). Check for extra zeros';

/** Minor units per major unit. UGX and RWF have no minor unit in practice. */
export const MINOR_DIGITS: Record<CurrencyCode, number> = {
  KES: 2, UGX: 0, TZS: 2, RWF: 0, USD: 2, EUR: 2, GBP: 2, ZAR: 2, NGN: 2,
};

export function formatMoney(minor: number, currency: CurrencyCode): string {
  const digits = MINOR_DIGITS[currency];
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const scale = 10 ** digits;
  const major = Math.floor(abs / scale);
  const fraction = abs % scale;
  const majorText = major.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = digits > 0 ? `${majorText}.${fraction.toString().padStart(digits, '0')}` : majorText;
  return `${negative ? '-' : ''}${currency} ${text}`;
}

/**
 * Reads an amount a person typed ("15,000", "1 500.50", "25k") into minor units.
 * Returns null when it is not a plain non-negative amount with at most the currency's decimals.
 */
export function parseMoney(text: string, currency: CurrencyCode): number | null {
  const cleaned = text.trim().replace(/[\s,]/g, '').replace(new RegExp(`^${currency}`, 'i'), '');
  const match = /^(\d+)(?:\.(\d+))?(k)?$/i.exec(cleaned);
  if (!match) return null;
  const digits = MINOR_DIGITS[currency];
  const [, whole, fraction = '', thousands] = match;
  if (thousands) {
    // "25k" and "2.5k": scale before rounding so that no float ever holds money.
    const milli = BigInt(whole!) * 1000n + BigInt((fraction + '000').slice(0, 3));
    if (fraction.length > 3) return null;
    return Number(milli * BigInt(10 ** digits));
  }
  if (fraction.length > digits) return null;
  const minor = BigInt(whole!) * BigInt(10 ** digits) + BigInt((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(minor);
}
