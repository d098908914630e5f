import type { ReactNode } from 'react';

/**
 * The reasons under a table row, across the whole table: sentences need width, and as a column they
 * squeezed the figures off a 1024 px window.
 */
export function WhyRow({ colSpan, reasons, extra }: { colSpan: number; reasons: string[]; extra?: ReactNode }) {
  return (
    <tr className="why-row">
      <td colSpan={colSpan}>
        <span className="why-label">Why:</span>
        <ul className="why-list">
          {reasons.map((r) => <li key={r}>{r}</li>)}
        </ul>
        {extra && <span className="why-extra">{extra}</span>}
      </td>
    </tr>
  );
}
