// The PDF's pages drawn with pdf.js into canvases (Chromium's own PDF viewer is not there in every
// build), each named "Page 1 of 3 of INV-…" for screen readers.
import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { errorMessage, plural } from '../../../../lib/format';
import { loadPdfJs } from './loadPdfJs';

interface PdfPagesProps {
  data: Uint8Array<ArrayBuffer>;
  /** What the document is, for the pages' names: "INV-2026-0001", "the draft". */
  documentName: string;
}

type Opened = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; doc: PDFDocumentProxy };

/** The widest a page is drawn, in CSS pixels: an A4 page at a comfortable reading size. */
const MAX_PAGE_WIDTH = 760;

export function PdfPages({ data, documentName }: PdfPagesProps) {
  const [opened, setOpened] = useState<Opened>({ state: 'loading' });
  const [drawFailure, setDrawFailure] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);

  useEffect(() => {
    let live = true;
    let task: PDFDocumentLoadingTask | null = null;
    setOpened({ state: 'loading' });
    setDrawFailure(null);
    loadPdfJs()
      .then((pdfjs) => {
        if (!live) return null;
        // pdf.js takes the bytes over (to its worker): give it a copy, the caller keeps the original.
        task = pdfjs.getDocument({ data: data.slice(), isEvalSupported: false });
        return task.promise;
      })
      .then(
        (doc) => {
          if (live && doc) setOpened({ state: 'ready', doc });
        },
        (e: unknown) => {
          if (live) setOpened({ state: 'failed', message: errorMessage(e) });
        },
      );
    return () => {
      live = false;
      void task?.destroy();
    };
  }, [data]);

  // Each page into its canvas, in order, sized to the space there is and sharp on high-density screens.
  useEffect(() => {
    if (opened.state !== 'ready') return;
    const { doc } = opened;
    let live = true;
    const tasks: RenderTask[] = [];
    const room = Math.max(320, (listRef.current?.clientWidth ?? MAX_PAGE_WIDTH) - 24);
    const draw = async () => {
      for (let n = 1; n <= doc.numPages; n += 1) {
        const page = await doc.getPage(n);
        const canvas = canvases.current[n - 1];
        if (!live || !canvas) return;
        const natural = page.getViewport({ scale: 1 });
        const cssScale = Math.min(room, MAX_PAGE_WIDTH) / natural.width;
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: cssScale * ratio });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
        canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
        const task = page.render({ canvas, viewport });
        tasks.push(task);
        await task.promise;
        if (!live) return;
        canvas.dataset.rendered = 'true';
      }
    };
    draw().catch((e: unknown) => {
      // Closing the preview (or a new template) cancels drawing: that is no failure.
      if (live) setDrawFailure(errorMessage(e));
    });
    return () => {
      live = false;
      for (const t of tasks) t.cancel();
    };
  }, [opened]);

  if (opened.state === 'loading') return <Loading label="Opening the PDF…" />;
  if (opened.state === 'failed') return <ErrorNotice title="The PDF could not be shown" message={opened.message} />;
  const count = opened.doc.numPages;
  return (
    <>
      {drawFailure && <ErrorNotice title="A page could not be drawn" message={drawFailure} />}
      <ol ref={listRef} className="pdf-pages" aria-label={`${plural(count, 'page')} of ${documentName}`}>
        {Array.from({ length: count }, (_, i) => (
          <li key={i} className="pdf-page">
            <canvas
              ref={(el) => {
                canvases.current[i] = el;
              }}
              role="img"
              aria-label={`Page ${i + 1} of ${count} of ${documentName}`}
            />
            <span className="pdf-page-number" aria-hidden="true">Page {i + 1} of {count}</span>
          </li>
        ))}
      </ol>
    </>
  );
}
