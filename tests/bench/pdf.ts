// Invoice PDFs: react-pdf on this thread (warm), a batch over the worker pool (two workers against
// one), and the same invoice printed by headless Chromium from HTML, for a side-by-side.
//   BENCH_PDF_BATCH (1,000): invoices in the two-worker batch (one worker renders a quarter as many).
//   BENCH_PDF_TEXT_CACHES=0: react-pdf on this thread without Billbook's text caches (pdf/textCaches.ts), to compare.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { createCore } from '../../electron/core/app';
import { fixedClock } from '../../electron/core/clock';
import { getInvoice } from '../../electron/core/invoices/service';
import { invoicePdfModel, type InvoicePdfModel } from '../../electron/core/pdf/model';
import { createPdfRenderer } from '../../electron/core/pdf/renderer';
import { invoiceView } from '../../electron/core/pdf/templates/view';
import { setTextCaches } from '../../electron/core/pdf/textCaches';
import { readSettings } from '../../electron/core/settings/service';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { percentile, prng, record, section } from './measure';
import { invoiceFooterHtml, invoiceHtml } from './pdfHtml';

const RESOURCES = path.resolve('resources');
const ITEMS = ['Web hosting', 'Logo design', 'Consulting', 'Delivery to Łódź', 'Maize flour 2kg', 'Office cleaning', 'Printing', 'Training session'];
const UNITS = ['months', 'hours', 'pieces', 'bags', 'sessions'];
const RATES = [1600, 1600, 1600, 800, 0, null];

/** Pages in a PDF (both pdfkit and Chromium write each page's dictionary as "/Type /Page"). */
const pageCount = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;

/** Runs `run` `warmups` times, then `runs` times; the times in ms, sorted. */
async function timings(run: () => Promise<unknown>, warmups: number, runs: number): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** Renders each model once, in order; the times in ms, sorted. */
async function eachOnce(models: InvoicePdfModel[], run: (model: InvoicePdfModel) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const model of models) {
    const start = performance.now();
    await run(model);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** Long invoices no cache has seen, for the side-by-side that a warm cache cannot flatter. */
const DISTINCT_LONG = 20;

const p50p95 = (t: number[]) => `p50 ${percentile(t, 50).toFixed(1)} ms, p95 ${percentile(t, 95).toFixed(1)} ms`;

/** Books with one customer and two finalized invoices (5 and 120 lines), as the PDF service would read them. */
export async function invoiceModels(distinctLong = 0): Promise<{ five: InvoicePdfModel; long: InvoicePdfModel; distinct: InvoicePdfModel[]; close(): void }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-pdf-'));
  const clock = fixedClock('2026-11-21T09:00:00.000Z');
  const core = createCore({ dataDir, clock, pdfWorkers: 0, resourcesDir: RESOURCES, jobs: { autoStart: false }, log: (m, e) => console.error(m, e) });
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const envelope = await core.api[channel](input);
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    return envelope.value as ChannelOutput<C>;
  };
  await call('settings.update', {
    business: {
      name: 'Kilimani Café Supplies Ltd', street: 'Argwings Kodhek Rd 14', city: 'Nairobi', postalCode: '00100', country: 'Kenya',
      taxId: 'P051234567X', phone: '+254 20 123 4567', email: 'accounts@kilimanicafe.co.ke', website: 'kilimanicafe.co.ke', logoDataUrl: '',
    },
    payment: {
      mpesa: { kind: 'paybill', number: '123456' },
      bank: { bankName: 'Equity Bank', accountName: 'Kilimani Café Supplies Ltd', accountNumber: '0123456789012', branch: 'Westlands', swift: 'EQBLKENA' },
      note: '',
    },
  });
  const buyer = await call('customers.create', { name: 'Zoë Müller, Nairobi Café', email: 'zoe@nairobicafe.co.ke', phone: '0722 123456', address: { street: 'Moi Avenue 1', city: 'Nairobi', postalCode: '00200', country: 'KE' } });
  const random = prng(7);
  const lines = (count: number, fresh = false) => Array.from({ length: count }, (_, i) => ({
    description: fresh ? `${ITEMS[Math.floor(random() * ITEMS.length)]} ${Math.floor(random() * 100_000)}` : `${ITEMS[i % ITEMS.length]} ${i + 1}`,
    quantityMilli: (1 + Math.floor(random() * 20)) * 500,
    unit: UNITS[i % UNITS.length]!,
    unitPriceMinor: 10_000 + Math.floor(random() * 5_000_000),
    taxRateBp: RATES[i % RATES.length]!,
  }));
  const model = async (count: number, fresh = false) => {
    const d = await call('drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: lines(count, fresh) } });
    const issued = await call('invoices.finalize', { id: d.id, version: d.draft.version });
    return invoicePdfModel(getInvoice(core.context, issued.id), readSettings(core.context), 'professional', clock.now());
  };
  const five = await model(5);
  const long = await model(120);
  // Each its own words and figures, so no cache (react-pdf's or Chromium's) has seen its lines before.
  const distinct: InvoicePdfModel[] = [];
  for (let i = 0; i < distinctLong; i++) distinct.push(await model(120, true));
  return {
    five, long, distinct,
    close: () => {
      core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Measures and records; the rows go to the bench's table (measure.ts). */
export async function benchPdf(batch = Number(process.env.BENCH_PDF_BATCH ?? 1_000)): Promise<void> {
  section(`Invoice PDFs: react-pdf (${os.availableParallelism()} cores) and Chromium side by side`);
  // Measure React as the Electron build ships it (scripts/build-electron.mjs defines NODE_ENV so):
  // its development build checks every element. Set before react-pdf is first loaded, here and in the workers.
  process.env.NODE_ENV ??= 'production';
  if (process.env.BENCH_PDF_TEXT_CACHES === '0') setTextCaches(false);
  const books = await invoiceModels(DISTINCT_LONG);
  const { five, long, distinct } = books;

  // ---- react-pdf on this thread, warm ----
  const here = createPdfRenderer({ resourcesDir: RESOURCES, workers: 0 });
  let start = performance.now();
  const firstPdf = await here.render(five);
  record('react-pdf first PDF on a thread (loads react-pdf and the fonts)', `${(performance.now() - start).toFixed(0)} ms`);
  const longPages = (await here.render(long)).pages;
  const react5 = await timings(() => here.render(five), 5, 60);
  record('react-pdf 5-line invoice, warm, this thread', `${p50p95(react5)} (${(firstPdf.bytes.length / 1024).toFixed(0)} KB)`);
  const react120 = await timings(() => here.render(long), 3, 20);
  record(`react-pdf 120-line invoice (${longPages} pages), warm, this thread`, p50p95(react120));
  const reactDistinct = await eachOnce(distinct, (m) => here.render(m));
  record(`react-pdf ${distinct.length} different 120-line invoices, each once, this thread`, p50p95(reactDistinct));

  // ---- a batch over the pool: two workers against one ----
  const models = Array.from({ length: batch }, (_, i) => ({ ...five, invoice: { ...five.invoice, number: `INV-2026-${String(i + 1).padStart(4, '0')}` } }));
  const rates: Record<number, number> = {};
  // One worker gets a quarter of the batch: its rate is what is compared, and the bench stays short.
  for (const [workers, count] of [[2, batch], [1, Math.max(1, Math.round(batch / 4))]] as const) {
    const pool = createPdfRenderer({ resourcesDir: RESOURCES, workers });
    start = performance.now();
    // Start-up and warm-up (the workers' first invoices are slower), apart from the batch.
    await pool.renderMany(models.slice(0, workers * 10));
    record(`pool of ${workers}: start-up and first ${workers * 10} PDFs`, `${((performance.now() - start) / 1000).toFixed(1)} s`);
    start = performance.now();
    const pdfs = await pool.renderMany(models.slice(0, count));
    const seconds = (performance.now() - start) / 1000;
    if (pool.mode !== 'workers') throw new Error('The PDF pool fell back to the main thread: the batch measured no workers');
    if (pdfs.length !== count || pdfs.some((pdf) => pdf.pages !== 1)) throw new Error('The batch did not make one single-page PDF per invoice');
    rates[workers] = count / seconds;
    record(`pool of ${workers} worker${workers > 1 ? 's' : ''}: ${count.toLocaleString('en')} 5-line invoices in a batch`, `${seconds.toFixed(1)} s, ${rates[workers]!.toFixed(1)} invoices/s`);
    await pool.close();
  }
  record('pool: 2 workers against 1', `${(rates[2]! / rates[1]!).toFixed(2)}× the invoices per second`);

  // ---- the same invoices printed by headless Chromium from HTML ----
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    const print = async (model: InvoicePdfModel) => {
      const view = invoiceView(model);
      await page.setContent(invoiceHtml(view));
      return page.pdf({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: invoiceFooterHtml(view) });
    };
    const chromePages = pageCount(await print(long));
    const chrome5 = await timings(() => print(five), 5, 60);
    record('Chromium 5-line invoice, warm (browser running)', `${p50p95(chrome5)} (${((await print(five)).length / 1024).toFixed(0)} KB)`);
    const chrome120 = await timings(() => print(long), 3, 20);
    record(`Chromium 120-line invoice (${chromePages} pages), warm`, p50p95(chrome120));
    const ratio = (a: number[], b: number[]) => (percentile(a, 50) / percentile(b, 50)).toFixed(2);
    record('Chromium ÷ react-pdf, p50, 5 lines', `${ratio(chrome5, react5)}×`);
    record('Chromium ÷ react-pdf, p50, 120 lines', `${ratio(chrome120, react120)}×`);
    const chromeDistinct = await eachOnce(distinct, print);
    record(`Chromium ${distinct.length} different 120-line invoices, each once`, p50p95(chromeDistinct));
    record('Chromium ÷ react-pdf, p50, different 120-line invoices', `${ratio(chromeDistinct, reactDistinct)}×`);
  } finally {
    await browser.close();
    await here.close();
    books.close();
  }
}
