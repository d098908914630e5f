import type { ReportResult } from '../../../../shared/domain/analytics';
import { formatCount } from '../../../lib/format';
import { cellText, isNumeric } from './cells';

/** The report's rows, then one totals row per currency under the measure columns. */
export function ResultsTable({ result }: { result: ReportResult }) {
  const { columns, rows, totals } = result;
  // The totals carry only the measures (and currency): other columns stay empty on those rows.
  const measureKeys = new Set(totals.flatMap((t) => Object.keys(t)).filter((k) => k !== 'currency'));
  return (
    <div className="table-wrap report-table-wrap">
      <table className="data-table report-table">
        <caption className="visually-hidden">{result.title}</caption>
        <thead>
          <tr>
            {columns.map((c) => <th key={c.key} scope="col" className={isNumeric(c) ? 'num' : undefined}>{c.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => <td key={c.key} className={isNumeric(c) ? 'num' : undefined}>{cellText(row, c)}</td>)}
            </tr>
          ))}
        </tbody>
        {totals.length > 0 && measureKeys.size > 0 && (
          <tfoot>
            {totals.map((t) => (
              <tr key={String(t.currency)}>
                {columns.map((c, i) =>
                  i === 0 ? (
                    <th key={c.key} scope="row">Total, {String(t.currency)}</th>
                  ) : (
                    <td key={c.key} className={isNumeric(c) ? 'num' : undefined}>
                      {c.key === 'currency' ? String(t.currency) : measureKeys.has(c.key) ? cellText(t, c) : ''}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tfoot>
        )}
      </table>
      <p className="visually-hidden">{formatCount(rows.length)} rows</p>
    </div>
  );
}
