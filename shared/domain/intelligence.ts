// What the books say about the future: payment predictions, a backtest of them, collection
// strategies, a cash-flow forecast, anomalies and a revenue forecast. Every figure is fitted on this
// business's own books and comes with the reason behind it. Money is integer minor units in one
// currency; amounts in different currencies are never added together. Probabilities are 0..1.
// Business dates are YYYY-MM-DD; "days late" is the payment date minus the due date (negative: early).
import type { CurrencyCode } from '../money';

// ---- payment predictions -------------------------------------------------------------------

export const PREDICTION_SORTS = ['expectedDate', 'dueDate', 'balance', 'daysLate', 'probabilityOnTime'] as const;
export type PredictionSort = (typeof PREDICTION_SORTS)[number];

/**
 * How much a prediction rests on the customer's own history: `customer` when their weight is at
 * least 0.75, `book` below 0.25 (including customers who have never paid an invoice), else `blended`.
 */
export const PREDICTION_BASES = ['customer', 'blended', 'book'] as const;
export type PredictionBasis = (typeof PREDICTION_BASES)[number];
export const PREDICTION_BASIS_LABELS: Record<PredictionBasis, string> = {
  customer: "Customer's own history",
  blended: 'Customer and whole book',
  book: 'Whole book (little history)',
};

/** The fitted payment model, shown once above a list of predictions ("About these predictions"). */
export interface PaymentModelSummary {
  /** The day the predictions are for (today), YYYY-MM-DD. */
  asOf: string;
  /**
   * Paid invoices the model learned from: each customer's most recent `historyWindow` fully paid
   * invoices (with some money received; ones settled only by credit notes say nothing about paying).
   */
  paidInvoices: number;
  /** Customers with at least one paid invoice. */
  customersWithHistory: number;
  /** The whole book's median days late over those invoices; null when nothing has been paid yet. */
  bookMedianDaysLate: number | null;
  /** The whole book's mean days late, extreme delays capped (see `notes`); null when nothing has been paid. */
  bookMeanDaysLate: number | null;
  /** Share of those invoices paid on or before their due date, 0..1; null when nothing has been paid. */
  bookOnTimeRate: number | null;
  /**
   * The shrinkage constant k: a customer with n paid invoices is trusted with weight n/(n+k) and the
   * whole book with k/(n+k). k = (spread of one customer's delays)² / (spread between customers' typical delays)²,
   * estimated from the book; with k = 5 a customer with 5 paid invoices counts half.
   */
  shrinkageK: number;
  /** `estimated` from the book, or `default` (k = 5) when the book has too few repeat payers to estimate it. */
  shrinkageSource: 'estimated' | 'default';
  /** How many of a customer's most recent paid invoices count as their history. */
  historyWindow: number;
  /** Recent invoices count more: one this many payments back counts half as much as the latest. */
  recencyHalfLifeInvoices: number;
  /**
   * Extra days late per doubling of an invoice's amount over the customer's usual amount, learned
   * across the book; null when the book does not show such an effect clearly (then no amount adjustment is made).
   */
  amountEffectDaysPerDoubling: number | null;
  /** Sentences explaining the model, for an "About these predictions" panel. */
  notes: string[];
}

/** When one open invoice is likely to be paid, and why. */
export interface InvoicePrediction {
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  customerName: string;
  currency: CurrencyCode;
  issueDate: string;
  dueDate: string;
  totalMinor: number;
  /** What is still owed on it, in `currency`'s minor units. */
  balanceMinor: number;
  /** Days past the due date today; 0 on the due date; negative: days until it is due. */
  daysOverdue: number;
  /**
   * Predicted days late (payment date − due date), the middle of the predicted spread (as likely
   * earlier as later), given it has not been paid by today. Fractional. Negative: early.
   * null when there is nothing to go on: the invoice is already later than any payment in the books,
   * or no invoice has been paid yet.
   */
  expectedDaysLate: number | null;
  /** The due date plus `expectedDaysLate`, rounded to a day; never before today. null as for `expectedDaysLate`. */
  expectedPaymentDate: string | null;
  /** The 10th to 90th percentile of the predicted payment date: 8 in 10 such invoices are paid in this window. */
  paymentWindow: { from: string; to: string } | null;
  /** Chance of payment on or before the due date, 0..1; 0 once the invoice is overdue; null as for `expectedDaysLate`. */
  probabilityOnTime: number | null;
  /** Chance of payment within the next 30 days (today included), 0..1; null as for `expectedDaysLate`. */
  probabilityWithin30Days: number | null;
  basis: PredictionBasis;
  /** The weight of the customer's own history, n/(n+k) with n their invoices counted by recency weight, 0..1; the rest is the whole book's. */
  customerWeight: number;
  /** The customer's paid invoices counted (at most the model's `historyWindow`). */
  customerPaidInvoices: number;
  /** The customer's median days late over those invoices; null when they have none. */
  customerMedianDaysLate: number | null;
  /** This invoice's total over the customer's usual (median) invoice total; null without at least 3 earlier invoices. */
  amountRatio: number | null;
  /** Days added (or taken off) for the amount; 0 when the book shows no amount effect. */
  amountAdjustmentDays: number;
  /** Why, in sentences: "pays 12 days late on average over 9 invoices", "amount 4× this customer's usual". */
  reasons: string[];
}

export interface PredictionPage {
  rows: InvoicePrediction[];
  /** Open invoices matching the filter. */
  total: number;
  offset: number;
  model: PaymentModelSummary;
}

// ---- backtest ------------------------------------------------------------------------------

/** One band of predicted on-time probability and what actually happened in it. */
export interface CalibrationBin {
  /** The band's lower edge, 0..1 (inclusive). */
  from: number;
  /** The band's upper edge, 0..1 (exclusive, except 1). */
  to: number;
  /** Test invoices whose predicted probability fell in this band. */
  invoices: number;
  /** The mean predicted on-time probability in the band; null when the band is empty. */
  meanPredicted: number | null;
  /** The share of them actually paid on or before the due date; null when the band is empty. */
  observedOnTimeRate: number | null;
}

export interface BacktestResult {
  asOf: string;
  /** The model learned only from invoices paid before this date, YYYY-MM-DD. */
  cutoff: string;
  /** Test invoices are those issued from `cutoff` up to and including `testTo`. */
  testTo: string;
  /** Invoices paid before the cutoff: what the model could learn from. */
  trainInvoices: number;
  /** Test invoices with a known outcome (paid since), which the errors are measured on. */
  testInvoices: number;
  /** Invoices issued in the test window still unpaid today: their outcome is unknown, so they are left out. */
  unresolvedInvoices: number;
  /** Mean absolute error of the predicted payment date, in days; null when there was nothing to test. */
  modelMaeDays: number | null;
  /** Mean absolute error of the naive forecast "paid on the due date", in days. */
  baselineMaeDays: number | null;
  /** Mean signed error of the model (predicted − actual days late): positive means it predicted too late. */
  modelBiasDays: number | null;
  /** How much smaller the model's error is than the baseline's, in percent (negative: larger). */
  improvementPct: number | null;
  /** True only when the model's error is smaller than the baseline's on at least 30 test invoices. */
  beatsBaseline: boolean;
  /** Ten bands of predicted on-time probability, 0–0.1 … 0.9–1. */
  calibration: CalibrationBin[];
  /** Mean squared error of the on-time probability (0 perfect, 0.25 a coin flip); null when nothing was tested. */
  brierScore: number | null;
  /** The same for a constant forecast of the training on-time rate, to compare with. */
  baselineBrierScore: number | null;
  /** The plain verdict, e.g. "The model beats 'paid on the due date': off by 4.1 days on average against 14.9." */
  verdict: string;
  /** How the test was set up and what to keep in mind. */
  notes: string[];
}

// ---- collection strategy -------------------------------------------------------------------

export const COLLECTION_TONES = ['gentle', 'standard', 'firm', 'escalate'] as const;
export type CollectionTone = (typeof COLLECTION_TONES)[number];
export const COLLECTION_TONE_LABELS: Record<CollectionTone, string> = {
  gentle: 'Gentle reminder', standard: 'Standard follow-up', firm: 'Firm demand', escalate: 'Escalate',
};

export const CONTACT_CHANNELS = ['email', 'sms', 'phone'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** What the collection rule looks at for one customer in one currency. Plain facts, so reminders can call it too. */
export interface CollectionFacts {
  /** Days the oldest overdue invoice is past its due date (at least 1 to be overdue). */
  daysOverdue: number;
  /** Everything overdue, in minor units. */
  overdueMinor: number;
  /** The customer's usual (median) invoice total in the same currency; null without history. */
  usualInvoiceMinor: number | null;
  /** Paid invoices in their history. */
  paidInvoices: number;
  /** Share of their paid invoices paid by the due date, 0..1; null without history. */
  onTimeRate: number | null;
  /** Share of their most recent invoices (paid, or unpaid past due) that were late, 0..1; null with too few. */
  recentLateRate: number | null;
  /** The same share over their earlier invoices; null with too few. */
  earlierLateRate: number | null;
  /** Predicted days from today until the overdue money arrives; null when the books have no basis (later than any payment seen). */
  expectedDaysToPay: number | null;
  hasEmail: boolean;
  hasPhone: boolean;
}

/** The tone, how often to get in touch and how: the output of the collection rule. */
export interface CollectionPlan {
  tone: CollectionTone;
  /** Get in touch every this many days until paid. */
  contactEveryDays: number;
  channel: ContactChannel;
  /** The points the rule added up (higher: firmer); the reasons say where each came from. */
  score: number;
  /** True when they have been late more often recently than before ("broken promises"). */
  worsening: boolean;
  reasons: string[];
}

export interface CollectionRow extends CollectionPlan {
  customerId: string;
  customerCode: string;
  customerName: string;
  currency: CurrencyCode;
  /** Their invoices past due with money owing. */
  overdueInvoices: number;
  overdueMinor: number;
  /** The oldest overdue invoice's due date. */
  oldestDueDate: string;
  daysOverdue: number;
  /** Share of their paid invoices paid on time, 0..1; null without history. */
  onTimeRate: number | null;
  /** When the overdue money is predicted to arrive (the latest of the overdue invoices' predicted dates); null: no basis. */
  expectedPaymentDate: string | null;
}

export interface CollectionPage {
  rows: CollectionRow[];
  /** Overdue customer-currency pairs matching the filter. */
  total: number;
  offset: number;
  /** Matching rows per tone, for tabs or chips. */
  byTone: Record<CollectionTone, number>;
}

// ---- cash-flow forecast --------------------------------------------------------------------

export interface CashflowWeek {
  /** First day of the week, YYYY-MM-DD; week 1 starts today. */
  from: string;
  /** Last day of the week (from + 6). */
  to: string;
  /** Expected collections this week, minor units: each open balance times its chance of being paid this week. */
  expectedMinor: number;
  /**
   * 10th percentile over the simulated runs: a poor week. With few invoices a week's outcome is
   * lumpy (one payment or none), so `expectedMinor` can sit outside the low–high band.
   */
  lowMinor: number;
  /** 90th percentile over the simulated runs: a good week. */
  highMinor: number;
}

export interface CashflowCurrency {
  currency: CurrencyCode;
  openInvoices: number;
  /** Everything still owed on open invoices. */
  openBalanceMinor: number;
  weeks: CashflowWeek[];
  /** The expected total over all the weeks. */
  expectedInHorizonMinor: number;
  /** 10th and 90th percentile of the total over all the weeks (not the sum of the weekly bands). */
  horizonLowMinor: number;
  horizonHighMinor: number;
  /** Expected to arrive after the last week. */
  expectedLaterMinor: number;
  /** Owed on invoices already later than any payment in the books: no date can be predicted, so not in the weeks. */
  noBasisMinor: number;
  /** Of what is in the weeks, the part put on its due date because nothing paid in the books says otherwise yet. */
  onDueDateMinor: number;
}

export interface CashflowForecast {
  asOf: string;
  /** Currencies with open balances, the business's main currency first. */
  currencies: CashflowCurrency[];
  /** How the band was made: runs, seed, percentiles. */
  simulation: { runs: number; seed: number; lowPercentile: number; highPercentile: number };
  notes: string[];
}

// ---- anomalies -----------------------------------------------------------------------------

export const ANOMALY_KINDS = ['invoice_amount', 'payment_delay_jump', 'billing_drop'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
export const ANOMALY_KIND_LABELS: Record<AnomalyKind, string> = {
  invoice_amount: 'Unusual invoice amount', payment_delay_jump: 'Paying much later', billing_drop: 'Billing fell',
};

/** An invoice far outside the customer's earlier amounts (robust z-score). */
export interface InvoiceAmountAnomaly {
  kind: 'invoice_amount';
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  customerName: string;
  currency: CurrencyCode;
  issueDate: string;
  amountMinor: number;
  /** The median of the customer's earlier invoices compared with. */
  medianMinor: number;
  /** Their median absolute deviation from that median (0 when most were the same amount). */
  madMinor: number;
  /**
   * 0.6745·(amount − median)/MAD; when MAD is 0 (most earlier invoices the same amount),
   * (amount − median)/(1.2533 × mean absolute deviation). null when every earlier invoice was the
   * same amount: then a change of 25% or more is flagged.
   */
  robustZ: number | null;
  /** Earlier invoices compared with (at least 5). */
  priorInvoices: number;
  reason: string;
}

/** A customer paying much later recently than they used to. */
export interface PaymentDelayAnomaly {
  kind: 'payment_delay_jump';
  customerId: string;
  customerName: string;
  /** Median days late over their most recent invoices (unpaid overdue ones counted at their days overdue so far). */
  recentMedianDaysLate: number;
  /** Median days late over the invoices before those. */
  earlierMedianDaysLate: number;
  jumpDays: number;
  recentInvoices: number;
  earlierInvoices: number;
  /** The jump that counts as sharp for this customer, in days (see the result's `thresholds`). */
  thresholdDays: number;
  reason: string;
}

/** A month whose billing fell sharply against the months before it. */
export interface BillingDropAnomaly {
  kind: 'billing_drop';
  currency: CurrencyCode;
  /** YYYY-MM. */
  month: string;
  /** Billed that month (invoice totals with tax, void left out, less that month's credit notes), minor units. */
  billedMinor: number;
  /** The median of the months before it compared with. */
  trailingMedianMinor: number;
  /** Change against that median, percent (negative). */
  changePct: number;
  monthsCompared: number;
  reason: string;
}

export type Anomaly = InvoiceAmountAnomaly | PaymentDelayAnomaly | BillingDropAnomaly;

export interface AnomalyReport {
  asOf: string;
  /** Invoices issued, customers with an invoice due, and months starting on or after this date were checked. */
  since: string;
  /** Up to the asked limit of each kind, strongest first within a kind (amounts by |z|, delays by jump, months by drop); kinds in ANOMALY_KINDS order. */
  anomalies: Anomaly[];
  /** How many of each kind were found before the limit. */
  counts: Record<AnomalyKind, number>;
  /** The rules, so a screen can state them. */
  thresholds: {
    /** |robust z| above this is flagged … */
    robustZ: number;
    /** … when the amount is also at least this many percent away from the median (alone decides when every earlier amount was the same). */
    amountMinChangePct: number;
    /** Earlier invoices a customer needs before their amounts are judged. */
    minPriorInvoices: number;
    /** A jump in median days late of at least this many days … */
    delayJumpMinDays: number;
    /** … and at least this many times the earlier spread (1.4826·MAD) is flagged. */
    delayJumpSpreads: number;
    /** Invoices in the recent group and at least as many before it. */
    delayRecentInvoices: number;
    /** A month at least this many percent below the trailing median is flagged. */
    billingDropPct: number;
    /** Earlier months in the trailing median. */
    billingTrailingMonths: number;
  };
}

// ---- revenue forecast ----------------------------------------------------------------------

export const SMOOTHING_MODELS = ['holt_winters_additive', 'holt_linear', 'simple', 'none'] as const;
export type SmoothingModel = (typeof SMOOTHING_MODELS)[number];
export const SMOOTHING_MODEL_LABELS: Record<SmoothingModel, string> = {
  holt_winters_additive: 'Holt-Winters (trend and 12-month season)',
  holt_linear: "Holt's linear trend",
  simple: 'Simple exponential smoothing',
  none: 'Not enough history',
};

export interface RevenueMonth {
  /** YYYY-MM. */
  month: string;
  /**
   * Billed that month as the dashboard counts it: invoice totals (tax included) by issue date, void
   * invoices left out, less credit notes issued that month; minor units.
   */
  actualMinor: number;
  /** The model's one-step-ahead forecast for that month; null in the months used to start it. */
  fittedMinor: number | null;
}

export interface RevenueForecastMonth {
  month: string;
  /** The month's whole billing as forecast (for the current month: including what is billed so far). */
  expectedMinor: number;
  /** Already billed in this month (the current month only; 0 for later months). */
  billedSoFarMinor: number;
  /** An 80% band from the one-step errors, widening with the horizon; never below 0. */
  lowMinor: number;
  highMinor: number;
}

export interface ModelFit {
  model: SmoothingModel;
  /** Mean absolute one-step-ahead error, minor units; null when the model could not be fitted. */
  maeMinor: number | null;
  /** Mean absolute percentage error of the same, percent; null when no month had billing to divide by. */
  mapePct: number | null;
}

export interface RevenueForecastCurrency {
  currency: CurrencyCode;
  model: SmoothingModel;
  /** Smoothing weights chosen by least one-step-ahead error (0..1); null where the model has none. */
  parameters: { alpha: number | null; beta: number | null; gamma: number | null; seasonLength: number | null };
  /** Complete months of history, from the first month with billing to last month. */
  historyMonths: number;
  /** The last 24 months at most, oldest first. */
  history: RevenueMonth[];
  forecast: RevenueForecastMonth[];
  /** The chosen model's fit error: one-step-ahead over the history after the start-up months. */
  fit: ModelFit;
  /** MAPE of forecasting the last 3 months from the months before them, percent; null with too little history. */
  holdoutMapePct: number | null;
  /** Every model tried, with its one-step error over the months all of them forecast (the span they were compared on). */
  compared: ModelFit[];
  /** Why this model, in a sentence. */
  reason: string;
}

export interface RevenueForecast {
  asOf: string;
  /** The current month is left out of the history (it is not over) and is the first forecast month. */
  currencies: RevenueForecastCurrency[];
}
