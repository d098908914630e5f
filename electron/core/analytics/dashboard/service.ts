// The dashboard: one call that reads a handful of sums from covering indexes and the receivables
// open around the days it shows, then shapes them per currency. Kept until the books change.
import type {
  AgingSnapshot, CurrencyDashboard, Dashboard, DrilldownTarget, KpiKey, MonthPoint, NewCustomersPoint, ResolvedPeriod,
} from '../../../../shared/domain/analytics';
import { AGING_BUCKETS } from '../../../../shared/domain/analytics';
import type { ChannelParsed } from '../../../../shared/contract';
import type { KpiThresholds } from '../../../../shared/domain/settings';
import type { CurrencyCode } from '../../../../shared/money';
import { businessDate } from '../../clock';
import type { CoreContext } from '../../context';
import { readSettings } from '../../settings/service';
import { addDays, daysBetween, firstDayOf } from '../dates';
import { chartMonths, monthSpan, resolvePeriod } from '../period';
import { emptySnapshot, receivablesOn, type ReceivablesSnapshot } from '../receivables/asOf';
import { needsAttention } from './attention';
import { cached } from './cache';
import { buildKpis, type PeriodFigures } from './kpis';
import { flowsOverDays } from './flows';
import { billedByCustomer, customersByIds, firstInvoices, type FlowDbRow } from './repo';
import { slices, topCustomers, topRow } from './topCustomers';

type Sums = Pick<PeriodFigures, 'grossBilledMinor' | 'creditNotesMinor' | 'collectedMinor' | 'invoiceCount' | 'paidCount' | 'paidDays'>;
const noSums = (): Sums => ({ grossBilledMinor: 0, creditNotesMinor: 0, collectedMinor: 0, invoiceCount: 0, paidCount: 0, paidDays: 0 });

function addFlow(out: Map<string, Sums>, key: string, r: FlowDbRow): void {
  let s = out.get(key);
  if (!s) out.set(key, (s = noSums()));
  if (r.kind === 'billed') {
    s.grossBilledMinor += r.amount;
    s.invoiceCount += r.n;
  } else if (r.kind === 'credited') s.creditNotesMinor += r.amount;
  else if (r.kind === 'collected') s.collectedMinor += r.amount;
  else {
    s.paidCount += r.n;
    s.paidDays += r.amount;
  }
}

/** Day rows -> sums per currency for the period and the previous one, and per currency|month for the chart. */
function foldFlows(rows: FlowDbRow[], period: ResolvedPeriod, chartFrom: string) {
  const now = new Map<string, Sums>();
  const before = new Map<string, Sums>();
  const monthly = new Map<string, Sums>();
  for (const r of rows) {
    if (r.day >= period.from && r.day <= period.to) addFlow(now, r.currency, r);
    if (r.day >= period.previous.from && r.day <= period.previous.to) addFlow(before, r.currency, r);
    if (r.day >= chartFrom && r.day <= period.to) addFlow(monthly, `${r.currency}|${r.day.slice(0, 7)}`, r);
  }
  return { now, before, monthly };
}

export function dashboard(ctx: CoreContext, input: ChannelParsed<'analytics.dashboard'>): Dashboard {
  const today = businessDate(ctx.clock.now());
  const period = resolvePeriod(input.period, today);
  const thresholds = readSettings(ctx).analytics.thresholds;
  const key = JSON.stringify([today, period.from, period.to, period.preset, thresholds, ctx.config.business.defaultCurrency]);
  // A copy, so a caller that changes what it got never changes the kept one.
  return structuredClone(cached(ctx.sql, key, () => computeDashboard(ctx, today, period, thresholds)));
}

function computeDashboard(ctx: CoreContext, today: string, period: ResolvedPeriod, thresholds: KpiThresholds): Dashboard {
  const months = chartMonths(period);
  const chartFrom = firstDayOf(months[0]!);
  const sql = ctx.sql;

  const earliest = [period.previous.from, chartFrom].sort()[0]!;
  const { now, before, monthly } = foldFlows(flowsOverDays(sql, earliest, period.to), period, chartFrom);

  // Every day a receivables figure is needed for, read together (close days share one read).
  const opening = addDays(period.from, -1);
  const previousOpening = addDays(period.previous.from, -1);
  const monthEnds = months.map((m) => ({ month: m, asOf: monthSpan(m, period.to).to }));
  const days = [period.to, opening, period.previous.to, previousOpening, ...monthEnds.map((m) => m.asOf)];
  const { byDate, byCustomer: receivablesByCustomer } = receivablesOn(sql, days, period.to);

  const customersBilled = billedByCustomer(sql, period.from, period.to);
  const newCustomers = firstInvoices(sql, chartFrom, period.to);
  const attention = needsAttention(sql, today);

  const main = ctx.config.business.defaultCurrency;
  const seen = new Set<string>([main]);
  for (const key of [...now.keys(), ...before.keys(), ...monthly.keys()]) seen.add(key.split('|')[0]!);
  for (const snaps of byDate.values()) for (const c of snaps.keys()) seen.add(c);
  for (const r of customersBilled) seen.add(r.currency);
  for (const r of newCustomers) seen.add(r.currency);
  for (const c of attention.keys()) seen.add(c);
  const currencies = [main, ...[...seen].filter((c) => c !== main).sort()];

  // Names for every customer a list or slice shows.
  const top = new Map(currencies.map((c) => [c, topCustomers(c, customersBilled, receivablesByCustomer)]));
  const names = new Map(customersByIds(sql, [...new Set([...top.values()].flatMap((t) => t.ids))]).map((c) => [c.id, c]));

  const snap = (date: string, currency: string): ReceivablesSnapshot => byDate.get(date)?.get(currency) ?? emptySnapshot();
  const block = (currency: string): CurrencyDashboard => {
    const cur = currency as CurrencyCode;
    const figures = (sums: Sums | undefined, from: string, to: string, open: string): PeriodFigures => ({
      ...(sums ?? noSums()), opening: snap(open, currency), closing: snap(to, currency), days: daysBetween(from, to) + 1,
    });
    const range = { currency: cur, from: period.from, to: period.to };
    const drilldowns: Partial<Record<KpiKey, DrilldownTarget>> = {
      billed: { kind: 'billed', ...range },
      invoiceCount: { kind: 'billed', ...range },
      collected: { kind: 'collected', ...range },
      outstanding: { kind: 'receivables', currency: cur, asOf: period.to },
      overdue: { kind: 'receivables', currency: cur, asOf: period.to, bucket: 'overdue' },
      averageDaysToPay: { kind: 'paid', ...range },
    };
    const kpis = buildKpis(
      figures(now.get(currency), period.from, period.to, opening),
      figures(before.get(currency), period.previous.from, period.previous.to, previousOpening),
      thresholds, drilldowns,
    );
    const t = top.get(currency)!;
    return {
      currency: cur,
      main: currency === main,
      kpis,
      charts: {
        months,
        revenueByMonth: months.map((m) => monthPoint(cur, m, period, monthly.get(`${currency}|${m}`))),
        revenueByCustomer: slices(cur, t, period, names),
        agingByMonthEnd: monthEnds.map(({ month, asOf }) => agingSnapshot(cur, month, asOf, snap(asOf, currency))),
        newCustomersByMonth: months.map((m): NewCustomersPoint => ({
          month: m,
          count: newCustomers.filter((n) => n.currency === currency && n.issue_date.startsWith(m)).length,
          drilldown: { kind: 'newCustomers', currency: cur, ...monthSpan(m, period.to) },
        })),
      },
      lists: {
        topByBilled: t.byBilled.map((r) => topRow(r, names, { kind: 'billed', ...range, customerId: r.customerId })),
        topByOutstanding: t.byOutstanding.map((r) => topRow(r, names, { kind: 'receivables', currency: cur, asOf: period.to, customerId: r.customerId })),
        needsAttention: attention.get(currency) ?? [],
      },
    };
  };
  return { period, today, currencies: currencies.map(block) };
}

function monthPoint(currency: CurrencyCode, month: string, period: ResolvedPeriod, sums: Sums | undefined): MonthPoint {
  const s = sums ?? noSums();
  const span = { currency, ...monthSpan(month, period.to) };
  return {
    month,
    billedMinor: s.grossBilledMinor - s.creditNotesMinor,
    grossBilledMinor: s.grossBilledMinor,
    creditNotesMinor: s.creditNotesMinor,
    collectedMinor: s.collectedMinor,
    invoiceCount: s.invoiceCount,
    billedDrilldown: { kind: 'billed', ...span },
    collectedDrilldown: { kind: 'collected', ...span },
  };
}

function agingSnapshot(currency: CurrencyCode, month: string, asOf: string, s: ReceivablesSnapshot): AgingSnapshot {
  return {
    month,
    asOf,
    buckets: AGING_BUCKETS.map((bucket) => ({
      bucket, amountMinor: s.buckets[bucket].amountMinor, invoiceCount: s.buckets[bucket].invoiceCount,
      drilldown: { kind: 'receivables', currency, asOf, bucket },
    })),
    totalMinor: s.totalMinor,
  };
}
