// The phone numbers most customer files hold, read without libphonenumber: an East African mobile
// number written plainly, as "0722123456" in its own country or as "+254722123456" anywhere. These
// shapes are read as libphonenumber reads them (tests/unit/plain-phone.test.ts compares the two
// on every leading digit and many numbers); anything else goes to libphonenumber. An import of
// 100,000 customers spent a fifth of its preview parsing such numbers.
import { isSupportedCountry } from 'libphonenumber-js/min';

interface PlainPlan {
  country: string;
  callingCode: string;
  /**
   * National numbers of this plan that are all valid, with one length and a first digit that is
   * not the national prefix "0": within libphonenumber's national pattern for the country, whose
   * calling code is the country's alone (so the E.164 form names it).
   */
  mobile: RegExp;
}

const PLANS: readonly PlainPlan[] = [
  // KE: (?:[17]\d\d|900)\d{6}|…
  { country: 'KE', callingCode: '254', mobile: /^[17]\d{8}$/ },
  // UG: …|(?:[29]0|[347]\d)\d{7}
  { country: 'UG', callingCode: '256', mobile: /^7\d{8}$/ },
  // TZ: (?:[25-8]\d|41|90)\d{7}
  { country: 'TZ', callingCode: '255', mobile: /^[67]\d{8}$/ },
  // RW: (?:06|[27]\d\d|[89]00)\d{6}
  { country: 'RW', callingCode: '250', mobile: /^7\d{8}$/ },
];

const PLAN_OF_COUNTRY = new Map(PLANS.map((p) => [p.country, p]));
const PLAN_OF_CALLING_CODE = new Map(PLANS.map((p) => [p.callingCode, p]));

/**
 * The E.164 form and country of `text` when it is one of the plain shapes, read in `defaultCountry`;
 * null when it is not (libphonenumber decides then, valid or not).
 */
export function plainPhoneNumber(text: string, defaultCountry: string): { e164: string; country: string } | null {
  const first = text.charCodeAt(0);
  if (first === 43 /* + */) {
    // An international number ignores the default country, which must still be one libphonenumber knows.
    const plan = PLAN_OF_CALLING_CODE.get(text.slice(1, 4));
    const national = text.slice(4);
    if (!plan || !plan.mobile.test(national) || !isSupportedCountry(defaultCountry.toUpperCase())) return null;
    return { e164: text, country: plan.country };
  }
  if (first === 48 /* 0 */) {
    const plan = PLAN_OF_COUNTRY.get(defaultCountry.toUpperCase());
    const national = text.slice(1);
    if (!plan || !plan.mobile.test(national)) return null;
    return { e164: `+${plan.callingCode}${national}`, country: plan.country };
  }
  return null;
}
