import Papa from 'papaparse';
import { AppError } from '../../../../shared/errors';

export interface CsvRecord {
  /** The file line on which this record starts (1-based), as a spreadsheet would show it. */
  line: number;
  cells: string[];
}

export interface CsvFile {
  delimiter: string;
  headers: string[];
  records: CsvRecord[];
  /** Records the parser could not read at all (an unclosed quote, say). */
  unreadable: { line: number; reason: string }[];
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];

/** Picks the delimiter that splits the header line into the most columns, outside quotes. */
function detectDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === candidate && !quoted) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const PREAMBLE_ROWS = 10;

/**
 * The row that names the columns. Some tools write a title first (Invoice Ninja: its version, a
 * blank line, "CLIENTS"): a row with a single filled cell above a row with several is not it.
 */
function headerRowOf(rows: readonly { cells: string[] }[]): number {
  const filled = (cells: string[]) => cells.filter((c) => c.trim() !== '').length;
  if (rows.length === 0 || filled(rows[0]!.cells) >= 2) return 0;
  const found = rows.slice(0, PREAMBLE_ROWS).findIndex((r) => filled(r.cells) >= 2);
  return found === -1 ? 0 : found;
}

/** A header named twice ("Phone" for the client and for the contact) is told apart: "Phone", "Phone (2)". */
function distinctHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    if (h === '') return h;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
}

/**
 * Reads a CSV the way people's files really are: a UTF-8 BOM, CRLF or LF, comma, semicolon or tab,
 * quoted fields holding delimiters and newlines, blank lines anywhere.
 */
export function readCsv(rawText: string): CsvFile {
  const text = rawText.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '');
  // A spreadsheet (.xlsx) or UTF-16 file has NULs from its first bytes; a stray one in a later
  // cell is that row's problem, reported with it.
  if (firstLine?.includes('\u0000')) {
    throw new AppError('invalid_input', 'This file is not text. Save it from your spreadsheet as “CSV UTF-8” and choose it again.');
  }
  if (firstLine === undefined) {
    throw new AppError('invalid_input', 'The file is empty. Choose a CSV file with a header row and at least one row below it.');
  }
  const delimiter = detectDelimiter(firstLine);
  const starts = lineStarts(text);
  const rows: { line: number; lastLine: number; cells: string[]; errors: string[] }[] = [];
  let previousEnd = 0;
  // Papa is told to keep blank rows: skipping them itself would hide them from the line count.
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      let start = previousEnd;
      while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
      previousEnd = result.meta.cursor;
      if (result.data.every((cell) => cell.trim() === '')) return;
      rows.push({
        line: lineOf(starts, start),
        lastLine: lineOf(starts, Math.max(start, result.meta.cursor - 1)),
        cells: result.data,
        errors: result.errors.map((e) => e.message),
      });
    },
  });
  const start = headerRowOf(rows);
  const [header, ...body] = rows.slice(start);
  if (!header) throw new AppError('invalid_input', 'The file has no header row.');
  const headers = distinctHeaders(header.cells.map((h) => h.trim()));
  if (headers.every((h) => h === '')) throw new AppError('invalid_input', 'The first row must name the columns (for example: Name, Email, Phone).');
  const records: CsvRecord[] = [];
  const unreadable: CsvFile['unreadable'] = [];
  for (const row of body) {
    if (row.errors.length === 0) {
      records.push({ line: row.line, cells: row.cells });
      continue;
    }
    // An unclosed quote runs to the end of the file; say which lines it swallowed.
    const span = row.lastLine > row.line ? `lines ${row.line}–${row.lastLine}` : 'this row';
    unreadable.push({ line: row.line, reason: `Could not read ${span}: ${row.errors.join('; ')}. Check the quotes on line ${row.line}.` });
  }
  return { delimiter, headers, records, unreadable };
}
