// What the intelligence channels compute per customer, kept per connection between calls: after a
// write only the customers it touched are read and judged again (changedCustomers.ts says which).
// Each kept part depends on its customer's invoices alone, and the parts are put together in the
// order a full read gives them, so a kept answer is the one a fresh backend computes.
import type { Sql } from '../../db/sql';
import { outliersOfColumns, strongestFirst, type AmountColumns, type AmountOutlier } from './anomalies';
import { changesSince, forgetChanges } from './changedCustomers';
import { combineFits, fitPaidColumns, PAYMENT_MODEL_DEFAULTS, type CustomerFit, type PaymentModel } from './paymentModel';
import * as repo from './repo';

/** Runs `work` on the kept state; a failure part-way drops it, so a half-updated one is never used. */
function guarded<K, T>(map: WeakMap<Sql, K>, sql: Sql, work: () => T): T {
  try {
    return work();
  } catch (error) {
    map.delete(sql);
    throw error;
  }
}

const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

// ---- invoice amounts -----------------------------------------------------------------------

interface AmountGroup {
  firstDay: number;
  currency: string;
  customerId: string;
  outliers: AmountOutlier[];
}

const amounts = new WeakMap<Sql, { sinceDay: number; byCustomer: Map<string, AmountGroup[]> }>();

/** Judges every group eachAmountGroup reads (of `customerIds`, or all) into `into`: only numbers are kept of its columns. */
function judgeGroups(sql: Sql, customerIds: readonly string[] | undefined, sinceDay: number, into: Map<string, AmountGroup[]>): void {
  repo.eachAmountGroup(sql, customerIds, (group: AmountColumns) => {
    const outliers = outliersOfColumns(group, sinceDay);
    if (outliers.length === 0) return;
    let mine = into.get(group.customerId);
    if (!mine) into.set(group.customerId, (mine = []));
    // The earliest issue day (the group is oldest first): the SQL orders groups by it.
    mine.push({ firstDay: group.issueDays[0]!, currency: group.currency, customerId: group.customerId, outliers });
  });
}

/**
 * Every invoice amount issued on or after `sinceDay` far outside its customer's earlier ones, over
 * the whole book, strongest first: groupOutliers(amountGroups), judging again only the customers
 * written to since the last call.
 */
export function keptAmountOutliers(sql: Sql, sinceDay: number): AmountOutlier[] {
  const changes = changesSince(sql, 'amounts');
  if (changes === null) {
    const fresh = new Map<string, AmountGroup[]>();
    judgeGroups(sql, undefined, sinceDay, fresh);
    return assembleAmounts(fresh);
  }
  return guarded(amounts, sql, () => {
    let kept = amounts.get(sql);
    if (changes.all || !kept || kept.sinceDay !== sinceDay) {
      kept = { sinceDay, byCustomer: new Map() };
      amounts.set(sql, kept);
      judgeGroups(sql, undefined, sinceDay, kept.byCustomer);
    } else if (changes.customers.size > 0) {
      const ids = [...changes.customers];
      for (const id of ids) kept.byCustomer.delete(id);
      judgeGroups(sql, ids, sinceDay, kept.byCustomer);
    }
    return assembleAmounts(kept.byCustomer);
  });
}

/** Groups in amountGroups' order (earliest issue day, currency, customer), then strongest first. */
function assembleAmounts(byCustomer: ReadonlyMap<string, AmountGroup[]>): AmountOutlier[] {
  const groups = [...byCustomer.values()].flat();
  groups.sort((x, y) => x.firstDay - y.firstDay || byText(x.currency, y.currency) || byText(x.customerId, y.customerId));
  const found: AmountOutlier[] = [];
  for (const g of groups) for (const o of g.outliers) found.push(o);
  return strongestFirst(found);
}

// ---- delay events --------------------------------------------------------------------------

interface KeptDelays {
  today: string;
  window: number;
  events: Map<string, repo.DelayHistory>;
  /** The customers read (those with no events are absent from `events`), or every customer. */
  read: Set<string> | 'all';
}

const delays = new WeakMap<Sql, KeptDelays>();

function readDelays(sql: Sql, kept: KeptDelays, todayDay: number, ids: readonly string[] | undefined): void {
  // Kept as read, in columns: an object per event was most of what a first call left to the collector.
  for (const h of repo.recentDelays(sql, kept.today, todayDay, kept.window, ids)) kept.events.set(h.customerId, h);
  if (!ids) kept.read = 'all';
  else if (kept.read !== 'all') for (const id of ids) kept.read.add(id);
}

/**
 * The latest `window` delay events (recentDelays) of every customer, or at least of the customers
 * in `only` (collection needs only those with money overdue), oldest due first. Unpaid ones count
 * their days overdue, so they are kept for one business day.
 */
export function keptDelayEvents(sql: Sql, today: string, todayDay: number, window: number, only?: readonly string[]): ReadonlyMap<string, repo.DelayHistory> {
  const changes = changesSince(sql, 'delays');
  if (changes === null) {
    const fresh: KeptDelays = { today, window, events: new Map(), read: new Set() };
    readDelays(sql, fresh, todayDay, only);
    return fresh.events;
  }
  return guarded(delays, sql, () => {
    let kept = delays.get(sql);
    if (changes.all || !kept || kept.today !== today || kept.window !== window) {
      kept = { today, window, events: new Map(), read: new Set() };
      delays.set(sql, kept);
    } else if (changes.customers.size > 0) {
      const ids = [...changes.customers];
      for (const id of ids) kept.events.delete(id);
      // Read again now when every customer is kept, else when next asked for.
      if (kept.read === 'all') readDelays(sql, kept, todayDay, ids);
      else for (const id of ids) kept.read.delete(id);
    }
    const read = kept.read;
    if (read !== 'all') {
      if (!only) readDelays(sql, kept, todayDay, undefined);
      else {
        const missing = only.filter((id) => !read.has(id));
        if (missing.length > 0) readDelays(sql, kept, todayDay, missing);
      }
    }
    return kept.events;
  });
}

// ---- the payment model ---------------------------------------------------------------------

interface KeptFit {
  seen: string;
  /** The rows it was fitted on, as text: a re-read giving the same needs no new model. */
  rows: string;
  fit: CustomerFit;
}

const payers = new WeakMap<Sql, { fits: Map<string, KeptFit>; model: PaymentModel | null }>();

function fitOf(part: repo.RecentPaid): CustomerFit {
  const { dueDays, paidDays, totals } = repo.paidColumns(part.rows);
  return fitPaidColumns(dueDays, paidDays, totals, PAYMENT_MODEL_DEFAULTS);
}

function fitCustomers(parts: readonly repo.RecentPaid[], into: Map<string, KeptFit>): void {
  for (const part of parts) into.set(part.customerId, { seen: part.seen, rows: part.rows, fit: fitOf(part) });
}

/**
 * The payment model fitted on every customer's latest payments (fitPaymentModel(recentPaid)),
 * refitting only the customers written to since; the book-wide part is put together again from
 * the kept parts, in the order recentPaid reads customers, unless their payments read the same
 * as before (an invoice finalized, say, changes no customer's paid history).
 */
export function keptPaymentModel(sql: Sql): PaymentModel {
  const window = PAYMENT_MODEL_DEFAULTS.historyWindow;
  const changes = changesSince(sql, 'payers');
  // Inside an open transaction nothing is kept: the same parts, fitted and combined at once.
  if (changes === null) return combineFits(repo.recentPaidByCustomer(sql, window).map((part) => [part.customerId, fitOf(part)] as const));
  return guarded(payers, sql, () => {
    let kept = payers.get(sql);
    if (changes.all || !kept) {
      kept = { fits: new Map(), model: null };
      payers.set(sql, kept);
      fitCustomers(repo.recentPaidByCustomer(sql, window), kept.fits);
    } else if (changes.customers.size > 0) {
      const ids = [...changes.customers];
      const parts = repo.recentPaidByCustomer(sql, window, ids);
      const now = new Map(parts.map((part) => [part.customerId, part]));
      const fits = kept.fits;
      const same = ids.every((id) => {
        const before = fits.get(id);
        const part = now.get(id);
        return before === undefined || part === undefined ? before === part : before.seen === part.seen && before.rows === part.rows;
      });
      if (!same) {
        for (const id of ids) fits.delete(id);
        fitCustomers(parts, fits);
        kept.model = null;
      }
    }
    if (!kept.model) {
      const order = [...kept.fits].sort(([xId, x], [yId, y]) => byText(x.seen, y.seen) || byText(xId, yId));
      kept.model = combineFits(order.map(([id, { fit }]) => [id, fit] as const));
    }
    return kept.model;
  });
}

// ---- billing by month ----------------------------------------------------------------------

const billing = new WeakMap<Sql, { billed: Map<string, repo.MonthlyBillingRow>; credited: Map<string, repo.MonthlyBillingRow>; rows: repo.MonthlyBillingRow[] | null }>();

/**
 * monthlyBilling, reading again only the months from the earliest issue date a write changed.
 * The rows are shared between calls: read them, never change them.
 */
export function keptMonthlyBilling(sql: Sql): readonly repo.MonthlyBillingRow[] {
  const changes = changesSince(sql, 'billing');
  if (changes === null) return repo.monthlyBilling(sql);
  return guarded(billing, sql, () => {
    let kept = billing.get(sql);
    if (changes.all || !kept || changes.billingFrom === '') {
      kept = { billed: repo.billedByMonth(sql), credited: repo.creditedByMonth(sql), rows: null };
      billing.set(sql, kept);
    } else if (changes.billingFrom !== null) {
      const from = changes.billingFrom.slice(0, 7);
      for (const map of [kept.billed, kept.credited]) for (const [key, row] of map) if (row.month >= from) map.delete(key);
      for (const [key, row] of repo.billedByMonth(sql, from)) kept.billed.set(key, row);
      for (const [key, row] of repo.creditedByMonth(sql, from)) kept.credited.set(key, row);
      kept.rows = null;
    }
    kept.rows ??= repo.combineBilling(kept.billed, kept.credited);
    return kept.rows;
  });
}

/** Drops everything kept, so the next calls compute from the whole book: for benchmarks of a first call. */
export function forgetKept(sql: Sql): void {
  amounts.delete(sql);
  delays.delete(sql);
  payers.delete(sql);
  billing.delete(sql);
  forgetChanges(sql);
}
