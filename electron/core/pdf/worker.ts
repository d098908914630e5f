// The PDF worker thread's entry: renders the invoices the pool sends, one at a time, and answers each.
// Bundled (dist-electron/pdfWorker.cjs) it is also what the main process loads to render on its own
// thread when no worker can start, so main.cjs does not carry react-pdf; that is what the export is for.
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { registerInvoiceFonts } from './fonts';
import type { PdfWorkerData, RenderRequest, WorkerMessage } from './protocol';
import { renderInvoiceModel } from './render';

export { renderInvoiceModel };

function serve(port: MessagePort, { resourcesDir }: PdfWorkerData): void {
  const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  port.on('message', (request: RenderRequest) => {
    renderInvoiceModel(request.model, resourcesDir).then(
      ({ bytes, pages }) => {
        // A fresh copy owns its whole buffer, so it can be handed over without copying again.
        const own = new Uint8Array(bytes);
        send({ kind: 'rendered', id: request.id, bytes: own, pages }, [own.buffer]);
      },
      (error: unknown) => send({ kind: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) }),
    );
  });
  // Load the fonts now, so the first invoice is not slower than the rest and a missing font shows at once.
  registerInvoiceFonts(resourcesDir);
  send({ kind: 'ready' });
}

if (!isMainThread && parentPort) serve(parentPort, workerData as PdfWorkerData);
