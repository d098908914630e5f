// A plain table cell's line made without textkit (pdf/plainLines.ts) must be exactly the line
// textkit makes: every character the fast way takes, in every kind of column, compared field by
// field; and where it is not sure, it must leave the cell to textkit. Then the carrier
// (pdf/laidText.tsx): react-pdf really prints the lines it is handed, and a whole invoice comes
// out the same to the byte with them or without them.
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import layoutDocument from '@react-pdf/layout';
import { Document, Font, Page, Text, View, pdf } from '@react-pdf/renderer';
import { createElement as h, type ReactElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInvoice } from '../../electron/core/invoices/service';
import { INVOICE_FONT, registerInvoiceFonts } from '../../electron/core/pdf/fonts';
import { laidTextCounts, renderLaidDocument, setLaidText, withLaidTwins } from '../../electron/core/pdf/laidText';
import { invoicePdfModel } from '../../electron/core/pdf/model';
import { columnLines, type LaidLine } from '../../electron/core/pdf/plainLines';
import { renderInvoiceModel } from '../../electron/core/pdf/render';
import { installTextCaches } from '../../electron/core/pdf/textCaches';
import { readSettings } from '../../electron/core/settings/service';
import { call, makeCore } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { pdfPages } from '../helpers/pdfText';

const RESOURCES = path.resolve('resources');

interface LaidText {
  type: string;
  lines?: LaidLine[];
  alignOffset?: number;
  children?: LaidText[];
}

/** Columns as the invoice tables make them: a flexible left one, right-aligned figures, a centred one, a bold one. */
const COLUMNS = [
  { flexGrow: 1, flexBasis: 0, textAlign: 'left' },
  { width: 70, textAlign: 'right' },
  { width: 90, textAlign: 'right' },
  { width: 56, textAlign: 'center' },
  { width: 90, textAlign: 'right', fontWeight: 700 },
] as const;
const SAMPLE = ['Web hosting 1', '3 months', '7,897.41', '16%', '23,692.23'];

type FontData = { hasGlyphForCodePoint(codePoint: number): boolean };
const fontData = (fontWeight: number) => Font.getFont({ fontFamily: INVOICE_FONT, fontWeight }).data as unknown as FontData;

/** Each string as a row of the five columns, laid out by react-pdf; the first row is the sample. */
async function laidRows(strings: string[]): Promise<LaidText[]> {
  const rows = [SAMPLE, ...strings.map((s) => COLUMNS.map(() => s))].map((cells, i) => h(View, { key: i, style: { flexDirection: 'row', paddingVertical: 3.5 } },
    cells.map((text, j) => h(Text, { key: j, style: { ...COLUMNS[j], paddingHorizontal: 4 } }, text))));
  const document = h(Document, null, h(Page, { size: [595.28, 400_000], wrap: false, style: { fontFamily: INVOICE_FONT, fontSize: 9, paddingHorizontal: 40, color: '#1a1a1a' } },
    h(View, { style: { fontSize: 8.5 } }, rows))) as ReactElement;
  const container = pdf(document as never).container as unknown as { document: unknown };
  const laid = (await (layoutDocument as unknown as (d: unknown, f: typeof Font) => Promise<LaidText>)(container.document, Font));
  return laid.children![0]!.children![0]!.children!;
}

beforeAll(async () => {
  registerInvoiceFonts(RESOURCES);
  await installTextCaches(INVOICE_FONT);
  await Font.load({ fontFamily: INVOICE_FONT, fontWeight: 700 });
});

describe('a plain cell\'s line made without textkit', () => {
  it('is textkit\'s line, field for field, for every simple character in every kind of column', async () => {
    const strings = [
      'Web hosting 12', '3.5 months', '1,234,567.50', '16%', 'Exempt', 'Delivery to Łódź', 'Zoë Müller — café', '€ 12.00', '₦5,000', '₹ 1,20,000',
      'fi fl ffi AV Wa To Ty', 'a  b   c', 'x', '(1)', '“quoted”', '‰ ‹›', 'Æble Øre Åse ß', '10 × 5kg bags', '½ day', '#42/7', 'ÇA VA', 'ǅemal',
    ];
    // Each character of the simple ranges, at the start, inside and alone, where the font has it in both weights.
    const ranges = [[0x21, 0x7e], [0xa1, 0xac], [0xae, 0x24f], [0x2010, 0x2027], [0x2030, 0x205e], [0x20a0, 0x20c0]] as const;
    const regular = fontData(400);
    const bold = fontData(700);
    for (const [from, to] of ranges) {
      for (let c = from; c <= to; c++) {
        if (!regular.hasGlyphForCodePoint(c) || !bold.hasGlyphForCodePoint(c)) continue;
        const ch = String.fromCharCode(c);
        strings.push(`A${ch}b ${ch}1`, `${ch}${ch}`, `7${ch}`);
      }
    }
    const rows = await laidRows(strings);
    const columns = rows[0]!.children!.map((cell) => columnLines(cell.lines![0]!));
    expect(columns.every((column) => column !== null)).toBe(true);
    let made = 0;
    rows.slice(1).forEach((row, i) => row.children!.forEach((cell, j) => {
      const mine = columns[j]!(strings[i]!);
      if (mine === null) return;
      made += 1;
      expect(cell.alignOffset ?? 0).toBe(0);
      expect(cell.lines, `${JSON.stringify(strings[i])} in column ${j + 1}`).toHaveLength(1);
      expect(isDeepStrictEqual(mine, cell.lines![0]), `${JSON.stringify(strings[i])} in column ${j + 1}`).toBe(true);
    }));
    // Nearly all of them were made the fast way (what was not is only too wide for a narrow column).
    expect(made).toBeGreaterThan(strings.length * COLUMNS.length * 0.9);
  }, 60_000);

  it('leaves to textkit what it cannot be sure of', async () => {
    const [sample] = await laidRows([]);
    const [left, , price] = sample!.children!.map((cell) => columnLines(cell.lines![0]!)!);
    const unsure = [
      '', ' leading space', 'trailing space ', 'no-break\u00a0space', 'soft\u00adhyphen', 'tab\there', 'line\nbreak',
      'שלום', 'مرحبا', 'e\u0301 combining', 'zero\u200bwidth', 'bidi\u202emark', 'Ελληνικά', 'Русский', '中文', '😀 emoji',
      // A currency sign DejaVu has no glyph for: textkit takes it from the fallback font.
      'Paid in \u20bf 0.5',
    ];
    for (const text of unsure) expect(left!(text), JSON.stringify(text)).toBeNull();
    // Words that would not fit on one line in the column are textkit's to break.
    expect(price!('123,456,789,012,345.00')).toBeNull();
    expect(left!('Catering for the staff party')).not.toBeNull();
    // A column whose line is indented, right to left, raised or a link cannot stand for the others.
    const model = sample!.children![0]!.lines![0]!;
    const withAttributes = (attributes: Record<string, unknown>): LaidLine => ({ ...model, runs: model.runs.map((run) => ({ ...run, attributes: { ...run.attributes, ...attributes } })) });
    for (const attributes of [{ indent: 12 }, { direction: 'rtl' }, { bidiLevel: 1 }, { yOffset: 0.4 }, { link: 'https://example.test' }, { characterSpacing: 1 }, { align: 'justify', alignLastLine: 'justify' }]) {
      expect(columnLines(withAttributes(attributes)), JSON.stringify(attributes)).toBeNull();
    }
    expect(columnLines(withAttributes({}))).not.toBeNull();
  });
});

describe('lines handed to react-pdf', () => {
  afterAll(() => setLaidText(true));

  it('are the lines react-pdf prints', async () => {
    const [sample] = await laidRows([]);
    const column = columnLines(sample!.children![0]!.lines![0]!)!;
    const carried = column('Carried line 42')!;
    const page = (lines?: LaidLine[]) => h(Document, null, h(Page, { size: 'A4', style: { fontFamily: INVOICE_FONT, fontSize: 9, padding: 40 } },
      h(View, { style: { flexDirection: 'row', fontSize: 8.5 } }, h(Text, { style: { ...COLUMNS[0], paddingHorizontal: 4 }, ...(lines ? { billbookLaidLines: lines } : {}) }, 'Laid out by react-pdf'))));
    expect((await pdfPages(await renderLaidDocument(page([carried]) as never))).join(' ')).toContain('Carried line 42');
    expect((await pdfPages(await renderLaidDocument(page() as never))).join(' ')).toContain('Laid out by react-pdf');
  });

  it('give a page\'s texts the lines of their measured twins, only where the words are the same', async () => {
    const [sample] = await laidRows([]);
    // A right-aligned line: printed where react-pdf would not put this left-aligned text.
    const right = columnLines(sample!.children![2]!.lines![0]!)!('1,234.50')!;
    const twinOf = (words: string) => ({ type: 'VIEW', children: [{ type: 'TEXT', lines: [right], children: [{ type: 'TEXT_INSTANCE', value: words }] }] });
    const page = () => h(Page, { size: 'A4', style: { fontFamily: INVOICE_FONT, fontSize: 9, padding: 40 } },
      h(View, { style: { fontSize: 8.5 } }, h(Text, { style: { width: 90, paddingHorizontal: 4 } }, '1,234.50'))) as ReactElement;
    const render = (p: ReactElement) => renderLaidDocument(h(Document, { creationDate: new Date('2026-11-21T09:00:00.000Z') }, p) as never);
    const own = await render(page());
    expect((await render(withLaidTwins(page(), [twinOf('1,234.50')]))).equals(own)).toBe(false);
    expect((await render(withLaidTwins(page(), [twinOf('9,999.99')]))).equals(own)).toBe(true);
  });

  it('change no byte of a long invoice in any template, with a mark, notes, a pay-online link, in Swahili', async () => {
    const { core } = makeCore('2026-11-21T09:00:00.000Z', { pdfWorkers: 0, resourcesDir: RESOURCES });
    await call(core, 'settings.update', { business: { name: 'Kilimani Café Supplies Ltd', taxId: 'P051234567X' }, payment: { mpesa: { kind: 'paybill', number: '123456' }, note: '' } });
    const buyer = await customer(core, { name: 'Zoë Müller, Nairobi Café' });
    const words = ['Catering for 12 staff', 'Łódź delivery — 5kg × 4', '“Premium” maize flour', 'Zoë’s café, table ½', 'Web hosting (annual)', '3 crates of 500ml soda'];
    const lines = Array.from({ length: 90 }, (_, i) => line(`${words[i % words.length]} ${i + 1}`, 1 + (i % 5), 9_999 + i * 7_919, [1600, 800, 0, null][i % 4]));
    const issued = await invoice(core, buyer.id, { lines });
    const model = invoicePdfModel(getInvoice(core.context, issued.id), readSettings(core.context), 'professional', new Date('2026-11-21T09:00:00.000Z'));
    const qr = Array.from({ length: 21 }, (_, y) => Array.from({ length: 21 }, (_, x) => ((x * y + x) % 3 === 0 ? '1' : '0')).join(''));
    const variants: [string, Partial<typeof model>, Partial<typeof model.invoice>][] = [
      ['open', {}, {}],
      ['paid, in Swahili', { language: 'sw' }, { status: 'paid' }],
      ['a draft with notes and a pay-online link', { payOnline: { url: 'https://pay.example.test/i/abc123', qr } }, { status: 'draft', notes: 'Goods remain ours until paid in full. '.repeat(8) }],
    ];
    for (const template of ['professional', 'simple', 'detailed']) {
      for (const [name, outer, inner] of variants) {
        const m = { ...model, ...outer, template, invoice: { ...model.invoice, ...inner } } as typeof model;
        setLaidText(false);
        const own = Buffer.from((await renderInvoiceModel(m, RESOURCES)).bytes);
        setLaidText(true);
        const before = laidTextCounts();
        const laid = Buffer.from((await renderInvoiceModel(m, RESOURCES)).bytes);
        const after = laidTextCounts();
        expect(laid.equals(own), `${template}, ${name}`).toBe(true);
        // The carried lines were really used: for most cells (90 rows of four or five columns) and the measured blocks' texts.
        expect(after.cellLines - before.cellLines, `${template}, ${name}: cells`).toBeGreaterThan(90 * 3);
        expect(after.twinLines - before.twinLines, `${template}, ${name}: blocks`).toBeGreaterThan(20);
      }
    }
    core.close();
  }, 120_000);
});
