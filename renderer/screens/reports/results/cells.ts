// A report cell as text: money in its row's currency, dates and months readable, rates as percentages.
import type { ReportColumn, ReportRow } from '../../../../shared/domain/analytics';
import { formatCount, formatDate, money } from '../../../lib/format';
import { monthLabel } from '../../../lib/months';

export function cellText(row: ReportRow, column: ReportColumn): string {
  const value = row[column.key];
  if (value === null || value === undefined) return column.type === 'rate' ? 'Exempt' : '—';
  switch (column.type) {
    case 'money':
      return typeof value === 'number' && typeof row.currency === 'string' ? money(value, row.currency) : String(value);
    case 'count':
      return typeof value === 'number' ? formatCount(value) : String(value);
    case 'date':
      return formatDate(String(value));
    case 'month':
      return monthLabel(String(value));
    case 'rate':
      // Basis points: 1600 -> "16%".
      return typeof value === 'number' ? `${value / 100}%` : String(value);
    case 'text':
      return String(value);
  }
}

export const isNumeric = (c: ReportColumn) => c.type === 'money' || c.type === 'count';
