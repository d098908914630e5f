import fs from 'node:fs';
import path from 'node:path';
import type { CoreConfig } from './config';
import { systemClock, type Clock } from './clock';
import type { CoreContext } from './context';
import { MIGRATIONS } from './db/migrations';
import { migrate, type MigrationOutcome } from './db/migrate';
import { openDatabase } from './db/open';
import { createSql } from './db/sql';
import { CoreEvents } from './events';
import { bindApi, type Api, type HandlerMap } from './handlers';
import { newId } from './ids';
import { customerHandlers } from './customers/handlers';
import { invoiceHandlers } from './invoices/handlers';
import { draftHandlers } from './drafts/handlers';
import { paymentHandlers } from './payments/handlers';
import { createHlc } from './sync/hlc';
import { coreConfigSchema } from './config';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  config?: CoreConfig;
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
  const log = options.log ?? ((message, error) => console.error(message, error));
  fs.mkdirSync(options.dataDir, { recursive: true });
  const dbFile = path.join(options.dataDir, 'billbook.db');
  const db = openDatabase(dbFile);
  let migration: MigrationOutcome;
  try {
    migration = migrate(db, MIGRATIONS, path.join(options.dataDir, 'backups'), clock.now().toISOString());
  } catch (error) {
    db.close();
    throw error;
  }
  const sql = createSql(db);
  const events = new CoreEvents();
  const deviceId = deviceIdOf({ sql, clock });
  const lastStamp = (sql.prepare('SELECT max(hlc) AS hlc FROM changes').get() as { hlc: string | null }).hlc;
  const hlc = createHlc(clock, deviceId, lastStamp);
  const context: CoreContext = {
    sql, clock, config, events, deviceId,
    nextStamp: (after) => hlc.next(after),
    schemaVersion: migration.to,
  };
  const handlers: HandlerMap = {
    ...customerHandlers(context), ...invoiceHandlers(context), ...draftHandlers(context), ...paymentHandlers(context),
  };
  const api = bindApi(handlers, (channel, error) => log(`Handler ${channel} failed`, error));
  return {
    api, events, context, migration, dbFile,
    close: () => {
      db.pragma('optimize');
      db.close();
    },
  };
}
