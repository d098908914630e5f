// A table cell's one line of text, laid out the way textkit (react-pdf's text layout) lays it out,
// without textkit. A 120-line invoice has 600 cells, and textkit's full pipeline (bidi levels,
// script runs, font fallback, Knuth–Plass line breaking, run slicing) for each one was about a
// third of the invoice's render time, though a plain cell is one run of one font on one line.
// So a plain cell's line is made from the line textkit made for a cell of the same column (same
// font, size, colour, alignment and width), shaped again for its own words. Only where that is
// surely what textkit would make: the words must be simple Latin text (below) that fits with room
// to spare. Anything else gets null, and textkit lays the cell out as before.
// tests/integration/pdf-plain-lines.test.ts compares these lines with textkit's, character by character.
import { isDeepStrictEqual } from 'node:util';

interface ShapedGlyph {
  codePoints?: number[];
}

interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth?: number;
}

interface ShapingFont {
  layout(text: string, features?: unknown, script?: string, language?: string, direction?: string): { glyphs: ShapedGlyph[]; positions: GlyphPosition[] };
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** What textkit leaves on a run of a laid-out line, as far as this reads it. */
export interface LaidRun {
  start: number;
  end: number;
  attributes: {
    font?: unknown[];
    scale?: number;
    features?: unknown;
    align?: string;
    alignLastLine?: string;
    characterSpacing?: number;
    script?: string | null;
    link?: unknown;
    attachment?: unknown;
    verticalAlign?: unknown;
    yOffset?: number;
    indent?: number;
    direction?: string;
    bidiLevel?: number;
    [key: string]: unknown;
  };
  glyphs: ShapedGlyph[];
  positions: GlyphPosition[];
  stringIndices: number[];
  glyphIndices: number[];
  string?: string;
  height: number;
  ascent: number;
  descent: number;
  xAdvance: number;
}

/** A laid-out line (textkit's), as far as this reads it. */
export interface LaidLine {
  string: string;
  runs: LaidRun[];
  box: { x: number; y: number; width: number; height: number };
  overflowLeft: number;
  overflowRight: number;
  decorationLines: unknown[];
  height: number;
  ascent: number;
  descent: number;
  xAdvance: number;
}

/** textkit's alignment factors (justifyLine). */
const ALIGNMENT_FACTORS: Record<string, number> = { center: 0.5, right: 1 };
/** Words that come this close to the cell's width are textkit's to break. */
const SPARE_WIDTH = 1;

/** Latin letters: what Unicode's script property calls Latin among the characters allowed below. */
const isLatinLetter = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0xaa || c === 0xba ||
  (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x24f);

/**
 * Characters that textkit lays out as one left-to-right run in one font: printable ASCII, Latin-1
 * and Latin Extended A and B, dashes, quotes and other general punctuation, and currency signs.
 * Left out: no-break space and soft hyphen (textkit breaks and hyphenates around them), the line
 * and paragraph separators and joiners (react-pdf drops some of them), bidi marks, combining marks.
 */
const isSimple = (c: number): boolean =>
  (c >= 0x20 && c <= 0x7e) || (c >= 0xa1 && c <= 0xac) || (c >= 0xae && c <= 0x24f) ||
  (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || (c >= 0x20a0 && c <= 0x20c0);

/**
 * Where textkit's script itemizer splits simple text into runs, and each run's script: the text
 * from its first Latin letter on is a Latin run; what comes before it is a run with no script of
 * its own (the itemizer only starts counting at a Latin letter); text with no Latin letter is one
 * run it calls 'Unknown'. Null for text that is not simple.
 */
function scriptRuns(text: string): { start: number; end: number; script: string | null }[] | null {
  let firstLatin = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isSimple(c)) return null;
    if (firstLatin < 0 && isLatinLetter(c)) firstLatin = i;
  }
  if (firstLatin < 0) return [{ start: 0, end: text.length, script: 'Unknown' }];
  const latin = { start: firstLatin, end: text.length, script: 'Latin' };
  return firstLatin === 0 ? [latin] : [{ start: 0, end: firstLatin, script: null }, latin];
}

// textkit's own index maps (resolve$1 and resolve): ligatures map several characters to one glyph.
function stringIndicesOf(glyphs: ShapedGlyph[]): number[] {
  const result: number[] = [];
  for (let i = 0; i < glyphs.length; i++) {
    const count = glyphs[i]?.codePoints?.length ?? 0;
    for (let j = 0; j < count; j++) result.push(i);
  }
  return result;
}

function glyphIndicesOf(glyphs: ShapedGlyph[]): number[] {
  const result: number[] = [];
  let index = 0;
  for (let i = 0; i < glyphs.length; i++) {
    const length = glyphs[i]?.codePoints?.length ?? 0;
    result.push(length === 0 ? result[i - 1]! : index);
    index += length;
  }
  return result;
}

const isShapingFont = (font: unknown): font is ShapingFont =>
  typeof font === 'object' && font !== null && typeof (font as Partial<ShapingFont>).layout === 'function' && typeof (font as Partial<ShapingFont>).hasGlyphForCodePoint === 'function';

/** A run's attributes without its script, which is the one attribute that differs between runs of simple text. */
function baseAttributes(run: LaidRun): LaidRun['attributes'] {
  const { script: _script, ...rest } = run.attributes;
  return rest;
}

/** Whether a line textkit made can stand for its column: its runs differ only in script, with plain attributes, nothing this does not copy. */
function canStandFor(line: LaidLine): boolean {
  const first = line.runs[0];
  if (!first || line.decorationLines.length > 0 || line.overflowLeft !== 0 || line.overflowRight !== 0 || line.box.y !== 0) return false;
  const a = baseAttributes(first);
  if (line.runs.some((run) => !isDeepStrictEqual(baseAttributes(run), a) || run.height !== first.height || run.ascent !== first.ascent || run.descent !== first.descent)) return false;
  // Left to right at level 0, no first-line indent, no raised or lowered text: what the line below assumes.
  return isShapingFont(a.font?.[0]) && typeof a.scale === 'number' && a.scale > 0 && (a.characterSpacing ?? 0) === 0 &&
    a.link == null && a.attachment == null && a.verticalAlign == null && (a.yOffset ?? 0) === 0 && (a.indent ?? 0) === 0 &&
    (a.direction ?? 'ltr') === 'ltr' && (a.bidiLevel ?? 0) === 0 && a.align !== 'justify' && a.alignLastLine !== 'justify';
}

/** Makes a column's lines: for a cell's words, the line textkit would make, or null when that is not sure. */
export type ColumnLines = (text: string) => LaidLine | null;

/**
 * The lines of a column, from a line textkit made for one of its cells; null when that line
 * cannot stand for the others (several fonts, a link, letter spacing, justified text).
 */
export function columnLines(template: LaidLine): ColumnLines | null {
  if (!canStandFor(template)) return null;
  const model = template.runs[0]!;
  const base = baseAttributes(model);
  const font = base.font![0] as ShapingFont;
  const scale = base.scale!;
  const width = template.box.width;
  const alignFactor = ALIGNMENT_FACTORS[base.alignLastLine ?? ''] ?? 0;
  // One attributes object per script, shared by the column's runs: nothing after layout changes a run's attributes.
  const attributesFor = new Map<string | null, LaidRun['attributes']>();
  const attributesOf = (script: string | null) => {
    let attributes = attributesFor.get(script);
    if (!attributes) attributesFor.set(script, (attributes = { ...base, script }));
    return attributes;
  };
  return (text) => {
    if (text === '' || text.trimStart() !== text || text.trimEnd() !== text) return null;
    const pieces = scriptRuns(text);
    if (pieces === null) return null;
    // A character the font lacks is textkit's to take from the fallback font.
    for (let i = 0; i < text.length; i++) if (!font.hasGlyphForCodePoint(text.charCodeAt(i))) return null;
    const runs: LaidRun[] = [];
    let lineAdvance = 0;
    for (const { start, end, script } of pieces) {
      const part = text.slice(start, end);
      // The same call textkit's layoutRun makes for each run (so the shaping cache in textCaches.ts serves both).
      const shaped = font.layout(part, base.features, undefined, undefined, 'ltr');
      // textkit's yOffset step sets every position's yOffset from the run's (none here).
      const positions = shaped.positions.map((p) => ({
        // + the letter spacing textkit adds (none here), which also makes a -0 advance +0 as textkit's does.
        xAdvance: p.xAdvance * scale + 0,
        yAdvance: p.yAdvance * scale,
        xOffset: p.xOffset * scale,
        yOffset: 0,
        advanceWidth: p.advanceWidth,
      }));
      const xAdvance = positions.reduce((sum, p) => sum + (p.xAdvance || 0), 0);
      runs.push({
        ...model,
        attributes: attributesOf(script),
        start,
        end,
        // A copy, as textkit's slicing gives each line: the shaped run stays the cache's own.
        glyphs: shaped.glyphs.slice(),
        positions,
        stringIndices: stringIndicesOf(shaped.glyphs),
        glyphIndices: glyphIndicesOf(shaped.glyphs),
        ...(model.string === undefined ? {} : { string: part }),
        xAdvance,
      });
      lineAdvance += xAdvance;
    }
    // The runs' advances summed in order: the same sum textkit's justifyLine aligns by and its finalizeLine keeps.
    if (lineAdvance > width - SPARE_WIDTH) return null;
    return {
      ...template,
      string: text,
      runs,
      box: { ...template.box, x: Math.max(0, width - lineAdvance) * alignFactor },
      xAdvance: lineAdvance,
    };
  };
}
