import { useId, useState, type ReactNode } from 'react';
import { downloadText, toCsv } from '../lib/csv';
import { DataTable, type RowAction, type TableColumn } from './DataTable';
import './ChartCard.css';

interface ChartCardProps<R> {
  title: string;
  /** A sentence under the heading: what is counted, and that bars open their invoices. */
  description?: ReactNode;
  /** Shown instead of the chart when there is nothing to draw: what will appear here, and why it is empty. */
  empty?: string | null;
  /** The file name for "Download CSV". */
  csvName: string;
  columns: TableColumn<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  rowAction?: (row: R) => RowAction | null;
  /** The chart itself (a recharts ResponsiveContainer). */
  children: ReactNode;
}

/**
 * A chart with its heading, a "Show table" toggle giving the same numbers as an accessible table,
 * and a CSV download of them. The table and the CSV come from the same columns, so they never disagree.
 */
export function ChartCard<R>(props: ChartCardProps<R>) {
  const { title, description, empty, csvName, columns, rows, rowKey, rowAction, children } = props;
  const headingId = useId();
  const [asTable, setAsTable] = useState(false);

  const download = () => {
    const csvColumns = columns.filter((c) => c.csv);
    downloadText(csvName, toCsv(csvColumns.map((c) => c.label), rows.map((r) => csvColumns.map((c) => c.csv!(r)))), 'text/csv');
  };

  return (
    <section className="chart-card" aria-labelledby={headingId}>
      <header className="chart-card-header">
        <h3 id={headingId}>{title}</h3>
        {description && <p className="chart-card-description">{description}</p>}
      </header>
      {empty ? (
        <p className="chart-empty">{empty}</p>
      ) : asTable ? (
        <DataTable caption={title} columns={columns} rows={rows} rowKey={rowKey} rowAction={rowAction} />
      ) : (
        <div className="chart-box">{children}</div>
      )}
      {!empty && (
        // Under the chart, so a half-width card's title keeps the whole line.
        <div className="chart-card-tools">
          <button type="button" className="btn btn-small" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
            Show table<span className="visually-hidden">: {title}</span>
          </button>
          <button type="button" className="btn btn-small" onClick={download}>
            Download CSV<span className="visually-hidden">: {title}</span>
          </button>
        </div>
      )}
    </section>
  );
}
