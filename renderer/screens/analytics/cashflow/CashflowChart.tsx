import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CashflowCurrency, CashflowWeek } from '../../../../shared/domain/intelligence';
import { ChartCard } from '../../../components/ChartCard';
import { ChartTooltip } from '../../../components/ChartTooltip';
import type { TableColumn } from '../../../components/DataTable';
import { compactMoney, decimalAmount } from '../../../lib/amounts';
import { csvFileName } from '../../../lib/csv';
import { formatDate, money } from '../../../lib/format';
import { dayTick } from '../../../lib/months';
import { useReducedMotion } from '../../../lib/useReducedMotion';
import { AXIS_TICK, GRID_STROKE, MONEY_AXIS_WIDTH, SERIES, legendText } from '../chartTheme';

const weekLabel = (w: CashflowWeek) => `${formatDate(w.from)} – ${formatDate(w.to)}`;

/** Expected collections per week as a line, inside the band from a poor week to a good one. */
export function CashflowChart({ block }: { block: CashflowCurrency }) {
  const c = block.currency;
  const reduced = useReducedMotion();
  const data = block.weeks.map((w) => ({ from: w.from, expected: w.expectedMinor, band: [w.lowMinor, w.highMinor] as [number, number], week: w }));

  const columns: TableColumn<CashflowWeek>[] = [
    { key: 'week', label: 'Week', text: weekLabel, csv: (w) => `${w.from}..${w.to}` },
    { key: 'expected', label: 'Expected', numeric: true, text: (w) => money(w.expectedMinor, c), csv: (w) => decimalAmount(w.expectedMinor, c) },
    { key: 'low', label: 'Poor week (10th pct.)', numeric: true, text: (w) => money(w.lowMinor, c), csv: (w) => decimalAmount(w.lowMinor, c) },
    { key: 'high', label: 'Good week (90th pct.)', numeric: true, text: (w) => money(w.highMinor, c), csv: (w) => decimalAmount(w.highMinor, c) },
  ];

  const empty = block.weeks.every((w) => w.expectedMinor === 0 && w.highMinor === 0)
    ? `No ${c} payment is expected in the next ${block.weeks.length} weeks: the open invoices are either later than any payment seen so far or expected after that.`
    : null;

  return (
    <ChartCard
      title={`Expected collections, next ${block.weeks.length} weeks`}
      description="Week 1 starts today. The line is the expected amount; the band, the range of likely outcomes."
      empty={empty}
      csvName={csvFileName('expected collections by week', c)}
      columns={columns}
      rows={block.weeks}
      rowKey={(w) => w.from}
    >
      <ResponsiveContainer width="100%" height={320}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 18 }} title={`Expected collections by week, ${c}`}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="from" tickFormatter={dayTick} tick={AXIS_TICK} tickMargin={6} padding={{ left: 18, right: 18 }} minTickGap={4} interval="equidistantPreserveStart" />
          <YAxis
            tickFormatter={(v: number) => compactMoney(v, c)}
            tick={AXIS_TICK}
            width={MONEY_AXIS_WIDTH}
            label={{ value: `Expected (${c})`, angle: -90, position: 'insideLeft', offset: 0, style: { fill: '#5c6675', fontSize: 12, textAnchor: 'middle' } }}
          />
          <Tooltip
            content={(p) => (
              <ChartTooltip
                {...p}
                title={(_, payload) => {
                  const w = (payload[0]?.payload as { week: CashflowWeek } | undefined)?.week;
                  return w ? `Week of ${weekLabel(w)}` : '';
                }}
                format={(e) => {
                  const w = (e.payload as { week: CashflowWeek }).week;
                  return e.dataKey === 'band' ? `${money(w.lowMinor, c)} – ${money(w.highMinor, c)}` : money(w.expectedMinor, c);
                }}
              />
            )}
          />
          <Legend verticalAlign="top" height={28} formatter={legendText} />
          <Area
            dataKey="band"
            name="Likely range (10th–90th percentile)"
            stroke="none"
            fill={SERIES.band}
            fillOpacity={0.25}
            isAnimationActive={!reduced}
          />
          <Line dataKey="expected" name="Expected" stroke={SERIES.billed} strokeWidth={2.5} dot={{ r: 3 }} isAnimationActive={!reduced} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
