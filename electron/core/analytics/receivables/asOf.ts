// Receivables as they stood at the end of past days, rebuilt from when each allocation and credit
// note happened rather than from today's balances, so a month-end bar never moves when an old
// invoice is paid later.
import { AGING_BUCKETS, type AgingBucket } from '../../../../shared/domain/analytics';
import type { Sql } from '../../db/sql';
import { addDays, dayNumber as toDayNumber } from '../dates';
import { keepDay, keptDays } from '../keptDays';
import { allocationsBefore, allocationsBetween, candidates, creditsUpTo, type EventDbRow, type HoldingFilter } from './repo';

// Dates repeat across thousands of rows; parsing each once is most of loading them.
const dayCache = new Map<string, number>();
function dayNumber(date: string): number {
  let n = dayCache.get(date);
  if (n === undefined) {
    n = toDayNumber(date);
    if (dayCache.size > 50_000) dayCache.clear();
    dayCache.set(date, n);
  }
  return n;
}

interface SettleEvent {
  on: number;
  /** Day number from which it no longer counts (a reversal), or Infinity. */
  until: number;
  amount: number;
}

export interface Holding {
  seq: number;
  customerId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  issueDay: number;
  dueDay: number;
  totalMinor: number;
  events: SettleEvent[];
}

export interface InvoiceBalance {
  seq: number;
  customerId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  balanceMinor: number;
  /** Days past due on the day asked about; 0 = due that day, negative = not yet due. */
  daysPastDue: number;
}

/** The last day past due of each bucket but the oldest: 0–30, 31–60, 61–90, then 90+. */
const BUCKET_ENDS = [30, 60, 90] as const;

export function bucketOf(daysPastDue: number): AgingBucket {
  if (daysPastDue <= BUCKET_ENDS[0]) return '0-30';
  if (daysPastDue <= BUCKET_ENDS[1]) return '31-60';
  if (daysPastDue <= BUCKET_ENDS[2]) return '61-90';
  return '90+';
}

/**
 * The due dates whose invoices fall in `bucket` on `asOf` (days past due = asOf - due date), as
 * bucketOf counts them: 0–30 includes the invoices not yet due, overdue is 1 day and more; null for
 * no bound (no bucket: every due date).
 */
export function dueDatesOfBucket(asOf: string, bucket: AgingBucket | 'overdue' | undefined): { dueFrom: string | null; dueTo: string | null } {
  const daysBack = (days: number) => addDays(asOf, -days);
  switch (bucket) {
    case undefined: return { dueFrom: null, dueTo: null };
    case 'overdue': return { dueFrom: null, dueTo: daysBack(1) };
    case '0-30': return { dueFrom: daysBack(BUCKET_ENDS[0]), dueTo: null };
    case '31-60': return { dueFrom: daysBack(BUCKET_ENDS[1]), dueTo: daysBack(BUCKET_ENDS[0] + 1) };
    case '61-90': return { dueFrom: daysBack(BUCKET_ENDS[2]), dueTo: daysBack(BUCKET_ENDS[1] + 1) };
    case '90+': return { dueFrom: null, dueTo: daysBack(BUCKET_ENDS[2] + 1) };
  }
}

/**
 * The invoices that may have owed something on a day in [first, last], with their events. Events
 * dated from `first` on come from one pass over allocations by date; only invoices issued before
 * `first` (few: those still open then) need their earlier allocations looked up one by one.
 */
export function loadHoldings(sql: Sql, filter: HoldingFilter): Holding[] {
  // Keyed by seq: the invoices' indexes hold no id, allocations name their invoice by seq (migration 27)
  // and credit notes' invoices are looked up by seq as they are read.
  const bySeq = new Map<number, Holding>();
  const older: number[] = [];
  for (const [seq, customerId, currency, issueDate, dueDate, totalMinor] of candidates(sql, filter)) {
    bySeq.set(seq, { seq, customerId, currency, issueDate, dueDate, issueDay: dayNumber(issueDate), dueDay: dayNumber(dueDate), totalMinor, events: [] });
    if (issueDate < filter.first) older.push(seq);
  }
  const add = ([invoice, on, until, amount]: EventDbRow) => {
    if (invoice !== null) bySeq.get(invoice)?.events.push({ on: dayNumber(on), until: until === null ? Infinity : dayNumber(until), amount });
  };
  for (const e of allocationsBetween(sql, filter.first, filter.last)) add(e);
  for (const e of allocationsBefore(sql, older, filter.first)) add(e);
  for (const e of creditsUpTo(sql, filter.last)) add(e);
  return [...bySeq.values()];
}

/** What an invoice still owed at the end of `day` (0 before it was issued). */
export function balanceOn(holding: Holding, day: number): number {
  if (holding.issueDay > day) return 0;
  let settled = 0;
  for (const e of holding.events) if (e.on <= day && e.until > day) settled += e.amount;
  return Math.max(0, holding.totalMinor - settled);
}

/** Every invoice with a balance at the end of `date`. */
export function balancesOn(holdings: readonly Holding[], date: string): InvoiceBalance[] {
  const day = dayNumber(date);
  const out: InvoiceBalance[] = [];
  for (const h of holdings) {
    const balance = balanceOn(h, day);
    if (balance > 0) {
      out.push({ seq: h.seq, customerId: h.customerId, currency: h.currency, issueDate: h.issueDate, dueDate: h.dueDate, balanceMinor: balance, daysPastDue: day - h.dueDay });
    }
  }
  return out;
}

export interface ReceivablesSnapshot {
  totalMinor: number;
  /** Past the due date at the end of the day. */
  overdueMinor: number;
  /** How many invoices overdueMinor is owed on. */
  overdueCount: number;
  /** Not yet past due (due that day or later): what could not have been collected yet. */
  notDueMinor: number;
  invoiceCount: number;
  buckets: Record<AgingBucket, { amountMinor: number; invoiceCount: number }>;
}

export const emptySnapshot = (): ReceivablesSnapshot => ({
  totalMinor: 0, overdueMinor: 0, overdueCount: 0, notDueMinor: 0, invoiceCount: 0,
  buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, { amountMinor: 0, invoiceCount: 0 }])) as ReceivablesSnapshot['buckets'],
});

export interface CustomerReceivable {
  outstandingMinor: number;
  overdueMinor: number;
}

/** Per day, per currency snapshots; per customer too (keyed currency|customer) for `customerDay`. */
export function snapshots(holdings: readonly Holding[], dates: readonly string[], customerDay?: string) {
  const byDate = new Map<string, Map<string, ReceivablesSnapshot>>();
  const byCustomer = new Map<string, CustomerReceivable>();
  const days = [...new Set(dates)].map((d) => ({ date: d, day: dayNumber(d), currencies: new Map<string, ReceivablesSnapshot>() }));
  for (const d of days) byDate.set(d.date, d.currencies);
  for (const h of holdings) {
    for (const d of days) {
      const balance = balanceOn(h, d.day);
      if (balance === 0) continue;
      let snap = d.currencies.get(h.currency);
      if (!snap) d.currencies.set(h.currency, (snap = emptySnapshot()));
      const past = d.day - h.dueDay;
      snap.totalMinor += balance;
      snap.invoiceCount += 1;
      if (past > 0) {
        snap.overdueMinor += balance;
        snap.overdueCount += 1;
      } else snap.notDueMinor += balance;
      const bucket = snap.buckets[bucketOf(past)];
      bucket.amountMinor += balance;
      bucket.invoiceCount += 1;
      if (d.date === customerDay) {
        const key = `${h.currency}|${h.customerId}`;
        const c = byCustomer.get(key) ?? { outstandingMinor: 0, overdueMinor: 0 };
        c.outstandingMinor += balance;
        if (past > 0) c.overdueMinor += balance;
        byCustomer.set(key, c);
      }
    }
  }
  return { byDate, byCustomer };
}

/**
 * Days further apart than this are read separately: an invoice open only between them is not
 * needed, and a year-old comparison day then costs the invoices open on it, not a year of them.
 */
const CLUSTER_GAP_DAYS = 62;

interface KeptDay {
  currencies: Map<string, ReceivablesSnapshot>;
  /** Per currency|customer, when the day was computed as `customerDay`. */
  customers?: Map<string, CustomerReceivable>;
}

/** Days kept per connection; past month-ends are asked for again by every dashboard. */
const MAX_KEPT_DAYS = 400;
/** Days that keep their per-customer figures too (custom periods each end on their own day). */
const MAX_CUSTOMER_DAYS = 4;

/** Snapshots for any set of days (see snapshots), reading the invoices open around each group of close days not kept from before. */
export function receivablesOn(sql: Sql, dates: readonly string[], customerDay?: string) {
  const days = keptDays<KeptDay>(sql, 'receivables');
  const wanted = [...new Set(dates)];
  const missing = wanted.filter((date) => {
    const day = days.get(date);
    return !day || (date === customerDay && !day.customers);
  });
  const computed = computeReceivablesOn(sql, missing, customerDay);
  const day = (date: string): KeptDay => (computed.get(date) ?? days.get(date))!;
  const byDate = new Map<string, Map<string, ReceivablesSnapshot>>();
  for (const date of wanted) byDate.set(date, day(date).currencies);
  const byCustomer = (customerDay !== undefined && wanted.includes(customerDay) ? day(customerDay).customers : undefined) ?? new Map<string, CustomerReceivable>();
  for (const [date, value] of computed) keepDay(days, date, value, MAX_KEPT_DAYS);
  // A day's per-customer figures hold a line per customer: only the latest few days asked for keep
  // them. A call without a customer day (a drilldown's one day) adds none, so it drops none either.
  const withCustomers = customerDay === undefined ? [] : [...days].filter(([date, kept]) => kept.customers && date !== customerDay);
  for (const [, kept] of withCustomers.slice(0, Math.max(0, withCustomers.length - (MAX_CUSTOMER_DAYS - 1)))) delete kept.customers;
  // Shared with later calls: callers read these maps and never change them.
  return { byDate, byCustomer };
}

function computeReceivablesOn(sql: Sql, dates: readonly string[], customerDay?: string): Map<string, KeptDay> {
  const sorted = [...new Set(dates)].sort();
  const clusters: string[][] = [];
  for (const date of sorted) {
    const last = clusters.at(-1);
    if (last && dayNumber(date) - dayNumber(last.at(-1)!) <= CLUSTER_GAP_DAYS) last.push(date);
    else clusters.push([date]);
  }
  const out = new Map<string, KeptDay>();
  for (const cluster of clusters) {
    const holdings = loadHoldings(sql, { first: cluster[0]!, last: cluster.at(-1)! });
    const forCustomers = customerDay !== undefined && cluster.includes(customerDay) ? customerDay : undefined;
    const part = snapshots(holdings, cluster, forCustomers);
    for (const [date, currencies] of part.byDate) out.set(date, date === forCustomers ? { currencies, customers: part.byCustomer } : { currencies });
  }
  return out;
}
