import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type ActiveDotProps } from 'recharts';
import type { CurrencyDashboard, MonthPoint } from '../../../../shared/domain/analytics';
import { ChartCard } from '../../../components/ChartCard';
import { ChartTooltip } from '../../../components/ChartTooltip';
import type { TableColumn } from '../../../components/DataTable';
import { compactMoney, decimalAmount } from '../../../lib/amounts';
import { csvFileName } from '../../../lib/csv';
import { formatCount, money } from '../../../lib/format';
import { monthLabel, monthTick } from '../../../lib/months';
import { useReducedMotion } from '../../../lib/useReducedMotion';
import { AXIS_TICK, GRID_STROKE, MONEY_AXIS_WIDTH, SERIES, legendText } from '../chartTheme';
import type { DrillRequest } from '../drilldown/DrilldownDialog';

type Series = 'billed' | 'collected';
const SERIES_NAMES: Record<Series, string> = { billed: 'Billed', collected: 'Collected' };

interface Props {
  block: CurrencyDashboard;
  onDrill: (request: DrillRequest) => void;
}

/** Billed (net of credit notes) and collected per month of the chart range; a point opens its invoices. */
export function RevenueChart({ block, onDrill }: Props) {
  const { currency } = block;
  const reduced = useReducedMotion();
  const points = block.charts.revenueByMonth;
  const data = points.map((p) => ({ month: p.month, billed: p.billedMinor, collected: p.collectedMinor, point: p }));

  const drill = (p: MonthPoint, series: Series) =>
    onDrill({
      target: series === 'billed' ? p.billedDrilldown : p.collectedDrilldown,
      label: `${series === 'billed' ? 'billing' : 'collections'} in ${monthLabel(p.month)} (${currency})`,
    });

  const dot = (series: Series) =>
    function ActiveDot(props: ActiveDotProps) {
      const point = (props.payload as { point: MonthPoint }).point;
      return (
        <circle
          cx={props.cx}
          cy={props.cy}
          r={6}
          fill={SERIES[series]}
          stroke="#fff"
          strokeWidth={2}
          className="bar-clickable"
          onClick={() => drill(point, series)}
        />
      );
    };

  const columns: TableColumn<MonthPoint>[] = [
    { key: 'month', label: 'Month', text: (p) => monthLabel(p.month), csv: (p) => p.month },
    {
      key: 'billed', label: 'Billed', numeric: true, text: (p) => money(p.billedMinor, currency), csv: (p) => decimalAmount(p.billedMinor, currency),
      open: (p) => (p.billedMinor !== 0 || p.creditNotesMinor !== 0 ? { describe: `view invoices billed in ${monthLabel(p.month)}`, onOpen: () => drill(p, 'billed') } : null),
    },
    { key: 'credit', label: 'Credit notes', numeric: true, text: (p) => money(p.creditNotesMinor, currency), csv: (p) => decimalAmount(p.creditNotesMinor, currency) },
    {
      key: 'collected', label: 'Collected', numeric: true, text: (p) => money(p.collectedMinor, currency), csv: (p) => decimalAmount(p.collectedMinor, currency),
      open: (p) => (p.collectedMinor !== 0 ? { describe: `view invoices paid in ${monthLabel(p.month)}`, onOpen: () => drill(p, 'collected') } : null),
    },
    { key: 'count', label: 'Invoices', numeric: true, text: (p) => formatCount(p.invoiceCount), csv: (p) => p.invoiceCount },
  ];

  const empty = points.every((p) => p.billedMinor === 0 && p.collectedMinor === 0 && p.creditNotesMinor === 0)
    ? 'Nothing billed or collected in these months. Billed and collected amounts by month appear here once invoices are finalized and payments recorded.'
    : null;

  return (
    <ChartCard
      title="Revenue and collections by month"
      description="Billed (less credit notes) against money received. Click a point to see its invoices."
      empty={empty}
      csvName={csvFileName('revenue and collections by month', currency)}
      columns={columns}
      rows={points}
      rowKey={(p) => p.month}
    >
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 18 }} title={`Revenue and collections by month, ${currency}`}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="month" tickFormatter={monthTick} tick={AXIS_TICK} tickMargin={6} padding={{ left: 18, right: 18 }} minTickGap={4} interval="equidistantPreserveStart" />
          <YAxis
            tickFormatter={(v: number) => compactMoney(v, currency)}
            tick={AXIS_TICK}
            width={MONEY_AXIS_WIDTH}
            label={{ value: `Amount (${currency})`, angle: -90, position: 'insideLeft', offset: 0, style: { fill: '#5c6675', fontSize: 12, textAnchor: 'middle' } }}
          />
          <Tooltip
            content={(p) => (
              <ChartTooltip {...p} title={(m) => monthLabel(m)} format={(e) => money(Number(e.value ?? 0), currency)} hint="Click a point for its invoices" />
            )}
          />
          <Legend verticalAlign="top" height={28} formatter={legendText} iconType="plainline" />
          {(['billed', 'collected'] as const).map((s) => (
            <Line
              key={s}
              type="linear"
              dataKey={s}
              name={SERIES_NAMES[s]}
              stroke={SERIES[s]}
              strokeWidth={2.5}
              strokeDasharray={s === 'collected' ? '6 4' : undefined}
              dot={{ r: 3, fill: SERIES[s], strokeWidth: 0 }}
              activeDot={dot(s)}
              isAnimationActive={!reduced}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
