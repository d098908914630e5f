import type { ReactNode } from 'react';

interface Entry {
  name?: string | number | undefined;
  value?: unknown;
  color?: string | undefined;
  fill?: string | undefined;
  stroke?: string | undefined;
  dataKey?: unknown;
  payload?: unknown;
}

export interface ChartTooltipProps {
  active?: boolean | undefined;
  payload?: readonly Entry[] | undefined;
  label?: string | number | undefined;
  /** The tooltip's heading for the hovered point (e.g. the month in full). */
  title: (label: string, payload: readonly Entry[]) => string;
  /** One series' value as exact text (formatMoney), or null to leave the series out. */
  format: (entry: Entry) => string | null;
  /** A last line, e.g. "Click a bar to see its invoices". */
  hint?: ReactNode;
}

/** recharts tooltip content: the point's title and each series with its exact, formatted value. */
export function ChartTooltip({ active, payload, label, title, format, hint }: ChartTooltipProps) {
  if (!active || !payload || payload.length === 0) return null;
  const lines = payload.map((entry, i) => ({ entry, i, text: format(entry) })).filter((l) => l.text !== null);
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{title(String(label ?? ''), payload)}</p>
      <ul>
        {lines.map(({ entry, i, text }) => (
          <li key={`${String(entry.dataKey ?? entry.name)}-${i}`}>
            <span className="chart-tooltip-swatch" style={{ background: entry.color ?? entry.fill ?? entry.stroke }} aria-hidden="true" />
            <span>{entry.name}</span>
            <span className="chart-tooltip-value">{text}</span>
          </li>
        ))}
      </ul>
      {hint && <p className="chart-tooltip-hint">{hint}</p>}
    </div>
  );
}
