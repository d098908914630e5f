// What each phrase reader (tax, discount, due date, period, stated total) hands back: the value it
// read, the stretches of the sentence it used up, and what the person should be told.

export interface Span {
  start: number;
  end: number;
}

export interface ClauseResult<T> {
  value: T;
  /** Offsets into the working text: blanked before the items are read. */
  used: Span[];
  /** Offsets of fragments that looked like this kind of phrase but could not be read. */
  unread: Span[];
  warnings: string[];
}

/** Runs a global pattern over the working text and hands each match to `read`. */
export function eachMatch(pattern: RegExp, text: string, read: (match: RegExpExecArray) => void): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    read(m);
  }
}

/** True when [start, end) overlaps a span already used. */
export function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((s) => start < s.end && s.start < end);
}
