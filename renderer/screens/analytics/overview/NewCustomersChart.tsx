import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CurrencyDashboard, NewCustomersPoint } from '../../../../shared/domain/analytics';
import { ChartCard } from '../../../components/ChartCard';
import { ChartTooltip } from '../../../components/ChartTooltip';
import type { TableColumn } from '../../../components/DataTable';
import { csvFileName } from '../../../lib/csv';
import { formatCount, plural } from '../../../lib/format';
import { monthLabel, monthTick } from '../../../lib/months';
import { useReducedMotion } from '../../../lib/useReducedMotion';
import { AXIS_TICK, GRID_STROKE, SERIES } from '../chartTheme';
import type { DrillRequest } from '../drilldown/DrilldownDialog';
import { labelledBar } from '../labelledBar';

interface Props {
  block: CurrencyDashboard;
  onDrill: (request: DrillRequest) => void;
}

/** Customers billed for the first time in each month (first invoice in this currency); a bar opens those first invoices. */
export function NewCustomersChart({ block, onDrill }: Props) {
  const { currency } = block;
  const reduced = useReducedMotion();
  const points = block.charts.newCustomersByMonth;
  const drill = (p: NewCustomersPoint) => onDrill({ target: p.drilldown, label: `new customers in ${monthLabel(p.month)} (${currency})` });
  const data = points.map((p) => ({ month: p.month, count: p.count, point: p }));

  const columns: TableColumn<NewCustomersPoint>[] = [
    { key: 'month', label: 'Month', text: (p) => monthLabel(p.month), csv: (p) => p.month },
    { key: 'count', label: 'New customers', numeric: true, text: (p) => formatCount(p.count), csv: (p) => p.count },
  ];

  return (
    <ChartCard
      title="New customers by month"
      description={`Customers billed for the first time that month, whose first invoice was in ${currency}. Click a bar to see those invoices.`}
      empty={points.every((p) => p.count === 0) ? 'No customer had a first invoice in these months. Each month’s newly billed customers appear here.' : null}
      csvName={csvFileName('new customers by month', currency)}
      columns={columns}
      rows={points}
      rowKey={(p) => p.month}
      rowAction={(p) => (p.count > 0 ? { label: 'View invoices', describe: `of new customers in ${monthLabel(p.month)}`, onOpen: () => drill(p) } : null)}
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 18 }} title={`New customers by month, ${currency}`}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="month" tickFormatter={monthTick} tick={AXIS_TICK} tickMargin={6} minTickGap={4} interval="equidistantPreserveStart" />
          <YAxis
            allowDecimals={false}
            tick={AXIS_TICK}
            width={48}
            label={{ value: 'Customers', angle: -90, position: 'insideLeft', offset: 4, style: { fill: '#5c6675', fontSize: 12, textAnchor: 'middle' } }}
          />
          <Tooltip
            cursor={{ fill: 'rgba(31, 95, 191, 0.06)' }}
            content={(p) => (
              <ChartTooltip {...p} title={(m) => monthLabel(m)} format={(e) => plural(Number(e.value ?? 0), 'customer')} hint="Click the bar for their first invoices" />
            )}
          />
          <Bar
            dataKey="count"
            name="New customers"
            fill={SERIES.newCustomers}
            maxBarSize={40}
            isAnimationActive={!reduced}
            shape={labelledBar((payload) => {
              const p = (payload as { point: NewCustomersPoint }).point;
              return `${monthLabel(p.month)}: ${plural(p.count, 'new customer')}`;
            }, true)}
            onClick={(bar) => drill((bar.payload as { point: NewCustomersPoint }).point)}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
