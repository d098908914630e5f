/// <reference types="vite/client" />
// pdf.js, loaded the first time a PDF is shown (it is large), with its worker bundled by Vite as a
// plain .js file beside the page: the same origin the page's Content-Security-Policy allows.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?worker&url';

type PdfJs = typeof import('pdfjs-dist');

let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist').then(
    (pdfjs) => {
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      return pdfjs;
    },
    (e: unknown) => {
      // A failed load (an update replaced the files) may work on the next try.
      loading = null;
      throw e;
    },
  );
  return loading;
}
