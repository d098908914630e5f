// pdfkit writes a page's drawing as one short text per operator ("1 0 0 1 40 36 cm", a run of
// glyphs), and turns each into bytes on its own with a loop over its characters, to join them all
// when the page ends: about 4% of a long invoice's render, and many small arrays to collect. Here
// the texts are kept as texts and turned into bytes once, natively, when something else is written
// to the stream or it ends. The bytes are the same: each text's characters as single bytes, each
// followed by a newline, in the order written (tests/integration/pdf.test.ts compares).
import PDFDocument from 'pdfkit';

interface StreamReference {
  buffer: Uint8Array[] | Uint8Array;
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  write(chunk: unknown): void;
  finalize(): void;
  /** Ours: texts written and not yet turned into bytes. */
  billbookTexts?: string[];
}

let enabled = true;
let patched = false;

/** For the test that this changes nothing: off, pdfkit turns every text into bytes as it comes. */
export function setJoinedContentWrites(on: boolean): void {
  enabled = on;
}

/** The texts kept so far, as the bytes pdfkit would have made of them, added to the stream's chunks. */
function flushTexts(reference: StreamReference): void {
  const texts = reference.billbookTexts;
  if (!texts || texts.length === 0) return;
  reference.billbookTexts = [];
  // 'latin1' keeps each character's low byte, as pdfkit's fromBinaryString does.
  (reference.buffer as Uint8Array[]).push(Buffer.from(texts.join(''), 'latin1'));
}

/** Installs the joined writes on pdfkit's stream references, once per thread. */
export function joinContentWrites(): void {
  if (patched) return;
  patched = true;
  // pdfkit does not export its reference class; a document's ref() makes one.
  const probe = new PDFDocument({ autoFirstPage: false }) as unknown as { ref(): StreamReference };
  const proto = Object.getPrototypeOf(probe.ref()) as StreamReference;
  const write = proto.write;
  const finalize = proto.finalize;
  proto.write = function (this: StreamReference, chunk: unknown) {
    if (!enabled || typeof chunk !== 'string' || !Array.isArray(this.buffer)) {
      flushTexts(this);
      write.call(this, chunk);
      return;
    }
    const text = `${chunk}\n`;
    (this.billbookTexts ??= []).push(text);
    // What pdfkit's own write keeps as it goes: the lengths, and the filter a compressed stream gets.
    this.uncompressedLength += text.length;
    this.data.Length = (this.data.Length ?? 0) + text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  proto.finalize = function (this: StreamReference) {
    flushTexts(this);
    finalize.call(this);
  };
}
