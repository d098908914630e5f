// STUB — the PDF helper replaces this file. The interface is what the rest of core relies on.
import type { InvoiceTemplate } from '../../../shared/domain/customer';

/** Everything a template prints, resolved from the books and Settings; plain data, so a worker thread can render it. */
export interface InvoicePdfModel {
  template: InvoiceTemplate;
  [key: string]: unknown;
}

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

/** Renders invoice PDFs, off the main thread where it can. */
export interface PdfRenderer {
  render(model: InvoicePdfModel): Promise<RenderedPdf>;
  close(): Promise<void>;
}

export interface PdfRendererOptions {
  /** Where resources/fonts is. */
  resourcesDir: string;
  /** Worker threads; 0 renders on the calling thread. */
  workers?: number;
}

export function createPdfRenderer(_options: PdfRendererOptions): PdfRenderer {
  return {
    render: () => Promise.reject(new Error('PDF rendering is not built yet')),
    close: () => Promise.resolve(),
  };
}
