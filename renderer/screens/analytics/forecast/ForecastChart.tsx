import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RevenueForecastCurrency } from '../../../../shared/domain/intelligence';
import { ChartCard } from '../../../components/ChartCard';
import { ChartTooltip } from '../../../components/ChartTooltip';
import type { TableColumn } from '../../../components/DataTable';
import { compactMoney, decimalAmount } from '../../../lib/amounts';
import { csvFileName } from '../../../lib/csv';
import { money } from '../../../lib/format';
import { monthLabel, monthTick } from '../../../lib/months';
import { useReducedMotion } from '../../../lib/useReducedMotion';
import { AXIS_TICK, GRID_STROKE, MONEY_AXIS_WIDTH, SERIES, legendText } from '../chartTheme';

/** One month of the chart: billed (history, or so far this month), the model's fit, and the forecast with its band. */
interface Row {
  month: string;
  kind: 'history' | 'forecast';
  billed: number | null;
  fitted: number | null;
  expected: number | null;
  band: [number, number] | null;
}

function forecastRows(block: RevenueForecastCurrency): Row[] {
  const history: Row[] = block.history.map((h) => ({ month: h.month, kind: 'history', billed: h.actualMinor, fitted: h.fittedMinor, expected: null, band: null }));
  const ahead: Row[] = block.forecast.map((f) => ({
    month: f.month,
    kind: 'forecast',
    billed: f.billedSoFarMinor > 0 ? f.billedSoFarMinor : null,
    fitted: null,
    expected: f.expectedMinor,
    band: [f.lowMinor, f.highMinor],
  }));
  // The forecast line starts from the last billed month, so history and forecast read as one line.
  const last = history[history.length - 1];
  if (last && last.billed !== null && ahead.length > 0) last.expected = last.billed;
  return [...history, ...ahead];
}

/** Billed months as bars, the model's one-step fit as a dashed line, and the months ahead with their 80% band. */
export function ForecastChart({ block }: { block: RevenueForecastCurrency }) {
  const c = block.currency;
  const reduced = useReducedMotion();
  const rows = forecastRows(block);
  const amount = (n: number | null) => (n === null ? '—' : money(n, c));
  const csvAmount = (n: number | null) => (n === null ? null : decimalAmount(n, c));

  const columns: TableColumn<Row>[] = [
    { key: 'month', label: 'Month', text: (r) => `${monthLabel(r.month)}${r.kind === 'forecast' ? ' (forecast)' : ''}`, csv: (r) => r.month },
    { key: 'billed', label: 'Billed', numeric: true, text: (r) => amount(r.billed), csv: (r) => csvAmount(r.billed) },
    { key: 'fitted', label: 'Model fit', numeric: true, text: (r) => amount(r.fitted), csv: (r) => csvAmount(r.fitted) },
    { key: 'expected', label: 'Forecast', numeric: true, text: (r) => (r.kind === 'forecast' ? amount(r.expected) : '—'), csv: (r) => (r.kind === 'forecast' ? csvAmount(r.expected) : null) },
    { key: 'low', label: 'Low (80%)', numeric: true, text: (r) => amount(r.band?.[0] ?? null), csv: (r) => csvAmount(r.band?.[0] ?? null) },
    { key: 'high', label: 'High (80%)', numeric: true, text: (r) => amount(r.band?.[1] ?? null), csv: (r) => csvAmount(r.band?.[1] ?? null) },
  ];

  const empty = block.model === 'none' || block.history.length === 0
    ? `Not enough ${c} history to forecast: it needs a few complete months of billing. The forecast appears here as months go by.`
    : null;

  return (
    <ChartCard
      title={`Revenue: history and the next ${block.forecast.length} months`}
      description="Bars: billed each month (this month: so far). Dashed: what the model would have predicted. Orange: the forecast, with its 80% band."
      empty={empty}
      csvName={csvFileName('revenue forecast', c)}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.month}
    >
      <ResponsiveContainer width="100%" height={340}>
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 18 }} title={`Revenue history and forecast, ${c}`}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="month" tickFormatter={monthTick} tick={AXIS_TICK} tickMargin={6} minTickGap={4} interval="equidistantPreserveStart" />
          <YAxis
            tickFormatter={(v: number) => compactMoney(v, c)}
            tick={AXIS_TICK}
            width={MONEY_AXIS_WIDTH}
            label={{ value: `Billed (${c})`, angle: -90, position: 'insideLeft', offset: 0, style: { fill: '#5c6675', fontSize: 12, textAnchor: 'middle' } }}
          />
          <Tooltip
            content={(p) => (
              <ChartTooltip
                {...p}
                title={(m, payload) => `${monthLabel(m)}${(payload[0]?.payload as Row | undefined)?.kind === 'forecast' ? ' (forecast)' : ''}`}
                format={(e) => {
                  const r = e.payload as Row;
                  if (e.dataKey === 'band') return r.band ? `${money(r.band[0], c)} – ${money(r.band[1], c)}` : null;
                  if (e.dataKey === 'expected' && r.kind !== 'forecast') return null;
                  return e.value === null || e.value === undefined ? null : money(Number(e.value), c);
                }}
              />
            )}
          />
          <Legend verticalAlign="top" height={28} formatter={legendText} />
          <Area dataKey="band" name="80% band" stroke="none" fill={SERIES.band} fillOpacity={0.22} isAnimationActive={!reduced} />
          <Bar dataKey="billed" name="Billed" fill={SERIES.billed} maxBarSize={32} isAnimationActive={!reduced} />
          <Line dataKey="fitted" name="Model fit" stroke={SERIES.fitted} strokeDasharray="5 4" strokeWidth={2} dot={false} connectNulls isAnimationActive={!reduced} />
          <Line dataKey="expected" name="Forecast" stroke={SERIES.forecast} strokeWidth={2.5} dot={{ r: 3 }} isAnimationActive={!reduced} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
