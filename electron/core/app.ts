import path from 'node:path';
import type { CoreConfig } from './config';
import { systemClock, type Clock } from './clock';
import type { CoreContext } from './context';
import { MIGRATIONS } from './db/migrations';
import { migrate, type MigrationOutcome } from './db/migrate';
import { openDatabase } from './db/open';
import { ownerOnlyDir, ownerOnlyFileIfPresent, secureBooksFiles, secureFolder, sqliteFiles } from './db/files';
import { createSql } from './db/sql';
import { CoreEvents } from './events';
import { bindApi, type Api, type HandlerMap } from './handlers';
import { newId } from './ids';
import { customerHandlers } from './customers/handlers';
import { invoiceHandlers } from './invoices/handlers';
import { draftHandlers } from './drafts/handlers';
import { paymentHandlers } from './payments/handlers';
import { settingsHandlers } from './settings/handlers';
import { jobHandlers } from './jobs/handlers';
import { draftingHandlers } from './drafting/handlers';
import { analyticsHandlers } from './analytics/handlers';
import { intelligenceHandlers } from './analytics/intelligence/handlers';
import { memorySecretStore, type SecretStore } from './secrets';
import { JobRunner, type JobRunnerOptions } from './jobs/runner';
import { geminiProvider } from './ai/provider';
import { aiDraftHandler } from './drafting/aiJob';
import type { NetworkProbe } from './context';
import { createHlc } from './sync/hlc';
import { coreConfigSchema } from './config';
import { createPdfRenderer } from './pdf/renderer';
import { pdfHandlers } from './pdf/handlers';
import { sendingHandlers } from './send/handlers';
import { smsProvider, smtpProvider } from './send/providers';
import { sendEmailHandler, sendSmsHandler } from './send/jobs';
import { startAnnouncer } from './activity/announcer';
import { startReminderScheduler } from './reminders/scheduler';

function smtpFromEnv(): { host: string; port: number } | null {
  const host = process.env.BILLBOOK_SMTP_HOST;
  if (!host) return null;
  const port = Number(process.env.BILLBOOK_SMTP_PORT ?? '587');
  return { host, port: Number.isInteger(port) && port > 0 && port < 65_536 ? port : 587 };
}

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  config?: CoreConfig;
  /** Where API keys live; in memory when not given. */
  secrets?: SecretStore;
  /** Whether the machine is online; assumed so when not given (requests then tell). */
  network?: NetworkProbe;
  /** Overrides the Gemini base URL setting; default: BILLBOOK_GEMINI_BASE_URL. */
  geminiBaseUrl?: string;
  /** Overrides the SMTP host and port; default: BILLBOOK_SMTP_HOST and BILLBOOK_SMTP_PORT. */
  smtp?: { host: string; port: number };
  /** Overrides the SMS provider's base URL; default: BILLBOOK_SMS_BASE_URL. */
  smsBaseUrl?: string;
  /** Where fonts and images are; default: ./resources. */
  resourcesDir?: string;
  /** How often the reminder scheduler looks for reminders that fell due (default 5 minutes; 0: never, tests scan by hand). */
  reminderScanMs?: number;
  /** PDF worker threads; default: one per core, at most 2 (0 renders on the main thread). */
  pdfWorkers?: number;
  /** The job queue's timings (tests shorten them); `autoStart: false` leaves it stopped. */
  jobs?: Pick<JobRunnerOptions, 'now' | 'random' | 'leaseMs' | 'backoff' | 'breaker' | 'offlineRecheckMs'> & { autoStart?: boolean; maxConcurrent?: number };
  /** Where unexpected errors go; the process never dies of one. */
  log?: (message: string, error?: unknown) => void;
}

export interface Core {
  api: Api;
  events: CoreEvents;
  /** For tests and benchmarks: the context services run in. */
  context: CoreContext;
  migration: MigrationOutcome;
  dbFile: string;
  jobs: JobRunner;
  /** Stops the job queue (attempts under way are given back) and closes the books. */
  close(): void;
}

function deviceIdOf(ctx: Pick<CoreContext, 'sql' | 'clock'>): string {
  const row = ctx.sql.prepare("SELECT value FROM meta WHERE key = 'device_id'").get() as { value: string } | undefined;
  if (row) return row.value;
  const id = newId(ctx.clock);
  ctx.sql.prepare("INSERT INTO meta (key, value) VALUES ('device_id', ?)").run(id);
  return id;
}

/** Opens (or creates) the books in dataDir, migrating them safely, and returns the backend. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const config = options.config ?? coreConfigSchema.parse({});
  const resourcesDir = options.resourcesDir ?? path.resolve('resources');
  const log = options.log ?? ((message, error) => console.error(message, error));
  ownerOnlyDir(options.dataDir);
  const dbFile = path.join(options.dataDir, 'billbook.db');
  const backupsDir = path.join(options.dataDir, 'backups');
  try {
    secureBooksFiles(dbFile);
    secureFolder(backupsDir);
  } catch (error) {
    // Opening the books says more about a folder that is not ours than chmod does.
    log('Could not make the books readable by their owner only', error);
  }
  const db = openDatabase(dbFile);
  // SQLite gives new -wal and -shm files the books' mode; ones left by an older Billbook are fixed here.
  for (const file of sqliteFiles(dbFile).slice(1)) ownerOnlyFileIfPresent(file);
  let migration: MigrationOutcome;
  try {
    migration = migrate(db, MIGRATIONS, backupsDir, clock.now().toISOString());
  } catch (error) {
    db.close();
    throw error;
  }
  const sql = createSql(db);
  const events = new CoreEvents();
  const deviceId = deviceIdOf({ sql, clock });
  const lastStamp = (sql.prepare('SELECT max(hlc) AS hlc FROM changes').get() as { hlc: string | null }).hlc;
  const hlc = createHlc(clock, deviceId, lastStamp);
  const context = {
    sql, clock, config, events, deviceId,
    nextStamp: (after) => hlc.next(after),
    schemaVersion: migration.to,
    secrets: options.secrets ?? memorySecretStore(),
    network: options.network ?? { isOnline: () => true },
    overrides: {
      geminiBaseUrl: options.geminiBaseUrl ?? process.env.BILLBOOK_GEMINI_BASE_URL ?? null,
      smtp: options.smtp ?? smtpFromEnv(),
      smsBaseUrl: options.smsBaseUrl ?? process.env.BILLBOOK_SMS_BASE_URL ?? null,
    },
    resourcesDir,
  } as CoreContext;
  context.pdf = createPdfRenderer({ resourcesDir, workers: options.pdfWorkers });
  const { autoStart = true, maxConcurrent, ...jobTimings } = options.jobs ?? {};
  context.jobs = new JobRunner(context, {
    ...jobTimings,
    handlers: { 'ai.draft': aiDraftHandler(context), 'send.email': sendEmailHandler(context), 'send.sms': sendSmsHandler(context) },
    providers: { gemini: geminiProvider(context, maxConcurrent), smtp: smtpProvider(context), sms: smsProvider(context) },
    log,
  });
  // A new key, a switched-on setting or a faster rate may let waiting jobs run.
  events.onAny((event) => {
    if (event === 'settings.changed') context.jobs.wake();
  });
  const handlers: HandlerMap = {
    ...customerHandlers(context), ...invoiceHandlers(context), ...draftHandlers(context), ...paymentHandlers(context),
    ...settingsHandlers(context), ...jobHandlers(context), ...draftingHandlers(context),
    ...analyticsHandlers(context), ...intelligenceHandlers(context), ...pdfHandlers(context),
    ...sendingHandlers(context),
  };
  const stopAnnouncer = startAnnouncer(context);
  let stopReminders = () => {};
  if (autoStart) {
    context.jobs.start();
    if (options.reminderScanMs !== 0) stopReminders = startReminderScheduler(context, options.reminderScanMs ?? 5 * 60_000, log);
  }
  const api = bindApi(handlers, (channel, error) => log(`Handler ${channel} failed`, error));
  return {
    api, events, context, migration, dbFile, jobs: context.jobs,
    close: () => {
      stopReminders();
      stopAnnouncer();
      context.jobs.stop();
      void context.pdf.close();
      db.pragma('optimize');
      db.close();
    },
  };
}
