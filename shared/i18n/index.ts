// The words customers read, in their language (a customer's language is English or Swahili): ICU
// messages from one catalog per language (en.ts, sw.ts) through intl-messageformat, and one date
// formatter per language. Money keeps one format in both (KES 17,400.00), as Kenyan invoices write it.
// The app's own screens stay English; a catalog for them can sit beside these when it is wanted.
import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './en';
import { sw } from './sw';

export type { MessageKey } from './en';

export type Language = 'en' | 'sw';
export const CUSTOMER_LANGUAGES: readonly Language[] = ['en', 'sw'];
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', sw: 'Swahili' };

/** A stored language code as one Billbook writes in; anything else reads English. */
export function languageOf(code: string | null | undefined): Language {
  return code === 'sw' ? 'sw' : 'en';
}

export const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, sw };
const LOCALES: Record<Language, string> = { en: 'en-KE', sw: 'sw-KE' };

export type MessageValues = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

function formatterOf(language: Language, key: MessageKey): IntlMessageFormat {
  const cacheKey = `${language}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    // ignoreTag: a business name with "<" in it is text, not markup.
    format = new IntlMessageFormat(CATALOGS[language][key], LOCALES[language], undefined, { ignoreTag: true });
    compiled.set(cacheKey, format);
  }
  return format;
}

/** One message in one language, its values filled in. */
export function message(language: Language, key: MessageKey, values: MessageValues = {}): string {
  const out = formatterOf(language, key).format(values);
  return Array.isArray(out) ? out.join('') : String(out);
}

const SHORT_MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// Written out rather than asked of Intl: the same on every machine, whatever ICU data it carries.
const MONTHS_SW = ['Januari', 'Februari', 'Machi', 'Aprili', 'Mei', 'Juni', 'Julai', 'Agosti', 'Septemba', 'Oktoba', 'Novemba', 'Desemba'];

export const MONTH_NAMES: Record<Language, readonly string[]> = { en: MONTHS_EN, sw: MONTHS_SW };

function parts(iso: string): { year: string; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? { year: m[1]!, month: Number(m[2]), day: Number(m[3]) } : null;
}

/** A business date as a customer reads it: "18 Nov 2026", "18 Novemba 2026". Day first in both. */
export function customerDate(language: Language, iso: string): string {
  const p = parts(iso);
  if (!p) return iso;
  const month = language === 'sw' ? MONTHS_SW[p.month - 1] : SHORT_MONTHS_EN[p.month - 1];
  return `${p.day} ${month ?? p.month} ${p.year}`;
}

/** "November 2026", "Novemba 2026": a billing period. */
export function monthYear(language: Language, iso: string): string {
  const p = parts(iso);
  if (!p) return iso;
  return `${MONTH_NAMES[language][p.month - 1] ?? p.month} ${p.year}`;
}

/** Payment terms as printed: the ones Billbook writes ("Net 30", "Due on receipt") in the customer's language; typed ones as typed. */
export function printedTerms(language: Language, terms: string): string {
  if (terms === 'Due on receipt') return message(language, 'terms.onReceipt');
  const net = /^Net (\d{1,3})$/.exec(terms);
  return net ? message(language, 'terms.net', { days: Number(net[1]) }) : terms;
}

export const PAYMENT_METHOD_KEYS = { mpesa: 'method.mpesa', bank: 'method.bank', cash: 'method.cash', card: 'method.card', other: 'method.other' } as const;

/** Everything a template needs in one language. */
export interface Words {
  language: Language;
  t(key: MessageKey, values?: MessageValues): string;
  date(iso: string): string;
  monthYear(iso: string): string;
  method(method: keyof typeof PAYMENT_METHOD_KEYS): string;
  terms(text: string): string;
}

const WORDS = new Map<Language, Words>();

export function wordsFor(language: Language): Words {
  let words = WORDS.get(language);
  if (!words) {
    words = {
      language,
      t: (key, values) => message(language, key, values),
      date: (iso) => customerDate(language, iso),
      monthYear: (iso) => monthYear(language, iso),
      method: (method) => message(language, PAYMENT_METHOD_KEYS[method] ?? 'method.other'),
      terms: (text) => printedTerms(language, text),
    };
    WORDS.set(language, words);
  }
  return words;
}

/** The values a message uses (its arguments), for the catalogs' own check. */
export function argumentsOf(text: string): Set<string> {
  const found = new Set<string>();
  const walk = (elements: ReturnType<IntlMessageFormat['getAst']>) => {
    for (const el of elements) {
      // Literal text (type 0) carries a value too; arguments, selects and plurals name theirs.
      if (el.type !== 0 && 'value' in el && typeof el.value === 'string') found.add(el.value);
      if ('options' in el) for (const option of Object.values(el.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(text, 'en', undefined, { ignoreTag: true }).getAst());
  return found;
}
