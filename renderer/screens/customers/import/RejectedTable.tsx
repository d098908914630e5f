import type { ImportRejectedRow } from '../../../../shared/contract';
import { formatCount } from '../../../lib/format';

const SHOWN = 200;

export function RejectedTable({ rows }: { rows: ImportRejectedRow[] }) {
  if (rows.length === 0) return null;
  return (
    <section>
      <h3 id="import-rejected">Rejected rows</h3>
      <p>
        These rows will not be imported. To bring them in, fix the problems in your spreadsheet (the line numbers match
        the file), save it as CSV again and choose it here; or import now and add them later.
      </p>
      <table className="data-table" aria-labelledby="import-rejected">
        <thead>
          <tr><th scope="col">Line</th><th scope="col">Problems</th></tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((r) => (
            <tr key={r.line}>
              <td className="num">{r.line}</td>
              <td>
                <ul className="reasons">{r.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && <p className="muted">Showing the first {SHOWN} of {formatCount(rows.length)} rejected rows.</p>}
    </section>
  );
}
