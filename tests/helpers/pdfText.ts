// A PDF's text as a person reads it, page by page, through pdf.js (which the app already ships for
// its preview): no system program needed. Text runs on one baseline become one line, left to right,
// with a space wherever the runs do not touch, so a table row reads "Logo design  1.5 hours  2,000.00".
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

interface Run {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

function linesOf(runs: Run[]): string[] {
  // Top of the page first; runs whose baselines differ by less than a third of the text size share a line.
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Run[][] = [];
  for (const run of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - run.y) < Math.max(line[0]!.size, run.size) / 3) line.push(run);
    else lines.push([run]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const run of line) {
      // A gap wider than a fifth of the text size is a word or column break.
      if (text !== '' && run.x - end > run.size / 5) text += ' ';
      text += run.text;
      end = run.x + run.width;
    }
    return text.trimEnd();
  });
}

/** Each page's text, lines joined by newlines. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const runs = content.items
        .filter((item): item is TextItem => 'str' in item && item.str !== '')
        .map((item) => ({ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, size: Math.hypot(item.transform[2] as number, item.transform[3] as number) || 10 }));
      pages.push(linesOf(runs).join('\n'));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The whole PDF's text. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).join('\n');
}
