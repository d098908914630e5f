import type { Kysely } from 'kysely';
import type { Clock } from './clock';
import type { CloudConfig } from './config';
import type { CloudDB } from './db/schema';
import type { Mailer } from './mail/mailer';
import type { SecretBox } from './secrets/sealed';

/** What every Cloud service needs; built once per process, shared by every request. */
export interface CloudContext {
  db: Kysely<CloudDB>;
  databaseKind: 'pglite' | 'postgres';
  clock: Clock;
  config: CloudConfig;
  mailer: Mailer;
  /** Seals the keys organisations give the Cloud. */
  secrets: SecretBox;
  /** Wakes the devices of an organisation (server-sent events on every instance). */
  poke(orgId: string): void;
}
