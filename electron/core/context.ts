import type { Clock } from './clock';
import type { CoreConfig } from './config';
import type { Sql } from './db/sql';
import type { CoreEvents } from './events';
import type { JobRunner } from './jobs/runner';
import type { SecretStore } from './secrets';
import type { PdfRenderer } from './pdf/renderer';
import type { SyncEngine } from './sync/engine';

/** Whether the machine has a network at all. Electron asks the OS; plain Node assumes yes and lets requests tell. */
export interface NetworkProbe {
  isOnline(): boolean;
}

/** What every service needs: the store, the time, who this device is, and where to announce changes. */
export interface CoreContext {
  sql: Sql;
  clock: Clock;
  config: CoreConfig;
  events: CoreEvents;
  deviceId: string;
  /** The next HLC stamp, after `after` (the newest stamp in the outbox) when given. */
  nextStamp(after?: string | null): string;
  schemaVersion: number;
  secrets: SecretStore;
  /** Any text we keep or show, with every stored secret (and its usual encodings) replaced by ••••. */
  mask(text: string): string;
  network: NetworkProbe;
  /** Set from the environment, for tests and proxies; they win over the stored settings. */
  overrides: {
    geminiBaseUrl: string | null;
    /** BILLBOOK_SMTP_HOST / BILLBOOK_SMTP_PORT: the mail server, whatever Settings say. */
    smtp: { host: string; port: number } | null;
    /** BILLBOOK_SMS_BASE_URL: the SMS provider's API root, whatever Settings say. */
    smsBaseUrl: string | null;
    /** BILLBOOK_ETIMS_BASE_URL: the KRA eTIMS OSCU API root, whatever Settings say. */
    etimsBaseUrl: string | null;
  };
  /** Where fonts and images for the PDFs are. */
  resourcesDir: string;
  /** Renders invoice PDFs (worker threads). */
  pdf: PdfRenderer;
  /** The durable job queue (AI drafting now; sending and sync later). */
  jobs: JobRunner;
  /** Background sync with Billbook Cloud (idle while the books are this computer's alone). */
  sync: SyncEngine;
}
