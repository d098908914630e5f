// Carries lines laid out before rendering (plainLines.ts) to react-pdf. A text node that already
// has its lines when react-pdf lays the page out keeps them: its layout only lays out text nodes
// without lines (measureText, resolveTextLayout). React cannot set a node's lines, so the lines
// ride on a prop of the <Text> and are moved onto the node between React and react-pdf's layout.
import { pdf, type DocumentProps } from '@react-pdf/renderer';
import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import type { LaidLine } from './plainLines';

const LAID_LINES = 'billbookLaidLines';

let enabled = true;

/** For the test that these lines change nothing: off, react-pdf lays every text out itself. */
export function setLaidText(on: boolean): void {
  enabled = on;
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

interface DocumentNode {
  type?: string;
  props?: Record<string, unknown>;
  lines?: unknown;
  children?: DocumentNode[];
}

/** Moves each text node's carried lines onto the node, where react-pdf's layout finds them. */
function adoptLaidLines(node: DocumentNode): void {
  const carried = node.props?.[LAID_LINES];
  if (carried !== undefined) {
    delete node.props![LAID_LINES];
    if (node.type === 'TEXT' && Array.isArray(carried)) node.lines = carried;
  }
  for (const child of node.children ?? []) adoptLaidLines(child);
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
