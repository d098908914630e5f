// A report as a file. CSV for spreadsheets (amounts in major units, e.g. 1500.50, beside their
// currency), JSON as the report itself (minor units), and a printable HTML page standing in for
// PDF until a PDF library is added: the window prints it to PDF.
import Papa from 'papaparse';
import type { ExportedFile, ReportColumn, ReportResult, ReportRow, TaxReport } from '../../../../shared/domain/analytics';
import type { ChannelParsed } from '../../../../shared/contract';
import { spreadsheetSafe } from '../../../../shared/csv';
import { CURRENCIES, formatMoney, MINOR_DIGITS, type CurrencyCode } from '../../../../shared/money';
import { businessDate } from '../../clock';
import type { CoreContext } from '../../context';
import { formatRange } from '../dates';
import { runReport } from './run';
import { taxReport } from './tax';

const isCurrency = (c: unknown): c is CurrencyCode => typeof c === 'string' && (CURRENCIES as readonly string[]).includes(c);

/** Minor units as a plain decimal in major units ("-1500.50"), for spreadsheets. */
export function toDecimal(minor: number, currency: CurrencyCode): string {
  const digits = MINOR_DIGITS[currency];
  const abs = Math.abs(minor);
  const scale = 10 ** digits;
  const text = digits === 0 ? String(abs) : `${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
  return minor < 0 ? `-${text}` : text;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'report';
}

/** A table: its header labels and cells as text, money per its row's currency. */
interface Table {
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
}

function cellText(row: ReportRow, column: ReportColumn, money: (minor: number, currency: CurrencyCode) => string): string {
  const value = row[column.key];
  if (value === null || value === undefined) return '';
  if (column.type === 'money' && typeof value === 'number' && isCurrency(row.currency)) return money(value, row.currency);
  return String(value);
}

function csvOf(columns: ReportColumn[], tables: Table[]): string {
  // One header, the rows of every table under it (the tax report's currencies share its columns).
  return Papa.unparse({
    fields: columns.map((c) => c.label),
    data: tables.flatMap((t) => t.rows.map((row) => columns.map((c) => spreadsheetSafe(cellText(row, c, toDecimal))))),
  });
}

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function htmlOf(title: string, subtitle: string, tables: Table[]): string {
  const table = (t: Table) => {
    const numeric = (c: ReportColumn) => c.type === 'money' || c.type === 'count';
    const head = t.columns.map((c) => `<th${numeric(c) ? ' class="n"' : ''}>${escape(c.label)}</th>`).join('');
    const body = t.rows
      .map((row) => `<tr>${t.columns.map((c) => `<td${numeric(c) ? ' class="n"' : ''}>${escape(cellText(row, c, formatMoney))}</td>`).join('')}</tr>`)
      .join('\n');
    return `<h2>${escape(t.title)}</h2>\n<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
  body { font: 11pt system-ui, sans-serif; margin: 2em; color: #111; }
  h1 { font-size: 16pt; margin: 0 0 .2em; } h2 { font-size: 12pt; margin: 1.5em 0 .4em; } p { color: #555; margin: 0 0 1em; }
  table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; }
  th { background: #f3f3f3; } .n { text-align: right; font-variant-numeric: tabular-nums; }
  @media print { body { margin: 0; } tr { break-inside: avoid; } }
</style></head>
<body><h1>${escape(title)}</h1><p>${escape(subtitle)}</p>
${tables.map(table).join('\n')}
</body></html>`;
}

function builderTables(result: ReportResult): Table[] {
  const measureColumns = result.columns.filter((c) => ['count', 'sum', 'average', 'p50', 'p90'].includes(c.key));
  const totals: Table = { title: 'Totals', columns: [{ key: 'currency', label: 'Currency', type: 'text' }, ...measureColumns], rows: result.totals };
  return [{ title: result.title, columns: result.columns, rows: result.rows }, ...(measureColumns.length ? [totals] : [])];
}

const TAX_COLUMNS: ReportColumn[] = [
  { key: 'currency', label: 'Currency', type: 'text' }, { key: 'month', label: 'Month', type: 'text' },
  { key: 'rate', label: 'Rate', type: 'text' }, { key: 'net', label: 'Net', type: 'money' }, { key: 'tax', label: 'VAT', type: 'money' },
  { key: 'invoiceNet', label: 'Invoiced net', type: 'money' }, { key: 'invoiceTax', label: 'Invoiced VAT', type: 'money' },
  { key: 'creditNet', label: 'Credited net', type: 'money' }, { key: 'creditTax', label: 'Credited VAT', type: 'money' },
];

function taxTables(report: TaxReport): Table[] {
  return report.currencies.map((c) => {
    const line = (month: string) => (l: TaxReport['currencies'][number]['totals'][number]): ReportRow => ({
      currency: c.currency, month, rate: l.label, net: l.netMinor, tax: l.taxMinor,
      invoiceNet: l.invoiceNetMinor, invoiceTax: l.invoiceTaxMinor, creditNet: l.creditNetMinor, creditTax: l.creditTaxMinor,
    });
    return {
      title: `VAT ${c.currency}`,
      columns: TAX_COLUMNS,
      rows: [...c.months.flatMap((m) => m.rates.map(line(m.month))), ...c.totals.map(line('Total'))],
    };
  });
}

export function exportReport(ctx: CoreContext, input: ChannelParsed<'reports.export'>): ExportedFile {
  const day = businessDate(ctx.clock.now());
  let title: string;
  let tables: Table[];
  let json: unknown;
  if (input.report.kind === 'builder') {
    // A file holds every row the report can give (up to its 10,000-row ceiling), not just the first screenful.
    const result = runReport(ctx, { ...input.report.definition, limit: 10_000 });
    title = input.report.name || result.title;
    if (result.truncated) title = `${title} (first ${result.rows.length.toLocaleString('en')} of ${result.rowCount.toLocaleString('en')} rows)`;
    tables = builderTables(result);
    json = { ...result, title };
  } else {
    const report = taxReport(ctx, input.report.range);
    title = `VAT report ${formatRange(report.from, report.to)}`;
    tables = taxTables(report);
    json = { title, ...report };
  }
  const base = `${slug(title)}-${day}`;
  const business = ctx.config.business.name;
  if (input.format === 'csv') {
    // The builder's CSV is its rows only, so it reads back as one table; the totals are in JSON and print.
    const csv = input.report.kind === 'builder' ? csvOf(tables[0]!.columns, tables.slice(0, 1)) : csvOf(TAX_COLUMNS, tables);
    return { fileName: `${base}.csv`, mimeType: 'text/csv', text: csv };
  }
  if (input.format === 'json') return { fileName: `${base}.json`, mimeType: 'application/json', text: JSON.stringify(json, null, 2) };
  return { fileName: `${base}.html`, mimeType: 'text/html', text: htmlOf(title, `${business} · made ${day}`, tables) };
}
