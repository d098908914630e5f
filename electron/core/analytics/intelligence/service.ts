// Assembles the intelligence channels: reads the books (repo), or takes the per-customer results
// kept since the last call (kept.ts), and shapes what the screens show.
import type { ChannelParsed } from '../../../../shared/contract';
import {
  ANOMALY_KINDS,
  COLLECTION_TONES,
  type Anomaly,
  type AnomalyKind,
  type AnomalyReport,
  type BacktestResult,
  type BillingDropAnomaly,
  type InvoiceAmountAnomaly,
  type PaymentDelayAnomaly,
  type CashflowForecast,
  type CollectionPage,
  type CollectionRow,
  type CollectionTone,
  type InvoicePrediction,
  type PredictionPage,
  type RevenueForecast,
} from '../../../../shared/domain/intelligence';
import { AppError } from '../../../../shared/errors';
import type { CurrencyCode } from '../../../../shared/money';
import { businessDate } from '../../clock';
import type { CoreContext } from '../../context';
import { amountAnomaly, ANOMALY_RULES, billingDrops, delayJumpOfColumns, outliersOfColumns, strongestFirst } from './anomalies';
import { runBacktest } from './backtest';
import { CASHFLOW_SIMULATION, forecastCashflow, type CashflowItem } from './cashflow';
import { collectionPlan, lateRatesOfDays } from './collection';
import { forgetKept, keptAmountOutliers, keptDelayEvents, keptMonthlyBilling, keptPaymentModel } from './kept';
import { PAYMENT_MODEL_DEFAULTS, predictDelay, type PaymentModel } from './paymentModel';
import { expectedPaymentDay, modelSummary, predictInvoice, type OpenInvoice } from './predictions';
import * as repo from './repo';
import { addMonths, forecastRevenue } from './revenue';
import { dateOf, dayNumber } from './stats';

interface Book {
  today: string;
  todayDay: number;
  model: PaymentModel;
}

// The fit depends only on the invoices: kept per customer until a write touches theirs (kept.ts),
// so paging through predictions does not refit, and a payment refits one customer.
function book(ctx: CoreContext): Book {
  const today = businessDate(ctx.clock.now());
  return { today, todayDay: dayNumber(today), model: keptPaymentModel(ctx.sql) };
}

/** Drops everything kept, so the next call computes from the whole book: for benchmarks that time a first call. */
export function forgetFit(ctx: CoreContext): void {
  forgetKept(ctx.sql);
}

/** The delay events kept for both the anomaly rules and collection: the longer of their two windows. */
const DELAY_WINDOW = Math.max(ANOMALY_RULES.delayRecentInvoices + ANOMALY_RULES.delayEarlierWindow, PAYMENT_MODEL_DEFAULTS.historyWindow);

/** The business's main currency first, then the rest alphabetically. */
function currencyOrder(ctx: CoreContext): (a: string, b: string) => number {
  const main = ctx.config.business.defaultCurrency;
  return (a, b) => (a === main ? -1 : b === main ? 1 : a.localeCompare(b));
}

function toOpen(row: repo.OpenInvoiceRow): OpenInvoice {
  return {
    invoiceId: row.id, invoiceNumber: row.number, customerId: row.customer_id, customerName: row.customer_name,
    currency: row.currency as CurrencyCode, issueDate: row.issue_date, dueDate: row.due_date, dueDay: dayNumber(row.due_date),
    totalMinor: row.total_minor, balanceMinor: row.balance_minor,
  };
}

// ---- predictions ---------------------------------------------------------------------------

type PredictionQuery = ChannelParsed<'intelligence.predictions'>;

function sortKey(sort: PredictionQuery['sort']): (p: InvoicePrediction) => number | string | null {
  switch (sort) {
    case 'expectedDate': return (p) => p.expectedPaymentDate;
    case 'dueDate': return (p) => p.dueDate;
    case 'balance': return (p) => p.balanceMinor;
    case 'daysLate': return (p) => p.expectedDaysLate;
    case 'probabilityOnTime': return (p) => p.probabilityOnTime;
  }
}

export function listPredictions(ctx: CoreContext, input: PredictionQuery): PredictionPage {
  const b = book(ctx);
  const rows = repo.openInvoices(ctx.sql, { customerId: input.customerId, currency: input.currency, dueBefore: input.overdueOnly ? b.today : undefined });
  const predictions = rows.map((r) => predictInvoice(b.model, toOpen(r), b.todayDay).prediction);
  const key = sortKey(input.sort);
  const sign = input.direction === 'asc' ? 1 : -1;
  predictions.sort((x, y) => {
    const a = key(x);
    const b = key(y);
    // Unknowns (no basis for a date) go last whichever the direction.
    const c = a === null || b === null ? (a === b ? 0 : a === null ? 1 : -1) : sign * (a < b ? -1 : a > b ? 1 : 0);
    return c || x.dueDate.localeCompare(y.dueDate) || x.invoiceNumber.localeCompare(y.invoiceNumber);
  });
  return { rows: predictions.slice(input.offset, input.offset + input.limit), total: predictions.length, offset: input.offset, model: modelSummary(b.model, b.today) };
}

export function getPrediction(ctx: CoreContext, invoiceId: string): InvoicePrediction {
  const state = repo.invoiceState(ctx.sql, invoiceId);
  if (!state) throw new AppError('not_found', 'That invoice does not exist. It may have been discarded.');
  const name = state.number ?? 'This draft';
  if (state.status === 'draft') throw new AppError('conflict', 'This is a draft: a payment is predicted once it is finalized.');
  if (state.status === 'void') throw new AppError('conflict', `${name} is void: nothing is owed, so there is nothing to predict.`);
  if (state.status === 'paid' || state.balance_minor === 0) throw new AppError('conflict', `${name} is paid: there is nothing left to predict.`);
  const row = repo.openInvoiceById(ctx.sql, invoiceId)!;
  const b = book(ctx);
  return predictInvoice(b.model, toOpen(row), b.todayDay).prediction;
}

// ---- backtest ------------------------------------------------------------------------------

export function backtest(ctx: CoreContext, input: ChannelParsed<'intelligence.backtest'>): BacktestResult {
  // The backtest fits its own models on every settlement before its cutoff: no fit of today's book.
  const today = businessDate(ctx.clock.now());
  if (input.cutoff && input.cutoff > today) throw new AppError('invalid_input', 'The cutoff must be today or earlier: the test needs invoices paid since.', { cutoff: 'In the future' });
  return runBacktest(repo.settlementRows(ctx.sql), dayNumber(today), input.cutoff ? dayNumber(input.cutoff) : undefined);
}

// ---- collection ----------------------------------------------------------------------------

/**
 * Each customer's latest settled and overdue invoices (the model's window) as late-or-not, oldest
 * due first: what "recently" means. One customer's, or at least those of `customers`.
 */
function delayEvents(ctx: CoreContext, b: Book, customers: readonly string[], customerId?: string): ReadonlyMap<string, repo.DelayHistory> {
  // Kept between calls (the latest DELAY_WINDOW, of which the callers take their own).
  if (!customerId) return keptDelayEvents(ctx.sql, b.today, b.todayDay, DELAY_WINDOW, customers);
  return new Map(repo.recentDelays(ctx.sql, b.today, b.todayDay, b.model.options.historyWindow, customerId).map((h) => [h.customerId, h]));
}

/** One row per customer and currency with money overdue. */
function collectionRows(ctx: CoreContext, b: Book, filter: { customerId?: string; currency?: string }): CollectionRow[] {
  const overdue = repo.openInvoices(ctx.sql, { ...filter, dueBefore: b.today });
  const groups = new Map<string, repo.OpenInvoiceRow[]>();
  for (const row of overdue) {
    const key = `${row.customer_id}|${row.currency}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(row);
  }
  // Only the customers with money overdue are looked up.
  const customers = [...new Set(overdue.map((row) => row.customer_id))];
  const events = overdue.length > 0 ? delayEvents(ctx, b, customers, filter.customerId) : new Map<string, repo.DelayHistory>();
  const rows: CollectionRow[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const history = b.model.customers.get(first.customer_id) ?? null;
    let overdueMinor = 0;
    // The latest predicted day among the overdue invoices: when all of it should be in; null if any
    // has no basis. Only the expected day is worked out, not each invoice's whole prediction.
    let latest: number | null = -Infinity;
    for (const row of list) {
      overdueMinor += row.balance_minor;
      const expected = expectedPaymentDay(b.model, row.customer_id, row.total_minor, dayNumber(row.due_date), b.todayDay);
      if (expected === null) latest = null;
      else if (latest !== null && expected > latest) latest = expected;
    }
    const oldestDue = list.reduce((d, r) => (r.due_date < d ? r.due_date : d), first.due_date);
    const daysOverdue = b.todayDay - dayNumber(oldestDue);
    const plan = collectionPlan({
      daysOverdue,
      overdueMinor,
      usualInvoiceMinor: history?.usualMinor ?? null,
      paidInvoices: history?.sorted.length ?? 0,
      onTimeRate: history?.onTimeRate ?? null,
      ...lateRatesOfDays(events.get(first.customer_id)?.daysLate ?? [], b.model.options.historyWindow),
      expectedDaysToPay: latest === null ? null : latest - b.todayDay,
      hasEmail: first.email.trim() !== '',
      hasPhone: first.phone.trim() !== '',
    });
    // The plan's fields written out in its order: spreading it allocated about 5 KB a row (2.8 MB
    // of a first call on the 100,000-invoice book, measured).
    rows.push({
      tone: plan.tone, contactEveryDays: plan.contactEveryDays, channel: plan.channel, score: plan.score, worsening: plan.worsening, reasons: plan.reasons,
      customerId: first.customer_id, customerCode: first.customer_code, customerName: first.customer_name, currency: first.currency as CurrencyCode,
      overdueInvoices: list.length, overdueMinor, oldestDueDate: oldestDue, daysOverdue,
      onTimeRate: history ? Math.round(history.onTimeRate * 1000) / 1000 : null,
      expectedPaymentDate: latest === null ? null : dateOf(latest),
    });
  }
  return rows;
}

export function collection(ctx: CoreContext, input: ChannelParsed<'intelligence.collection'>): CollectionPage {
  const rows = collectionRows(ctx, book(ctx), { currency: input.currency });
  const byTone = Object.fromEntries(COLLECTION_TONES.map((t) => [t, 0])) as Record<CollectionTone, number>;
  for (const r of rows) byTone[r.tone] += 1;
  const shown = input.tone ? rows.filter((r) => r.tone === input.tone) : rows;
  const rank = (t: CollectionTone) => COLLECTION_TONES.indexOf(t);
  shown.sort((x, y) => rank(y.tone) - rank(x.tone) || y.score - x.score || y.daysOverdue - x.daysOverdue || x.customerName.localeCompare(y.customerName));
  return { rows: shown.slice(input.offset, input.offset + input.limit), total: shown.length, offset: input.offset, byTone };
}

/**
 * One customer's collection plan per currency they owe overdue money in (none when nothing is
 * overdue): for the reminders feature, which picks its tone, channel and frequency from it.
 */
export function customerCollection(ctx: CoreContext, customerId: string): CollectionRow[] {
  return collectionRows(ctx, book(ctx), { customerId });
}

/** Every overdue customer's plan in one pass over the book, keyed "customerId|currency": for a reminder scan. */
export function collectionPlansByCustomer(ctx: CoreContext): Map<string, CollectionRow> {
  return new Map(collectionRows(ctx, book(ctx), {}).map((row) => [`${row.customerId}|${row.currency}`, row]));
}

// ---- cash flow -----------------------------------------------------------------------------

export function cashflow(ctx: CoreContext, input: ChannelParsed<'intelligence.cashflow'>): CashflowForecast {
  const b = book(ctx);
  const byCurrency = new Map<string, CashflowItem[]>();
  for (const row of repo.openInvoices(ctx.sql)) {
    const daysOverdue = b.todayDay - dayNumber(row.due_date);
    const delay = predictDelay(b.model, row.customer_id, row.total_minor, daysOverdue);
    let list = byCurrency.get(row.currency);
    if (!list) byCurrency.set(row.currency, (list = []));
    list.push({ customerId: row.customer_id, balanceMinor: row.balance_minor, daysOverdue, delay });
  }
  const currencies = [...byCurrency.keys()].sort(currencyOrder(ctx))
    .map((c) => forecastCashflow(c as CurrencyCode, byCurrency.get(c)!, b.todayDay, input.weeks));
  const sim = CASHFLOW_SIMULATION;
  return {
    asOf: b.today,
    currencies,
    simulation: { runs: sim.runs, seed: sim.seed, lowPercentile: sim.lowPercentile, highPercentile: sim.highPercentile },
    notes: [
      "Each open balance is spread over the weeks by its predicted chance of being paid in each, from the customer's own delays blended with the whole book's.",
      `The band is the ${sim.lowPercentile}th to ${sim.highPercentile}th percentile of ${sim.runs.toLocaleString('en')} simulated runs (fixed seed, so it is the same every time); in each run a customer's invoices are all early or all late together.`,
      'Balances already later than any payment in the books have no predicted date and are shown apart, not in the weeks.',
      'Amounts in different currencies are never added together.',
    ],
  };
}

// ---- anomalies -----------------------------------------------------------------------------

/** Every month from `first` to `last` with billing filled in (0 where none). */
function monthSeries(rows: readonly repo.MonthlyBillingRow[], first: string, last: string): { month: string; billedMinor: number }[] {
  const billed = new Map(rows.map((r) => [r.month, r.billed_minor]));
  const series: { month: string; billedMinor: number }[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) series.push({ month: m, billedMinor: billed.get(m) ?? 0 });
  return series;
}

function monthlyByCurrency(ctx: CoreContext): Map<string, repo.MonthlyBillingRow[]> {
  const byCurrency = new Map<string, repo.MonthlyBillingRow[]>();
  for (const row of keptMonthlyBilling(ctx.sql)) {
    let list = byCurrency.get(row.currency);
    if (!list) byCurrency.set(row.currency, (list = []));
    list.push(row);
  }
  return byCurrency;
}

export function anomalies(ctx: CoreContext, input: ChannelParsed<'intelligence.anomalies'>): AnomalyReport {
  // No payment model here: the rules judge amounts and delays as they stand, read lean from SQLite.
  const today = businessDate(ctx.clock.now());
  const b = { today, todayDay: dayNumber(today) };
  const since = input.since ?? dateOf(b.todayDay - 365);
  const sinceDay = dayNumber(since);
  const kinds = new Set<AnomalyKind>(input.kinds ?? ANOMALY_KINDS);
  let amountCount = 0;
  const found: { invoice_amount: InvoiceAmountAnomaly[]; payment_delay_jump: PaymentDelayAnomaly[]; billing_drop: BillingDropAnomaly[] } = {
    invoice_amount: [], payment_delay_jump: [], billing_drop: [],
  };

  if (kinds.has('invoice_amount')) {
    // Judge every invoice on lean rows, then read numbers and names for the flagged ones only.
    // The whole book's judgements are kept between calls; one customer's are cheap to redo.
    const outliers = input.customerId
      ? strongestFirst(repo.amountGroups(ctx.sql, input.customerId).flatMap((g) => outliersOfColumns(g, sinceDay)))
      : keptAmountOutliers(ctx.sql, sinceDay);
    const details = repo.invoiceDetails(ctx.sql, outliers.slice(0, input.limit).map((o) => o.record.key));
    found.invoice_amount = outliers.map((o) => {
      const d = details.get(o.record.key);
      // Past the limit only the count is shown, so those are never named.
      return d
        ? amountAnomaly(o, { invoiceId: d.id, invoiceNumber: d.number, customerName: d.customer_name, issueDate: d.issue_date })
        : null;
    }).filter((a): a is InvoiceAmountAnomaly => a !== null);
    amountCount = outliers.length;
  }
  if (kinds.has('payment_delay_jump')) {
    // Only the events the rule looks at: the latest recent and earlier ones of each customer.
    const window = ANOMALY_RULES.delayRecentInvoices + ANOMALY_RULES.delayEarlierWindow;
    // delayJump looks at no more than `window` events, the latest.
    const events: [string, repo.DelayHistory][] = input.customerId
      ? repo.recentDelays(ctx.sql, b.today, b.todayDay, window, input.customerId).map((h) => [h.customerId, h])
      : [...keptDelayEvents(ctx.sql, b.today, b.todayDay, DELAY_WINDOW)];
    // Judge first, then name only the customers flagged; equal jumps in the order their customers
    // first show in the settlement read, as before the read was bounded.
    const flagged = events.filter(([id, h]) => delayJumpOfColumns(id, '', h.dueDays, h.daysLate, sinceDay) !== null);
    const ids = flagged.map(([id]) => id);
    const names = repo.customerNames(ctx.sql, ids);
    const seen = repo.firstSeen(ctx.sql, b.today, ids);
    const bySeen = (x: string, y: string) => (seen.get(x)! < seen.get(y)! ? -1 : seen.get(x)! > seen.get(y)! ? 1 : x < y ? -1 : x > y ? 1 : 0);
    found.payment_delay_jump = flagged
      .map(([id, h]) => delayJumpOfColumns(id, names.get(id) ?? 'This customer', h.dueDays, h.daysLate, sinceDay)!)
      .sort((x, y) => y.jumpDays - x.jumpDays || bySeen(x.customerId, y.customerId));
  }
  if (kinds.has('billing_drop') && !input.customerId) {
    const lastComplete = addMonths(b.today.slice(0, 7), -1);
    for (const [currency, rows] of [...monthlyByCurrency(ctx)].sort(([x], [y]) => currencyOrder(ctx)(x, y))) {
      if (rows[0]!.month > lastComplete) continue;
      found.billing_drop.push(...billingDrops(currency as CurrencyCode, monthSeries(rows, rows[0]!.month, lastComplete), since.slice(0, 7)));
    }
    found.billing_drop.sort((x, y) => x.changePct - y.changePct);
  }
  const counts = Object.fromEntries(ANOMALY_KINDS.map((k) => [k, found[k].length])) as Record<AnomalyKind, number>;
  counts.invoice_amount = amountCount;
  const r = ANOMALY_RULES;
  return {
    asOf: b.today,
    since,
    anomalies: ANOMALY_KINDS.flatMap((k): Anomaly[] => found[k].slice(0, input.limit)),
    counts,
    thresholds: {
      robustZ: r.robustZ, amountMinChangePct: Math.round(r.minChange * 100), minPriorInvoices: r.minPriorInvoices, delayJumpMinDays: r.delayJumpMinDays, delayJumpSpreads: r.delayJumpSpreads,
      delayRecentInvoices: r.delayRecentInvoices, billingDropPct: r.billingDropPct, billingTrailingMonths: r.billingTrailingMonths,
    },
  };
}

// ---- revenue forecast ----------------------------------------------------------------------

export function revenueForecast(ctx: CoreContext, input: ChannelParsed<'intelligence.revenueForecast'>): RevenueForecast {
  const today = businessDate(ctx.clock.now());
  const current = today.slice(0, 7);
  const lastComplete = addMonths(current, -1);
  const currencies = [...monthlyByCurrency(ctx)].sort(([x], [y]) => currencyOrder(ctx)(x, y)).map(([currency, rows]) => {
    const first = rows[0]!.month;
    const series = first <= lastComplete ? monthSeries(rows, first, lastComplete) : [];
    const soFar = rows.find((r) => r.month === current)?.billed_minor ?? 0;
    return forecastRevenue(currency as CurrencyCode, series, { month: current, billedSoFarMinor: soFar }, input.months);
  });
  return { asOf: today, currencies };
}
