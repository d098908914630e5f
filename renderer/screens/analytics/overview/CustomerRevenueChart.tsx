import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CurrencyDashboard, CustomerSlice } from '../../../../shared/domain/analytics';
import { ChartCard } from '../../../components/ChartCard';
import { ChartTooltip } from '../../../components/ChartTooltip';
import type { TableColumn } from '../../../components/DataTable';
import { compactMoney, decimalAmount } from '../../../lib/amounts';
import { csvFileName } from '../../../lib/csv';
import { formatCount, money } from '../../../lib/format';
import { useReducedMotion } from '../../../lib/useReducedMotion';
import { AXIS_TICK, GRID_STROKE, SERIES } from '../chartTheme';
import type { DrillRequest } from '../drilldown/DrilldownDialog';
import { labelledBar } from '../labelledBar';

interface Props {
  block: CurrencyDashboard;
  periodLabel: string;
  onDrill: (request: DrillRequest) => void;
}

const shareText = (s: CustomerSlice) => (s.sharePct === null ? '—' : `${s.sharePct.toFixed(1)}%`);
/** Long names are cut on the axis; the tooltip and the table show them whole. */
const shortName = (name: string) => (name.length > 22 ? `${name.slice(0, 21)}…` : name);

/** Net billed in the period by customer: the top 10, then everyone else as one bar. A bar opens its invoices. */
export function CustomerRevenueChart({ block, periodLabel, onDrill }: Props) {
  const { currency } = block;
  const reduced = useReducedMotion();
  const slices = block.charts.revenueByCustomer;
  const drill = (s: CustomerSlice) => onDrill({ target: s.drilldown, label: `${s.customerId ? `${s.name}’s billing` : s.name} in the period (${currency})` });
  const data = slices.map((s, i) => ({ key: s.customerId ?? `others-${i}`, name: s.name, billed: s.billedMinor, slice: s }));

  const columns: TableColumn<CustomerSlice>[] = [
    { key: 'name', label: 'Customer', text: (s) => s.name, csv: (s) => s.name },
    { key: 'code', label: 'Code', text: (s) => s.code ?? '—', csv: (s) => s.code ?? '' },
    { key: 'billed', label: 'Billed', numeric: true, text: (s) => money(s.billedMinor, currency), csv: (s) => decimalAmount(s.billedMinor, currency) },
    { key: 'share', label: 'Share', numeric: true, text: shareText, csv: (s) => s.sharePct },
    { key: 'count', label: 'Invoices', numeric: true, text: (s) => formatCount(s.invoiceCount), csv: (s) => s.invoiceCount },
  ];

  const describe = (payload: unknown) => {
    const s = (payload as { slice: CustomerSlice }).slice;
    return `${s.name}: ${money(s.billedMinor, currency)}`;
  };

  return (
    <ChartCard
      title="Revenue by customer"
      description={`Net billed, ${periodLabel}: the top 10 customers, then everyone else. Click a bar to see its invoices.`}
      empty={slices.length === 0 ? 'Nothing billed in this period. The customers you bill most appear here, top 10 first.' : null}
      csvName={csvFileName('revenue by customer', currency)}
      columns={columns}
      rows={slices}
      rowKey={(s) => s.customerId ?? 'others'}
      rowAction={(s) => ({ label: 'View invoices', describe: `for ${s.name}`, onOpen: () => drill(s) })}
    >
      <ResponsiveContainer width="100%" height={Math.max(250, data.length * 30 + 48)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 18, left: 4 }} title={`Revenue by customer, ${currency}`}>
          <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
          <XAxis
            type="number"
            tickFormatter={(v: number) => compactMoney(v, currency)}
            tick={AXIS_TICK}
            label={{ value: `Billed (${currency})`, position: 'insideBottom', offset: -12, style: { fill: '#5c6675', fontSize: 12 } }}
          />
          <YAxis type="category" dataKey="name" tickFormatter={shortName} tick={AXIS_TICK} width={150} interval={0} />
          <Tooltip
            cursor={{ fill: 'rgba(31, 95, 191, 0.06)' }}
            content={(p) => (
              <ChartTooltip
                {...p}
                title={(name) => name}
                format={(e) => {
                  const s = (e.payload as { slice: CustomerSlice }).slice;
                  return `${money(s.billedMinor, currency)} · ${shareText(s)}`;
                }}
                hint="Click the bar for its invoices"
              />
            )}
          />
          <Bar
            dataKey="billed"
            name="Billed"
            maxBarSize={22}
            isAnimationActive={!reduced}
            fill={SERIES.customers}
            // The "others" bar is grey: it is many customers, not one.
            shape={labelledBar(describe, true, (p) => ((p as { slice: CustomerSlice }).slice.customerId ? SERIES.customers : SERIES.others))}
            onClick={(bar) => drill((bar.payload as { slice: CustomerSlice }).slice)}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
