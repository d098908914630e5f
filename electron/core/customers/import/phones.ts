// A phone number from another tool's file, read in the countries the row points to: its own
// country, else its currency's, else the business's. A number valid in none of them is left out
// with the reason, never turned into someone else's number.
import { validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/min';
import { expandSpreadsheetNumber, normalizePhone } from '../../../../shared/domain/phone';

export type PhoneReading = { ok: true; e164: string } | { ok: false; reason: string };

/** The country a currency is the money of; the euro belongs to many, so to none. */
export const COUNTRY_OF_CURRENCY: Record<string, string> = {
  KES: 'KE', UGX: 'UG', TZS: 'TZ', RWF: 'RW', USD: 'US', GBP: 'GB', ZAR: 'ZA', NGN: 'NG',
  CAD: 'CA', AUD: 'AU', INR: 'IN', BSD: 'BS', ETB: 'ET', GHS: 'GH', BIF: 'BI', SSP: 'SS', CDF: 'CD',
};

export function readPhone(text: string, countries: readonly string[]): PhoneReading {
  const expanded = expandSpreadsheetNumber(text);
  if (expanded && !expanded.ok) return { ok: false, reason: 'shortened by a spreadsheet, its last digits are lost' };
  const tried = [...new Set(countries)];
  for (const country of tried) {
    const result = normalizePhone(text, country);
    if (result.ok) return result;
  }
  const candidate = expanded?.ok ? expanded.digits : text;
  const lengths = tried.map((c) => validatePhoneNumberLength(candidate, c as CountryCode));
  // Short for the country it most likely belongs to: digits are missing (an area code, usually).
  if (lengths[0] === 'TOO_SHORT') return { ok: false, reason: 'not a full number' };
  if (lengths.every((l) => l === 'TOO_LONG')) return { ok: false, reason: 'too many digits for a phone number' };
  if (!/\d{3}/.test(candidate)) return { ok: false, reason: 'not a phone number' };
  return { ok: false, reason: `not a valid number in ${tried.join(', ')}` };
}
