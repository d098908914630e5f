// Billbook Cloud's settings, all from the environment (twelve-factor): nothing an instance keeps on
// its own disk but the embedded database, so any number of instances can run behind one proxy.
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

export const cloudConfigSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: port.default(8787),
  /** postgres://… for a real PostgreSQL; empty: the embedded PGlite in dataDir. */
  databaseUrl: z.string().trim().default(''),
  dataDir: z.string().default(path.resolve('.cloud')),
  /** The address people and devices reach this Cloud at (links in emails, SSO redirects). */
  publicUrl: z.url().default('http://127.0.0.1:8787'),
  /** Behind a proxy or load balancer: trust its X-Forwarded-For for rate limits and logs. */
  trustProxy: z.stringbool().default(false),
  migrateOnStart: z.stringbool().default(true),
  smtp: z.object({
    host: z.string().default(''),
    port: port.default(587),
    secure: z.enum(['starttls', 'tls', 'none']).default('starttls'),
    user: z.string().default(''),
    password: z.string().default(''),
    from: z.string().default('Billbook Cloud <no-reply@localhost>'),
  }),
  /** Requests from one address (or for one email) per window; generous for people, tight for scripts. */
  limits: z
    .object({
      signUpsPerHour: z.number().int().positive().default(10),
      signInsPerMinute: z.number().int().positive().default(30),
      signInsPerMinutePerEmail: z.number().int().positive().default(10),
      emailLinksPerQuarterHour: z.number().int().positive().default(10),
      emailLinksPerQuarterHourPerEmail: z.number().int().positive().default(5),
    })
    .default({ signUpsPerHour: 10, signInsPerMinute: 30, signInsPerMinutePerEmail: 10, emailLinksPerQuarterHour: 10, emailLinksPerQuarterHourPerEmail: 5 }),
  /** Where Daraja and Paystack are reached when an organisation's setup names no address (tests, proxies); empty: their own. */
  darajaBaseUrl: z.union([z.literal(''), z.url()]).default(''),
  paystackBaseUrl: z.union([z.literal(''), z.url()]).default(''),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type CloudConfig = z.output<typeof cloudConfigSchema>;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): CloudConfig {
  const pick = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const result = cloudConfigSchema.safeParse({
    host: pick('HOST'),
    port: pick('PORT'),
    databaseUrl: pick('DATABASE_URL'),
    dataDir: pick('CLOUD_DATA_DIR'),
    publicUrl: pick('PUBLIC_URL') ?? (pick('PORT') ? `http://127.0.0.1:${env.PORT}` : undefined),
    trustProxy: pick('TRUST_PROXY'),
    migrateOnStart: pick('MIGRATE_ON_START'),
    smtp: {
      host: pick('SMTP_HOST'), port: pick('SMTP_PORT'), secure: pick('SMTP_SECURITY'), user: pick('SMTP_USER'),
      password: pick('SMTP_PASSWORD'), from: pick('SMTP_FROM'),
    },
    logLevel: pick('LOG_LEVEL'),
    darajaBaseUrl: pick('DARAJA_BASE_URL'),
    paystackBaseUrl: pick('PAYSTACK_BASE_URL'),
    limits: {
      signUpsPerHour: num(pick('SIGN_UPS_PER_HOUR')), signInsPerMinute: num(pick('SIGN_INS_PER_MINUTE')),
      signInsPerMinutePerEmail: num(pick('SIGN_INS_PER_MINUTE_PER_EMAIL')), emailLinksPerQuarterHour: num(pick('EMAIL_LINKS_PER_QUARTER_HOUR')),
      emailLinksPerQuarterHourPerEmail: num(pick('EMAIL_LINKS_PER_QUARTER_HOUR_PER_EMAIL')),
    },
  });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Billbook Cloud cannot start with these settings: ${problems}`);
  }
  return result.data;
}
