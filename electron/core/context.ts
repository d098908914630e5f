import type { Clock } from './clock';
import type { CoreConfig } from './config';
import type { Sql } from './db/sql';
import type { CoreEvents } from './events';

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
}
