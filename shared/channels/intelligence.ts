// The intelligence channels: predictions and forecasts fitted on the business's own books, each
// with the reasons behind it. Outputs are described field by field in ../domain/intelligence.ts.
import { z } from 'zod';
import { businessDateSchema } from '../domain/invoice';
import {
  ANOMALY_KINDS,
  COLLECTION_TONES,
  PREDICTION_SORTS,
  type AnomalyReport,
  type BacktestResult,
  type CashflowForecast,
  type CollectionPage,
  type InvoicePrediction,
  type PredictionPage,
  type RevenueForecast,
} from '../domain/intelligence';
import { CURRENCIES } from '../money';
import { idSchema, page } from './common';
import { output } from './output';

export const intelligenceChannels = {
  /** Every open invoice's predicted payment date and on-time chance, with reasons; the model summary comes along. */
  'intelligence.predictions': {
    input: z
      .object({
        customerId: idSchema.optional(),
        currency: z.enum(CURRENCIES).optional(),
        /** Only invoices already past their due date. */
        overdueOnly: z.boolean().default(false),
        sort: z.enum(PREDICTION_SORTS).default('expectedDate'),
        direction: z.enum(['asc', 'desc']).default('asc'),
        ...page,
      })
      .default({ overdueOnly: false, sort: 'expectedDate', direction: 'asc', offset: 0, limit: 100 }),
    output: output<PredictionPage>(),
  },
  /** One open invoice's prediction. A paid, void or draft invoice is refused with a message (nothing to predict). */
  'intelligence.prediction': { input: z.object({ invoiceId: idSchema }), output: output<InvoicePrediction>() },
  /**
   * Tests the payment model on the past: it learns from invoices paid before `cutoff` and predicts
   * those issued from `cutoff` on, against "paid on the due date".
   */
  'intelligence.backtest': {
    input: z
      .object({
        /** Absent: chosen so that about the most recent fifth of the settled invoices are tested. */
        cutoff: businessDateSchema.optional(),
      })
      .default({}),
    output: output<BacktestResult>(),
  },
  /** A collection strategy for every customer with money overdue, firmest first. */
  'intelligence.collection': {
    input: z
      .object({
        tone: z.enum(COLLECTION_TONES).optional(),
        currency: z.enum(CURRENCIES).optional(),
        ...page,
      })
      .default({ offset: 0, limit: 100 }),
    output: output<CollectionPage>(),
  },
  /** Expected collections by week from the open invoices' predictions, with a 10th–90th percentile band, per currency. */
  'intelligence.cashflow': {
    input: z.object({ weeks: z.number().int().min(1).max(26).default(12) }).default({ weeks: 12 }),
    output: output<CashflowForecast>(),
  },
  /** Unusual invoice amounts, customers paying much later, and months whose billing fell sharply. */
  'intelligence.anomalies': {
    input: z
      .object({
        /** Check invoices issued, and months starting, on or after this day. Absent: the last 365 days. */
        since: businessDateSchema.optional(),
        kinds: z.array(z.enum(ANOMALY_KINDS)).min(1).optional(),
        customerId: idSchema.optional(),
        /** At most this many of each kind, strongest first; `counts` tells how many there were. */
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .default({ limit: 200 }),
    output: output<AnomalyReport>(),
  },
  /** Billing by month for the current month and the ones after it, by exponential smoothing, per currency. */
  'intelligence.revenueForecast': {
    input: z.object({ months: z.number().int().min(1).max(12).default(3) }).default({ months: 3 }),
    output: output<RevenueForecast>(),
  },
} as const;
