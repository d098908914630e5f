// Settings a person changes inside the app. Secrets (API keys, the SMTP password) are never part of these:
// they go to the secret store, and the screens only learn whether one is set.
import { z } from 'zod';
import { multiLine, oneLine } from '../text';
import { numberFormatProblem } from '../numbering';
import { etimsSettingsSchema } from './etims';

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

const optionalEmail = z.union([z.literal(''), z.email({ error: 'That is not an email address' })]).default('');
const text = (max: number) => oneLine(z.string().trim().max(max, `At most ${max} characters`)).default('');

/** Who the invoices are from: printed at the top of every invoice and used in messages. */
export const businessProfileSchema = z.object({
  name: text(120),
  street: text(200),
  city: text(100),
  postalCode: text(20),
  country: text(60),
  /** KRA PIN or VAT number, printed as "PIN". */
  taxId: text(40),
  phone: text(40),
  email: optionalEmail,
  website: text(200),
  /** A PNG or JPEG as a data: URL, at most about 300 KB; empty for none. */
  logoDataUrl: z
    .string()
    .max(420_000, 'The logo is too large: use a PNG or JPEG under 300 KB')
    .refine((v) => v === '' || /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(v), 'The logo must be a PNG or JPEG image')
    .default(''),
  /**
   * Registered for VAT with KRA. A business below the threshold is not, and must not charge VAT:
   * its lines carry no VAT and its invoices print none.
   */
  vatRegistered: z.boolean().default(true),
  /** The rate new lines take when the business is registered (1600 = 16%); null: exempt. */
  defaultTaxRateBp: z.number().int().min(0, 'A rate cannot be negative').max(10_000, 'At most 100%').nullable().default(1600),
});
export type BusinessProfile = z.output<typeof businessProfileSchema>;

export { defaultLineTaxRate } from './lineTaxRate';

/** A business is VAT-registered when KRA says so; one that is not prints no VAT. The PIN is what proves it. */
export const VAT_PIN_REQUIRED = 'A VAT-registered business prints its KRA PIN on every invoice: enter it, or choose “Not registered for VAT”';

/** How customers pay: printed on every invoice and put in every message. */
export const paymentInstructionsSchema = z.object({
  mpesa: z
    .object({
      /** A Paybill takes an account number (the invoice number); a Till (Buy Goods) does not. */
      kind: z.enum(['none', 'paybill', 'till']).default('none'),
      number: z.string().trim().regex(/^\d{0,10}$/, 'Digits only, up to 10').default(''),
    })
    .default({ kind: 'none', number: '' })
    .refine((m) => m.kind === 'none' || m.number.length >= 5, { message: 'Enter the Paybill or Till number (5 or more digits)', path: ['number'] }),
  bank: z
    .object({
      bankName: text(100),
      accountName: text(120),
      accountNumber: text(40),
      branch: text(100),
      swift: z.string().trim().toUpperCase().regex(/^([A-Z0-9]{8}|[A-Z0-9]{11})?$/, 'A SWIFT code has 8 or 11 letters and digits').default(''),
    })
    .default({ bankName: '', accountName: '', accountNumber: '', branch: '', swift: '' }),
  /** Anything else, e.g. "Cheques payable to …". */
  note: multiLine(z.string().trim().max(500, 'At most 500 characters')).default(''),
});
export type PaymentInstructions = z.output<typeof paymentInstructionsSchema>;

const numberFormat = (fallback: string) =>
  z.string().trim().default(fallback).superRefine((format, ctx) => {
    const problem = numberFormatProblem(format);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const DEFAULT_NUMBER_FORMATS = {
  numberFormat: 'INV-{YYYY}-{seq:4}', creditNoteFormat: 'CN-{YYYY}-{seq:4}', paymentFormat: 'PAY-{YYYY}-{seq:4}',
  quoteFormat: 'QUO-{YYYY}-{seq:4}', refundFormat: 'REF-{YYYY}-{seq:4}', openingBalanceFormat: 'OB-{YYYY}-{seq:4}',
} as const;

/** How documents are numbered on this device. Tokens: {YYYY} {YY} {MM} {DEVICE} and one {seq} or {seq:N}. */
export const invoicingConfigSchema = z.object({
  numberFormat: numberFormat(DEFAULT_NUMBER_FORMATS.numberFormat),
  creditNoteFormat: numberFormat(DEFAULT_NUMBER_FORMATS.creditNoteFormat),
  paymentFormat: numberFormat(DEFAULT_NUMBER_FORMATS.paymentFormat),
  /** Quotes and pro-forma invoices: a series of their own, so an invoice number is never used by a quote. */
  quoteFormat: numberFormat(DEFAULT_NUMBER_FORMATS.quoteFormat),
  refundFormat: numberFormat(DEFAULT_NUMBER_FORMATS.refundFormat),
  /** Opening balances brought from another tool, when they are not given a number of their own. */
  openingBalanceFormat: numberFormat(DEFAULT_NUMBER_FORMATS.openingBalanceFormat),
  /** Put {DEVICE} in a format and give each laptop its own code, so numbers made offline never collide. */
  deviceCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{0,6}$/, 'Letters and digits only, at most 6').default(''),
});
export type InvoicingConfig = z.output<typeof invoicingConfigSchema>;

/** Numbering (first read from config.json, then kept here once saved) and the terms new customers get. */
export const invoicingSettingsSchema = invoicingConfigSchema.extend({
  /** Days a new customer has to pay; each customer can have their own. */
  defaultPaymentTermsDays: z.number().int('Whole days only').min(0, 'Cannot be negative').max(365, 'At most 365 days').default(30),
});
export type InvoicingSettings = z.output<typeof invoicingSettingsSchema>;

export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export const SMTP_SECURITY_LABELS: Record<(typeof SMTP_SECURITY)[number], string> = {
  starttls: 'STARTTLS (usually port 587)', tls: 'TLS from the start (usually port 465)', none: 'None (only for a server on this computer)',
};

/** The SMTP server invoices are sent through. The password is a secret, kept apart. */
export const emailSettingsSchema = z.object({
  host: z.string().trim().max(253).regex(/^[A-Za-z0-9.-]*$|^\[[0-9a-fA-F:.]+\]$/, 'A host name such as smtp.example.com').default(''),
  port: z.number().int('A whole number').min(1, 'A port is 1 to 65535').max(65_535, 'A port is 1 to 65535').default(587),
  security: z.enum(SMTP_SECURITY).default('starttls'),
  user: text(200),
  fromName: text(120),
  fromAddress: optionalEmail,
  replyTo: optionalEmail,
  /** Messages per minute the server allows; the queue never sends faster. */
  messagesPerMinute: z.number().int('A whole number').min(1, 'At least 1').max(10_000, 'At most 10,000').default(60),
  timeoutSeconds: z.number().int().min(5, 'At least 5 seconds').max(300, 'At most 300 seconds').default(30),
});
export type EmailSettings = z.output<typeof emailSettingsSchema>;

export const SMS_PROVIDERS = ['none', 'africastalking', 'twilio'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];
export const SMS_PROVIDER_LABELS: Record<SmsProviderName, string> = { none: 'Not set up', africastalking: "Africa's Talking", twilio: 'Twilio' };
export const DEFAULT_SMS_BASE_URLS: Record<Exclude<SmsProviderName, 'none'>, string> = {
  africastalking: 'https://api.africastalking.com',
  twilio: 'https://api.twilio.com',
};

const providerUrl = z
  .url({ protocol: /^https?$/, error: 'Use an https:// address' })
  .refine((url) => url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url), 'Use https:// (plain http only for a server on this computer)');

/** The SMS provider. API keys and tokens are secrets, kept apart. */
export const smsSettingsSchema = z.object({
  provider: z.enum(SMS_PROVIDERS).default('none'),
  africastalking: z
    .object({
      username: text(100),
      /** A registered sender ID or short code; empty: the provider's default. */
      senderId: text(11),
      baseUrl: providerUrl.default(DEFAULT_SMS_BASE_URLS.africastalking),
    })
    .default({ username: '', senderId: '', baseUrl: DEFAULT_SMS_BASE_URLS.africastalking }),
  twilio: z
    .object({
      accountSid: z.string().trim().regex(/^(AC[0-9a-fA-F]{32})?$/, 'An Account SID starts with AC and has 34 characters').default(''),
      /** The sending number in +E.164, or a Messaging Service SID (MG…). */
      from: z.string().trim().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})?$/, 'A number like +14155550100 or a Messaging Service SID (MG…)').default(''),
      baseUrl: providerUrl.default(DEFAULT_SMS_BASE_URLS.twilio),
    })
    .default({ accountSid: '', from: '', baseUrl: DEFAULT_SMS_BASE_URLS.twilio }),
  messagesPerMinute: z.number().int('A whole number').min(1, 'At least 1').max(10_000, 'At most 10,000').default(60),
  timeoutSeconds: z.number().int().min(5, 'At least 5 seconds').max(120, 'At most 120 seconds').default(20),
});
export type SmsSettings = z.output<typeof smsSettingsSchema>;

export const REMINDER_CHANNELS = ['email', 'sms', 'both'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];
export const DEFAULT_REMINDER_OFFSETS = [-3, 0, 7, 14, 30];

/** When unpaid invoices are chased, and how. A customer can be switched off on their page. */
export const reminderSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  /** Days from the due date: −3 is three days before, 0 the due day, 7 a week overdue. */
  offsets: z
    .array(z.number().int('Whole days').min(-30, 'At most 30 days before the due date').max(365, 'At most 365 days after'))
    .max(10, 'At most 10 reminders')
    .default(DEFAULT_REMINDER_OFFSETS)
    .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
  channel: z.enum(REMINDER_CHANNELS).default('email'),
  /** Reminders go out from this hour of the business day (0–23), not in the night. */
  sendFromHour: z.number().int().min(0).max(23).default(8),
  /** A short thank-you when a payment is recorded. */
  thankYouOnPayment: z.boolean().default(false),
  /** Also send each reminder's PDF. */
  attachPdf: z.boolean().default(true),
});
export type ReminderSettings = z.output<typeof reminderSettingsSchema>;

/** Copies of the books made every day on their own, and how many are kept. */
export const backupSettingsSchema = z.object({
  daily: z.boolean().default(true),
  /** The newest this many automatic backups are kept; older ones are deleted. Backups made by hand are never deleted. */
  keep: z.number().int('A whole number').min(1, 'Keep at least 1').max(365, 'At most 365').default(14),
});
export type BackupSettings = z.output<typeof backupSettingsSchema>;

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
  business: businessProfileSchema.default(businessProfileSchema.parse({})),
  payment: paymentInstructionsSchema.default(paymentInstructionsSchema.parse({})),
  email: emailSettingsSchema.default(emailSettingsSchema.parse({})),
  sms: smsSettingsSchema.default(smsSettingsSchema.parse({})),
  reminders: reminderSettingsSchema.default(reminderSettingsSchema.parse({})),
  invoicing: invoicingSettingsSchema.default(invoicingSettingsSchema.parse({})),
  backups: backupSettingsSchema.default(backupSettingsSchema.parse({})),
  etims: etimsSettingsSchema.default(etimsSettingsSchema.parse({})),
});
/** The sections stored apart, each as one row; a damaged one falls back to its defaults alone. */
export const SETTINGS_SECTIONS = ['ai', 'analytics', 'business', 'payment', 'email', 'sms', 'reminders', 'invoicing', 'backups', 'etims'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];
export type Settings = z.output<typeof settingsSchema>;

/** What the Settings screen reads: the settings, plus facts it may show but not change. */
export interface SettingsView extends Settings {
  /** Whether a Gemini API key is in the secret store; the key itself never leaves the backend. */
  geminiKeySet: boolean;
  /** Set when BILLBOOK_GEMINI_BASE_URL overrides the base URL (tests, proxies). */
  baseUrlOverride: string | null;
  /** Where secrets are kept, e.g. "encrypted by the operating system" or "a file readable only by you". */
  secretStorage: string;
  /** Which secrets are stored; their values never leave the backend. */
  secretsSet: Record<SecretName, boolean>;
  /** Secrets cleared because their server changed, with the sentence saying so; kept until the secret is entered again or removed. */
  secretNotices: Partial<Record<SecretName, string>>;
  /** Set when BILLBOOK_SMTP_* / BILLBOOK_SMS_BASE_URL override the stored endpoints (tests, proxies). */
  endpointOverrides: { smtp: { host: string; port: number } | null; sms: string | null };
}

export const SECRET_NAMES = ['geminiApiKey', 'smtpPassword', 'africasTalkingApiKey', 'twilioAuthToken'] as const;
export const SECRET_LABELS: Record<(typeof SECRET_NAMES)[number], string> = {
  geminiApiKey: 'Gemini API key', smtpPassword: 'SMTP password', africasTalkingApiKey: "Africa's Talking API key", twilioAuthToken: 'Twilio auth token',
};
export type SecretName = (typeof SECRET_NAMES)[number];
