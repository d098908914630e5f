// The sentence as the parser reads it, with a way back to what the person typed: every rewrite
// (spacing, "twelve" -> "12") keeps a map from each character to its place in the original, so a
// line's `source` and the `unparsed` fragments quote the person's own words.

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export class MappedText {
  /** map[i] is the original index of text[i]; map[text.length] is the original length. */
  private constructor(
    readonly text: string,
    private readonly map: readonly number[],
    readonly original: string,
  ) {}

  static of(original: string): MappedText {
    const map = Array.from({ length: original.length + 1 }, (_, i) => i);
    return new MappedText(original, map, original);
  }

  /** Applies non-overlapping edits; the new characters point at the start of the text they replace. */
  splice(edits: readonly Edit[]): MappedText {
    if (edits.length === 0) return this;
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    let text = '';
    const map: number[] = [];
    let at = 0;
    for (const edit of sorted) {
      if (edit.start < at) continue;
      text += this.text.slice(at, edit.start);
      for (let i = at; i < edit.start; i++) map.push(this.map[i]!);
      text += edit.text;
      for (let i = 0; i < edit.text.length; i++) map.push(this.map[edit.start]!);
      at = edit.end;
    }
    text += this.text.slice(at);
    for (let i = at; i <= this.text.length; i++) map.push(this.map[i]!);
    return new MappedText(text, map, this.original);
  }

  /** Every match of a global regex replaced by what `replacer` returns (null keeps the match). */
  replace(pattern: RegExp, replacer: (match: RegExpExecArray) => string | null): MappedText {
    const edits: Edit[] = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(this.text); m; m = pattern.exec(this.text)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      const text = replacer(m);
      if (text !== null && text !== m[0]) edits.push({ start: m.index, end: m.index + m[0].length, text });
    }
    return this.splice(edits);
  }

  /** The person's own words behind text.slice(start, end). */
  originalSlice(start: number, end: number): string {
    const from = this.map[Math.max(0, Math.min(start, this.text.length))]!;
    const to = this.map[Math.max(0, Math.min(end, this.text.length))]!;
    return this.original.slice(from, Math.max(from, to)).trim();
  }
}

/** Blanks [start, end) of a working copy with spaces, so that offsets stay those of the MappedText. */
export function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

/** Collapses runs of spaces and trims: what a fragment looks like when quoted back to the person. */
export function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
