// The catalog as drafting reads it: every live item, kept in memory and read again only when an
// item changed (a trigger counts the changes in meta.catalog_version). A sentence gets the few
// items it may name: the parser and the AI prompt both read that same short list.
import { buildCatalogIndex, catalogWords, fitScore, type CatalogEntry, type CatalogIndex } from '../../../shared/drafting/catalog';
import type { CoreContext } from '../context';
import type { Sql } from '../db/sql';
import { toCatalogEntry } from './mapping';
import { allLiveItems, catalogVersion } from './repo';

interface Catalog {
  version: string;
  entries: CatalogEntry[];
  words: string[][];
  byWord: Map<string, number[]>;
  byCode: Map<string, number>;
}

const cached = new WeakMap<Sql, Catalog>();

function catalogOf(sql: Sql): Catalog {
  const version = catalogVersion(sql);
  const hit = cached.get(sql);
  if (hit && hit.version === version) return hit;
  const entries = allLiveItems(sql).map(toCatalogEntry);
  const words = entries.map((e) => catalogWords(e.name));
  const byWord = new Map<string, number[]>();
  const byCode = new Map<string, number>();
  words.forEach((list, i) => {
    for (const w of list) {
      const at = byWord.get(w);
      if (at) at.push(i);
      else byWord.set(w, [i]);
    }
    const code = entries[i]!.code.toLowerCase();
    if (code !== '' && !byCode.has(code)) byCode.set(code, i);
  });
  const catalog = { version, entries, words, byWord, byCode };
  cached.set(sql, catalog);
  return catalog;
}

/** At most this many items go with one sentence: enough for a long invoice, short enough for a prompt. */
export const SENTENCE_CATALOG_LIMIT = 60;
/** The candidates kept for each piece of the sentence (a line, or what "and" or a comma separates). */
const PER_PIECE = 6;
/** Where one thing billed may end and the next begin, as the parser splits a sentence. */
const PIECES = /\n|;|,(?!\d{3})|\s(?:and|plus|&)\s|\+/i;
const isNumber = (w: string) => /^\d+(\.\d+)?$/.test(w);

/**
 * The live items a sentence may name: for each piece of it, the items that fit its words best
 * (a whole name first, then the most words shared), codes named anywhere first of all. Numbers
 * alone ("10", "1,500") name nothing. The parser and the AI prompt read the same list.
 */
export function entriesForSentence(ctx: Pick<CoreContext, 'sql'>, sentence: string, limit = SENTENCE_CATALOG_LIMIT): CatalogEntry[] {
  const catalog = catalogOf(ctx.sql);
  if (catalog.entries.length === 0) return [];
  const chosen: number[] = [];
  const taken = new Set<number>();
  const take = (i: number) => {
    if (!taken.has(i) && chosen.length < limit) {
      taken.add(i);
      chosen.push(i);
    }
  };
  for (const token of sentence.toLowerCase().split(/[\s,;]+/)) {
    const i = catalog.byCode.get(token);
    if (i !== undefined) take(i);
  }
  for (const piece of sentence.split(PIECES)) {
    const words = catalogWords(piece).filter((w) => !isNumber(w));
    if (words.length === 0) continue;
    const said = new Set(words);
    const shared = new Map<number, number>();
    for (const w of words) for (const i of catalog.byWord.get(w) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    const ranked: [number, number][] = [];
    for (const [i, n] of shared) ranked.push([i, fitScore(catalog.words[i]!, said) || n]);
    ranked.sort((a, b) => b[1] - a[1] || catalog.words[a[0]]!.length - catalog.words[b[0]]!.length || a[0] - b[0]);
    for (const [i] of ranked.slice(0, PER_PIECE)) take(i);
  }
  return chosen.map((i) => catalog.entries[i]!);
}

/** The index the parser matches a sentence's lines against. */
export function sentenceCatalog(ctx: Pick<CoreContext, 'sql'>, sentence: string): { entries: CatalogEntry[]; index: CatalogIndex } {
  const entries = entriesForSentence(ctx, sentence);
  return { entries, index: buildCatalogIndex(entries) };
}
