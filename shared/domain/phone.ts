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
const RECENT_KEPT = 64;

/**
 * The last 64 to 128 values kept, in two generations: when the newer is full it becomes the older
 * and the older is dropped whole. Dropping the oldest one at a time cost a Map iterator and a delete
 * for every number read, most of them never read again (an import's numbers are all different).
 */
class Recent<V> {
  private newer = new Map<string, V>();
  private older = new Map<string, V>();

  has(key: string): boolean {
    return this.newer.has(key) || this.older.has(key);
  }

  get(key: string): V | undefined {
    return this.newer.has(key) ? this.newer.get(key) : this.older.get(key);
  }

  set(key: string, value: V): void {
    if (this.newer.size >= RECENT_KEPT) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(key, value);
  }
}

const recent = new Recent<PhoneResult>();
const countryOfRecent = new Recent<string | undefined>();

/** Normalizes a phone number a person or a spreadsheet wrote into E.164 ("+254722123456"). */
export function normalizePhone(text: string, defaultCountry: string = 'KE'): PhoneResult {
  const key = `${defaultCountry}|${text}`;
  const known = recent.get(key);
  if (known) return known;
  const result = readPhoneNumber(text, defaultCountry);
  recent.set(key, result);
  if (result.ok && result.e164 !== text) recent.set(`${defaultCountry}|${result.e164}`, result);
  return result;
}

/** The country an E.164 number belongs to (undefined when its calling code is shared and the number does not say). */
export function countryOfPhone(e164: string): string | undefined {
  return countryOfRecent.has(e164) ? countryOfRecent.get(e164) : parsePhoneNumberFromString(e164)?.country;
}

function readPhoneNumber(text: string, defaultCountry: string): PhoneResult {
  const plain = plainPhoneNumber(text, defaultCountry);
  if (plain) {
    countryOfRecent.set(plain.e164, plain.country);
    return { ok: true, e164: plain.e164 };
  }
  const result = parsePhoneNumberText(text, defaultCountry);
  return result.ok ? { ok: true, e164: result.parsed.number } : result;
}

/** The country comes from the calling code and the national number alone, so it is the one a reading of the E.164 form gives. */
function parsePhoneNumberText(text: string, defaultCountry: string): { ok: true; parsed: PhoneNumber } | { ok: false; reason: string } {
  const found = parseValidPhoneNumber(text, defaultCountry);
  if (found.ok) countryOfRecent.set(found.parsed.number, found.parsed.country);
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
 * Phone digits from this start on are indexed as runs of PHONE_RUN digits, not as whole suffixes.
 * The first ones (a country code's digits) keep whole suffixes: a fragment typed from the start of
 * the number ("+254 722", "2547") is then one prefix, as before, rather than a phrase through the
 * runs every number of that country shares.
 */
const PHONE_HEAD = 3;
/** How many digits a run holds: fragments up to this long are a prefix of a run (see phoneMatchTerms). */
export const PHONE_RUN = 3;

/**
 * The digit strings a search should find this number by: one token for every start in its E.164
 * digits (up to three from the end), so that a fragment typed from anywhere in the number matches
 * tokens at consecutive starts. At the first PHONE_HEAD starts the token is the whole rest of the
 * number; after them it is the run of PHONE_RUN digits starting there.
 * A fragment of up to PHONE_RUN digits is then a prefix of the token where it starts; a longer one
 * is a prefix of a head token or the phrase of its runs (phoneMatchTerms). Every suffix used to be
 * a token of its own: about a million distinct terms at 100,000 customers, and most of the cost of
 * writing the search index. A number too short to have a head longer than a run keeps every
 * suffix (a phrase of runs can then never match inside it, and its prefix finds every fragment).
 * A national form typed with its leading 0 ("0722 12") is searched without the 0 (phoneQueryDigits).
 */
export function phoneSearchTokens(e164: string): string[] {
  const full = e164.replace(/\D/g, '');
  const runsFrom = full.length >= PHONE_HEAD + PHONE_RUN ? PHONE_HEAD : full.length;
  const tokens: string[] = [];
  for (let start = 0; start <= full.length - 3; start++) tokens.push(start < runsFrom ? full.slice(start) : full.slice(start, start + PHONE_RUN));
  return tokens;
}

/**
 * How an FTS5 query finds a fragment of digits in the phone tokens above: the prefix `"digits"*`
 * and, for a fragment longer than a run, also the phrase of its overlapping runs (`"722 221 212"`).
 * The phrase is null when the prefix alone finds every number holding the fragment.
 */
export function phoneMatchTerms(digits: string): { prefix: string; runs: string | null } {
  if (digits.length <= PHONE_RUN) return { prefix: digits, runs: null };
  const runs: string[] = [];
  for (let start = 0; start + PHONE_RUN <= digits.length; start++) runs.push(digits.slice(start, start + PHONE_RUN));
  return { prefix: digits, runs: runs.join(' ') };
}

/** The digits to look up for a typed phone fragment: "0722 12" -> "72212", "+254 722" -> "254722". */
export function phoneQueryDigits(typed: string): string {
  const digits = typed.replace(/\D/g, '');
  const national = digits.replace(/^0+/, '');
  return national.length >= 3 ? national : digits;
}
