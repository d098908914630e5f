// The item catalog as the parser sees it: which catalog item a line's words name. "10 bags of
// cement" names "Cement" (the item's words are all in the line), and "cement" alone names "Cement
// 50 kg" (the line's words are all in the item's name) unless two items fit equally, when the
// line is left for the person to choose. Pure: the same entries always give the same matches.
import type { CurrencyCode } from '../money';
import type { TaxRateBp } from '../totals';

export interface CatalogEntry {
  id: string;
  name: string;
  code: string;
  unit: string;
  /** null: the item has no set price. */
  priceMinor: number | null;
  currency: CurrencyCode;
  taxRateBp: TaxRateBp;
}

export type CatalogMatch = { kind: 'item'; entry: CatalogEntry } | { kind: 'ambiguous'; entries: CatalogEntry[] };

export interface CatalogIndex {
  readonly size: number;
  /** The item these words name, several when more than one fits as well, or null. */
  match(words: string): CatalogMatch | null;
}

/** Words that say nothing about which item is meant. */
const STOP = new Set(['a', 'an', 'the', 'of', 'for', 'and', 'with', 'to', 'in', 'on', 'at', 'per', 'each', 'by', 'from', 'x', 'plus', '&']);

/** "Bags" -> "bag", "boxes" -> "box", "batteries" -> "battery": enough for item names. */
export function singularWord(word: string): string {
  if (word.length <= 3 || /(ss|us|is)$/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** The words of a name or a line that can tell items apart: lower case, singular, no filler. */
export function catalogWords(text: string): string[] {
  // "50 kg" and "50kg" are one size.
  const words = text.toLowerCase().replace(/(\d)\s+([a-z]{1,3})\b/g, '$1$2').normalize('NFKD').replace(/\p{M}/gu, '').match(/[\p{L}\p{N}]+(?:\.\d+)?/gu) ?? [];
  const out: string[] = [];
  for (const w of words) {
    if (STOP.has(w)) continue;
    const s = singularWord(w);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

interface Keyed {
  entry: CatalogEntry;
  words: string[];
}

/** How well an item's words and a line's words fit; 0: not at all. Higher is better. */
export function fitScore(item: readonly string[], line: ReadonlySet<string>): number {
  if (item.length === 0) return 0;
  let shared = 0;
  for (const w of item) if (line.has(w)) shared++;
  if (shared === item.length && shared === line.size) return 1000 + shared;
  // The item's whole name is in the line ("10 bags of Bamburi cement" names "Cement"): the longer the name, the surer.
  if (shared === item.length) return 500 + shared * 10;
  // The line's words are all in the item's name ("cement" for "Cement 50 kg"): the shorter the name, the surer.
  if (shared === line.size) return 100 + shared * 10 - item.length;
  return 0;
}

export function buildCatalogIndex(entries: readonly CatalogEntry[]): CatalogIndex {
  const keyed: Keyed[] = entries.map((entry) => ({ entry, words: catalogWords(entry.name) }));
  const byWord = new Map<string, Keyed[]>();
  const byCode = new Map<string, Keyed>();
  for (const k of keyed) {
    for (const w of k.words) {
      const list = byWord.get(w);
      if (list) list.push(k);
      else byWord.set(w, [k]);
    }
    const code = k.entry.code.trim().toLowerCase();
    if (code !== '' && !byCode.has(code)) byCode.set(code, k);
  }
  return {
    size: entries.length,
    match(text: string): CatalogMatch | null {
      const code = byCode.get(text.trim().toLowerCase());
      if (code) return { kind: 'item', entry: code.entry };
      const words = catalogWords(text);
      if (words.length === 0) return null;
      const line = new Set(words);
      // Every fitting item shares a word with the line: look only at those, rarest word first.
      const seen = new Set<Keyed>();
      let best = 0;
      let winners: Keyed[] = [];
      for (const w of words) {
        for (const k of byWord.get(w) ?? []) {
          if (seen.has(k)) continue;
          seen.add(k);
          const score = fitScore(k.words, line);
          if (score === 0 || score < best) continue;
          if (score > best) {
            best = score;
            winners = [k];
          } else if (!winners.some((x) => x.entry.id === k.entry.id)) winners.push(k);
        }
      }
      if (winners.length === 0) return null;
      if (winners.length === 1) return { kind: 'item', entry: winners[0]!.entry };
      return { kind: 'ambiguous', entries: winners.map((w) => w.entry).sort((a, b) => a.name.localeCompare(b.name)) };
    },
  };
}

/** Same unit, allowing for plurals and case: "bags" and "Bag" agree; "" agrees with anything. */
export function sameUnit(a: string, b: string): boolean {
  const x = singularWord(a.trim().toLowerCase());
  const y = singularWord(b.trim().toLowerCase());
  return x === '' || y === '' || x === y;
}

/**
 * A sentence price this far from the catalog's (a quarter more or less) is worth a second look:
 * a typo's extra zero, or a price that has changed.
 */
export function farFromCatalog(priceMinor: number, catalogMinor: number): boolean {
  if (catalogMinor === 0) return priceMinor !== 0;
  return priceMinor * 4 < catalogMinor * 3 || priceMinor * 4 > catalogMinor * 5;
}

/** A size written into an item's name, such as "50kg", "4L" or "12mm": digits joined to letters. */
const SIZE = /^\d+(?:\.\d+)?[a-z]+$/;

/**
 * "3 Bamburi cement 50kg" counts three of the item "Bamburi Cement 50kg", not 150 kg: when the
 * item's name carries the size the line was measured by, the count is the line's first number.
 * Returns that count in thousandths, or null when the line's own reading stands.
 */
export function countBeforeSize(entryName: string, source: string): number | null {
  const sizes = catalogWords(entryName).filter((w) => SIZE.test(w));
  if (sizes.length === 0) return null;
  const words = catalogWords(source);
  if (!sizes.some((size) => words.includes(size))) return null;
  const first = words.find((w) => /^\d+$/.test(w));
  return first === undefined || sizes.includes(first) ? null : Number(first) * 1000;
}
