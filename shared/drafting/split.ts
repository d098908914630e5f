// Where one item may end and the next begin. New lines, semicolons and bullets always separate;
// commas, "and", "&", "+" and "plus" only might ("design and build" is one item): items.ts decides,
// by whether each piece has a price of its own.
import type { Span } from './clause';

/** Pieces between weak separators, grouped between strong ones. */
export type ItemGroups = Span[][];

// A full stop ends an item when a new sentence starts ("Website 50k. Hosting 6k").
const STRONG = /\n+|;|•|·|\s\|\s|(?:^|(?<=\n))\s*[-*]\s+|\.(?=\s+[A-Z])|\.\s*$/g;
// A comma between digits of an amount ("15,000") is not a separator.
const WEAK = /,(?!\d{3}(?!\d))|\s+(?:and|&|plus|also|as\s+well\s+as|together\s+with|alongside)(?=\s)|\+/gi;

function cut(text: string, start: number, end: number, pattern: RegExp): Span[] {
  const pieces: Span[] = [];
  const slice = text.slice(start, end);
  let at = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    pieces.push({ start: start + at, end: start + m.index });
    at = m.index + m[0].length;
  }
  pieces.push({ start: start + at, end });
  return pieces;
}

function trimmed(text: string, span: Span): Span | null {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

export function splitItems(text: string): ItemGroups {
  const groups: ItemGroups = [];
  for (const strong of cut(text, 0, text.length, STRONG)) {
    const pieces = cut(text, strong.start, strong.end, WEAK)
      .map((p) => trimmed(text, p))
      .filter((p): p is Span => p !== null);
    if (pieces.length) groups.push(pieces);
  }
  return groups;
}
