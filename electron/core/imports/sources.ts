// Which tool a file came from, by its header row, and the mapping proposed for it. A tool's own
// column names come first; a column it does not name is matched by the field's usual names.
import { IMPORT_SOURCE_LABELS, type ImportSource, type ImportSourceId } from '../../../shared/domain/imports';

/** One tool's export of one kind of record. */
export interface SourceProfile<F extends string> {
  source: Exclude<ImportSourceId, 'spreadsheet'>;
  /** Headers that together say the file is this tool's export (compared without case, spaces or punctuation). */
  signature: readonly string[];
  /** The tool's headers that feed each field, best first. */
  columns: Partial<Record<F, readonly string[]>>;
}

export const simplify = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The profile whose whole signature is in the header row; the longest signature wins a tie. */
export function recognizeSource<F extends string>(headers: readonly string[], profiles: readonly SourceProfile<F>[]): SourceProfile<F> | null {
  const present = new Set(headers.map(simplify));
  let best: SourceProfile<F> | null = null;
  for (const profile of profiles) {
    if (!profile.signature.every((h) => present.has(simplify(h)))) continue;
    if (!best || profile.signature.length > best.signature.length) best = profile;
  }
  return best;
}

export function sourceOf(profile: SourceProfile<string> | null): ImportSource {
  const id: ImportSourceId = profile?.source ?? 'spreadsheet';
  return { id, label: IMPORT_SOURCE_LABELS[id] };
}

/**
 * Proposes which header feeds each field. The recognised tool's columns first; then, for fields it
 * left unmapped, the field's usual names among the headers no profile column claims. Each header
 * feeds one field at most. The person can change any of it in the preview.
 */
export function proposeMapping<F extends string>(
  headers: readonly string[],
  fields: readonly F[],
  synonyms: Record<F, readonly string[]>,
  profile: SourceProfile<F> | null,
): Record<F, string | null> {
  const bySimple = new Map<string, string>();
  for (const h of headers) if (h !== '' && !bySimple.has(simplify(h))) bySimple.set(simplify(h), h);
  // "Price (KES)" and "Amount (USD)" are the price and the amount: a bracketed note at the end names no field.
  for (const h of headers) {
    const bare = simplify(h.replace(/\s*\([^)]*\)\s*$/, ''));
    if (bare !== '' && !bySimple.has(bare)) bySimple.set(bare, h);
  }
  const taken = new Set<string>();
  const mapping = {} as Record<F, string | null>;
  const claimed = new Set(Object.values<readonly string[] | undefined>(profile?.columns ?? {}).flatMap((names) => (names ?? []).map(simplify)));
  for (const field of fields) {
    mapping[field] = null;
    for (const name of profile?.columns[field] ?? []) {
      const header = bySimple.get(simplify(name));
      if (header && !taken.has(header)) {
        mapping[field] = header;
        taken.add(header);
        break;
      }
    }
  }
  for (const field of fields) {
    if (mapping[field] !== null || (profile && profile.columns[field])) continue;
    // The field's names in order of preference: "Name" beats "Company" for the name.
    for (const name of synonyms[field]) {
      const header = bySimple.get(name);
      if (header && !taken.has(header) && !claimed.has(name)) {
        mapping[field] = header;
        taken.add(header);
        break;
      }
    }
  }
  return mapping;
}

/** Keeps only known fields pointing at headers that exist in this file. */
export function cleanMapping<F extends string>(fields: readonly F[], mapping: Record<string, string | null>, headers: readonly string[]): Record<F, string | null> {
  const clean = {} as Record<F, string | null>;
  for (const field of fields) {
    const header = mapping[field] ?? null;
    clean[field] = header !== null && headers.includes(header) ? header : null;
  }
  return clean;
}

/** Each record's cells under a mapping, by field. */
export function cellsOf<F extends string>(headers: readonly string[], mapping: Record<F, string | null>, cells: readonly string[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const [field, header] of Object.entries(mapping) as [F, string | null][]) {
    if (header === null) continue;
    out[field] = cells[headers.indexOf(header)] ?? '';
  }
  return out;
}
