// The analytics half of the bench: the dashboard, its drill-downs, the report builder and the tax
// report, read the way the screens read them, on the book billing.ts seeded.
import type { Core } from '../../electron/core/app';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import type { PeriodInput } from '../../shared/domain/analytics';
import { coldLatency, latency, record, section } from './measure';

export async function benchAnalytics(core: Core): Promise<void> {
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const envelope = await core.api[channel](input);
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    return envelope.value as ChannelOutput<C>;
  };
  section('Analytics');

  const periods: [string, PeriodInput][] = [
    ['this month', { preset: 'thisMonth' }],
    ['last month', { preset: 'lastMonth' }],
    ['this quarter', { preset: 'thisQuarter' }],
    ['this year', { preset: 'thisYear' }],
    ['last 12 months', { preset: 'last12Months' }],
    ['custom, 3 years', { preset: 'custom', from: '2023-11-22', to: '2026-11-21' }],
  ];
  // Each write moves the outbox, so the next dashboard is computed afresh: what the screen pays
  // when it opens after a payment was recorded. A saved report is the cheapest write to make.
  let writes = 0;
  const saved: string[] = [];
  const write = async () => saved.push((await call('reports.save', { name: `Bench ${writes++}`, definition: { rows: 'invoices' } })).id);
  for (const [label, period] of periods) {
    record(`dashboard, after a write: ${label}`, await coldLatency(write, () => call('analytics.dashboard', { period }), 20));
  }
  record('dashboard, unchanged books (kept): this month', await latency(() => call('analytics.dashboard', { period: { preset: 'thisMonth' } }), 100));

  const board = await call('analytics.dashboard', { period: { preset: 'last12Months' } });
  const main = board.currencies[0]!;
  const aging = main.charts.agingByMonthEnd.at(-4)!;
  const bucket = aging.buckets.find((b) => b.bucket === '31-60')!;
  record(`drilldown: aging ${aging.month} 31–60 (${bucket.invoiceCount} invoices), first page`, await latency(() => call('analytics.drilldown', { target: bucket.drilldown, limit: 100 }), 50));
  const receivables = main.kpis.find((k) => k.key === 'outstanding')!.drilldown!;
  record('drilldown: outstanding today, first page', await latency(() => call('analytics.drilldown', { target: receivables, limit: 100 }), 50));
  const month = main.charts.revenueByMonth.at(-2)!;
  record(`drilldown: billed in ${month.month} (${month.invoiceCount} invoices), first page`, await latency(() => call('analytics.drilldown', { target: month.billedDrilldown, limit: 100 }), 50));
  const others = main.charts.revenueByCustomer.at(-1)!;
  record('drilldown: revenue by customer, "others", last 12 months', await latency(() => call('analytics.drilldown', { target: others.drilldown, limit: 100 }), 20));

  record('report: invoices by customer by month, all time (count, sum, average, p90)', await latency(
    () => call('reports.run', { rows: 'invoices', groupBy: ['customer', 'month'], measures: ['count', 'sum', 'average', 'p90'] }), 10,
  ));
  record('report: invoices by customer by month, last 12 months', await latency(
    () => call('reports.run', { rows: 'invoices', filters: { from: '2025-11-22', to: '2026-11-21' }, groupBy: ['customer', 'month'], measures: ['count', 'sum', 'average', 'p90'] }), 20,
  ));
  record('report: invoices by tax rate, this year', await latency(
    () => call('reports.run', { rows: 'invoices', filters: { from: '2026-01-01', to: '2026-11-21' }, groupBy: ['taxRate'], measures: ['count', 'sum'] }), 20,
  ));
  record('report: payments by month, all time', await latency(
    () => call('reports.run', { rows: 'payments', groupBy: ['month'], measures: ['count', 'sum', 'p50'] }), 10,
  ));
  record('report: customers by billed, last 12 months', await latency(
    () => call('reports.run', { rows: 'customers', filters: { from: '2025-11-22', to: '2026-11-21' }, groupBy: ['customer'], measures: ['sum'] }), 20,
  ));
  record('tax report: this year', await latency(() => call('reports.tax', { from: '2026-01-01', to: '2026-11-21' }), 20));
  record('tax report: one month', await latency(() => call('reports.tax', { from: '2026-10-01', to: '2026-10-31' }), 50));
  record('export CSV: invoices by customer by month, last 12 months', await latency(
    () => call('reports.export', {
      report: { kind: 'builder', definition: { rows: 'invoices', filters: { from: '2025-11-22', to: '2026-11-21' }, groupBy: ['customer', 'month'], measures: ['count', 'sum'] } },
      format: 'csv',
    }), 10,
  ));
  for (const id of saved) await call('reports.delete', { id });
}
