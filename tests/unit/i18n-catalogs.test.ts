// The customer's words in English and Swahili: the same messages with the same arguments, and no
// English left in the Swahili ones, read as a customer reads them (every select branch rendered).
import { describe, expect, it } from 'vitest';
import { argumentsOf, CATALOGS, message, type MessageKey } from '../../shared/i18n';

const KEYS = Object.keys(CATALOGS.en) as MessageKey[];
/** The same in both languages on purpose: a name, a code, a format. */
const SAME_IN_BOTH = new Set(['letter.from', 'pay.swift', 'method.mpesa', 'pdf.vat', 'pdf.vatAt']);
/** English words a Kenyan reader would notice in a Swahili message. */
const ENGLISH = /\b(Invoice|Payment|Balance|Please|Thank|Total|Amount|Quote|Statement|Dear|Receipt|Due|Paid|Reminder|attached|overdue|the|and|your|of|for|from|is|to)\b/;

/** Each message rendered with every argument "yes" (one branch of each select) and with each a number (the other, and plurals). */
function renderings(language: 'en' | 'sw', key: MessageKey): string[] {
  const args = [...argumentsOf(CATALOGS[language][key])];
  const out: string[] = [];
  for (const value of ['yes', 'no', 2, 1] as const) {
    try {
      out.push(message(language, key, Object.fromEntries(args.map((a) => [a, value]))));
    } catch {
      // a plural asked with a word: the number renderings cover it
    }
  }
  return out;
}

describe('customer message catalogs', () => {
  it('have the same messages in English and Swahili, each Swahili one using only values the code gives', () => {
    expect(Object.keys(CATALOGS.sw).sort()).toEqual([...KEYS].sort());
    // Swahili may need fewer (ankara is one word for one invoice and many), never others.
    for (const key of KEYS) {
      const given = argumentsOf(CATALOGS.en[key]);
      expect([key, [...argumentsOf(CATALOGS.sw[key])].filter((a) => !given.has(a))]).toEqual([key, []]);
    }
  });

  it('leave no English in the Swahili messages, in any branch', () => {
    const english: string[] = [];
    for (const key of KEYS) {
      if (SAME_IN_BOTH.has(key)) continue;
      const sw = renderings('sw', key);
      expect(sw.length, key).toBeGreaterThan(0);
      // Argument values ("yes", 2) are taken out: only the catalog's own words are read.
      for (const text of sw) if (ENGLISH.test(text.replace(/\byes\b|\bno\b/g, ''))) english.push(`${key}: ${text}`);
      if (renderings('en', key).join('|') === sw.join('|')) english.push(`${key}: same as English`);
    }
    expect(english).toEqual([]);
  });
});
