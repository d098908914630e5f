import { getCountries } from 'libphonenumber-js/min';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export interface Country {
  code: string;
  name: string;
}

/** Every country libphonenumber knows, by English name, for pickers and for reading CSV country names. */
export const COUNTRIES: readonly Country[] = getCountries()
  .map((code) => ({ code, name: regionNames.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name));

const byName = new Map(COUNTRIES.map((c) => [c.name.toLowerCase(), c.code]));
const byCode = new Set(COUNTRIES.map((c) => c.code));

/** "Kenya", "kenya", "KE", "ke" -> "KE"; anything else -> null. */
export function countryCodeOf(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (byCode.has(t.toUpperCase())) return t.toUpperCase();
  return byName.get(t.toLowerCase()) ?? null;
}

export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}
