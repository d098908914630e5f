// The analytics dashboard and the report builder. Types and definitions: shared/domain/analytics.ts.
import { z } from 'zod';
import { oneLine } from '../text';
import {
  EXPORT_FORMATS,
  drilldownTargetSchema,
  periodSchema,
  reportDefinitionSchema,
  savedReportInputSchema,
  taxReportInputSchema,
  type Dashboard,
  type DrilldownPage,
  type ExportedFile,
  type ReportResult,
  type SavedReport,
  type TaxReport,
} from '../domain/analytics';
import type { ItemRevenue } from '../domain/item';
import type { ResolvedPeriod } from '../domain/analytics';
import { idSchema, page } from './common';
import { output } from './output';

export const analyticsChannels = {
  /** Everything the dashboard screen shows for a period, per currency (main currency first), in one call. */
  'analytics.dashboard': {
    input: z.object({ period: periodSchema.default({ preset: 'thisMonth' }) }).default({ period: { preset: 'thisMonth' } }),
    output: output<Dashboard>(),
  },
  /** The invoices behind a KPI, bar, slice or list row: pass its `drilldown` target back as it came. */
  'analytics.drilldown': {
    input: z.object({ target: drilldownTargetSchema, ...page }),
    output: output<DrilldownPage>(),
  },

  /** Revenue by catalog item in a period, per currency (main currency first): invoice lines before VAT. */
  'analytics.revenueByItem': {
    input: z.object({ period: periodSchema.default({ preset: 'thisMonth' }), limit: z.number().int().min(1).max(50).default(10) }).default({ period: { preset: 'thisMonth' }, limit: 10 }),
    output: output<{ period: ResolvedPeriod; currencies: ItemRevenue[] }>(),
  },

  /** Runs a report definition: columns and rows, plus per-currency totals. */
  'reports.run': { input: reportDefinitionSchema, output: output<ReportResult>() },
  /** Saves a new report definition (no id) or changes one (id + the version edited). */
  'reports.save': { input: savedReportInputSchema, output: output<SavedReport>() },
  /** Saved report definitions, by name. */
  'reports.list': { input: z.object({}).default({}), output: output<SavedReport[]>() },
  /** Removes a saved report definition. */
  'reports.delete': { input: z.object({ id: idSchema }), output: output<{ id: string }>() },
  /** Output VAT per rate per month (invoices less credit notes), per currency. */
  'reports.tax': { input: taxReportInputSchema, output: output<TaxReport>() },
  /**
   * A report as a file: CSV, JSON, or 'pdf' = a printable HTML page (mimeType text/html) for the
   * window to print to PDF. Either a builder definition or the tax report.
   */
  'reports.export': {
    input: z.object({
      report: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('builder'), definition: reportDefinitionSchema, name: oneLine(z.string().trim().max(120, 'At most 120 characters')).optional() }),
        z.object({ kind: z.literal('tax'), range: taxReportInputSchema }),
      ]),
      format: z.enum(EXPORT_FORMATS),
    }),
    output: output<ExportedFile>(),
  },
} as const;
