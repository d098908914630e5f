// An invoice's pages worked out before react-pdf renders it, so react-pdf renders pages that need
// no splitting. Left to itself, react-pdf lays a long invoice out once, then lays every page out
// again while packing it, twice over (a second round for "Page X of Y"): about a third of a
// 120-line invoice's time. Here:
// - the blocks above and below the lines, the heading row and one plain row are laid out once by
//   react-pdf's own layout, in a small document of their own;
// - a plain row (every cell one line in the invoice font, with room to spare) is as tall as that
//   one, so the other rows need no layout to be measured; a row that is not plain is measured too;
// - react-pdf's own page-packing engine (@react-pdf/paginate) places those boxes, exactly as
//   react-pdf would place them, and each page is then rendered with what landed on it.
// - a plain row's cells get their lines made from the measured row's (plainLines.ts), so react-pdf
//   lays out no text for them when it renders the pages.
// Whenever the packing would split something other than the lines table between rows (a long note
// running onto the next page, say), this gives up and react-pdf paginates as before.
import layoutDocument from '@react-pdf/layout';
import { createPaginator, type Box, type FlowNode, type PlacedNode } from '@react-pdf/paginate';
import { Document, Font, Page, View, pdf } from '@react-pdf/renderer';
import { cloneElement, type ReactElement } from 'react';
import { INVOICE_FONT } from './fonts';
import { withLaidLines, withLaidTwins, type LaidTwin } from './laidText';
import { columnLines, type LaidLine } from './plainLines';
import { pageChrome } from './templates/parts';
import { keyed, type InvoicePlan } from './templates/plan';
import { PAGE_STYLE } from './templates/theme';

/** react-pdf's A4, in points. */
const A4 = { width: 595.28, height: 841.89 } as const;
/** Where the flow goes on every page: the footer and watermark sit over the page's padding, out of the flow. */
const REGION_HEIGHT = A4.height - PAGE_STYLE.paddingTop - PAGE_STYLE.paddingBottom;
const CONTENT_WIDTH = A4.width - 2 * PAGE_STYLE.paddingHorizontal;
/** Tall enough that nothing measured is squeezed. */
const MEASURE_HEIGHT = 100_000;
/** A cell whose words come this close to its width is measured rather than trusted to be one line. */
const SPARE_WIDTH = 1;
/** Rows not plain beyond this many are react-pdf's to paginate: measuring them all would cost what it saves. */
const MAX_MEASURED_ROWS = 40;

/** What react-pdf's layout leaves on a node that this reads. */
interface LaidBox {
  top?: number;
  height?: number;
  marginTop?: number | string;
  marginBottom?: number | string;
  paddingTop?: number;
  paddingBottom?: number;
  borderTopWidth?: number;
  borderBottomWidth?: number;
}
interface LaidNode {
  type: string;
  props?: Record<string, unknown>;
  style?: Record<string, unknown>;
  box?: LaidBox;
  children?: LaidNode[];
  /** A text node's lines, as react-pdf's text layout made them. */
  lines?: LaidLine[];
  alignOffset?: number;
}

/** The fontkit font react-pdf shapes the rows with. */
interface MeasuringFont {
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string, features?: unknown, script?: string, language?: string, direction?: string): { advanceWidth: number };
}

function invoiceFont(): MeasuringFont | null {
  let data: unknown;
  try {
    data = Font.getFont({ fontFamily: INVOICE_FONT, fontWeight: 400 })?.data;
  } catch {
    return null; // not registered on this thread
  }
  if (typeof data !== 'object' || data === null) return null;
  const font = data as Partial<MeasuringFont>;
  return typeof font.unitsPerEm === 'number' && typeof font.layout === 'function' && typeof font.hasGlyphForCodePoint === 'function' ? (font as MeasuringFont) : null;
}

const NO_FEATURES: string[] = [];

/** Words that surely take one line: no breaks of their own, every letter in the font, and room to spare. */
function oneLine(text: string, width: number, font: MeasuringFont, size: number): boolean {
  if (text === '') return true;
  if (/[\n\r\t\u00ad\u2028\u2029]/.test(text)) return false;
  for (const character of text) if (!font.hasGlyphForCodePoint(character.codePointAt(0) ?? 0)) return false;
  // Shaped as textkit shapes a run (no font features, left to right), so the shaping cache serves this and the cell's line alike.
  return (font.layout(text, NO_FEATURES, undefined, undefined, 'ltr').advanceWidth * size) / font.unitsPerEm <= width - SPARE_WIDTH;
}

/** For each row: true when every cell is one line, so the row is as tall as any other plain row. */
function plainRows(plan: InvoicePlan, font: MeasuringFont): boolean[] {
  const { widths, cellPadding, fontSize, cells } = plan.table;
  const fixed = widths.reduce<number>((sum, width) => sum + (width ?? 0), 0);
  const flexible = widths.filter((width) => width === null).length;
  const room = widths.map((width) => (width ?? (CONTENT_WIDTH - fixed) / Math.max(1, flexible)) - 2 * cellPadding);
  return cells.map((row) => row.every((text, i) => oneLine(text, room[i] ?? 0, font, fontSize)));
}

const numeric = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** The box the engine wants, from a laid-out node (react-pdf's layout makes the same one). */
function boxOf(node: LaidNode, top = node.box?.top ?? 0, height = node.box?.height ?? 0): Box {
  const b = node.box ?? {};
  return {
    top,
    height,
    marginTop: numeric(b.marginTop),
    marginBottom: numeric(b.marginBottom),
    edgeTop: (b.borderTopWidth ?? 0) + (b.paddingTop ?? 0),
    edgeBottom: (b.borderBottomWidth ?? 0) + (b.paddingBottom ?? 0),
  };
}

const NEVER_WRAP = ['SVG', 'NOTE', 'IMAGE', 'CANVAS'];
const wraps = (node: LaidNode): boolean => !NEVER_WRAP.includes(node.type) && (node.props && 'wrap' in node.props ? Boolean(node.props.wrap) : true);
const isAbsolute = (node: LaidNode): boolean => node.style?.position === 'absolute';
const isRow = (node: LaidNode): boolean => node.style?.flexDirection === 'row' || node.style?.flexDirection === 'row-reverse';

/** Flow nodes for a laid-out subtree, as react-pdf's paginator makes them (layout's toFlow). */
class FlowBuilder {
  /** Set when the engine wanted to split a block: only react-pdf can split text, so this gives up. */
  splitWanted = false;
  /** Set on anything this does not model (render props, forced breaks): react-pdf paginates. */
  unsupported = false;

  item(node: LaidNode, data?: unknown, box: Box = boxOf(node)): FlowNode {
    const props = node.props ?? {};
    if ('render' in props || props.break === true || typeof props.minPresenceAhead === 'number') this.unsupported = true;
    const flags = props.fixed === true ? { repeat: true } : {};
    if (isAbsolute(node)) return { box, absolute: true, data, ...flags };
    const children = node.children ?? [];
    const inFlow = children.filter((child) => !isAbsolute(child));
    if (node.type === 'TEXT' || inFlow.length === 0 || !wraps(node)) {
      return { box, data, ...flags, ...(wraps(node) ? { split: () => this.wantSplit() } : {}) };
    }
    return { box, data, ...flags, direction: isRow(node) ? 'row' : 'column', children: children.map((child) => this.item(child)) };
  }

  private wantSplit(): null {
    this.splitWanted = true;
    return null;
  }
}

type Place = { block: 'head' | 'tail'; index: number } | { block: 'table' } | { block: 'header' } | { block: 'row'; index: number };

const isPlace = (data: unknown): data is Place => typeof data === 'object' && data !== null && 'block' in data;

/** The lines table's part of one page: whether it starts there, and what of it landed there. */
interface TablePart {
  first: boolean;
  header: boolean;
  rows: number[];
}

type PageContent = ({ kind: 'block'; element: ReactElement; laid: LaidNode } | { kind: 'table'; part: TablePart })[];

interface Placement {
  pages: PageContent[];
  /** The heading row as measured. */
  header: LaidNode;
  /** Each row's cells' lines where they could be made without react-pdf (null: react-pdf lays that cell out). */
  rowLines: ((LaidLine | null)[] | undefined)[];
}

/**
 * The lines of every plain row's cells, made from the measured plain row's: each of its cells is a
 * line that can stand for its column, holding exactly the row's words (no text transform, nothing
 * dropped), and laid out at the column's full width (no offset for a narrower box).
 */
function plainRowLines(plan: InvoicePlan, plain: boolean[], sample: number, sampleNode: LaidNode | undefined): Placement['rowLines'] {
  const cells = sampleNode?.children ?? [];
  const columns = cells.map((cell, j) => {
    const line = cell.type === 'TEXT' && cell.lines?.length === 1 ? cell.lines[0]! : null;
    return line !== null && !cell.alignOffset && line.string === plan.table.cells[sample]?.[j] ? columnLines(line) : null;
  });
  if (columns.length === 0 || columns.length !== plan.table.widths.length) return [];
  return plain.map((isPlain, i) => (isPlain ? plan.table.cells[i]!.map((text, j) => columns[j]?.(text) ?? null) : undefined));
}

// The published types leave out the font store that react-pdf's renderer passes as the second argument.
const layoutWithFonts = layoutDocument as unknown as (document: unknown, fontStore: typeof Font) => Promise<unknown>;

/** Lays out the blocks, the heading row and the rows that need measuring, on one tall page. */
async function measure(plan: InvoicePlan, measuredRows: number[]): Promise<LaidNode | null> {
  const instance = pdf(
    <Document>
      <Page size={[A4.width, MEASURE_HEIGHT]} wrap={false} style={plan.pageStyle}>
        {keyed(plan.head, 'head')}
        <View style={plan.table.style}>
          {plan.table.header}
          {measuredRows.map((i) => plan.table.rows[i])}
        </View>
        {keyed(plan.tail, 'tail')}
      </Page>
    </Document>,
  );
  const document = (instance.container as { document: unknown }).document;
  const laid = (await layoutWithFonts(document, Font)) as LaidNode;
  return laid.children?.[0] ?? null;
}

/** Which blocks and rows land on which page, by react-pdf's own packing; null when react-pdf should paginate. */
async function placeInvoice(plan: InvoicePlan): Promise<Placement | null> {
  const font = invoiceFont();
  if (!font) return null;
  const plain = plainRows(plan, font);
  const sample = plain.indexOf(true);
  const measuredRows = plain.flatMap((isPlain, i) => (!isPlain || i === sample ? [i] : []));
  if (measuredRows.length - (sample >= 0 ? 1 : 0) > MAX_MEASURED_ROWS) return null;

  const page = await measure(plan, measuredRows);
  const blocks = page?.children ?? [];
  const { head, tail } = plan;
  if (blocks.length !== head.length + 1 + tail.length) return null;
  const table = blocks[head.length]!;
  const [headerNode, ...rowNodes] = table.children ?? [];
  if (!headerNode || rowNodes.length !== measuredRows.length) return null;

  // Every row's height, and where each starts in the table, as if all were laid out.
  const heightOf = new Map(measuredRows.map((row, k) => [row, rowNodes[k]!.box?.height ?? 0]));
  const plainHeight = sample >= 0 ? heightOf.get(sample)! : 0;
  const firstTop = rowNodes[0]?.box?.top ?? (headerNode.box?.top ?? 0) + (headerNode.box?.height ?? 0);
  const flow = new FlowBuilder();
  let top = firstTop;
  const rows: FlowNode[] = plain.map((isPlain, i) => {
    const height = isPlain ? plainHeight : heightOf.get(i)!;
    const node = flow.item(rowNodes[0]!, { block: 'row', index: i } satisfies Place, { ...boxOf(rowNodes[0]!), top, height });
    top += height;
    return node;
  });
  const measuredSpan = rowNodes.reduce((sum, node) => sum + (node.box?.height ?? 0), 0);
  const shift = top - firstTop - measuredSpan;
  const tableNode: FlowNode = {
    box: boxOf(table, table.box?.top, (table.box?.height ?? 0) + shift),
    data: { block: 'table' } satisfies Place,
    direction: 'column',
    children: [flow.item(headerNode, { block: 'header' } satisfies Place), ...rows],
  };
  const nodes: FlowNode[] = [
    ...blocks.slice(0, head.length).map((node, index) => flow.item(node, { block: 'head', index } satisfies Place)),
    tableNode,
    ...blocks.slice(head.length + 1).map((node, index) => flow.item(node, { block: 'tail', index } satisfies Place, boxOf(node, (node.box?.top ?? 0) + shift))),
  ];
  if (flow.unsupported) return null;

  const paginator = createPaginator(nodes);
  const placed: PlacedNode[][] = [];
  while (!paginator.done) {
    placed.push(paginator.next(REGION_HEIGHT));
    if (flow.splitWanted || placed.length > plan.table.rows.length + head.length + tail.length + 1) return null;
  }
  const pages: PageContent[] = [];
  for (const nodesOnPage of placed) {
    const content: PageContent = [];
    for (const node of nodesOnPage) {
      const place = node.data;
      if (!isPlace(place)) return null;
      if (place.block === 'table') {
        const part: TablePart = { first: node.part.isFirst, header: false, rows: [] };
        for (const child of node.children ?? []) {
          const inner = child.data;
          if (!isPlace(inner) || !child.part.isFirst || !child.part.isLast) return null;
          if (inner.block === 'header') part.header = true;
          else if (inner.block === 'row') part.rows.push(inner.index);
          else return null;
        }
        content.push({ kind: 'table', part });
        continue;
      }
      // A block split between pages is react-pdf's to split.
      if ((place.block !== 'head' && place.block !== 'tail') || !node.part.isFirst || !node.part.isLast) return null;
      // The tail's blocks come after the head's and the table among the measured blocks.
      const measuredAt = place.block === 'head' ? place.index : head.length + 1 + place.index;
      content.push({ kind: 'block', element: (place.block === 'head' ? head : tail)[place.index]!, laid: blocks[measuredAt]! });
    }
    pages.push(content);
  }
  return { pages, header: headerNode, rowLines: plainRowLines(plan, plain, sample, sample >= 0 ? rowNodes[measuredRows.indexOf(sample)] : undefined) };
}

let enabled = true;

/** For the tests and the bench that compare with react-pdf's own pagination: off, every invoice is react-pdf's to paginate. */
export function setInvoicePagination(on: boolean): void {
  enabled = on;
}

/**
 * The invoice as pages that need no splitting, each with its own footer ("Page 2 of 4"), or null
 * when react-pdf should paginate it (`flowingPage`).
 */
export async function invoicePages(plan: InvoicePlan): Promise<ReactElement[] | null> {
  const placement = enabled ? await placeInvoice(plan) : null;
  if (!placement) return null;
  const { pages, header, rowLines } = placement;
  const chrome = pageChrome(plan.chrome);
  const { table } = plan;
  // Each page's children as measured, for their texts' lines: the watermark (when there is one) and the footer were not measured; a table part, only its heading.
  const twinsOf = (content: PageContent): LaidTwin[] => [
    ...(plan.chrome.mark ? [null] : []),
    ...content.map((piece): LaidTwin => (piece.kind === 'block' ? piece.laid : { type: 'VIEW', children: [...(piece.part.header ? [header] : []), ...piece.part.rows.map(() => null)] })),
    null,
  ];
  return pages.map((content, p) => withLaidTwins(
    // react-pdf sizes a page it need not split to its content; the page is A4 all the same.
    <Page key={p} size="A4" wrap={false} style={{ ...plan.pageStyle, minHeight: A4.height, maxHeight: A4.height }}>
      {chrome({
        pageNumber: p + 1,
        totalPages: pages.length,
        children: content.map((piece, i) => (piece.kind === 'block' ? cloneElement(piece.element, { key: `block${i}` }) : (
          // A continued table loses the space above it, as react-pdf's own split does.
          <View key={`table${i}`} style={piece.part.first ? table.style : { ...table.style, marginTop: 0 }}>
            {piece.part.header ? table.header : null}
            {piece.part.rows.map((row) => withLaidLines(table.rows[row]!, rowLines[row]))}
          </View>
        ))),
      })}
    </Page>,
    twinsOf(content),
  ));
}
