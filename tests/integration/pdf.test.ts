// Invoice PDFs read back with pdf.js: what a customer would see printed, page by page.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { getInvoice } from '../../electron/core/invoices/service';
import { invoicePdfFileName } from '../../electron/core/pdf/fileName';
import { invoicePdfModel, type InvoicePdfModel } from '../../electron/core/pdf/model';
import { createPdfRenderer, type PdfRenderer } from '../../electron/core/pdf/renderer';
import { readSettings } from '../../electron/core/settings/service';
import { setTextCaches } from '../../electron/core/pdf/textCaches';
import { setJoinedContentWrites } from '../../electron/core/pdf/contentWrites';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';
import { pdfPages } from '../helpers/pdfText';

const RESOURCES = path.resolve('resources');
const scratch = tempDir();

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The PDF's text, one string per page (lines top to bottom, runs left to right). */
async function pagesOf(bytes: Buffer): Promise<string[]> {
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return pdfPages(bytes);
}

async function rendered(core: Core, invoiceId: string, template?: 'professional' | 'simple' | 'detailed') {
  const pdf = await call(core, 'pdf.render', { invoiceId, ...(template ? { template } : {}) });
  const bytes = Buffer.from(pdf.base64, 'base64');
  expect(bytes.length).toBe(pdf.bytes);
  const pages = await pagesOf(bytes);
  expect(pages).toHaveLength(pdf.pages);
  return { ...pdf, raw: bytes, pages, text: pages.join('\n') };
}

/** Image XObjects are written as uncompressed dictionaries, so a logo shows in the raw bytes. */
const hasImage = (bytes: Buffer) => /\/Subtype\s*\/Image\b/.test(bytes.toString('latin1'));
/** A 4×4 PNG, as the Settings screen stores a logo. */
const LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGOQ96uEIwbiOABwYw5hhL9WTQAAAABJRU5ErkJggg==';

const BUSINESS = {
  name: 'Kilimani Café Supplies Ltd', street: 'Argwings Kodhek Rd 14', city: 'Nairobi', postalCode: '00100', country: 'Kenya',
  taxId: 'P051234567X', phone: '+254 20 123 4567', email: 'accounts@kilimanicafe.co.ke', website: 'kilimanicafe.co.ke', logoDataUrl: '',
};
const PAYMENT = {
  mpesa: { kind: 'paybill' as const, number: '123456' },
  bank: { bankName: 'Equity Bank', accountName: 'Kilimani Café Supplies Ltd', accountNumber: '0123456789012', branch: 'Westlands', swift: 'EQBLKENA' },
  note: '',
};

/** A core that renders on the test's own thread (the pool has its own tests below). */
async function books(options: { workers?: number } = {}) {
  const { core } = makeCore('2026-11-21T09:00:00.000Z', { pdfWorkers: options.workers ?? 0, resourcesDir: RESOURCES });
  await call(core, 'settings.update', { business: BUSINESS, payment: PAYMENT });
  const buyer = await customer(core, {
    name: 'Zoë Müller, Nairobi Café', email: 'zoe@nairobicafe.co.ke', taxId: 'A012345678Z',
    address: { street: 'Łódź Lane 4', city: 'Nairobi', postalCode: '00200', country: 'KE' },
  });
  return { core, buyer };
}

const FIVE_LINES = [
  { description: 'Web hosting (annual plan)', quantityMilli: 3000, unit: 'months', unitPriceMinor: 1_500_000, taxRateBp: 1600 },
  { description: 'Logo design', quantityMilli: 1500, unit: 'hours', unitPriceMinor: 200_000, taxRateBp: 1600 },
  { description: 'Delivery to Łódź', quantityMilli: 2000, unit: 'pieces', unitPriceMinor: 125_050, taxRateBp: 800 },
  { description: 'Maize flour 2kg', quantityMilli: 10_000, unit: 'bags', unitPriceMinor: 20_000, taxRateBp: 0 },
  { description: 'Bookkeeping advice', quantityMilli: 4000, unit: 'hours', unitPriceMinor: 500_000, taxRateBp: null },
];

describe('invoice PDF content', () => {
  it('prints a 5-line invoice: parties, lines, tax summary, totals and how to pay', async () => {
    const { core, buyer } = await books();
    const issued = await invoice(core, buyer.id, { lines: FIVE_LINES, notes: 'Prices in KSh. We also take $, €, £, ₦ and ₹ by card.' });
    expect(issued.number).toBe('INV-2026-0001');
    const pdf = await rendered(core, issued.id);
    expect(pdf.fileName).toBe('INV-2026-0001.pdf');
    expect(pdf.pages).toHaveLength(1);
    const text = pdf.text;

    // Who it is from, and to: accented letters come back as typed.
    expect(text).toContain('Kilimani Café Supplies Ltd');
    expect(text).toContain('PIN P051234567X');
    expect(text).toContain('Zoë Müller, Nairobi Café');
    expect(text).toContain('Łódź Lane 4');
    expect(text).toContain('PIN A012345678Z');
    expect(text).toContain('zoe@nairobicafe.co.ke');
    expect(text).toMatch(/Issue date\s+21 Nov 2026/);
    expect(text).toMatch(/Due date\s+21 Dec 2026/);
    expect(text).toMatch(/Terms\s+Net 30/);

    // Each line: description, quantity with unit, unit price, VAT rate, amount.
    expect(text).toMatch(/Web hosting \(annual plan\)\s+3 months\s+15,000\.00\s+16%\s+45,000\.00/);
    expect(text).toMatch(/Logo design\s+1\.5 hours\s+2,000\.00\s+16%\s+3,000\.00/);
    expect(text).toMatch(/Delivery to Łódź\s+2 pieces\s+1,250\.50\s+8%\s+2,501\.00/);
    expect(text).toMatch(/Maize flour 2kg\s+10 bags\s+200\.00\s+0%\s+2,000\.00/);
    expect(text).toMatch(/Bookkeeping advice\s+4 hours\s+5,000\.00\s+Exempt\s+20,000\.00/);

    // VAT per rate, then the totals: 48,000 × 16% = 7,680.00; 2,501.00 × 8% = 200.08.
    expect(text).toMatch(/VAT 16%\s+KES 48,000\.00\s+KES 7,680\.00/);
    expect(text).toMatch(/VAT 8%\s+KES 2,501\.00\s+KES 200\.08/);
    expect(text).toMatch(/VAT 0%\s+KES 2,000\.00\s+KES 0\.00/);
    expect(text).toMatch(/Exempt\s+KES 20,000\.00\s+KES 0\.00/);
    expect(text).toMatch(/Subtotal \(excl\. VAT\)\s+KES 72,501\.00/);
    expect(text).toMatch(/VAT\s+KES 7,880\.08/);
    expect(text).toMatch(/Total\s+KES 80,381\.08/);
    expect(text).toMatch(/Balance due\s+KES 80,381\.08/);

    // The Paybill takes the invoice number as its account; bank details as filled in.
    expect(text).toContain('M-Pesa Paybill 123456 · Account: INV-2026-0001');
    expect(text).toContain('Bank transfer: Equity Bank, Westlands branch');
    expect(text).toContain('Account number: 0123456789012');
    expect(text).toContain('SWIFT: EQBLKENA');
    // Every currency sign is in the embedded font (a missing glyph would come back as nothing or a box).
    expect(text).toContain('Prices in KSh. We also take $, €, £, ₦ and ₹ by card.');
    expect(text).toContain('Page 1 of 1');
    expect(hasImage(pdf.raw)).toBe(false);
  });

  it('prints the logo, a Till, a discount, credit notes and payments where they apply', async () => {
    const { core, buyer } = await books();
    await call(core, 'settings.update', { business: { ...BUSINESS, logoDataUrl: LOGO }, payment: { mpesa: { kind: 'till', number: '654321' }, bank: { bankName: '', accountName: '', accountNumber: '', branch: '', swift: '' }, note: 'Cheques payable to Kilimani Café Supplies Ltd' } });
    const issued = await invoice(core, buyer.id, { lines: [line('Office cleaning', 10, 100_000)], discount: { kind: 'percent', bp: 1000 } });
    // 10 × 1,000.00 = 10,000.00, less 10% = 9,000.00, + 16% VAT = 10,440.00.
    await call(core, 'payments.record', { customerId: buyer.id, amountMinor: 400_000, paidOn: '2026-11-21', method: 'mpesa', reference: 'QK12345678', allocations: [{ invoiceId: issued.id, amountMinor: 400_000 }] });
    await call(core, 'invoices.creditNote', { invoiceId: issued.id, amountMinor: 104_400, reason: 'One visit missed' });
    const { text, raw } = await rendered(core, issued.id, 'detailed');
    expect(hasImage(raw)).toBe(true);
    expect(text).toMatch(/Discount \(10%\)\s+-KES 1,000\.00/);
    expect(text).toMatch(/Total\s+KES 10,440\.00/);
    expect(text).toMatch(/Credited\s+-KES 1,044\.00/);
    expect(text).toMatch(/Paid\s+-KES 4,000\.00/);
    expect(text).toMatch(/Balance due\s+KES 5,396\.00/);
    expect(text).toMatch(/Payments received[\s\S]*21 Nov 2026\s+PAY-2026-0001\s+M-Pesa\s+QK12345678\s+KES 4,000\.00/);
    expect(text).toMatch(/Credit notes[\s\S]*CN-2026-0001\s+21 Nov 2026\s+One visit missed\s+KES 1,044\.00/);
    expect(text).toContain('M-Pesa Buy Goods Till 654321');
    expect(text).not.toContain('Paybill');
    expect(text).not.toContain('Bank transfer');
    expect(text).toContain('Cheques payable to Kilimani Café Supplies Ltd');
  });

  it('breaks a 120-line invoice across pages with the table heading and "Page X of N" on each', async () => {
    const { core, buyer } = await books();
    const lines = Array.from({ length: 120 }, (_, i) => line(`Catering item ${String(i + 1).padStart(3, '0')}`, 1 + (i % 4), 10_000 + i * 100));
    const issued = await invoice(core, buyer.id, { lines });
    const pdf = await rendered(core, issued.id);
    const count = pdf.pages.length;
    expect(count).toBeGreaterThanOrEqual(3);
    pdf.pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toMatch(/Description\s+Quantity\s+Unit price \(KES\)\s+VAT\s+Amount \(KES\)/);
      expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${count}`);
    });
    // The business heading is on the first page only; every line is printed exactly once, in order.
    expect(pdf.pages.filter((p) => p.includes('BILL TO'))).toHaveLength(1);
    const order = lines.map((l) => pdf.text.indexOf(l.description));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const l of lines) expect(pdf.text.split(l.description)).toHaveLength(2);
    expect(pdf.pages.at(-1)).toMatch(/Balance due\s+KES /);
  });
});

describe('the text caches (shaped runs, font switches) and the joined content writes', () => {
  it('change no byte of a PDF, however many invoices filled them first', async () => {
    const { core, buyer } = await books();
    // With a logo, so images' bytes go into the file between the pages' drawing.
    await call(core, 'settings.update', { business: { ...BUSINESS, logoDataUrl: LOGO } });
    const lines = Array.from({ length: 60 }, (_, i) => line(`${i % 2 ? 'Zoë’s' : 'Łódź'} catering ${i + 1} — 5kg × ${i % 7}`, 1 + (i % 4), 10_000 + i * 137, i % 3 ? 1600 : 0));
    const long = await invoice(core, buyer.id, { lines });
    const short = await invoice(core, buyer.id, { lines: FIVE_LINES });
    const bytesOf = async (id: string, template?: 'professional' | 'simple' | 'detailed') =>
      Buffer.from((await call(core, 'pdf.render', { invoiceId: id, ...(template ? { template } : {}) })).base64, 'base64');
    try {
      setTextCaches(false);
      setJoinedContentWrites(false);
      const plain = [await bytesOf(long.id), await bytesOf(short.id, 'detailed'), await bytesOf(long.id, 'simple')];
      setTextCaches(true);
      setJoinedContentWrites(true);
      // Filled by the short one and the long one, then each again from the caches.
      await bytesOf(short.id);
      const cached = [await bytesOf(long.id), await bytesOf(short.id, 'detailed'), await bytesOf(long.id, 'simple')];
      cached.forEach((bytes, i) => expect(bytes.equals(plain[i]!), `PDF ${i + 1}`).toBe(true));
    } finally {
      setTextCaches(true);
      setJoinedContentWrites(true);
    }
  });
});

describe('status marks', () => {
  const marks = (text: string) => [...new Set(text.match(/\b(DRAFT|PAID|VOID)\b/g) ?? [])];

  it('marks a draft DRAFT and names its file after the customer and date', async () => {
    const { core, buyer } = await books();
    const d = await draft(core, buyer.id, { lines: FIVE_LINES.slice(0, 2) });
    const pdf = await rendered(core, d.id);
    expect(marks(pdf.text)).toEqual(['DRAFT']);
    expect(pdf.fileName).toBe(`Draft-${buyer.code}-2026-11-21.pdf`);
    expect(pdf.fileName).toMatch(/^[\w.-]+$/);
    // No number yet, so the Paybill account cannot be one.
    expect(pdf.text).not.toContain('INV-');
  });

  it('puts no mark on an open invoice, PAID once it is paid, VOID once voided', async () => {
    const { core, buyer } = await books();
    const open = await invoice(core, buyer.id, { lines: [line('Printing', 2, 50_000)] });
    expect(marks((await rendered(core, open.id)).text)).toEqual([]);

    await call(core, 'payments.record', { customerId: buyer.id, amountMinor: open.totals.totalMinor, paidOn: '2026-11-21', method: 'cash', allocations: [{ invoiceId: open.id, amountMinor: open.totals.totalMinor }] });
    const paid = await rendered(core, open.id);
    expect(marks(paid.text)).toEqual(['PAID']);
    expect(paid.text).toContain('Paid in full on 21 Nov 2026');
    expect(paid.text).toMatch(/Balance due\s+KES 0\.00/);

    const other = await invoice(core, buyer.id, { lines: [line('Transport', 1, 300_000)] });
    await call(core, 'invoices.void', { id: other.id, reason: 'Entered twice' });
    const voided = await rendered(core, other.id);
    expect(marks(voided.text)).toEqual(['VOID']);
    expect(voided.text).toContain('Voided: Entered twice');
    expect(voided.text).not.toContain('Balance due');
  });
});

describe('file names', () => {
  const customerRef = (code: string) => ({ id: 'c', code, name: 'x', email: '', phone: '', taxId: '', address: { street: '', city: '', postalCode: '', country: 'KE' }, paymentTermsDays: 30 });

  it('keeps to letters, digits, dots, dashes and underscores', () => {
    expect(invoicePdfFileName({ number: 'INV-2026-0001', issueDate: '2026-11-21', customer: customerRef('CUST-0001') })).toBe('INV-2026-0001.pdf');
    expect(invoicePdfFileName({ number: 'NRB/2026 07:Ü', issueDate: '2026-11-21', customer: customerRef('CUST-0001') })).toBe('NRB-2026-07-U.pdf');
    expect(invoicePdfFileName({ number: null, issueDate: '2026-11-21', customer: customerRef('CUST-0042') })).toBe('Draft-CUST-0042-2026-11-21.pdf');
    expect(invoicePdfFileName({ number: '../../etc', issueDate: '2026-11-21', customer: customerRef('C') })).toBe('etc.pdf');
  });
});

describe('templates', () => {
  it('uses the customer\'s template for a draft that names none, the invoice\'s own, and the preview\'s override', async () => {
    const { core } = await books();
    const plain = await customer(core, { name: 'Simple Shop', aiPreferences: { template: 'simple', language: 'en', includeTax: true } });
    const followsCustomer = await invoice(core, plain.id, { lines: FIVE_LINES.slice(0, 3) });
    expect(followsCustomer.template).toBe('simple');
    const own = await invoice(core, plain.id, { lines: FIVE_LINES.slice(0, 3), template: 'detailed' });
    expect(own.template).toBe('detailed');

    const simple = (await rendered(core, followsCustomer.id)).text;
    const detailed = (await rendered(core, own.id)).text;
    const professional = (await rendered(core, followsCustomer.id, 'professional')).text;
    const overridden = (await rendered(core, followsCustomer.id, 'detailed')).text;

    // simple: the number in the title, VAT per rate as sentences, no tax table, no per-line VAT.
    expect(simple).toContain('Invoice INV-2026-0001');
    expect(simple).toMatch(/VAT 16% on KES 48,000\.00: KES 7,680\.00/);
    expect(simple).not.toContain('Tax summary');
    expect(simple).not.toContain('VAT amount');
    expect(simple).not.toContain('Customer code');
    // detailed: numbered lines with each line's VAT, the customer's code, a tax table with totals.
    expect(detailed).toContain('TAX INVOICE');
    expect(detailed).toMatch(/#\s+Description\s+Quantity\s+Unit price \(KES\)\s+VAT rate\s+VAT amount\s+Amount \(KES\)/);
    expect(detailed).toMatch(/1\s+Web hosting \(annual plan\)\s+3 months\s+15,000\.00\s+16%\s+7,200\.00\s+45,000\.00/);
    expect(detailed).toContain(`Customer code: ${plain.code}`);
    expect(detailed).toMatch(/VAT 16%\s+KES 48,000\.00\s+KES 7,680\.00\s+KES 55,680\.00/);
    // professional: a tax table, but neither the per-line VAT nor the customer code.
    expect(professional).toContain('Tax summary');
    expect(professional).not.toContain('VAT amount');
    expect(professional).not.toContain('TAX INVOICE');
    // The override changes the layout, not the invoice.
    expect(overridden).toContain('VAT amount');
    expect(overridden).toContain('INV-2026-0001');
    expect((await call(core, 'invoices.get', { id: followsCustomer.id })).template).toBe('simple');
  });
});

describe('the worker pool', () => {
  let model: InvoicePdfModel;
  let pool: PdfRenderer;
  let inThread: PdfRenderer;

  beforeAll(async () => {
    const { core } = await books();
    const c = await customer(core, { name: 'Zoë Müller, Nairobi Café' });
    const issued = await invoice(core, c.id, { lines: FIVE_LINES });
    model = invoicePdfModel(getInvoice(core.context, issued.id), readSettings(core.context), 'professional', new Date('2026-11-21T09:00:00Z'));
    pool = createPdfRenderer({ resourcesDir: RESOURCES, workers: 2 });
    inThread = createPdfRenderer({ resourcesDir: RESOURCES, workers: 0 });
  });

  afterAll(async () => {
    await pool.close();
  });

  it('backs the pdf.render channel with worker threads by default', async () => {
    const { core } = makeCore('2026-11-21T09:00:00.000Z', { resourcesDir: RESOURCES });
    await call(core, 'settings.update', { business: BUSINESS, payment: PAYMENT });
    const c = await customer(core, { name: 'Zoë Müller, Nairobi Café' });
    const issued = await invoice(core, c.id, { lines: FIVE_LINES });
    const pdf = await rendered(core, issued.id);
    expect(pdf.text).toContain('M-Pesa Paybill 123456 · Account: INV-2026-0001');
    expect(core.context.pdf.mode).toBe('workers');
  });

  it('renders in worker threads what the calling thread renders', async () => {
    const fromPool = await pool.render(model);
    // Still 'workers' after a render: no worker failed to start and fell back to this thread.
    expect(pool.mode).toBe('workers');
    const here = await inThread.render(model);
    expect(inThread.mode).toBe('in-thread');
    expect(fromPool.pages).toBe(here.pages);
    expect(await pagesOf(fromPool.bytes)).toEqual(await pagesOf(here.bytes));
    expect((await pagesOf(fromPool.bytes)).join('')).toContain('Zoë Müller, Nairobi Café');
  });

  it('renders a batch over the workers, each invoice its own PDF, in order', async () => {
    const numbers = ['INV-2026-0101', 'INV-2026-0102', 'INV-2026-0103', 'INV-2026-0104', 'INV-2026-0105'];
    const batch = numbers.map((number) => ({ ...model, invoice: { ...model.invoice, number } }));
    const pdfs = await pool.renderMany(batch);
    const accounts = await Promise.all(pdfs.map(async (pdf) => (await pagesOf(pdf.bytes)).join('').match(/Account: (INV-\d{4}-\d{4})/)?.[1]));
    expect(accounts).toEqual(numbers);
  });

  it('rejects a broken invoice with a clear error, and goes on working', async () => {
    await expect(pool.render({ ...model, template: 'fancy' as InvoicePdfModel['template'] })).rejects.toThrow('There is no invoice template called "fancy"');
    await expect(pool.render({ ...model, invoice: { ...model.invoice, lines: null as unknown as InvoicePdfModel['invoice']['lines'] } }))
      .rejects.toThrow(/^The invoice PDF could not be made: /);
    await expect(pool.render({ ...model, onRender: () => undefined } as InvoicePdfModel)).rejects.toThrow(/could not be passed to the PDF worker/);
    expect((await pool.render(model)).pages).toBe(1);
    expect(pool.mode).toBe('workers');
  });

  it('stops a worker that hangs or dies instead of waiting for it', async () => {
    const ready = "const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ kind: 'ready' });";
    const hangs = createPdfRenderer({ resourcesDir: RESOURCES, workers: 1, timeoutMs: 300, entry: { script: `${ready} parentPort.on('message', () => {});`, eval: true, describe: 'a worker that never answers' } });
    await expect(hangs.render(model)).rejects.toThrow(/took longer than/);
    await hangs.close();
    const dies = createPdfRenderer({ resourcesDir: RESOURCES, workers: 1, entry: { script: `${ready} parentPort.on('message', () => process.exit(3));`, eval: true, describe: 'a worker that exits' } });
    await expect(dies.render(model)).rejects.toThrow(/PDF worker stopped while making this invoice/);
    await dies.close();
  });

  it('renders on the calling thread, and says so once, when no worker can start', async () => {
    const told: string[] = [];
    const broken = createPdfRenderer({
      resourcesDir: RESOURCES, workers: 2, log: (message) => told.push(message),
      entry: { script: "throw new Error('no worker here')", eval: true, describe: 'a worker that cannot start' },
    });
    const pdfs = await Promise.all([broken.render(model), broken.render(model), broken.render(model)]);
    expect(pdfs.map((pdf) => pdf.pages)).toEqual([1, 1, 1]);
    expect((await pagesOf(pdfs[0]!.bytes)).join('')).toContain('INV-2026-0001');
    expect(broken.mode).toBe('in-thread');
    await broken.render(model);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/could not start \(a worker that cannot start\)/);
    await broken.close();

    // The same when the worker's script cannot even be found.
    const missing: string[] = [];
    const nowhere = createPdfRenderer({
      resourcesDir: RESOURCES, workers: 1, log: (message) => missing.push(message),
      entry: { script: path.join(scratch, 'no-such-worker.cjs'), eval: false, describe: 'a missing file' },
    });
    expect((await nowhere.render(model)).pages).toBe(1);
    expect(missing).toHaveLength(1);
    await nowhere.close();
  });
});
