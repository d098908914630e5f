// One invoice PDF, made in the calling thread: the worker runs this, and so does `workers: 0`.
import { Document, renderToBuffer } from '@react-pdf/renderer';
import { Component, type ReactNode } from 'react';
import { registerInvoiceFonts } from './fonts';
import type { InvoicePdfModel } from './model';
import { layoutFor } from './templates';
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

export async function renderInvoiceModel(model: InvoicePdfModel, resourcesDir: string): Promise<RenderedBytes> {
  registerInvoiceFonts(resourcesDir);
  let failure: unknown = null;
  let bytes: Uint8Array;
  try {
    // The words are worked out before react-pdf sees them, so a bad model fails here with its own message.
    const layout = layoutFor(model.template);
    const view = invoiceView(model);
    const page = layout(view);
    bytes = await renderToBuffer(
      <Document
        title={view.title}
        author={view.business.name}
        subject={`Invoice for ${view.customer.name}`}
        creator="Billbook"
        producer="Billbook"
        language="en"
        creationDate={new Date(model.renderedAt)}
      >
        <TemplateGuard onError={(error) => (failure ??= error)}>{page}</TemplateGuard>
      </Document>,
    );
  } catch (error) {
    throw new Error(`The invoice PDF could not be made: ${messageOf(failure ?? error)}`, { cause: failure ?? error });
  }
  if (failure !== null) throw new Error(`The invoice PDF could not be made: ${messageOf(failure)}`, { cause: failure });
  return { bytes, pages: countPages(bytes) };
}
