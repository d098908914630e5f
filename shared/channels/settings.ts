import { z } from 'zod';
import { aiSettingsSchema, kpiThresholdsSchema, SECRET_NAMES, type SettingsView } from '../domain/settings';
import { output } from './output';

export const settingsChannels = {
  'settings.get': { input: z.object({}).default({}), output: output<SettingsView>() },
  /** Changes the sections given; the rest stay as they are. */
  'settings.update': {
    input: z.object({
      ai: aiSettingsSchema.partial().optional(),
      analytics: z.object({ thresholds: kpiThresholdsSchema }).optional(),
    }),
    output: output<SettingsView>(),
  },
  /** Stores a secret (null removes it). The value is never sent back. */
  'settings.setSecret': {
    input: z.object({
      name: z.enum(SECRET_NAMES),
      value: z.string().trim().min(10, 'That key looks too short').max(500).nullable(),
    }),
    output: output<SettingsView>(),
  },
} as const;
