import { z } from 'zod';
import { oneLine } from '../text';
import {
  aiSettingsSchema,
  backupSettingsSchema,
  businessProfileSchema,
  invoicingSettingsSchema,
  emailSettingsSchema,
  kpiThresholdsSchema,
  paymentInstructionsSchema,
  reminderSettingsSchema,
  SECRET_NAMES,
  smsSettingsSchema,
  VAT_PIN_REQUIRED,
  type SettingsView,
} from '../domain/settings';
import { logoProblem } from '../images';
import { etimsSettingsSchema } from '../domain/etims';
import { isLocalHost } from '../localHost';
import { output } from './output';

/** Security "none" sends the password and the invoices in clear text: only to a server on this computer (or none named yet). */
export const PLAIN_SMTP_REFUSED =
  'No encryption sends your password and invoices in clear text: it is only for a mail server on this computer (localhost, 127.0.0.1 or ::1). Choose STARTTLS or TLS.';
/** The logo's bytes must be the PNG or JPEG it claims, of a size every PDF can afford. Checked on save, not on read: a stored one is left out of PDFs instead. */
const businessUpdateSchema = businessProfileSchema.superRefine((b, ctx) => {
  const problem = logoProblem(b.logoDataUrl);
  if (problem) ctx.addIssue({ code: 'custom', path: ['logoDataUrl'], message: problem });
  if (b.vatRegistered && b.taxId.trim() === '') ctx.addIssue({ code: 'custom', path: ['taxId'], message: VAT_PIN_REQUIRED });
});
const emailUpdateSchema = emailSettingsSchema.refine((e) => e.security !== 'none' || e.host === '' || isLocalHost(e.host), { message: PLAIN_SMTP_REFUSED, path: ['security'] });

export const settingsChannels = {
  'settings.get': { input: z.object({}).default({}), output: output<SettingsView>() },
  /** Changes the sections given; the rest stay as they are. */
  'settings.update': {
    input: z.object({
      ai: aiSettingsSchema.partial().optional(),
      analytics: z.object({ thresholds: kpiThresholdsSchema }).optional(),
      /** Whole sections: the form sends everything it shows. */
      business: businessUpdateSchema.optional(),
      payment: paymentInstructionsSchema.optional(),
      email: emailUpdateSchema.optional(),
      sms: smsSettingsSchema.optional(),
      reminders: reminderSettingsSchema.optional(),
      invoicing: invoicingSettingsSchema.optional(),
      backups: backupSettingsSchema.optional(),
      /** The fields given; the transmitter and the start are set by eTIMS's own channels too. */
      etims: etimsSettingsSchema.partial().optional(),
    }),
    output: output<SettingsView>(),
  },
  /** The numbers the next invoice, credit note and receipt would take with these formats (nothing is reserved); null where a format is not valid. */
  'settings.nextNumbers': {
    input: z.object({
      numberFormat: z.string().max(100),
      creditNoteFormat: z.string().max(100),
      paymentFormat: z.string().max(100),
      deviceCode: z.string().max(20),
    }),
    output: output<{ invoice: string | null; creditNote: string | null; payment: string | null }>(),
  },
  /** Stores a secret (null removes it). The value is never sent back. */
  'settings.setSecret': {
    input: z
      .object({
        name: z.enum(SECRET_NAMES),
        value: oneLine(z.string().trim().min(1, 'Enter a value, or remove it').max(500, 'At most 500 characters')).nullable(),
      })
      .refine((s) => s.value === null || s.name === 'smtpPassword' || s.value.length >= 10, { message: 'That key looks too short', path: ['value'] }),
    output: output<SettingsView>(),
  },
} as const;
