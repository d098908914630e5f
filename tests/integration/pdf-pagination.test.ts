// Long invoices put on pages by pdf/pagination.tsx rather than by react-pdf's own paginator: the
// same PDF to the byte, every line once and in order, "Page X of N" running, the totals after the last line.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { getInvoice } from '../../electron/core/invoices/service';
import { invoicePdfModel, type InvoicePdfModel } from '../../electron/core/pdf/model';
import { invoicePages, setInvoicePagination } from '../../electron/core/pdf/pagination';
import { renderInvoiceModel } from '../../electron/core/pdf/render';
import { layoutFor } from '../../electron/core/pdf/templates';
import { invoiceView } from '../../electron/core/pdf/templates/view';
import { readSettings } from '../../electron/core/settings/service';
import { call, makeCore } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';
import { pdfPages } from '../helpers/pdfText';

const RESOURCES = path.resolve('resources');
const TEMPLATES = ['professional', 'simple', 'detailed'] as const;
const LONG = 'Installation of shelving units in the main store room, including brackets, screws and two site visits to measure and fit';
const NOTES = ['Goods remain ours until paid in full.', 'Deliveries within Nairobi are free above KES 20,000.'].join(' ').repeat(6);

/** Books with one customer and a 160-line invoice read as the PDF service reads it; shorter ones are its first lines. */
async function books(): Promise<{ core: Core; buyerId: string; model: InvoicePdfModel }> {
  const { core } = makeCore('2026-11-21T09:00:00.000Z', { pdfWorkers: 0, resourcesDir: RESOURCES });
  await call(core, 'settings.update', {
    business: {
      name: 'Kilimani Café Supplies Ltd', street: 'Argwings Kodhek Rd 14', city: 'Nairobi', postalCode: '00100', country: 'Kenya',
      taxId: 'P051234567X', phone: '+254 20 123 4567', email: 'accounts@kilimanicafe.co.ke', website: 'kilimanicafe.co.ke', logoDataUrl: '',
    },
    payment: { mpesa: { kind: 'paybill', number: '123456' }, note: '' },
  });
  const buyerId = (await customer(core, { name: 'Zoë Müller, Nairobi Café', address: { street: 'Łódź Lane 4', city: 'Nairobi', postalCode: '00200', country: 'KE' } })).id;
  // Several VAT rates, and long descriptions that wrap onto two or three lines here and there.
  const lines = Array.from({ length: 160 }, (_, i) => line(i % 9 === 4 ? `${LONG} (${i + 1})` : `Catering item ${String(i + 1).padStart(3, '0')}`, 1 + (i % 4), 10_000 + i * 1_337, [1600, 800, 0, null][i % 4]));
  const issued = await invoice(core, buyerId, { lines, notes: 'Thank you for your business.' });
  const model = invoicePdfModel(getInvoice(core.context, issued.id), readSettings(core.context), 'professional', new Date('2026-11-21T09:00:00.000Z'));
  return { core, buyerId, model };
}

afterAll(() => setInvoicePagination(true));

const firstLines = (model: InvoicePdfModel, count: number, template: string, notes = model.invoice.notes): InvoicePdfModel =>
  ({ ...model, template, invoice: { ...model.invoice, notes, lines: model.invoice.lines.slice(0, count) } }) as InvoicePdfModel;

async function bytesBothWays(m: InvoicePdfModel): Promise<{ own: Buffer; reactPdf: Buffer }> {
  try {
    setInvoicePagination(false);
    const reactPdf = Buffer.from((await renderInvoiceModel(m, RESOURCES)).bytes);
    setInvoicePagination(true);
    const own = Buffer.from((await renderInvoiceModel(m, RESOURCES)).bytes);
    return { own, reactPdf };
  } finally {
    setInvoicePagination(true);
  }
}

describe('invoice pages worked out before rendering', () => {
  // Sizes on both sides of where the lines fill the first page and the totals move to the next, and
  // one of three pages (longer ones only repeat the middle page; the next test prints 120 and 300).
  const SIZES = [1, 5, 16, 18, 19, 20, 22, 24, 26, 31, 33, 36, 40, 75];

  for (const template of TEMPLATES) {
    it(`give the same PDF, byte for byte, as react-pdf's own pagination (${template})`, async () => {
      const { model } = await books();
      let worked = 0;
      for (const size of SIZES) {
        for (const notes of [model.invoice.notes, NOTES]) {
          const m = firstLines(model, size, template, notes);
          const { own, reactPdf } = await bytesBothWays(m);
          if (await invoicePages(layoutFor(template)(invoiceView(m)))) worked += 1;
          expect(own.equals(reactPdf), `${template}, ${size} lines${notes === NOTES ? ', long notes' : ''}`).toBe(true);
        }
      }
      // Most of them were paginated here, not handed back to react-pdf.
      expect(worked).toBeGreaterThan(SIZES.length);
    }, 240_000);
  }

  it('print every line once, in order, with "Page X of N" on each page and the totals after the last line', async () => {
    const { core, buyerId } = await books();
    for (const count of [18, 19, 24, 31, 120, 300]) {
      const lines = Array.from({ length: count }, (_, i) => line(`Line item ${i + 1}`, 1 + (i % 3), 5_000 + i * 17, i % 2 ? 1600 : 800));
      const issued = await invoice(core, buyerId, { lines });
      const m = invoicePdfModel(getInvoice(core.context, issued.id), readSettings(core.context), 'professional', new Date('2026-11-21T09:00:00.000Z'));
      const pages = await pdfPages((await renderInvoiceModel(m, RESOURCES)).bytes);
      const text = pages.join('\n');
      pages.forEach((page, i) => expect(page, `${count} lines, page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`));
      const found = lines.map((l) => text.indexOf(l.description));
      expect(found.every((at) => at >= 0), `${count} lines: every line printed`).toBe(true);
      expect([...found].sort((a, b) => a - b), `${count} lines: in order`).toEqual(found);
      // "Line item 1" is also the start of "Line item 10": count whole lines of the table.
      for (const l of lines) expect(text.split(new RegExp(`${l.description}(?!\\d)`)), `${count} lines: ${l.description} once`).toHaveLength(2);
      // The totals once, after the last line; what follows them (how to pay) may run onto one more page.
      expect(text.match(/Balance due\s+KES /g), `${count} lines: totals once`).toHaveLength(1);
      expect(text.indexOf('Balance due'), `${count} lines: totals after the lines`).toBeGreaterThan(found.at(-1)!);
      const totalsPage = pages.findIndex((page) => page.includes('Balance due'));
      expect(totalsPage, `${count} lines: totals on one of the last two pages`).toBeGreaterThanOrEqual(pages.length - 2);
      expect(pages.at(-1), `${count} lines: how to pay on the last page`).toContain('How to pay');
    }
  }, 240_000);
});
