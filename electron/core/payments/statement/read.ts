// Reads an M-Pesa statement as the business portal exports it (CSV or Excel .xlsx): a few lines
// about the account, then the header (Receipt No., Completion Time, Initiation Time, Details,
// Transaction Status, Paid In, Withdrawn, Balance, …), then one row per transaction, then totals
// and a disclaimer. Only money received and completed is kept; withdrawals, charges, failed and
// reversed transactions are listed as left out, each with why.
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { MPESA_RECEIPT } from '../../../../shared/domain/payment';
import { AppError } from '../../../../shared/errors';
import { readImportAmount } from '../../imports/amount';

export interface StatementLine {
  /** The row in the file (1-based), as a spreadsheet shows it. */
  line: number;
  receipt: string;
  /** The completion time as an instant (the statement's times are Nairobi's). */
  paidAt: string;
  /** The business date the money arrived: the statement's own calendar date. */
  paidOn: string;
  details: string;
  amountMinor: number;
  /** +2547…, or '' when the statement hides the number. */
  payerPhone: string;
  /** A hidden number as the statement shows it ("2547******111"), to match by its visible digits. */
  maskedPhone: string;
  payerName: string;
  /** The account the customer typed (Paybill), '' for a Till payment. */
  accountReference: string;
}

export interface StatementLeftOut {
  line: number;
  receipt: string;
  reason: string;
}

export interface Statement {
  format: 'csv' | 'xlsx';
  /** Money received, completed: what can be matched. */
  lines: StatementLine[];
  /** Rows that are not money received (withdrawals, charges, failed, reversed). */
  leftOut: StatementLeftOut[];
  /** Rows that look like transactions but could not be read. */
  problems: StatementLeftOut[];
}

const MAX_BYTES = 20 * 1024 * 1024;
const HEADER_SEARCH_ROWS = 40;
const DOWNLOAD_HINT = 'Download the statement again from the M-Pesa business portal (Org Portal → Account Statement → Export, as CSV or Excel) and choose that file.';

const simplify = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The columns this reader uses, by their simplified names in the export. */
const COLUMNS = {
  receipt: ['receiptno', 'receipt', 'receiptnumber', 'transactionid'],
  completed: ['completiontime', 'completiondate', 'transactiondate'],
  initiated: ['initiationtime'],
  details: ['details', 'description'],
  status: ['transactionstatus', 'status'],
  paidIn: ['paidin', 'moneyin', 'credit'],
  withdrawn: ['withdrawn', 'withdrawal', 'moneyout', 'debit'],
  reasonType: ['reasontype'],
  otherParty: ['otherpartyinfo', 'otherparty'],
  linked: ['linkedtransactionid'],
  account: ['acno', 'accountno', 'accountnumber', 'billrefnumber'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['receipt', 'completed', 'details', 'paidIn'];
const COLUMN_WORDS: Record<Column, string> = {
  receipt: 'Receipt No.', completed: 'Completion Time', initiated: 'Initiation Time', details: 'Details', status: 'Transaction Status',
  paidIn: 'Paid In', withdrawn: 'Withdrawn', reasonType: 'Reason Type', otherParty: 'Other Party Info', linked: 'Linked Transaction ID', account: 'A/C No.',
};

type Cell = string | number | boolean | Date | null | undefined;

/** What kind of file the bytes are: a zip (xlsx), a PDF, or text. */
function kindOf(bytes: Buffer, fileName: string): 'xlsx' | 'csv' {
  if (bytes.length === 0) throw new AppError('invalid_input', `“${fileName}” is empty. ${DOWNLOAD_HINT}`);
  if (bytes.length > MAX_BYTES) throw new AppError('invalid_input', `“${fileName}” is over 20 MB. Export a shorter period (a month at a time) and import each file.`);
  if (bytes.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') return 'xlsx';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new AppError('invalid_input', `“${fileName}” is a PDF statement, which Billbook cannot read yet. In the M-Pesa business portal, export the statement as CSV or Excel instead and choose that file.`);
  }
  if (bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new AppError('invalid_input', `“${fileName}” is an old Excel file (.xls). Open it in Excel and save it as .xlsx or CSV, then choose it again.`);
  }
  // UTF-16 text (a spreadsheet's "Unicode text") has NULs between its letters.
  if (bytes.subarray(0, Math.min(bytes.length, 2000)).includes(0)) {
    throw new AppError('invalid_input', `“${fileName}” is neither a CSV nor an Excel file. ${DOWNLOAD_HINT}`);
  }
  return 'csv';
}

function csvRows(bytes: Buffer): { line: number; cells: string[] }[] {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  // The header line decides the delimiter: the portal writes commas, a spreadsheet in some locales semicolons.
  const headerLine = text.split(/\r?\n/).find((l) => /receipt/i.test(l) && /paid/i.test(l)) ?? '';
  const delimiter = [',', ';', '\t'].sort((a, b) => headerLine.split(b).length - headerLine.split(a).length)[0]!;
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  // Papa gives no line numbers; count them from the rows' own line breaks (a quoted cell may hold one).
  let line = 1;
  return parsed.data.map((cells) => {
    const row = { line, cells };
    line += 1 + cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    return row;
  });
}

async function xlsxRows(bytes: Buffer, fileName: string): Promise<{ line: number; cells: Cell[] }[]> {
  try {
    const data = await readSheet(bytes, { parseNumber: (s: string) => s } as never);
    return (data as unknown as Cell[][]).map((cells, i) => ({ line: i + 1, cells }));
  } catch {
    throw new AppError('invalid_input', `“${fileName}” could not be opened as an Excel workbook: it may be damaged or password-protected. ${DOWNLOAD_HINT}`);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A completion time as written ("2026-11-05 14:03:22", "05-11-2026 14:03", "05/11/2026 2:03:22 PM") or an Excel date. */
export function readStatementTime(cell: Cell): { paidOn: string; paidAt: string } | null {
  let y: number, mo: number, d: number, h = 0, mi = 0, s = 0;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    // Excel keeps the wall clock as a fraction of a day; the library hands it over as that wall
    // clock in UTC, a few milliseconds off the second it was.
    const at = new Date(Math.round(cell.getTime() / 1000) * 1000);
    [y, mo, d, h, mi, s] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()];
  } else {
    const text = String(cell ?? '').trim();
    const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i.exec(text);
    const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i.exec(text);
    const m = iso ?? dmy;
    if (!m) return null;
    if (iso) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    else [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    const half = m[7]?.toLowerCase();
    if (half === 'pm' && h < 12) h += 12;
    if (half === 'am' && h === 12) h = 0;
  }
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (local.getUTCMonth() !== mo - 1 || local.getUTCDate() !== d || h > 23 || mi > 59 || s > 59 || y < 2000 || y > 2999) return null;
  // Safaricom's statements are in East Africa Time (UTC+3, no daylight saving).
  return { paidOn: `${y}-${pad(mo)}-${pad(d)}`, paidAt: new Date(local.getTime() - 3 * 3_600_000).toISOString() };
}

const text = (cell: Cell) => (cell instanceof Date ? cell.toISOString() : String(cell ?? '')).trim();

/** The payer ("254722000111 - JANE W") and account ("Acc. INV20260001") in a Details cell. */
export function readDetails(details: string, otherParty = ''): { phone: string; masked: string; name: string; account: string } {
  const account = /\bAcc(?:ount)?\.?(?:\s*No\.?)?\s*[:#-]?\s*([^\s].*?)\s*$/i.exec(details)?.[1] ?? '';
  const source = /\bfrom\s+(.+?)(?:\s+Acc(?:ount)?\.|$)/i.exec(details)?.[1] ?? otherParty;
  const party = /^\s*(\+?[0-9*]{6,15})\s*-\s*(.*?)\s*$/.exec(source) ?? /^\s*(\+?[0-9*]{6,15})\s*$/.exec(source);
  const number = party?.[1] ?? '';
  let phone = '';
  let masked = '';
  if (number.includes('*')) masked = number.replace(/^\+/, '');
  else if (number) {
    const digits = number.replace(/^\+/, '');
    phone = /^254[17]\d{8}$/.test(digits) ? `+${digits}` : /^0[17]\d{8}$/.test(digits) ? `+254${digits.slice(1)}` : '';
  }
  const name = (party?.[2] ?? (party ? '' : source.replace(/^.*?-\s*/, ''))).trim();
  return { phone, masked, name, account: account.replace(/^[.:\s]+/, '') };
}

function findHeader(rows: { line: number; cells: Cell[] }[]): { index: number; columns: Partial<Record<Column, number>> } | null {
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const names = rows[i]!.cells.map((c) => simplify(text(c)));
    if (!names.includes('receiptno') && !names.includes('receipt')) continue;
    const columns: Partial<Record<Column, number>> = {};
    for (const [column, options] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      const at = names.findIndex((n) => options.includes(n));
      if (at !== -1) columns[column] = at;
    }
    return { index: i, columns };
  }
  return null;
}

const RECEIPT = MPESA_RECEIPT;
const FOOTER = /^(total|totals|opening|closing|disclaimer|summary|page|statement|end of|\*)/i;

/** Reads the file's bytes; a file that is not a statement is refused with what to do. */
export async function readStatement(bytes: Buffer, fileName: string): Promise<Statement> {
  const format = kindOf(bytes, fileName);
  const rows = format === 'xlsx' ? await xlsxRows(bytes, fileName) : csvRows(bytes);
  const header = findHeader(rows);
  if (!header) {
    throw new AppError(
      'invalid_input',
      `“${fileName}” is not an M-Pesa statement: no row names the columns Receipt No., Completion Time, Details and Paid In. ${DOWNLOAD_HINT}`,
    );
  }
  const missing = REQUIRED.filter((c) => header.columns[c] === undefined);
  if (missing.length > 0) {
    throw new AppError(
      'invalid_input',
      `“${fileName}” has no ${missing.map((c) => COLUMN_WORDS[c]).join(', ')} column${missing.length > 1 ? 's' : ''}. Export the full statement (every column) and choose it again.`,
    );
  }
  const cell = (cells: Cell[], column: Column) => {
    const at = header.columns[column];
    return at === undefined ? '' : text(cells[at]);
  };
  const raw = (cells: Cell[], column: Column): Cell => {
    const at = header.columns[column];
    return at === undefined ? null : cells[at];
  };
  const lines: StatementLine[] = [];
  const leftOut: StatementLeftOut[] = [];
  const problems: StatementLeftOut[] = [];
  const reversed = new Map<string, number>();
  const seen = new Set<string>();
  for (const { line, cells } of rows.slice(header.index + 1)) {
    if (cells.every((c) => text(c) === '')) continue;
    const receipt = cell(cells, 'receipt').toUpperCase();
    if (!RECEIPT.test(receipt)) {
      // Totals, the disclaimer and page footers; a row with money but no receipt is worth saying.
      const first = cells.map(text).find((c) => c !== '') ?? '';
      if (!FOOTER.test(first) && (cell(cells, 'paidIn') !== '' || cell(cells, 'withdrawn') !== '') && receipt !== '') {
        problems.push({ line, receipt, reason: `“${receipt}” is not an M-Pesa receipt number` });
      }
      continue;
    }
    const details = cell(cells, 'details');
    const status = cell(cells, 'status');
    const reason = cell(cells, 'reasonType');
    const linked = cell(cells, 'linked').toUpperCase();
    if (/revers/i.test(details) || /revers/i.test(reason)) {
      const original = RECEIPT.test(linked) ? linked : (/\b([A-Z][A-Z0-9]{9})\b/.exec(details.replace(/^reversal\s*(of)?/i, ''))?.[1] ?? '');
      if (original) reversed.set(original, line);
      leftOut.push({ line, receipt, reason: original ? `Reversal of ${original}` : 'A reversal' });
      continue;
    }
    if (status !== '' && !/^complete/i.test(status)) {
      leftOut.push({ line, receipt, reason: `Not completed (${status})` });
      continue;
    }
    const paidInText = cell(cells, 'paidIn');
    const paidIn = paidInText === '' ? { ok: true as const, minor: 0 } : readImportAmount(paidInText, 'KES');
    if (!paidIn.ok) {
      problems.push({ line, receipt, reason: `Paid In “${paidInText}” is ${paidIn.reason}` });
      continue;
    }
    if (paidIn.minor <= 0) {
      leftOut.push({ line, receipt, reason: cell(cells, 'withdrawn') !== '' ? 'Money paid out' : 'No money received' });
      continue;
    }
    const time = readStatementTime(raw(cells, 'completed')) ?? readStatementTime(raw(cells, 'initiated'));
    if (!time) {
      problems.push({ line, receipt, reason: `Completion Time “${cell(cells, 'completed')}” is not a date and time` });
      continue;
    }
    if (seen.has(receipt)) {
      leftOut.push({ line, receipt, reason: 'The same receipt appears earlier in this file' });
      continue;
    }
    seen.add(receipt);
    const party = readDetails(details, cell(cells, 'otherParty'));
    const accountColumn = cell(cells, 'account');
    lines.push({
      line, receipt, paidAt: time.paidAt, paidOn: time.paidOn, details, amountMinor: paidIn.minor,
      payerPhone: party.phone, maskedPhone: party.masked, payerName: party.name, accountReference: party.account || accountColumn,
    });
  }
  // Money received and later reversed in the same statement never reached the business.
  const kept = lines.filter((l) => {
    const at = reversed.get(l.receipt);
    if (at === undefined) return true;
    leftOut.push({ line: l.line, receipt: l.receipt, reason: `Reversed later in this statement (line ${at})` });
    return false;
  });
  leftOut.sort((a, b) => a.line - b.line);
  return { format, lines: kept, leftOut, problems };
}
