// The import reads plainly written East African mobile numbers without libphonenumber
// (shared/domain/plainPhone.ts). Whatever that shortcut accepts must be exactly what libphonenumber
// gives, the number and its country, or a customer's phone would differ by how it was read.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { countryOfPhone, normalizePhone } from '../../shared/domain/phone';
import { plainPhoneNumber } from '../../shared/domain/plainPhone';

/** What libphonenumber says, as normalizePhone reads these shapes (no spaces, no lost "+"). */
function library(text: string, country: string): { e164: string; country: string | undefined } | null {
  const parsed = parsePhoneNumberFromString(text, country.toUpperCase() as CountryCode);
  return parsed?.isValid() ? { e164: parsed.number, country: parsed.country } : null;
}

let seed = 17;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

/** Every first three digits after "0" or a calling code, with national numbers of 7 to 11 digits. */
function candidates(): string[] {
  const texts: string[] = [];
  for (let lead = 0; lead < 1000; lead++) {
    const start = String(lead).padStart(3, '0');
    for (const length of [7, 8, 9, 9, 9, 10, 11]) {
      const national = start + digits(length - 3);
      texts.push(`0${national}`);
      for (const code of ['254', '255', '256', '250', '1', '44']) texts.push(`+${code}${national}`);
    }
  }
  // Near misses: a second "0", a space, a letter, a sign, the "+" left out.
  for (let i = 0; i < 2000; i++) {
    const national = `7${digits(8)}`;
    texts.push(`00${national}`, `+2540${national}`, `0${national} `, ` 0${national}`, `0${national.slice(0, 4)} ${national.slice(4)}`, `0${national}x`, `254${national}`, `+254${national}1`, `-0${national}`);
  }
  return texts;
}

describe('plain phone numbers read without libphonenumber', () => {
  const texts = candidates();

  it('reads every number it accepts exactly as libphonenumber does, in any default country', () => {
    let accepted = 0;
    for (const country of ['KE', 'UG', 'TZ', 'RW', 'ke', 'US', 'GB', 'NG', 'XX', '']) {
      for (const text of texts) {
        const plain = plainPhoneNumber(text, country);
        if (!plain) continue;
        accepted++;
        expect({ text, country, reading: plain }).toEqual({ text, country, reading: library(text, country) });
      }
    }
    // Not a vacuous pass: most plainly written mobile numbers take the shortcut.
    expect(accepted).toBeGreaterThan(10_000);
  });

  it('takes the usual mobile numbers of each country it knows', () => {
    expect(plainPhoneNumber('0722123456', 'KE')).toEqual({ e164: '+254722123456', country: 'KE' });
    expect(plainPhoneNumber('0110123456', 'ke')).toEqual({ e164: '+254110123456', country: 'KE' });
    expect(plainPhoneNumber('+254722123456', 'US')).toEqual({ e164: '+254722123456', country: 'KE' });
    expect(plainPhoneNumber('0772123456', 'UG')).toEqual({ e164: '+256772123456', country: 'UG' });
    expect(plainPhoneNumber('0712345678', 'TZ')).toEqual({ e164: '+255712345678', country: 'TZ' });
    expect(plainPhoneNumber('0788123456', 'RW')).toEqual({ e164: '+250788123456', country: 'RW' });
    // A local number of a country it has no plan for is libphonenumber's to read.
    expect(plainPhoneNumber('0722123456', 'US')).toBeNull();
  });

  it('gives normalizePhone and countryOfPhone the answers libphonenumber gives', () => {
    for (const country of ['KE', 'UG', 'US']) {
      for (const text of texts.slice(0, 20_000)) {
        const expected = library(text, country);
        const result = normalizePhone(text, country);
        if (!result.ok) continue;
        // The reading may also come from normalizePhone's own rules (a lost "+"): only the shortcut's are compared.
        if (!plainPhoneNumber(text, country)) continue;
        expect({ text, country, e164: result.e164, from: countryOfPhone(result.e164) }).toEqual({ text, country, e164: expected?.e164, from: expected?.country });
      }
    }
  });
});
