import fs from 'node:fs';
import path from 'node:path';
import type { CoreConfig } from './config';
import { systemClock, type Clock } from './clock';
import type { CoreContext } from './context';
import type { MigrationOutcome } from './db/migrate';
import type { SqliteDatabase } from './db/open';
import { ownerOnlyDir } from './db/files';
import { createSql, type Sql } from './db/sql';
import { CoreEvents } from './events';
import { bindApi, type Api, type HandlerMap } from './handlers';
import { contract, type Channel } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { BackupRestoreResult, BackupsView, BooksHealth, BooksRestoreResult } from '../../shared/domain/books';
import { backupsWithKinds, copyBooks, keepBooksAsBackup } from './books/copies';
import { startDailyBackups } from './books/daily';
import { booksFiles, openBooks, type BooksFiles, type OpenedBooks } from './books/open';
import { describeHealth } from './books/health';
import { listBackups, PROBLEM_WORDS } from './books/backups';
import { checkBooksFile, writeCleanClose } from './books/check';
import { keepAside, stageCopy } from './books/restore';
import { storageMessage } from './books/messages';
import { newId } from './ids';
import { customerHandlers } from './customers/handlers';
import { invoiceHandlers } from './invoices/handlers';
import { draftHandlers } from './drafts/handlers';
import { paymentHandlers } from './payments/handlers';
import { statementImportHandlers } from './payments/statement/handlers';
import { settingsHandlers } from './settings/handlers';
import { jobHandlers } from './jobs/handlers';
import { draftingHandlers } from './drafting/handlers';
import { analyticsHandlers } from './analytics/handlers';
import { intelligenceHandlers } from './analytics/intelligence/handlers';
import { maskDeep, memorySecretStore, secretMasker, type SecretStore } from './secrets';
import { readSettings } from './settings/service';
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
import { appHandlers } from './system/handlers';
import { settleAgainUnderNewRule } from './ledger/settleAgain';
import { createSyncEngine, type SyncEngineOptions } from './sync/engine';
import { createCloudAccount } from './sync/account';
import { cloudHandlers } from './sync/handlers';
import { cloudPaymentHandlers } from './cloudPayments/handlers';
import { createCloudPayments } from './cloudPayments/service';
import { cloudLink } from './sync/state';
import { settleAloneAfterStart } from './sync/outbox';
import { startSearchCatchUp } from './customers/searchBacklog';
import { guardByRole } from './sync/roleGuard';
import { backupBooks } from './sync/backup';
import { itemHandlers } from './items/handlers';
import { homeHandlers } from './home/handlers';
import { etimsHandlers } from './etims/handlers';
import { transmitHandler } from './etims/transmit';
import { etimsProvider, startEtims } from './etims/watch';
import { refundHandlers } from './refunds/handlers';
import { quoteHandlers } from './quotes/handlers';
import { statementHandlers } from './statements/handlers';
import { recurringHandlers } from './recurring/handlers';
import { startRecurringScheduler } from './recurring/service';

function smtpFromEnv(): { host: string; port: number } | null {
  const host = process.env.BILLBOOK_SMTP_HOST;
  if (!host) return null;
  const port = Number(process.env.BILLBOOK_SMTP_PORT ?? '587');
  return { host, port: Number.isInteger(port) && port > 0 && port < 65_536 ? port : 587 };
}

/** The account names sent with a secret (in Basic and AUTH PLAIN credentials), so those forms are masked too. */
function secretUsers(ctx: CoreContext): string[] {
  try {
    const settings = readSettings(ctx);
    return [settings.email.user, settings.sms.twilio.accountSid, settings.sms.africastalking.username];
  } catch {
    // The books are closing: the secrets themselves are still masked.
    return [];
  }
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
  /** Overrides KRA eTIMS's OSCU base URL; default: BILLBOOK_ETIMS_BASE_URL. */
  etimsBaseUrl?: string;
  /** How often documents waiting for KRA eTIMS are checked for lateness (default 10 minutes; 0: never, tests check by hand). */
  etimsLateScanMs?: number;
  /** Where fonts and images are; default: ./resources. */
  resourcesDir?: string;
  /** How often the reminder scheduler looks for reminders that fell due (default 5 minutes; 0: never, tests scan by hand). */
  reminderScanMs?: number;
  /** How often recurring schedules issue what fell due (default 5 minutes, first 1.5 s after start; 0: never, tests run them by hand). */
  recurringScanMs?: number;
  /** When the daily backup is first checked after start, and how often after (default 30 s, then hourly; 0: never). */
  dailyBackup?: { firstMs: number; intervalMs: number } | 0;
  /** PDF worker threads; default: one per core, at most 2 (0 renders on the main thread). */
  pdfWorkers?: number;
  /** The job queue's timings (tests shorten them); `autoStart: false` leaves it stopped. */
  jobs?: Pick<JobRunnerOptions, 'now' | 'random' | 'leaseMs' | 'backoff' | 'breaker' | 'offlineRecheckMs'> & { autoStart?: boolean; maxConcurrent?: number };
  /** Where unexpected errors go; the process never dies of one. */
  log?: (message: string, error?: unknown) => void;
  /** Background sync's timings (tests shorten them); `autoStart: false` leaves it to sync.now. */
  sync?: Omit<SyncEngineOptions, 'log'> & { autoStart?: boolean };
}

export interface Core {
  api: Api;
  events: CoreEvents;
  /** For tests and benchmarks: the context services run in. Throws while the books cannot be read. */
  readonly context: CoreContext;
  /** What opening did to the schema; from = to when nothing was migrated (read-only or unreadable books). */
  readonly migration: MigrationOutcome;
  dbFile: string;
  /** The job queue. Throws while the books cannot be read. */
  readonly jobs: JobRunner;
  /** Whether the books passed their check, and the way back when not (what `books.health` answers). */
  health(): BooksHealth;
  /** Resolves when no job attempt is running (at once when the books are not open). */
  idle(): Promise<void>;
  /** Stops the job queue (attempts under way are given back) and closes the books. */
  close(): void;
}

type BooksChannel = 'books.health' | 'books.restore' | 'backups.list' | 'backups.create' | 'backups.restore';

/** The backend over one opened books file; replaced as a whole when a backup is restored. */
interface Backend {
  context: CoreContext;
  handlers: Omit<HandlerMap, BooksChannel>;
  migration: MigrationOutcome;
  close(): void;
}

function deviceIdOf(ctx: Pick<CoreContext, 'sql' | 'clock'>, readOnly: boolean): string {
  const row = ctx.sql.prepare("SELECT value FROM meta WHERE key = 'device_id'").get() as { value: string } | undefined;
  if (row) return row.value;
  const id = newId(ctx.clock);
  // Read-only books make no changes, so they need no lasting device id.
  if (!readOnly) ctx.sql.prepare("INSERT INTO meta (key, value) VALUES ('device_id', ?)").run(id);
  return id;
}

/** How many of the newest outbox rows are read for the newest stamp (books that work alone keep at least this many). */
const STAMPS_READ_AT_START = 1000;

/**
 * The newest stamp in the outbox, for the clock to start past. Every change is stamped past the
 * row before it (record.ts, track.ts, apply.ts read the last row first, and this clock starts past
 * the newest), so stamps rise with the counter and the newest rows hold the newest stamp. Only
 * those are read: max(hlc) over the whole table has no index and read all 366,000 rows of an
 * unsettled 100,000-invoice book, 0.4 s idle and 1.5-2.2 s under load, before the first page.
 */
function newestStamp(sql: Sql): string | null {
  const row = sql.prepare('SELECT max(hlc) AS hlc FROM (SELECT hlc FROM changes ORDER BY counter DESC LIMIT ?)').get(STAMPS_READ_AT_START) as { hlc: string | null };
  return row.hlc;
}

/** Keys can be read but not changed while the books are read-only: a settings save is one change. */
function readOnlySecrets(secrets: SecretStore, refusal: () => string): SecretStore {
  return {
    get: (name) => secrets.get(name),
    set: () => {
      throw new AppError('storage', refusal());
    },
    description: secrets.description,
  };
}

function startBackend(
  db: SqliteDatabase,
  migration: MigrationOutcome,
  readOnly: boolean,
  options: CoreOptions,
  shared: { clock: Clock; config: CoreConfig; events: CoreEvents; log: NonNullable<CoreOptions['log']>; resourcesDir: string; readOnlyRefusal: () => string; files: BooksFiles },
  /** When every page of these books was last checked; null for read-only books (never noted as clean). */
  fullCheckAt: string | null = null,
): Backend {
  const { clock, config, events, log, resourcesDir } = shared;
  const sql = createSql(db);
  const deviceId = deviceIdOf({ sql, clock }, readOnly);
  // Read-only books stamp no changes; their outbox may be among the damaged pages.
  const lastStamp = readOnly ? null : newestStamp(sql);
  const hlc = createHlc(clock, deviceId, lastStamp);
  const secrets = options.secrets ?? memorySecretStore();
  const context = {
    sql, clock, config, events, deviceId,
    nextStamp: (after) => hlc.next(after),
    schemaVersion: migration.to,
    secrets: readOnly ? readOnlySecrets(secrets, shared.readOnlyRefusal) : secrets,
    network: options.network ?? { isOnline: () => true },
    overrides: {
      geminiBaseUrl: options.geminiBaseUrl ?? process.env.BILLBOOK_GEMINI_BASE_URL ?? null,
      smtp: options.smtp ?? smtpFromEnv(),
      smsBaseUrl: options.smsBaseUrl ?? process.env.BILLBOOK_SMS_BASE_URL ?? null,
      etimsBaseUrl: options.etimsBaseUrl ?? process.env.BILLBOOK_ETIMS_BASE_URL ?? null,
    },
    resourcesDir,
    mask: (text) => masker()(text),
  } as CoreContext;
  const masker = () => secretMasker(context.secrets, secretUsers(context));
  events.setMask((payload) => maskDeep(payload, masker()));
  context.pdf = createPdfRenderer({ resourcesDir, workers: options.pdfWorkers });
  const { autoStart = true, maxConcurrent, ...jobTimings } = options.jobs ?? {};
  context.jobs = new JobRunner(context, {
    ...jobTimings,
    handlers: {
      'ai.draft': aiDraftHandler(context), 'send.email': sendEmailHandler(context), 'send.sms': sendSmsHandler(context), 'etims.transmit': transmitHandler(context),
    },
    providers: { gemini: geminiProvider(context, maxConcurrent), smtp: smtpProvider(context), sms: smsProvider(context), etims: etimsProvider(context) },
    log,
  });
  // A new key, a switched-on setting or a faster rate may let waiting jobs run.
  const stopWaking = events.onAny((event) => {
    if (event === 'settings.changed') context.jobs.wake();
  });
  const engine = createSyncEngine(context, { ...options.sync, log });
  context.sync = engine;
  const account = createCloudAccount(context, engine, () => backupBooks(context, options.dataDir, 'before-cloud'));
  const handlers = guardByRole(context, {
    ...customerHandlers(context), ...invoiceHandlers(context), ...draftHandlers(context), ...paymentHandlers(context), ...statementImportHandlers(context),
    ...settingsHandlers(context), ...jobHandlers(context), ...draftingHandlers(context),
    ...analyticsHandlers(context), ...intelligenceHandlers(context), ...pdfHandlers(context),
    ...sendingHandlers(context), ...appHandlers(context), ...cloudHandlers(context, account, engine), ...itemHandlers(context), ...homeHandlers(context),
    ...cloudPaymentHandlers(createCloudPayments(context, account)),
    ...etimsHandlers(context),
    ...refundHandlers(context), ...quoteHandlers(context), ...statementHandlers(context), ...recurringHandlers(context),
  } satisfies Omit<HandlerMap, BooksChannel>);
  if (!readOnly) {
    // Once, on books an older Billbook synced (ledger/settleAgain.ts); a failure leaves them as they were, for the next start.
    try {
      const settled = settleAgainUnderNewRule(context);
      if (settled) log(`Settled the books again under the new rule: ${settled.invoices} invoices and ${settled.payments} payments changed`);
    } catch (error) {
      log('Settling the books again under the new rule failed; it is tried at the next start', error);
    }
  }
  // Sync runs wherever the books can change: in Electron and in `npm run web` alike.
  if (!readOnly && options.sync?.autoStart !== false && cloudLink(sql)?.joined) engine.start();
  const stopAnnouncer = startAnnouncer(context);
  let stopReminders = () => {};
  let stopRecurring = () => {};
  let stopBackups = () => {};
  let stopEtims = () => {};
  let stopSettling = () => {};
  // Read-only books run no jobs and no reminders: each would be a write.
  if (autoStart && !readOnly) {
    // Refinements of drafts finalized or discarded since (say, while Billbook was closed) have nothing left to do.
    const stale = sql
      .prepare(
        `SELECT j.subject_id AS id FROM jobs j LEFT JOIN invoices i ON i.id = j.subject_id
         WHERE j.kind = 'ai.draft' AND j.state IN ('queued', 'offline', 'running') AND (i.id IS NULL OR i.status <> 'draft' OR i.deleted_at IS NOT NULL)`,
      )
      .all() as { id: string }[];
    for (const { id } of stale) context.jobs.cancelForSubject(id, 'ai.draft');
    context.jobs.start();
    if (options.reminderScanMs !== 0) stopReminders = startReminderScheduler(context, options.reminderScanMs ?? 5 * 60_000, log);
    stopEtims = startEtims(context, options.etimsLateScanMs ?? 10 * 60_000, log);
    if (options.recurringScanMs !== 0) stopRecurring = startRecurringScheduler(context, options.recurringScanMs ?? 5 * 60_000, log);
    stopSettling = settleAloneAfterStart(sql, log);
    if (options.dailyBackup !== 0) stopBackups = startDailyBackups(context, shared.files, options.dailyBackup ?? { firstMs: 30_000, intervalMs: 60 * 60_000 }, log);
  }
  // Search entries an import left for later (customers/searchBacklog.ts), whatever else runs; last,
  // so nothing after it can fail with its timer running.
  const stopSearchCatchUp = readOnly ? () => {} : startSearchCatchUp(sql, log);
  return {
    context, handlers, migration,
    close: () => {
      engine.stop();
      stopReminders();
      stopRecurring();
      stopBackups();
      stopEtims();
      stopSettling();
      stopSearchCatchUp();
      stopAnnouncer();
      stopWaking();
      context.jobs.stop();
      void context.pdf.close();
      if (!readOnly) db.pragma('optimize');
      db.close();
      // Closed cleanly (the WAL folded in): the next open may skip reading every page (books/check.ts).
      if (fullCheckAt) writeCleanClose(shared.files.dbFile, fullCheckAt);
    },
  };
}

/**
 * Opens (or creates) the books in dataDir and returns the backend. The books are checked first
 * (quick_check): damaged ones open read-only, unreadable ones not at all, and either way the app
 * starts and `books.health` says what happened and offers the newest backup that passes the check.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const config = options.config ?? coreConfigSchema.parse({});
  const resourcesDir = options.resourcesDir ?? path.resolve('resources');
  const log = options.log ?? ((message, error) => console.error(message, error));
  const files = booksFiles(options.dataDir);
  try {
    ownerOnlyDir(files.dataDir);
  } catch (error) {
    throw new Error(
      `Billbook could not create or open its data folder ${files.dataDir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). ` +
        'Check that the folder (or the disk it is on) is there and that you may write to it, then start Billbook again.',
    );
  }
  const events = new CoreEvents();
  const place = () => ({ dataDir: files.dataDir, backupsDir: files.backupsDir, readOnly: opened.state === 'read_only' });
  // The refusal a read-only book gives for a change that never reaches SQLite (a key, for one).
  const readOnlyRefusal = () => toRefusal(place());
  const shared = { clock, config, events, log, resourcesDir, readOnlyRefusal, files };

  let opened: OpenedBooks;
  let backend: Backend | null = null;
  let health: BooksHealth | null = null;
  let closed = false;

  const open = (): void => {
    health = null;
    opened = openBooks(files, clock.now().toISOString(), log);
    if (opened.state === 'unavailable') {
      backend = null;
      log(`The books in ${files.dataDir} cannot be read (${opened.problem}): ${opened.detail}`);
      return;
    }
    if (opened.state === 'read_only') log(`The books in ${files.dataDir} failed their check and are open read-only: ${opened.detail}`);
    try {
      backend = startBackend(opened.db, opened.migration, opened.state === 'read_only', options, shared, opened.state === 'ok' ? opened.fullCheckAt : null);
    } catch (error) {
      opened.db.close();
      // Damaged books may fail even the reads made while starting; then they cannot be shown at all.
      if (opened.state !== 'read_only') throw error;
      opened = { state: 'unavailable', problem: 'damaged', detail: (error as Error).message };
      backend = null;
    }
  };
  const currentHealth = (): BooksHealth => (health ??= describeHealth(files, opened));
  const running = (): Backend => {
    if (!backend) throw new AppError('storage', currentHealth().message ?? 'Billbook is closing its books. Nothing was changed; start Billbook again to go on.');
    return backend;
  };

  open();

  const restoreHooks: RestoreHooks = {
    state: () => opened.state,
    stamp: () => clock.now().toISOString(),
    closeBooks: () => {
      backend?.close();
      backend = null;
    },
    reopen: () => {
      try {
        open();
      } catch (error) {
        // A restored backup that will not migrate (say, from a newer Billbook) leaves the app up, saying why.
        opened = { state: 'unavailable', problem: 'unreadable', detail: (error as Error).message };
        backend = null;
        health = null;
      }
      return currentHealth();
    },
  };
  const restore = (fileName: string): BooksRestoreResult => restoreBackup(files, fileName, restoreHooks);

  // Every channel goes to the books open now (a restore replaces them); none while they cannot be read.
  const handlers = {} as Record<Channel, (input: unknown) => unknown>;
  for (const channel of Object.keys(contract) as Channel[]) {
    handlers[channel] = (input) => (running().handlers as Record<string, (input: unknown) => unknown>)[channel]!(input);
  }
  handlers['books.health'] = () => currentHealth();
  // The window asks the time before anything else, whatever state the books are in.
  handlers['app.clock'] = () => ({ now: clock.now().toISOString(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  handlers['books.restore'] = (input) => restore((input as { fileName: string }).fileName);
  handlers['backups.list'] = (): BackupsView => ({ backupsDir: files.backupsDir, backups: backupsWithKinds(files.backupsDir), booksState: opened.state });
  handlers['backups.create'] = () => {
    if (opened.state !== 'ok') throw new AppError('conflict', 'Your books failed their check, so a copy of them would not be a good backup. Restore a backup from the notice at the top instead.');
    return copyBooks(files.dbFile, files.backupsDir, 'manual', clock.now().toISOString());
  };
  handlers['backups.restore'] = (input) => {
    const { fileName } = input as { fileName: string };
    // Damaged books go the way they always did (kept aside in the damaged folder); the rest are kept as a backup.
    if (opened.state !== 'ok') {
      const done = restore(fileName);
      return { restored: done.restored, keptAs: done.keptAside };
    }
    return replaceWithBackup(files, fileName, restoreHooks);
  };
  const api = bindApi(handlers as HandlerMap, (channel, error) => log(`Handler ${channel} failed`, error), place);

  return {
    api, events, dbFile: files.dbFile,
    get context() {
      return running().context;
    },
    get jobs() {
      return running().context.jobs;
    },
    get migration() {
      if (backend) return backend.migration;
      return { from: 0, to: 0, backupFile: null };
    },
    health: currentHealth,
    idle: () => (backend ? backend.context.jobs.idle() : Promise.resolve()),
    close: () => {
      if (closed) return;
      closed = true;
      backend?.close();
      backend = null;
    },
  };
}

function toRefusal(place: { dataDir: string; backupsDir: string; readOnly: boolean }): string {
  return storageMessage({ code: 'SQLITE_READONLY' }, place)!;
}

interface RestoreHooks {
  state(): OpenedBooks['state'];
  stamp(): string;
  closeBooks(): void;
  reopen(): BooksHealth;
}

/**
 * Replaces damaged books with a copy of a backup: checked first, copied beside the books, then the
 * damaged books are moved aside (never deleted) and the copy takes their place and is opened.
 */
function restoreBackup(files: BooksFiles, fileName: string, hooks: RestoreHooks): BooksRestoreResult {
  if (hooks.state() === 'ok') {
    throw new AppError('conflict', 'Your books passed their check when Billbook opened them, so Billbook does not replace them with a backup. Nothing was changed.');
  }
  const backup = listBackups(files.backupsDir).find((b) => b.fileName === fileName);
  if (!backup) {
    throw new AppError('not_found', `There is no backup called ${fileName} in ${files.backupsDir}. Nothing was changed; pick one of the backups Billbook lists.`);
  }
  const backupFile = path.join(files.backupsDir, fileName);
  const check = checkBooksFile(backupFile);
  if (!check.ok) {
    throw new AppError(
      'storage',
      `The backup ${fileName} is damaged too (${PROBLEM_WORDS[check.problem]}), so Billbook did not restore it. ` +
        `Nothing was changed. Pick an older backup from ${files.backupsDir}.`,
    );
  }
  const staging = `${files.dbFile}.restoring`;
  stageCopy(backupFile, staging);
  hooks.closeBooks();
  let keptAside: string;
  try {
    keptAside = keepAside(files.dbFile, files.damagedDir, hooks.stamp());
    fs.renameSync(staging, files.dbFile);
  } catch (error) {
    // Whatever is in place now is opened (and checked) again, so the app goes on saying where it stands.
    hooks.reopen();
    throw error;
  }
  return { restored: backup, keptAside, health: hooks.reopen() };
}

/**
 * Replaces healthy books with a backup, on request: the backup is checked before anything moves,
 * copied beside the books, then the books are closed and kept in the backups folder (so this restore
 * can itself be undone from the same list), and the copy takes their place.
 */
function replaceWithBackup(files: BooksFiles, fileName: string, hooks: RestoreHooks): BackupRestoreResult {
  const backup = listBackups(files.backupsDir).find((b) => b.fileName === fileName);
  if (!backup) {
    throw new AppError('not_found', `There is no backup called ${fileName} in ${files.backupsDir}. Nothing was changed; pick one of the backups listed.`);
  }
  const check = checkBooksFile(path.join(files.backupsDir, fileName));
  if (!check.ok) {
    throw new AppError('storage', `The backup ${fileName} is ${PROBLEM_WORDS[check.problem]}, so Billbook did not restore it. Nothing was changed; pick another backup.`);
  }
  const staging = `${files.dbFile}.restoring`;
  stageCopy(path.join(files.backupsDir, fileName), staging);
  hooks.closeBooks();
  let keptAs: string;
  try {
    keptAs = keepBooksAsBackup(files.dbFile, files.backupsDir, hooks.stamp());
    fs.renameSync(staging, files.dbFile);
  } catch (error) {
    hooks.reopen();
    throw error;
  }
  const health = hooks.reopen();
  if (health.state !== 'ok') {
    throw new AppError('storage', `The backup was put in place but did not open (${health.message ?? 'unknown reason'}). Your books from before are kept as ${keptAs} in ${files.backupsDir}: restore that one.`);
  }
  return { restored: backup, keptAs };
}
