import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/min';
import { plainPhoneNumber } from './plainPhone';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

const SCIENTIFIC = /^([+-]?)(\d)(?:[.,](\d+))?e\+?(\d+)$/i;

/**
 * Spreadsheets turn 254722123456 into "2.54722E+11". When the mantissa still holds every digit we
 * expand it exactly; when it does not, the digits are gone and we say so instead of guessing.
 */
export function expandSpreadsheetNumber(text: string): { ok: true; digits: string } | { ok: false; reason: string } | null {
  const match = SCIENTIFIC.exec(text.trim());
  if (!match) return null;
  const [, , lead, fraction = '', exponentText] = match;
  const exponent = Number(exponentText);
  const significant = lead! + fraction;
  if (fraction.length > exponent) return { ok: false, reason: `"${text}" is not a whole phone number` };
  if (fraction.length < exponent) {
    return {
      ok: false,
      reason: `"${text}" was shortened by a spreadsheet and its last digits are lost; format the column as text and export again`,
    };
  }
  return { ok: true, digits: significant };
}

/**
 * The last numbers read: a customer's phone is read when the row is checked, again by the schema's
 * rule (as the E.164 number the first reading gave) and again by its transform, and parsing is the
 * slow part of checking 100,000 imported rows. A number read is remembered as written and as its
 * E.164 form, which reads as itself in any country; with the country it belongs to.
 */
const recent = new Map<string, PhoneResult>();
const countryOfRecent = new Map<string, string | undefined>();
const RECENT_KEPT = 64;

const remember = <V>(map: Map<string, V>, key: string, value: V) => {
  if (map.size >= RECENT_KEPT) map.delete(map.keys().next().value!);
  map.set(key, value);
};

/** Normalizes a phone number a person or a spreadsheet wrote into E.164 ("+254722123456"). */
export function normalizePhone(text: string, defaultCountry: string = 'KE'): PhoneResult {
  const key = `${defaultCountry}|${text}`;
  const known = recent.get(key);
  if (known) return known;
  const result = readPhoneNumber(text, defaultCountry);
  remember(recent, key, result);
  if (result.ok && result.e164 !== text) remember(recent, `${defaultCountry}|${result.e164}`, result);
  return result;
}

/** The country an E.164 number belongs to (undefined when its calling code is shared and the number does not say). */
export function countryOfPhone(e164: string): string | undefined {
  return countryOfRecent.has(e164) ? countryOfRecent.get(e164) : parsePhoneNumberFromString(e164)?.country;
}

function readPhoneNumber(text: string, defaultCountry: string): PhoneResult {
  const plain = plainPhoneNumber(text, defaultCountry);
  if (plain) {
    remember(countryOfRecent, plain.e164, plain.country);
    return { ok: true, e164: plain.e164 };
  }
  const result = parsePhoneNumberText(text, defaultCountry);
  return result.ok ? { ok: true, e164: result.parsed.number } : result;
}

/** The country comes from the calling code and the national number alone, so it is the one a reading of the E.164 form gives. */
function parsePhoneNumberText(text: string, defaultCountry: string): { ok: true; parsed: PhoneNumber } | { ok: false; reason: string } {
  const found = parseValidPhoneNumber(text, defaultCountry);
  if (found.ok) remember(countryOfRecent, found.parsed.number, found.parsed.country);
  return found;
}

function parseValidPhoneNumber(text: string, defaultCountry: string): { ok: true; parsed: PhoneNumber } | { ok: false; reason: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'Phone number is empty' };
  let candidate = trimmed;
  const expanded = expandSpreadsheetNumber(trimmed);
  if (expanded && !expanded.ok) return expanded;
  if (expanded && expanded.ok) candidate = expanded.digits;
  // Spreadsheets also drop the "+" of an international number; a long all-digit number is read as one.
  const digitsOnly = candidate.replace(/[\s\-().]/g, '');
  if (/^\d{11,15}$/.test(digitsOnly) && !digitsOnly.startsWith('0')) {
    const international = parsePhoneNumberFromString(`+${digitsOnly}`);
    if (international?.isValid()) return { ok: true, parsed: international };
  }
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isValid()) {
    return { ok: false, reason: `"${trimmed}" is not a valid phone number${defaultCountry ? ` for ${defaultCountry.toUpperCase()}` : ''}` };
  }
  return { ok: true, parsed };
}

/** "+254722123456" -> "0722 123 456"-style national text for display. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}

/**
 * The digit strings a search should find this number by: every suffix of its E.164 digits, so a
 * fragment typed from anywhere in the number is a prefix. A national form typed with its leading 0
 * ("0722 12") is searched without the 0 (see phoneQueryDigits).
 */
export function phoneSearchTokens(e164: string): string[] {
  const full = e164.replace(/\D/g, '');
  const tokens: string[] = [];
  for (let start = 0; start <= full.length - 3; start++) tokens.push(full.slice(start));
  return tokens;
}

/** The digits to look up for a typed phone fragment: "0722 12" -> "72212", "+254 722" -> "254722". */
export function phoneQueryDigits(typed: string): string {
  const digits = typed.replace(/\D/g, '');
  const national = digits.replace(/^0+/, '');
  return national.length >= 3 ? national : digits;
}
