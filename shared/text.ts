// What a text field may hold. Names, references and settings reach email headers and bodies, PDFs
// and SMS: a line break in a one-line field can forge an email line, NUL cuts text short in C
// libraries, and bidi controls (Trojan Source) make text read differently than it is stored.
import type { z } from 'zod';

/** C0 controls except tab, LF and CR; DEL; the C1 controls (NEL, U+0085, among them: a legacy line break nothing else reads). */
// eslint-disable-next-line no-control-regex -- finding control characters is this regex's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/**
 * Explicit direction embeddings, overrides and isolates, and interlinear annotation controls.
 * The implicit marks (U+200E, U+200F, U+061C) stay allowed: right-to-left keyboards type them,
 * and they only settle the direction of neutral characters, never reorder letters.
 */
const HIDDEN_FORMAT = /[\u202A-\u202E\u2066-\u2069\uFFF9-\uFFFB]/;
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;
const TAB = /\t/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Only space to tilde: no control, line break, tab or non-ASCII character. */
export const isPrintableAscii = (text: string): boolean => PRINTABLE_ASCII.test(text);

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with `text` for a field of this kind, said so the person can fix it; null when nothing. */
export function textProblem(text: string, kind: 'oneLine' | 'multiLine'): string | null {
  // Most text is printable ASCII, which holds none of the characters below: one test instead of four
  // (an import checks every cell of a 100,000-row file).
  if (isPrintableAscii(text)) return null;
  if (kind === 'oneLine') {
    if (LINE_BREAK.test(text)) return 'Line breaks are not allowed here: keep it on one line';
    if (TAB.test(text)) return 'Tabs are not allowed here: use a space instead';
  }
  const control = CONTROL.exec(text);
  if (control) return `Contains an invisible control character (${codePoint(control[0])}): retype the text or paste it as plain text`;
  const hidden = HIDDEN_FORMAT.exec(text);
  if (hidden) {
    return `Contains a hidden text-direction character (${codePoint(hidden[0])}) that can make text read differently than it is: retype the text without it`;
  }
  return null;
}

function refuse<T extends z.ZodString>(schema: T, kind: 'oneLine' | 'multiLine'): T {
  return schema.superRefine((value, ctx) => {
    const problem = textProblem(value, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** A one-line field (names, codes, phones, references): no line breaks, tabs, controls or bidi controls. */
export const oneLine = <T extends z.ZodString>(schema: T): T => refuse(schema, 'oneLine');

/** A field of several lines (notes, messages, reasons): line breaks and tabs, but no other controls or bidi controls. */
export const multiLine = <T extends z.ZodString>(schema: T): T => refuse(schema, 'multiLine');
