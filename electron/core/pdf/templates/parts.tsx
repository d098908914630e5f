// Pieces the three templates are built from. Each takes the view (words already formatted) and a theme.
import { Image, Link, Path, Svg, Text, View, type Styles } from '@react-pdf/renderer';
import type { ReactElement, ReactNode } from 'react';
import type { Theme } from './theme';
import type { AmountRow, EtimsView, InvoiceView, LineView, Mark, PayOnlineView, TaxRow } from './view';

type Style = Styles[string];

const markColour = (mark: Mark, muted: string) => (mark.tone === 'good' ? '#1b7f3b' : mark.tone === 'bad' ? '#b3261e' : muted);

/** DRAFT / PAID / VOID (in the customer's language) across every page, faint, behind the content. */
export function Watermark({ mark, theme }: { mark: Mark | null; theme: Theme }): ReactElement | null {
  if (!mark) return null;
  // A long word (IMEBATILISHWA) is set smaller, so it still fits across the page.
  const fontSize = Math.min(110, Math.floor(900 / Math.max(1, mark.text.length)));
  return (
    <View fixed style={{ position: 'absolute', top: 0, left: 0, right: 0, bottom: 0, alignItems: 'center', justifyContent: 'center' }}>
      <Text style={{ fontSize, fontWeight: 700, color: markColour(mark, theme.muted), opacity: 0.12, transform: 'rotate(-35deg)' }}>{mark.text}</Text>
    </View>
  );
}

/** The same word as a small stamp by the document number, where a reader looks first. */
export function MarkBadge({ mark }: { mark: Mark | null }): ReactElement | null {
  if (!mark) return null;
  const colour = markColour(mark, '#6b6b6b');
  return (
    <Text style={{ marginTop: 4, alignSelf: 'flex-end', borderWidth: 1.5, borderColor: colour, color: colour, fontWeight: 700, fontSize: 11, paddingHorizontal: 6, paddingVertical: 2 }}>
      {mark.text}
    </Text>
  );
}

const footerStyle = (theme: Theme): Style => ({
  position: 'absolute', bottom: 24, left: 40, right: 40, flexDirection: 'row', justifyContent: 'space-between',
  borderTopWidth: 0.5, borderTopColor: theme.rule, paddingTop: 4, fontSize: 7.5, color: theme.muted,
});

/** What react-pdf hands a page layout: the page's content and where it is in the document. */
interface PageChromeProps {
  children?: ReactNode;
  pageNumber?: number;
  totalPages?: number;
}

/**
 * The watermark and the footer as a page layout (`<Page layout>`), for react-pdf's newer paginator,
 * which measures the content once and packs it into pages. The old one laid the whole remaining
 * document out again for every page, three times over, because the footer's page number was a
 * render prop: most of a long invoice's render time. Here the page number is known when the
 * layout runs, so the footer is plain text.
 */
export interface PageChromeOptions {
  mark: Mark | null;
  theme: Theme;
  left: string;
  page: (page: number, pages: number) => string;
}

export function pageChrome({ mark, theme, left, page }: PageChromeOptions): (props: PageChromeProps) => ReactElement {
  return function PageChrome({ children, pageNumber = 1, totalPages = 1 }: PageChromeProps): ReactElement {
    return (
      <>
        <Watermark mark={mark} theme={theme} />
        {children}
        <View style={footerStyle(theme)}>
          <Text>{left}</Text>
          <Text>{page(pageNumber, totalPages)}</Text>
        </View>
      </>
    );
  };
}

export function Logo({ src }: { src: string | null }): ReactElement | null {
  if (!src) return null;
  return <Image src={src} style={{ maxWidth: 120, maxHeight: 56, objectFit: 'contain', marginBottom: 6 }} />;
}

/** The business: name, address, PIN and contacts. */
export function BusinessBlock({ view, theme, nameSize }: { view: InvoiceView; theme: Theme; nameSize: number }): ReactElement {
  const b = view.business;
  return (
    <View>
      {b.name ? <Text style={{ fontSize: nameSize, fontWeight: 700, color: theme.ink, marginBottom: 3 }}>{b.name}</Text> : null}
      {b.addressLines.map((line, i) => <Text key={i}>{line}</Text>)}
      {b.pin ? <Text style={{ fontWeight: 700 }}>{b.pin}</Text> : null}
      {b.contacts.map((line, i) => <Text key={i} style={{ color: theme.muted }}>{line}</Text>)}
    </View>
  );
}

/** Who the document is made out to. */
export function CustomerBlock({ view, theme, showCode = false }: { view: Pick<InvoiceView, 'customer' | 'labels'>; theme: Theme; showCode?: boolean }): ReactElement {
  const c = view.customer;
  const title = view.labels.billTo;
  return (
    <View>
      <Text style={{ fontSize: 7.5, color: theme.muted, textTransform: 'uppercase', marginBottom: 2 }}>{title}</Text>
      <Text style={{ fontWeight: 700, fontSize: 10.5 }}>{c.name}</Text>
      {c.addressLines.map((line, i) => <Text key={i}>{line}</Text>)}
      {c.pin ? <Text>{c.pin}</Text> : null}
      {c.email ? <Text>{c.email}</Text> : null}
      {c.phone ? <Text>{c.phone}</Text> : null}
      {showCode ? <Text style={{ color: theme.muted }}>{view.labels.customerCode(c.code)}</Text> : null}
    </View>
  );
}

/** Label/value pairs: document number, dates, terms. The labels' column widens for longer words (Swahili's). */
export function Facts({ facts, theme, labelWidth = 62 }: { facts: [string, string][]; theme: Theme; labelWidth?: number }): ReactElement {
  const shown = facts.filter(([, value]) => value !== '');
  const longest = Math.max(0, ...shown.map(([label]) => label.length));
  const width = Math.min(130, Math.max(labelWidth, Math.ceil(longest * theme.fontSize * 0.52) + 6));
  return (
    <View>
      {shown.map(([label, value]) => (
        <View key={label} style={{ flexDirection: 'row', marginBottom: 1.5 }}>
          <Text style={{ width, color: theme.muted }}>{label}</Text>
          <Text style={{ fontWeight: 700, maxWidth: 150 }}>{value}</Text>
        </View>
      ))}
    </View>
  );
}

export interface Column {
  title: string;
  /** Points; absent: takes what is left. */
  width?: number;
  align?: 'left' | 'right';
  value(line: LineView): string;
}

/** The lines table in pieces, so a page can take some of its rows (pagination.tsx) or all of them. */
export interface LinesTablePlan {
  /** The table's own view: the space above it and its type size. */
  style: Style;
  /** The heading row; `fixed`, so react-pdf's own paginator repeats it on every page the table runs onto. */
  header: ReactElement;
  /** One row per line, in order; a row never splits across pages. */
  rows: ReactElement[];
  /** Each row's words, column by column, for telling the rows that surely take one line. */
  cells: string[][];
  /** Each column's width in points; null: takes what is left. */
  widths: (number | null)[];
  /** Space between a cell's edge and its words, each side. */
  cellPadding: number;
  fontSize: number;
}

const CELL_PADDING = 4;

/** The lines: the heading row and one row per line. */
export function linesTable({ lines, columns, theme, filledHeader }: { lines: LineView[]; columns: Column[]; theme: Theme; filledHeader: boolean }): LinesTablePlan {
  const cell = (c: Column): Style => ({
    ...(c.width ? { width: c.width } : { flexGrow: 1, flexBasis: 0 }),
    textAlign: c.align ?? 'left',
    paddingHorizontal: CELL_PADDING,
  });
  const header: Style = filledHeader
    ? { backgroundColor: theme.accent, color: theme.onAccent }
    : { borderBottomWidth: 1, borderBottomColor: theme.ink };
  const cells = lines.map((line) => columns.map((c) => c.value(line)));
  return {
    style: { marginTop: 14, fontSize: theme.tableFontSize },
    header: (
      <View key="header" fixed style={{ flexDirection: 'row', paddingVertical: 4, fontWeight: 700, ...header }}>
        {columns.map((c) => <Text key={c.title} style={cell(c)}>{c.title}</Text>)}
      </View>
    ),
    rows: cells.map((values, i) => (
      <View
        key={i}
        wrap={false}
        style={{
          flexDirection: 'row', paddingVertical: 3.5, borderBottomWidth: 0.5, borderBottomColor: theme.rule,
          ...(theme.stripe && i % 2 === 1 ? { backgroundColor: theme.stripe } : {}),
        }}
      >
        {columns.map((c, j) => <Text key={c.title} style={cell(c)}>{values[j]}</Text>)}
      </View>
    )),
    cells,
    widths: columns.map((c) => c.width ?? null),
    cellPadding: CELL_PADDING,
    fontSize: theme.tableFontSize,
  };
}

/** Subtotal, discount, VAT, total, credits and payments, and what is due. */
export function TotalsBlock({ rows, due, theme, width = 230 }: { rows: AmountRow[]; due: AmountRow | null; theme: Theme; width?: number }): ReactElement {
  const row = (r: AmountRow, i: number, boxed = false) => (
    <View
      key={i}
      style={{
        flexDirection: 'row', justifyContent: 'space-between', paddingVertical: boxed ? 4 : 2, paddingHorizontal: 4,
        ...(r.strong ? { fontWeight: 700 } : {}),
        ...(boxed ? { backgroundColor: theme.stripe ?? '#ffffff', borderTopWidth: 1, borderTopColor: theme.ink, fontSize: theme.fontSize + 1.5 } : {}),
      }}
    >
      <Text>{r.label}</Text>
      <Text>{r.value}</Text>
    </View>
  );
  return (
    <View wrap={false} style={{ width }}>
      {rows.map((r, i) => row(r, i))}
      {due ? row(due, rows.length, true) : null}
    </View>
  );
}

/** VAT by rate: what KRA asks an invoice to show. */
export function TaxSummaryTable({ rows, theme, withGross, labels }: { rows: TaxRow[]; theme: Theme; withGross: boolean; labels: InvoiceView['labels'] }): ReactElement {
  const columns: [string, (r: TaxRow) => string][] = [[labels.rate, (r) => r.rate], [labels.taxableAmount, (r) => r.net], [labels.vat, (r) => r.tax]];
  if (withGross) columns.push([labels.total, (r) => r.gross]);
  // The rate is short; the amounts share the rest.
  const cell = (i: number): Style => (i === 0 ? { width: 56 } : { flexGrow: 1, flexBasis: 0, textAlign: 'right' });
  return (
    <View wrap={false} style={{ fontSize: theme.tableFontSize }}>
      <Text style={{ fontWeight: 700, marginBottom: 3 }}>{labels.taxSummary}</Text>
      <View style={{ flexDirection: 'row', borderBottomWidth: 0.75, borderBottomColor: theme.ink, paddingBottom: 2, fontWeight: 700 }}>
        {columns.map(([title], i) => <Text key={title} style={cell(i)}>{title}</Text>)}
      </View>
      {rows.map((r) => (
        <View key={r.rate} style={{ flexDirection: 'row', paddingVertical: 1.5 }}>
          {columns.map(([title, value], i) => <Text key={title} style={cell(i)}>{value(r)}</Text>)}
        </View>
      ))}
    </View>
  );
}

/** How to pay: online (the customer's page, with its QR code) when there is a link, then M-Pesa, bank, the business's own note. */
export function PaymentBlock({ lines, theme, boxed, title, online = null }: {
  lines: string[]; theme: Theme; boxed: boolean; title: string; online?: PayOnlineView | null;
}): ReactElement | null {
  if (lines.length === 0 && !online) return null;
  return (
    <View wrap={false} style={{ marginTop: 12, flexDirection: 'row', justifyContent: 'space-between', ...(boxed ? { borderWidth: 0.75, borderColor: theme.rule, padding: 8 } : {}) }}>
      <View style={{ flexGrow: 1, flexBasis: 0, paddingRight: online ? 8 : 0 }}>
        <Text style={{ fontWeight: 700, marginBottom: 3, color: boxed ? theme.accent : theme.ink }}>{title}</Text>
        {online ? (
          <Text style={{ marginBottom: 1.5 }}>
            {online.label}: <Link src={online.url} style={{ color: theme.accent }}>{online.url}</Link>
          </Text>
        ) : null}
        {lines.map((line, i) => <Text key={i} style={{ marginBottom: 1.5 }}>{line}</Text>)}
      </View>
      {online ? (
        <View style={{ alignItems: 'center' }}>
          <QrCode rows={online.qr} size={76} />
          <Text style={{ fontSize: 6.5, color: theme.muted, marginTop: 1 }}>{online.scan}</Text>
        </View>
      ) : null}
    </View>
  );
}

export function Notes({ text, theme, title }: { text: string; theme: Theme; title: string }): ReactElement | null {
  if (!text) return null;
  return (
    <View style={{ marginTop: 12 }}>
      <Text style={{ fontWeight: 700, marginBottom: 2 }}>{title}</Text>
      <Text style={{ color: theme.ink }}>{text}</Text>
    </View>
  );
}

/** A quote's validity, a pro-forma's "not a tax invoice": small lines after the notes. */
export function Footnotes({ lines, theme }: { lines: string[]; theme: Theme }): ReactElement | null {
  if (lines.length === 0) return null;
  return (
    <View wrap={false} style={{ marginTop: 10 }}>
      {lines.map((line, i) => <Text key={i} style={{ color: theme.muted, marginBottom: 1.5 }}>{line}</Text>)}
    </View>
  );
}

/** A QR code drawn from its modules: one path of unit squares, crisp at any zoom and in print. */
export function QrCode({ rows, size }: { rows: string[]; size: number }): ReactElement | null {
  if (rows.length === 0) return null;
  const n = rows.length;
  let d = '';
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === '1') d += `M${x + 4} ${y + 4}h1v1h-1z`;
  });
  // Four modules of quiet zone all round, as scanners need.
  return (
    <Svg width={size} height={size} viewBox={`0 0 ${n + 8} ${n + 8}`}>
      <Path d={d} fill="#000000" />
    </Svg>
  );
}

/**
 * KRA eTIMS on the invoice: once signed, the control unit's invoice number, its date, internal data
 * and signature in groups of four, and the QR code that opens KRA's page for it (TIS specification's
 * printed invoice); before that, a plain notice that KRA has not signed it yet.
 */
export function EtimsBlock({ etims, theme }: { etims: EtimsView | null; theme: Theme }): ReactElement | null {
  if (!etims) return null;
  if (etims.state === 'awaiting') {
    return (
      <View wrap={false} style={{ marginTop: 12, borderWidth: 1, borderColor: '#a15c00', padding: 8 }}>
        <Text style={{ fontWeight: 700, color: '#a15c00', marginBottom: 2 }}>Awaiting eTIMS</Text>
        <Text>KRA has not signed this invoice yet. It is sent to KRA eTIMS as soon as it can be; a signed copy with KRA’s control-unit number and QR code follows.</Text>
      </View>
    );
  }
  return (
    <View wrap={false} style={{ marginTop: 12, borderWidth: 0.75, borderColor: theme.rule, padding: 8, flexDirection: 'row', justifyContent: 'space-between' }}>
      <View style={{ flexGrow: 1, flexBasis: 0, paddingRight: 8 }}>
        <Text style={{ fontWeight: 700, marginBottom: 3, color: theme.accent }}>KRA eTIMS</Text>
        {etims.facts.map(([label, value]) => (
          <View key={label} style={{ flexDirection: 'row', marginBottom: 1.5 }}>
            <Text style={{ width: 104, color: theme.muted }}>{label}</Text>
            <Text style={{ fontWeight: 700, flexGrow: 1, flexBasis: 0 }}>{value}</Text>
          </View>
        ))}
      </View>
      <View style={{ alignItems: 'center' }}>
        <QrCode rows={etims.qr} size={84} />
        <Text style={{ fontSize: 6.5, color: theme.muted, marginTop: 1 }}>Scan to check with KRA</Text>
      </View>
    </View>
  );
}
