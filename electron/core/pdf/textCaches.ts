// Two lookups react-pdf goes without, measured on a 120-line invoice as about a fifth of its
// time. Both only remember answers, so a PDF's bytes are the same with them or without them
// (tests/integration/pdf.test.ts compares).
// - fontkit shapes every run of text from scratch, though an invoice repeats its labels, units,
//   rates and column words on every line (Chromium keeps a shaping cache for the same reason).
// - pdfkit, handed a font object rather than a name (as react-pdf does for every run of text),
//   wraps the font again and compares its name tables as JSON before finding the one it has.
import { Font } from '@react-pdf/renderer';
import PDFDocument from 'pdfkit';

interface ShapingFont {
  layout(text: string, features?: unknown, script?: string, language?: string, direction?: string): unknown;
}

type FontMethod = (this: PdfDocumentFonts, src: unknown, family?: unknown, size?: unknown) => PdfDocumentFonts;

interface PdfDocumentFonts {
  _font: unknown;
  _fontSource: unknown;
  _fontFamily: unknown;
  fontSize(size: unknown): unknown;
  /** Ours: the font pdfkit made for each font object, per document. */
  billbookFontsByObject?: Map<object, unknown>;
}

/**
 * Shaped runs kept per font, in two generations of up to this many each: a run used again moves
 * to the newer one, and when the newer one is full the older one is dropped. So a batch of
 * different invoices keeps what they share (labels, units, rates), where emptying a full cache
 * made the next invoice shape everything again.
 */
const SHAPED_RUNS_PER_GENERATION = 4_000;
let enabled = true;

interface ShapedRuns {
  newer: Map<string, unknown>;
  older: Map<string, unknown>;
  perGeneration: number;
}

const shapedRuns = new WeakMap<object, ShapedRuns>();

function remembered(runs: ShapedRuns, key: string): unknown {
  const recent = runs.newer.get(key);
  if (recent !== undefined) return recent;
  const earlier = runs.older.get(key);
  if (earlier !== undefined) remember(runs, key, earlier);
  return earlier;
}

function remember(runs: ShapedRuns, key: string, run: unknown): void {
  if (runs.newer.size >= runs.perGeneration) {
    runs.older = runs.newer;
    runs.newer = new Map();
  }
  runs.newer.set(key, run);
}
const patchedShaping = new WeakSet<object>();
let patchedPdfkit = false;

/** For the test that the caches change nothing: off, every run is shaped and every font wrapped as react-pdf would. */
export function setTextCaches(on: boolean): void {
  enabled = on;
}

/** Remembers each font's shaped runs (on the font's class, so every weight of a family shares the patch). */
export function cacheShaping(font: ShapingFont, perGeneration = SHAPED_RUNS_PER_GENERATION): void {
  const proto = Object.getPrototypeOf(font) as ShapingFont;
  if (patchedShaping.has(proto)) return;
  patchedShaping.add(proto);
  const shape = proto.layout;
  proto.layout = function (this: object, text, features, script, language, direction) {
    if (!enabled) return shape.call(this, text, features, script, language, direction);
    let runs = shapedRuns.get(this);
    if (!runs) shapedRuns.set(this, (runs = { newer: new Map(), older: new Map(), perGeneration }));
    const key = `${direction ?? ''}\u0000${script ?? ''}\u0000${language ?? ''}\u0000${features === undefined ? '' : JSON.stringify(features)}\u0000${text}`;
    let run = remembered(runs, key);
    if (run === undefined) {
      run = shape.call(this, text, features, script, language, direction);
      remember(runs, key, run);
    }
    return run;
  };
}

/** Lets pdfkit find a font object it has already wrapped in this document by the object itself. */
export function cacheFontSwitching(): void {
  if (patchedPdfkit) return;
  patchedPdfkit = true;
  const proto = PDFDocument.prototype as { font: FontMethod };
  const font = proto.font;
  proto.font = function (src, family, size) {
    if (!enabled || typeof src !== 'object' || src === null) return font.call(this, src, family, size);
    const known = (this.billbookFontsByObject ??= new Map());
    const wrapped = known.get(src);
    if (wrapped === undefined) {
      font.call(this, src, family, size);
      known.set(src, this._font);
      return this;
    }
    // What pdfkit's own font() sets when it finds a font it knows.
    const sizeGiven = typeof family === 'number' ? family : size;
    this._fontSource = src;
    this._fontFamily = typeof family === 'number' ? null : family;
    if (sizeGiven != null) this.fontSize(sizeGiven);
    this._font = wrapped;
    return this;
  };
}

/**
 * Both caches for this thread, once: the shaping cache goes on the class of the font react-pdf
 * itself loaded (its fontkit, whichever build the bundle picked).
 */
export async function installTextCaches(fontFamily: string): Promise<void> {
  cacheFontSwitching();
  await Font.load({ fontFamily, fontWeight: 400 });
  const loaded: unknown = Font.getFont({ fontFamily, fontWeight: 400 }).data;
  if (typeof loaded === 'object' && loaded !== null && typeof (loaded as Partial<ShapingFont>).layout === 'function') cacheShaping(loaded as ShapingFont);
}
