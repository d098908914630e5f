import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AGING_BUCKETS, type AgingBucket, type AgingSnapshot, type CurrencyDashboard } from '../../../../shared/domain/analytics';
import { ChartCard } from '../../../components/ChartCard';
import { ChartTooltip } from '../../../components/ChartTooltip';
import type { TableColumn } from '../../../components/DataTable';
import { compactMoney, decimalAmount } from '../../../lib/amounts';
import { csvFileName } from '../../../lib/csv';
import { formatDate, money } from '../../../lib/format';
import { monthLabel, monthTick } from '../../../lib/months';
import { useReducedMotion } from '../../../lib/useReducedMotion';
import { AGING_COLORS, AGING_LABELS, AXIS_TICK, GRID_STROKE, MONEY_AXIS_WIDTH, legendText } from '../chartTheme';
import type { DrillRequest } from '../drilldown/DrilldownDialog';
import { labelledBar } from '../labelledBar';

interface Props {
  block: CurrencyDashboard;
  onDrill: (request: DrillRequest) => void;
}

type Datum = { month: string; snapshot: AgingSnapshot } & Partial<Record<AgingBucket, number>>;

const bucketOf = (s: AgingSnapshot, bucket: AgingBucket) => s.buckets.find((b) => b.bucket === bucket);

/** "31–60 days past due on 21 Nov 2026": the name of one stacked segment, used by its label, the table and the dialog. */
function agingSegmentLabel(bucket: AgingBucket, asOf: string): string {
  return bucket === '0-30' ? `0–30 days past due or not yet due on ${formatDate(asOf)}` : `${AGING_LABELS[bucket]} past due on ${formatDate(asOf)}`;
}

/** What was owed at each month end, stacked by days past due; a segment opens the invoices in it. */
export function AgingChart({ block, onDrill }: Props) {
  const { currency } = block;
  const reduced = useReducedMotion();
  const snapshots = block.charts.agingByMonthEnd;
  const data: Datum[] = snapshots.map((s) => ({
    month: s.month,
    snapshot: s,
    ...Object.fromEntries(s.buckets.map((b) => [b.bucket, b.amountMinor])),
  }));

  const drill = (s: AgingSnapshot, bucket: AgingBucket) => {
    const b = bucketOf(s, bucket);
    if (b) onDrill({ target: b.drilldown, label: `${agingSegmentLabel(bucket, s.asOf)} (${currency})` });
  };

  const columns: TableColumn<AgingSnapshot>[] = [
    { key: 'month', label: 'Month end', text: (s) => formatDate(s.asOf), csv: (s) => s.asOf },
    ...AGING_BUCKETS.map(
      (bucket): TableColumn<AgingSnapshot> => ({
        key: bucket,
        label: AGING_LABELS[bucket],
        numeric: true,
        text: (s) => money(bucketOf(s, bucket)?.amountMinor ?? 0, currency),
        csv: (s) => decimalAmount(bucketOf(s, bucket)?.amountMinor ?? 0, currency),
        open: (s) =>
          (bucketOf(s, bucket)?.invoiceCount ?? 0) > 0
            ? { describe: `view invoices ${agingSegmentLabel(bucket, s.asOf)}`, onOpen: () => drill(s, bucket) }
            : null,
      }),
    ),
    { key: 'total', label: 'Total owed', numeric: true, text: (s) => money(s.totalMinor, currency), csv: (s) => decimalAmount(s.totalMinor, currency) },
  ];

  const describe = (bucket: AgingBucket) => (payload: unknown) => {
    const s = (payload as Datum).snapshot;
    return `${agingSegmentLabel(bucket, s.asOf)}: ${money(bucketOf(s, bucket)?.amountMinor ?? 0, currency)}`;
  };

  return (
    <ChartCard
      title="Receivables aging by month end"
      description="What was owed at each month end (today for this month), by days past the due date. Click a segment to see its invoices."
      empty={snapshots.every((s) => s.totalMinor === 0) ? 'Nothing was owed at any month end in this range. Unpaid invoices appear here, split by how long they are past due.' : null}
      csvName={csvFileName('receivables aging', currency)}
      columns={columns}
      rows={snapshots}
      rowKey={(s) => s.month}
    >
      <ResponsiveContainer width="100%" height={300}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 18 }} title={`Receivables aging by month end, ${currency}`}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="month" tickFormatter={monthTick} tick={AXIS_TICK} tickMargin={6} minTickGap={4} interval="equidistantPreserveStart" />
          <YAxis
            tickFormatter={(v: number) => compactMoney(v, currency)}
            tick={AXIS_TICK}
            width={MONEY_AXIS_WIDTH}
            label={{ value: `Owed (${currency})`, angle: -90, position: 'insideLeft', offset: 0, style: { fill: '#5c6675', fontSize: 12, textAnchor: 'middle' } }}
          />
          <Tooltip
            cursor={{ fill: 'rgba(31, 95, 191, 0.06)' }}
            content={(p) => (
              <ChartTooltip
                {...p}
                title={(m, payload) => {
                  const s = (payload[0]?.payload as Datum | undefined)?.snapshot;
                  return s ? `${monthLabel(m)} · owed on ${formatDate(s.asOf)}: ${money(s.totalMinor, currency)}` : monthLabel(m);
                }}
                format={(e) => money(Number(e.value ?? 0), currency)}
                hint="Click a segment for its invoices"
              />
            )}
          />
          <Legend verticalAlign="top" height={28} formatter={legendText} />
          {AGING_BUCKETS.map((bucket) => (
            <Bar
              key={bucket}
              dataKey={bucket}
              name={AGING_LABELS[bucket]}
              stackId="aging"
              fill={AGING_COLORS[bucket]}
              maxBarSize={44}
              isAnimationActive={!reduced}
              shape={labelledBar(describe(bucket), true)}
              onClick={(bar) => drill((bar.payload as Datum).snapshot, bucket)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
