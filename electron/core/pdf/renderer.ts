// The PDF renderer core puts on ctx.pdf: a pool of worker threads by default, the calling thread
// when asked for none. react-pdf is loaded only when a PDF is first made on this thread.
import os from 'node:os';
import type { PdfModel } from './model';
import { RenderPool } from './pool';
import type { RenderedBytes } from './render';
import { pdfWorkerEntry, type WorkerEntry } from './workerEntry';

export type { InvoicePdfModel, PdfModel, ReceiptPdfModel } from './model';

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

/** Renders invoice PDFs, off the main thread where it can. */
export interface PdfRenderer {
  render(model: PdfModel): Promise<RenderedPdf>;
  /** Many invoices at once, spread over the workers; in the order given. */
  renderMany(models: readonly PdfModel[]): Promise<RenderedPdf[]>;
  /** 'workers', or 'in-thread' when asked for no workers or when none could start. */
  readonly mode: 'workers' | 'in-thread';
  close(): Promise<void>;
}

export interface PdfRendererOptions {
  /** Where resources/fonts is. */
  resourcesDir: string;
  /** Worker threads; 0 renders on the calling thread. Default: one per core, at most 2. */
  workers?: number;
  /** A render in a worker that takes longer is stopped and rejected. Default: 60 s. */
  timeoutMs?: number;
  /** Told once when no worker can start and rendering falls back to the calling thread. */
  log?: (message: string, error?: unknown) => void;
  /** The worker's code; default: found for how this process runs (workerEntry.ts). Tests pass broken ones. */
  entry?: WorkerEntry;
}

export const DEFAULT_PDF_WORKERS = Math.min(2, os.availableParallelism());

function asPdf(rendered: RenderedBytes): RenderedPdf {
  const { bytes, pages } = rendered;
  return { bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), pages };
}

export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  const { resourcesDir, entry } = options;
  const inThread = async (model: PdfModel): Promise<RenderedBytes> => {
    // The Electron build points this import at dist-electron/pdfWorker.cjs (scripts/build-electron.mjs).
    const { renderInvoiceModel } = await import('./worker');
    return renderInvoiceModel(model, resourcesDir);
  };
  const size = Math.max(0, Math.floor(options.workers ?? DEFAULT_PDF_WORKERS));
  if (size === 0) {
    return {
      mode: 'in-thread',
      render: async (model) => asPdf(await inThread(model)),
      renderMany: async (models) => (await Promise.all(models.map(inThread))).map(asPdf),
      close: () => Promise.resolve(),
    };
  }
  const pool = new RenderPool({
    size,
    resourcesDir,
    entry: entry ? () => entry : pdfWorkerEntry,
    timeoutMs: options.timeoutMs ?? 60_000,
    inThread,
    log: options.log ?? ((message, error) => console.warn(message, error)),
  });
  return {
    get mode() {
      return pool.mode;
    },
    render: async (model) => asPdf(await pool.render(model)),
    renderMany: async (models) => (await Promise.all(models.map((model) => pool.render(model)))).map(asPdf),
    close: () => pool.close(),
  };
}
