import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_NUMBER_FORMATS, invoicingConfigSchema } from '../../shared/domain/settings';

export type { InvoicingConfig } from '../../shared/domain/settings';

/** Settings a person or an administrator edits in <dataDir>/config.json. Secrets never live here. */
export const coreConfigSchema = z.object({
  business: z
    .object({
      name: z.string().default('My business'),
      defaultCurrency: z.string().length(3).default('KES'),
      country: z.string().length(2).default('KE'),
    })
    .default({ name: 'My business', defaultCurrency: 'KES', country: 'KE' }),
  invoicing: invoicingConfigSchema.default({ ...DEFAULT_NUMBER_FORMATS, deviceCode: '' }),
  updates: z
    .object({
      /** electron-updater's generic provider: where latest.yml and the installers are published. */
      url: z.url({ protocol: /^https$/, error: 'Updates must come from an https:// address' }).optional(),
      channel: z.enum(['latest', 'beta']).default('latest'),
    })
    .default({ channel: 'latest' }),
});
export type CoreConfig = z.output<typeof coreConfigSchema>;

export class ConfigError extends Error {}

export function loadConfig(dataDir: string): CoreConfig {
  const file = path.join(dataDir, 'config.json');
  if (!fs.existsSync(file)) return coreConfigSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON (${(error as Error).message}). Fix or delete it and start again.`);
  }
  const parsed = coreConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new ConfigError(`${file} has settings Billbook cannot use: ${problems}`);
  }
  return parsed.data;
}
