import type { ReactNode } from 'react';

/** One column of a table view: what each cell shows, what the CSV gets, and whether the cell opens something. */
export interface TableColumn<R> {
  key: string;
  label: string;
  /** Right-aligned, tabular digits. */
  numeric?: boolean;
  /** The cell as a person reads it: exact amounts, dates, labels. */
  text: (row: R) => ReactNode;
  /** The cell in a CSV file (amounts as plain decimals); absent: the column is left out of the CSV. */
  csv?: (row: R) => string | number | null;
  /** When set for a row, the cell is a button that opens what is behind it; `describe` finishes its name for screen readers. */
  open?: (row: R) => { describe: string; onOpen: () => void } | null;
}

/** A row-level action (e.g. "View invoices"), for rows that stand for one thing. */
export interface RowAction {
  label: string;
  /** Appended to the label for screen readers, e.g. "for May 2026". */
  describe: string;
  onOpen: () => void;
}

interface DataTableProps<R> {
  caption: string;
  columns: TableColumn<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  rowAction?: ((row: R) => RowAction | null) | undefined;
}

/**
 * A plain accessible table: the first column is each row's header; cells with something behind them
 * are buttons, so a keyboard reaches everything a mouse reaches on the chart.
 */
export function DataTable<R>({ caption, columns, rows, rowKey, rowAction }: DataTableProps<R>) {
  return (
    <div className="table-wrap">
      <table className="data-table view-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>{c.label}</th>
            ))}
            {rowAction && <th scope="col"><span className="visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const action = rowAction?.(row) ?? null;
            return (
              <tr key={rowKey(row)}>
                {columns.map((c, i) => {
                  const open = c.open?.(row) ?? null;
                  const content = open ? (
                    <button type="button" className="btn-link cell-open" onClick={open.onOpen}>
                      {c.text(row)}
                      <span className="visually-hidden"> — {open.describe}</span>
                    </button>
                  ) : (
                    c.text(row)
                  );
                  const cls = c.numeric ? 'num' : undefined;
                  return i === 0 ? (
                    <th key={c.key} scope="row" className={cls}>{content}</th>
                  ) : (
                    <td key={c.key} className={cls}>{content}</td>
                  );
                })}
                {rowAction && (
                  <td className="row-action">
                    {action && (
                      <button type="button" className="btn btn-small" onClick={action.onOpen}>
                        {action.label}
                        <span className="visually-hidden"> {action.describe}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
