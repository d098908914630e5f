import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import { renderInvoicePdf } from './service';

/** pdf.render: the invoice as a PDF for the preview and "Save as PDF". */
export function pdfHandlers(ctx: CoreContext): Pick<HandlerMap, 'pdf.render'> {
  return {
    'pdf.render': async (input) => {
      const pdf = await renderInvoicePdf(ctx, input.invoiceId, input.template);
      return { fileName: pdf.fileName, base64: pdf.bytes.toString('base64'), pages: pdf.pages, bytes: pdf.bytes.length };
    },
  };
}
