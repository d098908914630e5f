// Values an import leaves out of rows that still import: the line, whose row, and what and why.
import type { ImportWarning } from '../../../shared/domain/imports';
import { formatCount } from '../../lib/format';

const SHOWN = 200;

export function WarningsTable({ rows, noun = 'row' }: { rows: ImportWarning[]; noun?: string }) {
  if (rows.length === 0) return null;
  return (
    <section>
      <h3 id="import-warnings">Imported with a value left out</h3>
      <p>
        These {noun}s import, without the value that could not be read. Correct it afterwards in Billbook, or fix it in
        your file (the line numbers match) and import again.
      </p>
      <table className="data-table" aria-labelledby="import-warnings">
        <thead>
          <tr><th scope="col">Line</th><th scope="col">Name</th><th scope="col">Left out</th></tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((w) => (
            <tr key={`${w.line}-${w.field}`}>
              <td className="num">{w.line}</td>
              <td>{w.name}</td>
              <td>{w.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && <p className="muted">Showing the first {SHOWN} of {formatCount(rows.length)}.</p>}
    </section>
  );
}
