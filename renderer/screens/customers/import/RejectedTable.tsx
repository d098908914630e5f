// Rows the import will not take: the line, the name on it, and each value that failed with why;
// and all of them as a CSV (the file's own columns plus "Problems") to fix and import again.
import type { ImportRejectedRow } from '../../../../shared/contract';
import { downloadText, toCsv } from '../../../lib/csv';
import { formatCount, plural } from '../../../lib/format';

const SHOWN = 200;

/** The rejected rows in the file's own columns, with what to fix in a last column. */
export function rejectedCsv(headers: string[], rows: ImportRejectedRow[]): string {
  const data = rows.map((r) => [...headers.map((_, i) => r.cells[i] ?? ''), `Line ${r.line}: ${r.reasons.join('; ')}`]);
  return `\uFEFF${toCsv([...headers, 'Problems'], data)}\r\n`;
}

export function RejectedTable({ rows, headers, fileName }: { rows: ImportRejectedRow[]; headers: string[]; fileName: string }) {
  if (rows.length === 0) return null;
  const download = () => {
    const stem = fileName.replace(/\.[^.]+$/, '') || 'customers';
    downloadText(`${stem}-rejected.csv`, rejectedCsv(headers, rows), 'text/csv');
  };
  return (
    <section>
      <h3 id="import-rejected">Rejected rows</h3>
      <p>
        These rows will not be imported. Download them, fix the values named under Problems in a spreadsheet, save it as CSV and
        import that file: the rest is imported now.
      </p>
      <p>
        <button type="button" className="btn" onClick={download}>Download the {plural(rows.length, 'rejected row')} (CSV)</button>
      </p>
      <table className="data-table rejected-table" aria-labelledby="import-rejected">
        <thead>
          <tr><th scope="col">Line</th><th scope="col">Name</th><th scope="col">Problems</th></tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((r) => (
            <tr key={r.line}>
              <td className="num">{r.line}</td>
              <td className="rejected-name">{r.name || <span className="muted">No name</span>}</td>
              <td>
                <ul className="reasons">{r.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && <p className="muted">Showing the first {SHOWN} of {formatCount(rows.length)} rejected rows; the download has them all.</p>}
    </section>
  );
}
