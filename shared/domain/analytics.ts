// The analytics dashboard and the report builder: what the screens send and what they get back.
//
// Conventions for every figure below:
// - Money is an integer of minor units in the `currency` of the block it sits in. Nothing is ever
//   added across currencies: every amount lives in a per-currency block, the business's main
//   currency (config business.defaultCurrency) first, then the others alphabetically.
// - Only finalized invoices count (open, partially paid, paid). Drafts and void invoices never do.
// - Dates are business dates YYYY-MM-DD, months are YYYY-MM. "Today" is the backend clock's day.
// - A credit note counts on its own issue date: it reduces billed in the month it is issued (not
//   the month of the invoice it credits) and reduces that invoice's balance from that day on.
// - Percentages are plain numbers (87.5 means 87.5 %), rounded to one decimal; days likewise.
import { z } from 'zod';
import { oneLine } from '../text';
import { CURRENCIES, type CurrencyCode } from '../money';
import { businessDateSchema, INVOICE_FILTERS, type InvoiceListRow } from './invoice';
import { CUSTOMER_STATUSES } from './customer';
import { PAYMENT_STATUSES_STORED } from './payment';

const idSchema = z.uuid({ error: 'Not a valid id' });

// ---- periods ---------------------------------------------------------------------------------

export const PERIOD_PRESETS = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'last12Months', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PERIOD_PRESET_LABELS: Record<PeriodPreset, string> = {
  thisMonth: 'This month', lastMonth: 'Last month', thisQuarter: 'This quarter', lastQuarter: 'Last quarter',
  thisYear: 'This year', last12Months: 'Last 12 months', custom: 'Custom',
};

/**
 * The period a dashboard covers. "This …" presets run from the start of the month/quarter/year to
 * today; "last …" presets are whole calendar periods; last12Months is today minus 12 months + 1 day
 * through today. Custom needs from and to; a `to` after today is read as today (the books hold no
 * future), and a `from` after today is refused.
 */
export const periodSchema = z
  .object({
    preset: z.enum(PERIOD_PRESETS).default('thisMonth'),
    from: businessDateSchema.optional(),
    to: businessDateSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.preset !== 'custom') return;
    if (!p.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Choose the first day' });
    if (!p.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Choose the last day' });
    if (p.from && p.to && p.from > p.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day is before the first day' });
  });
export type PeriodInput = z.input<typeof periodSchema>;

export interface ResolvedPeriod {
  preset: PeriodPreset;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive (never after today). */
  to: string;
  /** e.g. "This month (1–21 Nov 2026)", or "1 Sep – 15 Oct 2026" for a custom period. */
  label: string;
  /**
   * The previous comparable period, of the same length and kind: the same days of the previous
   * month/quarter/year for "this …" presets (1–21 Oct for 1–21 Nov), the previous whole
   * month/quarter for "last …", the 12 months before for last12Months, and the same number of
   * days just before `from` for custom.
   */
  previous: { from: string; to: string; label: string };
}

// ---- KPIs ------------------------------------------------------------------------------------

export const KPI_KEYS = [
  'billed', 'collected', 'outstanding', 'overdue', 'daysSalesOutstanding', 'collectionRate', 'averageDaysToPay', 'invoiceCount',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export const KPI_LABELS: Record<KpiKey, string> = {
  billed: 'Billed', collected: 'Collected', outstanding: 'Outstanding', overdue: 'Overdue',
  daysSalesOutstanding: 'Days sales outstanding', collectionRate: 'Collected of what fell due', averageDaysToPay: 'Average days to pay',
  invoiceCount: 'Invoices',
};

export type KpiLevel = 'ok' | 'warning' | 'critical';
/** How to show the value: minor units of the block's currency, a percentage, days, or a count. */
export type KpiUnit = 'minor' | 'percent' | 'days' | 'count';

/**
 * One KPI of one currency for the period, with the previous period beside it.
 *
 * Definitions (D = the period's last day, D0 = the day before the period starts; "receivables at X"
 * is what finalized invoices issued on or before X still owed at the end of X, rebuilt from the
 * dates of payment allocations and credit notes, so a past period reads as it stood then):
 * - billed: totals (tax included) of invoices issued in the period − credit notes issued in the period.
 * - collected: payments received in the period (by paid-on date), including money kept as credit;
 *   reversed payments never count (the money never arrived).
 * - outstanding: receivables at D.
 * - overdue: the part of `outstanding` on invoices whose due date is before D.
 * - daysSalesOutstanding: outstanding ÷ billed × days in the period (null when billed ≤ 0).
 * - collectionRate: the collection effectiveness index, in %:
 *     (receivables at D0 + billed − receivables at D) ÷ (receivables at D0 + billed − not-yet-due receivables at D) × 100
 *   i.e. of everything that could be collected in the period, the share that was. Null when the
 *   denominator is ≤ 0. 100 % = nothing that fell due is left unpaid.
 * - averageDaysToPay: over invoices paid in full whose paid-on date (the day the balance reached 0)
 *   is in the period, and that received at least one payment, the mean of paid-on − issue date in
 *   days (null when there are none).
 * - invoiceCount: invoices issued in the period.
 *
 * Levels come from settings.analytics.thresholds: collectionRate below `warning` → warning, below
 * `critical` → critical; averageDaysToPay above `warning`/`critical`; invoiceCount's changePct
 * below `warning`/`critical` (the invoice volume change). A value exactly at a threshold stays at
 * the better level. A null value, and every KPI without thresholds, is 'ok'.
 */
export interface Kpi {
  key: KpiKey;
  label: string;
  unit: KpiUnit;
  /** This period's value; null when it cannot be computed (see the definitions). */
  value: number | null;
  /** The same KPI over the previous comparable period. */
  previous: number | null;
  /** value − previous; null when either is null. */
  change: number | null;
  /** (value − previous) ÷ |previous| × 100, one decimal; null when previous is 0 or null. */
  changePct: number | null;
  /** Whether a rise is good news (collected) or bad news (overdue), for colouring the change. */
  higherIsBetter: boolean;
  level: KpiLevel;
  /** The levels in force for this KPI, or null when it has none. */
  thresholds: { warning: number; critical: number } | null;
  /**
   * The invoices behind the value, for analytics.drilldown; null for daysSalesOutstanding and
   * collectionRate. invoiceCount opens the same list as billed (which also holds older invoices
   * credited in the period, with a negative contribution).
   */
  drilldown: DrilldownTarget | null;
  /** A rate's two amounts (collectionRate: collected, and what fell due), so the card says what it is a rate of. */
  basis: { partMinor: number; wholeMinor: number } | null;
}

// ---- drill-down ------------------------------------------------------------------------------

export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;
/**
 * Days past the due date on the day of the snapshot: 0–30 (including invoices not yet due),
 * 31–60, 61–90, 90+ (91 days and more). An invoice due today is 0 days past due.
 */
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/**
 * What a chart element stands for. Every bar, slice, KPI and list row carries one; the screen
 * passes it back to analytics.drilldown unchanged.
 */
export const drilldownTargetSchema = z.discriminatedUnion('kind', [
  /** Invoices issued in [from, to], and invoices credited by a credit note issued in [from, to]. */
  z.object({
    kind: z.literal('billed'),
    currency: z.enum(CURRENCIES),
    from: businessDateSchema,
    to: businessDateSchema,
    customerId: idSchema.optional(),
    /** The "others" slice of revenue by customer: everyone but these. */
    excludeCustomerIds: z.array(idSchema).max(50).optional(),
  }),
  /** Invoices that payments received in [from, to] were applied to. */
  z.object({
    kind: z.literal('collected'),
    currency: z.enum(CURRENCIES),
    from: businessDateSchema,
    to: businessDateSchema,
    customerId: idSchema.optional(),
  }),
  /** Invoices with a balance at the end of `asOf`, optionally in one aging bucket or only overdue ones. */
  z.object({
    kind: z.literal('receivables'),
    currency: z.enum(CURRENCIES),
    asOf: businessDateSchema,
    bucket: z.enum([...AGING_BUCKETS, 'overdue']).optional(),
    customerId: idSchema.optional(),
  }),
  /** The first invoice of each customer whose first invoice was issued in [from, to]. */
  z.object({
    kind: z.literal('newCustomers'),
    currency: z.enum(CURRENCIES),
    from: businessDateSchema,
    to: businessDateSchema,
  }),
  /** Invoices fully paid (paid-on date) in [from, to]: the ones averageDaysToPay is taken over. */
  z.object({
    kind: z.literal('paid'),
    currency: z.enum(CURRENCIES),
    from: businessDateSchema,
    to: businessDateSchema,
  }),
]);
export type DrilldownTarget = z.infer<typeof drilldownTargetSchema>;

export interface DrilldownRow extends InvoiceListRow {
  /**
   * What this invoice adds to the chart element, in the row's currency: its total (billed, new
   * customers), its total less credits issued in the range (billed, negative for an older invoice
   * credited in the range), the money applied to it (collected), or its balance on the snapshot
   * day (receivables). The rows' contributions add up to the element's value.
   */
  contributionMinor: number;
  /** For receivables: days past due on the snapshot day (negative: not yet due); otherwise null. */
  daysPastDue: number | null;
}

export interface DrilldownPage {
  rows: DrilldownRow[];
  total: number;
  offset: number;
  /** The sum of every row's contribution (all pages). */
  sumMinor: number;
  /**
   * For 'collected': money received in the range that was not applied to any invoice (kept as
   * the customers' credit), so sumMinor + unappliedMinor = the collected bar. 0 otherwise.
   */
  unappliedMinor: number;
  /** A title for the list, e.g. "Receivables 31–60 days past due on 31 Oct 2026 (KES)". */
  title: string;
}

// ---- the dashboard ---------------------------------------------------------------------------

export interface MonthPoint {
  /** YYYY-MM. */
  month: string;
  /** Net billed: grossBilledMinor − creditNotesMinor. */
  billedMinor: number;
  /** Totals of invoices issued in the month. */
  grossBilledMinor: number;
  /** Credit notes issued in the month. */
  creditNotesMinor: number;
  /** Payments received in the month. */
  collectedMinor: number;
  invoiceCount: number;
  billedDrilldown: DrilldownTarget;
  collectedDrilldown: DrilldownTarget;
}

export interface CustomerSlice {
  /** null for the "others" slice. */
  customerId: string | null;
  /** "Others (37 customers)" for the others slice. */
  name: string;
  code: string | null;
  /** Net billed in the period (invoices − credit notes). */
  billedMinor: number;
  invoiceCount: number;
  /** Share of the currency's net billed in the period, %. Null when that is ≤ 0. */
  sharePct: number | null;
  drilldown: DrilldownTarget;
}

export interface AgingSnapshot {
  /** YYYY-MM. */
  month: string;
  /** The snapshot day: the month's last day, or the period's last day for its final month. */
  asOf: string;
  /** Receivables per bucket at the end of asOf; the buckets add up to totalMinor. */
  buckets: { bucket: AgingBucket; amountMinor: number; invoiceCount: number; drilldown: DrilldownTarget }[];
  totalMinor: number;
}

export interface NewCustomersPoint {
  month: string;
  /** Customers whose first finalized invoice was issued in the month (counted in that invoice's currency). */
  count: number;
  drilldown: DrilldownTarget;
}

export interface TopCustomerRow {
  customerId: string;
  code: string;
  name: string;
  /** Net billed in the period. */
  billedMinor: number;
  /** Receivables at the period's last day. */
  outstandingMinor: number;
  /** The part of outstandingMinor past its due date at the period's last day. */
  overdueMinor: number;
  invoiceCount: number;
  /** billed in the period for topByBilled, the receivables for topByOutstanding. */
  drilldown: DrilldownTarget;
}

export type AttentionReasonKind = 'overdue' | 'payingLater' | 'nearCreditLimit' | 'overCreditLimit';

export interface AttentionRow {
  customerId: string;
  code: string;
  name: string;
  /** Today's balance. */
  outstandingMinor: number;
  /** Today's balance on invoices past due. */
  overdueMinor: number;
  /** 0 = no limit. */
  creditLimitMinor: number;
  /**
   * Why, as of today (whatever the period): overdue (any invoice past due, with the oldest's days);
   * payingLater (the last 3 invoices paid in full took on average at least 7 days longer, issue to
   * paid, than the ones before them, with at least 3 before); nearCreditLimit (outstanding ≥ 80 %
   * of a non-zero credit limit); overCreditLimit (outstanding > the limit).
   */
  reasons: { kind: AttentionReasonKind; text: string }[];
  /** The customer's receivables today. */
  drilldown: DrilldownTarget;
}

export interface CurrencyDashboard {
  currency: CurrencyCode;
  /** Whether this is config business.defaultCurrency (always the first block, even when empty). */
  main: boolean;
  /** The 8 KPIs in KPI_KEYS order. */
  kpis: Kpi[];
  charts: {
    /**
     * The chart range: the 12 months ending with the period's last month, reaching back to the
     * period's first month when the period is longer (at most 36 months).
     */
    months: string[];
    /** Billed (net, gross, credit notes) and collected per month of the chart range. */
    revenueByMonth: MonthPoint[];
    /** Net billed in the period: the top 10 customers, then one "others" slice when there are more. */
    revenueByCustomer: CustomerSlice[];
    /** Receivables by days past due at each month end of the chart range (stacked bars). */
    agingByMonthEnd: AgingSnapshot[];
    newCustomersByMonth: NewCustomersPoint[];
  };
  lists: {
    /** Top 10 by net billed in the period. */
    topByBilled: TopCustomerRow[];
    /** Top 10 by receivables at the period's last day. */
    topByOutstanding: TopCustomerRow[];
    /** Customers needing attention today, most overdue first (at most 50). */
    needsAttention: AttentionRow[];
  };
}

export interface Dashboard {
  period: ResolvedPeriod;
  /** The day the figures were computed for. */
  today: string;
  /**
   * The main currency first (always, even when empty), then, alphabetically, every other currency
   * with a figure in this dashboard (billed, collected, owed, or a customer needing attention).
   */
  currencies: CurrencyDashboard[];
}

// ---- the report builder ----------------------------------------------------------------------

export const REPORT_ROWS = ['invoices', 'payments', 'customers'] as const;
export type ReportRowKind = (typeof REPORT_ROWS)[number];
export const REPORT_GROUPS = ['customer', 'month', 'status', 'taxRate'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];
export const REPORT_MEASURES = ['count', 'sum', 'average', 'p50', 'p90'] as const;
export type ReportMeasure = (typeof REPORT_MEASURES)[number];

/** Invoice statuses a report filters by ('overdue' and 'unpaid' are as of today). */
export const REPORT_INVOICE_STATUSES = INVOICE_FILTERS;
export const REPORT_PAYMENT_STATUSES = PAYMENT_STATUSES_STORED;
export const REPORT_CUSTOMER_STATUSES = CUSTOMER_STATUSES;

/**
 * A report: what its rows are, which of them, grouped how, measured how.
 *
 * The amount measured: invoices → the invoice total, tax included (grouped by taxRate: the net +
 * VAT at that rate, so the rates of one invoice add up to its total); payments → the payment
 * amount; customers → net billed (invoices − credit notes) in the date range.
 * The date range is on: invoices → issue date; payments → paid-on date; customers → the invoices
 * counted in their billed amount (a customer with nothing billed in the range still shows, with 0).
 * status: invoices → INVOICE_FILTERS (default: open, partially paid and paid; drafts and void
 * only when asked); payments → completed | reversed (default completed); customers → active |
 * inactive | suspended (default all; archived customers never).
 * Amount range: on the amount measured. Tags: the customer has at least one of them.
 * groupBy: up to two of customer, month, status, taxRate (taxRate for invoices only; status not for
 * customers); empty: one row per record (at most `limit`). Currency is always a grouping too.
 * month is the month of the date the range is on (for customers: the month they were added);
 * status groups by the stored status (open, partially paid, paid, void, draft; completed/reversed).
 * Rows come sorted by the group columns (customer by name, month, status, rate), detail rows by
 * date, unless sortBy names a column.
 */
export const reportDefinitionSchema = z
  .object({
    rows: z.enum(REPORT_ROWS),
    filters: z
      .object({
        from: businessDateSchema.optional(),
        to: businessDateSchema.optional(),
        customerIds: z.array(idSchema).max(500).optional(),
        statuses: z.array(z.string().min(1).max(30)).max(10).optional(),
        currency: z.enum(CURRENCIES).optional(),
        minAmountMinor: z.number().int().min(0).optional(),
        maxAmountMinor: z.number().int().min(0).optional(),
        tags: z.array(z.string().trim().toLowerCase().min(1).max(40)).max(20).optional(),
      })
      .default({}),
    groupBy: z.array(z.enum(REPORT_GROUPS)).max(2).default([]),
    measures: z.array(z.enum(REPORT_MEASURES)).min(1, 'Pick at least one measure').max(5).default(['count', 'sum']),
    /** A column key to sort by (default: the group columns in order, or the record date). */
    sortBy: z.string().max(40).optional(),
    direction: z.enum(['asc', 'desc']).default('asc'),
    /** At most this many rows come back; `truncated` says when there were more. */
    limit: z.number().int().min(1).max(10_000).default(1000),
  })
  .superRefine((d, ctx) => {
    const f = d.filters;
    if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: 'custom', path: ['filters', 'to'], message: 'The last day is before the first day' });
    if (f.minAmountMinor !== undefined && f.maxAmountMinor !== undefined && f.minAmountMinor > f.maxAmountMinor) {
      ctx.addIssue({ code: 'custom', path: ['filters', 'maxAmountMinor'], message: 'The largest amount is below the smallest' });
    }
    if (new Set(d.groupBy).size !== d.groupBy.length) ctx.addIssue({ code: 'custom', path: ['groupBy'], message: 'A grouping is listed twice' });
    if (d.groupBy.includes('taxRate') && d.rows !== 'invoices') ctx.addIssue({ code: 'custom', path: ['groupBy'], message: 'Only invoices can be grouped by tax rate' });
    if (d.groupBy.includes('status') && d.rows === 'customers') ctx.addIssue({ code: 'custom', path: ['groupBy'], message: 'Customers are not grouped by status; filter by it instead' });
    const allowed: readonly string[] = d.rows === 'invoices' ? REPORT_INVOICE_STATUSES : d.rows === 'payments' ? REPORT_PAYMENT_STATUSES : REPORT_CUSTOMER_STATUSES;
    for (const s of f.statuses ?? []) {
      if (!allowed.includes(s)) ctx.addIssue({ code: 'custom', path: ['filters', 'statuses'], message: `"${s}" is not a status of ${d.rows}; use ${allowed.join(', ')}` });
    }
  });
export type ReportDefinitionInput = z.input<typeof reportDefinitionSchema>;
export type ReportDefinition = z.output<typeof reportDefinitionSchema>;

export type ReportColumnType = 'text' | 'date' | 'month' | 'money' | 'count' | 'rate';

export interface ReportColumn {
  /**
   * The key of this column in every row: group columns customerCode, customerName, month, status
   * (its label, e.g. "Partially paid"), taxRate (its label, e.g. "16%", "Exempt"); always
   * currency; measures count, sum, average, p50, p90; detail rows number, customerName,
   * issueDate, dueDate, paidOn, method, reference, status, currency, amount, balance.
   */
  key: string;
  label: string;
  /**
   * money: an integer of minor units in the row's `currency` cell; date YYYY-MM-DD; month YYYY-MM;
   * rate: basis points or null (exempt) — no column uses it at present: taxRate is its text label.
   */
  type: ReportColumnType;
}

/** One row: column key → value. Money cells are integers of minor units of the row's currency. */
export type ReportRow = Record<string, string | number | null>;

/**
 * Measures (over the amount measured, see reportDefinitionSchema): count; sum; average = sum ÷
 * count rounded half-up to the minor unit; p50/p90 = nearest-rank percentile (the smallest amount
 * with at least 50 %/90 % of the amounts at or below it), so they are always a real amount.
 */
export interface ReportResult {
  columns: ReportColumn[];
  rows: ReportRow[];
  /** The measures over every matched record, one row per currency (same measure keys + currency). */
  totals: ReportRow[];
  /** Rows before the limit. */
  rowCount: number;
  truncated: boolean;
  /** e.g. "Invoices by customer and month, 1 Jan – 21 Nov 2026". */
  title: string;
}

export interface SavedReport {
  id: string;
  name: string;
  definition: ReportDefinition;
  createdAt: string;
  updatedAt: string;
  /** Give it back when saving changes, so a stale form cannot overwrite a newer save. */
  version: number;
}

export const savedReportInputSchema = z.object({
  /** Absent: a new saved report. */
  id: idSchema.optional(),
  /** Required with id: the version the person edited. */
  version: z.number().int().min(1).optional(),
  name: oneLine(z.string().trim().min(1, 'Name the report').max(120, 'At most 120 characters')),
  definition: reportDefinitionSchema,
});

// ---- the tax (VAT) report --------------------------------------------------------------------

export const taxReportInputSchema = z
  .object({
    from: businessDateSchema,
    to: businessDateSchema,
    currency: z.enum(CURRENCIES).optional(),
  })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'The last day is before the first day' });

export interface TaxRateLine {
  /** Basis points; null = exempt. */
  taxRateBp: number | null;
  /** "16%", "0% zero-rated", "Exempt". */
  label: string;
  /** Net taxable value (tax excluded): invoices − credit notes. */
  netMinor: number;
  /** VAT: invoices − credit notes. */
  taxMinor: number;
  invoiceNetMinor: number;
  invoiceTaxMinor: number;
  creditNetMinor: number;
  creditTaxMinor: number;
}

export interface TaxMonth {
  month: string;
  rates: TaxRateLine[];
  invoiceCount: number;
  creditNoteCount: number;
}

/**
 * Output VAT per rate per month, for a VAT return: from each finalized (not void) invoice's tax
 * summary by its issue month, less each credit note's tax summary by the credit note's issue month.
 */
export interface TaxCurrencyReport {
  currency: CurrencyCode;
  /** Months in range with any invoice or credit note, oldest first. */
  months: TaxMonth[];
  /** Per rate over the whole range. */
  totals: TaxRateLine[];
  netMinor: number;
  taxMinor: number;
}

export interface TaxReport {
  from: string;
  to: string;
  /** Main currency first. */
  currencies: TaxCurrencyReport[];
}

// ---- export ----------------------------------------------------------------------------------

export const EXPORT_FORMATS = ['csv', 'json', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  fileName: string;
  /** text/csv, application/json, or text/html for 'pdf' (a printable page; print it to PDF). */
  mimeType: string;
  text: string;
}
