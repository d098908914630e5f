// Settings a person changes inside the app. Secrets (the Gemini key) are never part of these:
// they go to the secret store, and the screens only learn whether one is set.
import { z } from 'zod';

export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash';
export const DEFAULT_GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com';

export const aiSettingsSchema = z.object({
  /** Off: sentences are drafted offline only and nothing is sent to Gemini. */
  enabled: z.boolean().default(true),
  model: z.string().trim().min(1, 'Name a model, e.g. gemini-2.5-flash').max(100).regex(/^[\w.\-/]+$/, 'Letters, digits, dots, dashes and slashes only').default(DEFAULT_GEMINI_MODEL),
  // The key travels with every request, so plain http is only for a proxy on this machine.
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'Use an https:// address' })
    .refine((url) => url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url), 'Use https:// (plain http only for a proxy on this computer)')
    .default(DEFAULT_GEMINI_BASE_URL),
  /** The key's requests per minute; the queue never sends faster. */
  requestsPerMinute: z.number().int('A whole number').min(1, 'At least 1').max(10_000, 'At most 10,000').default(10),
  /** Seconds one request may take before it counts as timed out. */
  timeoutSeconds: z.number().int().min(5, 'At least 5 seconds').max(300, 'At most 300 seconds').default(60),
});
export type AiSettings = z.output<typeof aiSettingsSchema>;

const level = (warning: number, critical: number) =>
  z.object({ warning: z.number().finite(), critical: z.number().finite() }).default({ warning, critical });

/**
 * When a KPI turns amber (warning) or red (critical). For collection rate and invoice volume change
 * lower is worse; for average days to pay higher is worse.
 */
export const kpiThresholdsSchema = z
  .object({
    collectionRatePct: level(85, 75),
    averageDaysToPay: level(35, 45),
    invoiceVolumeChangePct: level(-20, -40),
  })
  .superRefine((t, ctx) => {
    if (t.collectionRatePct.critical > t.collectionRatePct.warning) ctx.addIssue({ code: 'custom', path: ['collectionRatePct'], message: 'The critical level must be at or below the warning level' });
    if (t.averageDaysToPay.critical < t.averageDaysToPay.warning) ctx.addIssue({ code: 'custom', path: ['averageDaysToPay'], message: 'The critical level must be at or above the warning level' });
    if (t.invoiceVolumeChangePct.critical > t.invoiceVolumeChangePct.warning) ctx.addIssue({ code: 'custom', path: ['invoiceVolumeChangePct'], message: 'The critical level must be at or below the warning level' });
  });
export type KpiThresholds = z.output<typeof kpiThresholdsSchema>;

export const settingsSchema = z.object({
  ai: aiSettingsSchema.default(aiSettingsSchema.parse({})),
  analytics: z.object({ thresholds: kpiThresholdsSchema.default(kpiThresholdsSchema.parse({})) }).default({ thresholds: kpiThresholdsSchema.parse({}) }),
});
export type Settings = z.output<typeof settingsSchema>;

/** What the Settings screen reads: the settings, plus facts it may show but not change. */
export interface SettingsView extends Settings {
  /** Whether a Gemini API key is in the secret store; the key itself never leaves the backend. */
  geminiKeySet: boolean;
  /** Set when BILLBOOK_GEMINI_BASE_URL overrides the base URL (tests, proxies). */
  baseUrlOverride: string | null;
  /** Where secrets are kept, e.g. "encrypted by the operating system" or "a file readable only by you". */
  secretStorage: string;
}

export const SECRET_NAMES = ['geminiApiKey'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
