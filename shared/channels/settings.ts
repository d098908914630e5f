import { z } from 'zod';
import { oneLine } from '../text';
import {
  aiSettingsSchema,
  businessProfileSchema,
  emailSettingsSchema,
  kpiThresholdsSchema,
  paymentInstructionsSchema,
  reminderSettingsSchema,
  SECRET_NAMES,
  smsSettingsSchema,
  type SettingsView,
} from '../domain/settings';
import { output } from './output';

export const settingsChannels = {
  'settings.get': { input: z.object({}).default({}), output: output<SettingsView>() },
  /** Changes the sections given; the rest stay as they are. */
  'settings.update': {
    input: z.object({
      ai: aiSettingsSchema.partial().optional(),
      analytics: z.object({ thresholds: kpiThresholdsSchema }).optional(),
      /** Whole sections: the form sends everything it shows. */
      business: businessProfileSchema.optional(),
      payment: paymentInstructionsSchema.optional(),
      email: emailSettingsSchema.optional(),
      sms: smsSettingsSchema.optional(),
      reminders: reminderSettingsSchema.optional(),
    }),
    output: output<SettingsView>(),
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
