// Files made in the page: CSV text from rows, and a download of any text through a Blob link.

import { spreadsheetSafe } from '../../shared/csv';

type Cell = string | number | null | undefined;

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: Cell): string {
  if (value === null || value === undefined) return '';
  // Text through the one guard every CSV writer uses; a number is written as it is.
  const safe = typeof value === 'string' ? spreadsheetSafe(value) : String(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A header line and one line per row, CRLF between them as spreadsheets expect. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n');
}

/** Saves a Blob under `fileName`: a browser downloads it; Electron shows its save dialog, where the person picks the folder. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is no longer needed after this turn.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Saves `text` as a file the browser (or Electron) downloads under `fileName`. */
export function downloadText(fileName: string, text: string, mimeType: string): void {
  downloadBlob(fileName, new Blob([text], { type: `${mimeType};charset=utf-8` }));
}

/** A file name safe on every system: "Revenue by month" -> "revenue-by-month-KES.csv". */
export function csvFileName(...parts: string[]): string {
  const base = parts.join(' ').toLowerCase().replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
  return `${base || 'export'}.csv`;
}
