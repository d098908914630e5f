// One invoice PDF, made in the calling thread: the worker runs this, and so does `workers: 0`.
import { Document } from '@react-pdf/renderer';
import { Component, type ReactNode } from 'react';
import { joinContentWrites } from './contentWrites';
import { INVOICE_FONT, registerInvoiceFonts } from './fonts';
import type { PdfModel } from './model';
import { receiptPage, receiptView } from './templates/receipt';
import { statementPage, statementView } from './templates/statement';
import { layoutFor } from './templates';
import { renderLaidDocument } from './laidText';
import { invoicePages } from './pagination';
import { flowingPage } from './templates/plan';
import { installTextCaches } from './textCaches';
import { invoiceView } from './templates/view';

export interface RenderedBytes {
  bytes: Uint8Array;
  pages: number;
}

/** Page objects in the file: pdfkit writes each page's dictionary uncompressed, as "/Type /Page". */
export function countPages(bytes: Uint8Array): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
}

/**
 * Catches an error thrown while a template's pieces render. Without it react-pdf only fails later
 * with "Cannot read properties of null", which says nothing about the template.
 */
class TemplateGuard extends Component<{ children: ReactNode; onError: (error: unknown) => void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: unknown): void {
    this.props.onError(error);
  }
  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The pages and the document's metadata for a model: an invoice or quote in its template, a receipt, a statement. */
async function documentOf(model: PdfModel): Promise<{ page: ReactNode; title: string; author: string; subject: string; language: string }> {
  if (model.kind === 'receipt') {
    const view = receiptView(model);
    return { page: receiptPage(view), title: `${view.text.title} ${view.number}`, author: view.business.name, subject: view.customer.name, language: view.language };
  }
  if (model.kind === 'statement') {
    const view = statementView(model);
    return { page: statementPage(view), title: view.title, author: view.business.name, subject: view.customer.name, language: view.language };
  }
  // The words are worked out before react-pdf sees them, so a bad model fails here with its own message.
  const layout = layoutFor(model.template);
  const view = invoiceView(model);
  const plan = layout(view);
  // Pages worked out here need no splitting by react-pdf, which is most of a long invoice's time (pagination.tsx).
  const pages = await invoicePages(plan).catch(() => null);
  return { page: pages ?? flowingPage(plan), title: view.title, author: view.business.name, subject: view.subject, language: view.language };
}

let textCaches: Promise<void> | null = null;

export async function renderInvoiceModel(model: PdfModel, resourcesDir: string): Promise<RenderedBytes> {
  registerInvoiceFonts(resourcesDir);
  // The caches only save time: without them (say the font would not load here) react-pdf works as it always did.
  await (textCaches ??= installTextCaches(INVOICE_FONT).catch(() => undefined));
  joinContentWrites();
  let failure: unknown = null;
  let bytes: Uint8Array;
  const what = model.kind ?? 'invoice';
  try {
    const { page, ...doc } = await documentOf(model);
    bytes = await renderLaidDocument(
      <Document
        title={doc.title}
        author={doc.author}
        subject={doc.subject}
        creator="Billbook"
        producer="Billbook"
        language={doc.language}
        creationDate={new Date(model.renderedAt)}
      >
        <TemplateGuard onError={(error) => (failure ??= error)}>{page}</TemplateGuard>
      </Document>,
    );
  } catch (error) {
    throw new Error(`The ${what} PDF could not be made: ${messageOf(failure ?? error)}`, { cause: failure ?? error });
  }
  if (failure !== null) throw new Error(`The ${what} PDF could not be made: ${messageOf(failure)}`, { cause: failure });
  return { bytes, pages: countPages(bytes) };
}
