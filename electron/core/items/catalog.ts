// The catalog as drafting reads it: every live item, kept in memory and read again only when an
// item changed (a trigger counts the changes in meta.catalog_version). A sentence gets the few
// items it may name: the parser and the AI prompt both read that same short list.
import { buildCatalogIndex, catalogWords, type CatalogEntry, type CatalogIndex } from '../../../shared/drafting/catalog';
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
export const SENTENCE_CATALOG_LIMIT = 40;

/**
 * The live items a sentence may name, surest first: those whose whole name is in it, then those
 * sharing most words with it. Numbers alone ("10", "1,500") name nothing.
 */
export function entriesForSentence(ctx: Pick<CoreContext, 'sql'>, sentence: string, limit = SENTENCE_CATALOG_LIMIT): CatalogEntry[] {
  const catalog = catalogOf(ctx.sql);
  if (catalog.entries.length === 0) return [];
  const words = catalogWords(sentence).filter((w) => !/^\d+(\.\d+)?$/.test(w));
  const said = new Set(words);
  const shared = new Map<number, number>();
  for (const w of words) for (const i of catalog.byWord.get(w) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
  for (const token of sentence.toLowerCase().split(/[\s,;]+/)) {
    const i = catalog.byCode.get(token);
    if (i !== undefined) shared.set(i, Math.max(shared.get(i) ?? 0, 100));
  }
  const whole = (i: number) => catalog.words[i]!.every((w) => said.has(w));
  return [...shared.entries()]
    .map(([i, n]) => ({ i, n, whole: whole(i) }))
    .sort((a, b) => Number(b.whole) - Number(a.whole) || b.n - a.n || catalog.words[a.i]!.length - catalog.words[b.i]!.length || a.i - b.i)
    .slice(0, limit)
    .map((x) => catalog.entries[x.i]!);
}

/** The index the parser matches a sentence's lines against. */
export function sentenceCatalog(ctx: Pick<CoreContext, 'sql'>, sentence: string): { entries: CatalogEntry[]; index: CatalogIndex } {
  const entries = entriesForSentence(ctx, sentence);
  return { entries, index: buildCatalogIndex(entries) };
}
