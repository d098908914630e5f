// Carries lines laid out before rendering to react-pdf. A text node that already has its lines when
// react-pdf lays the page out keeps them: its layout only lays out text nodes without lines
// (measureText, resolveTextLayout). React cannot set a node's lines, so they ride on props and are
// moved onto the nodes between React and react-pdf's layout:
// - a plain table cell's line (plainLines.ts) on its <Text>;
// - the blocks pagination.tsx measured (the heading, totals, how to pay): on the <Page>, the
//   measured twin of each of the page's children, whose texts give their lines to the same texts.
import { pdf, type DocumentProps } from '@react-pdf/renderer';
import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import type { LaidLine } from './plainLines';

const LAID_LINES = 'billbookLaidLines';
const LAID_TWINS = 'billbookLaidTwins';

let enabled = true;
/** Texts given lines so far on this thread, by way: for the tests that these paths really run. */
const given = { cellLines: 0, twinLines: 0 };

/** For the test that these lines change nothing: off, react-pdf lays every text out itself. */
export function setLaidText(on: boolean): void {
  enabled = on;
}

export function laidTextCounts(): { cellLines: number; twinLines: number } {
  return { ...given };
}

/** A table row whose cells get the lines given, column by column (null: react-pdf lays that cell out). */
export function withLaidLines(row: ReactElement, lines: (LaidLine | null)[] | undefined): ReactElement {
  if (!enabled || !lines || lines.every((line) => line === null)) return row;
  const cells = Children.toArray((row.props as { children?: ReactNode }).children);
  if (cells.length !== lines.length) return row;
  return cloneElement(row, undefined, ...cells.map((cell, j) => {
    const line = lines[j];
    return line && isValidElement(cell) ? cloneElement(cell as ReactElement<Record<string, unknown>>, { [LAID_LINES]: [line] }) : cell;
  }));
}

/** What this reads of a node of react-pdf's tree, laid out or not. */
interface TextTree<Child> {
  type?: string;
  value?: string;
  lines?: unknown;
  alignOffset?: number;
  children?: Child[];
}

interface DocumentNode extends TextTree<DocumentNode> {
  props?: Record<string, unknown>;
}

/** A node as react-pdf laid it out, where its texts' lines can be taken from; null: none to take. */
export type LaidTwin = TextTree<LaidTwin> | null;

/** A page whose children get their texts' lines from their measured twins, child by child (null: none). */
export function withLaidTwins(page: ReactElement, twins: LaidTwin[]): ReactElement {
  return enabled ? cloneElement(page as ReactElement<Record<string, unknown>>, { [LAID_TWINS]: twins }) : page;
}

/** A text node's words, nested texts included: what its lines must hold. */
const wordsOf = (node: NonNullable<LaidTwin>): string =>
  node.type === 'TEXT_INSTANCE' ? node.value ?? '' : (node.children ?? []).map((child) => (child ? wordsOf(child) : '')).join('');

/**
 * Gives each text of `node` the lines of the same text in its twin: the same shape of tree, the
 * same words. Anywhere the two differ, that part is left to react-pdf.
 */
function takeTwinLines(node: DocumentNode, twin: NonNullable<LaidTwin>): void {
  // react-pdf lays an SVG's texts out its own way (resolveSvg), not with these lines.
  if (node.type !== twin.type || node.type === 'SVG') return;
  if (node.type === 'TEXT') {
    if (node.lines === undefined && Array.isArray(twin.lines) && wordsOf(node) === wordsOf(twin)) {
      node.lines = twin.lines;
      if (twin.alignOffset !== undefined) node.alignOffset = twin.alignOffset;
      given.twinLines += 1;
    }
    return;
  }
  const children = node.children ?? [];
  const twins = twin.children ?? [];
  if (children.length !== twins.length) return;
  children.forEach((child, i) => {
    const childTwin = twins[i];
    if (childTwin) takeTwinLines(child, childTwin);
  });
}

/** Moves carried lines onto the nodes, where react-pdf's layout finds them. */
function adoptLaidLines(node: DocumentNode): void {
  const carried = node.props?.[LAID_LINES];
  if (carried !== undefined) {
    delete node.props![LAID_LINES];
    if (node.type === 'TEXT' && Array.isArray(carried)) {
      node.lines = carried;
      given.cellLines += 1;
    }
  }
  for (const child of node.children ?? []) adoptLaidLines(child);
  const twins = node.props?.[LAID_TWINS];
  if (twins !== undefined) {
    delete node.props![LAID_TWINS];
    const children = node.children ?? [];
    if (Array.isArray(twins) && twins.length === children.length) {
      children.forEach((child, i) => {
        const twin = twins[i] as LaidTwin;
        if (twin) takeTwinLines(child, twin);
      });
    }
  }
}

/** react-pdf's renderToBuffer, with the carried lines put in place first. */
export async function renderLaidDocument(document: ReactElement<DocumentProps>): Promise<Buffer> {
  const instance = pdf(document);
  const root = (instance.container as { document: DocumentNode | null }).document;
  if (root) adoptLaidLines(root);
  const stream = await instance.toBuffer();
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
