// Opens Billbook Cloud's database: a real PostgreSQL when DATABASE_URL is set (how it is deployed,
// several instances sharing it), else an embedded PGlite in a folder (one process only).
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pglitePool } from './pglitePool';
import type { CloudDB } from './schema';

export interface CloudDatabase {
  db: Kysely<CloudDB>;
  kind: 'pglite' | 'postgres';
  /** Hears pg_notify() from every instance (sent inside the transaction that changed something). */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {}

// int8 columns (versions, counters, money) come back as numbers; every value we keep is below 2^53.
const INT8 = 20;
const toNumber = (value: string) => Number(value);

/**
 * PGlite corrupts a data folder that two processes open (pglite #323, #709, #884), and has no lock of
 * its own yet: the first process takes this one, and a second is refused with what to do instead.
 */
function lockFolder(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'billbook-cloud.lock');
  const take = () => fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
  try {
    take();
  } catch {
    const holder = Number(fs.readFileSync(file, 'utf8').trim());
    let alive = false;
    try {
      alive = Number.isInteger(holder) && holder > 0 && holder !== process.pid && (process.kill(holder, 0), true);
    } catch {
      alive = false;
    }
    if (alive) {
      throw new DatabaseLockedError(
        `Another Billbook Cloud (process ${holder}) is already using the embedded database in ${dir}. ` +
          'The embedded database serves one process only. Stop the other one, or run every instance on PostgreSQL by setting DATABASE_URL=postgres://…',
      );
    }
    // Left behind by a process that died: take it over.
    fs.rmSync(file, { force: true });
    take();
  }
  return () => fs.rmSync(file, { force: true });
}

export async function openCloudDatabase(options: { url?: string | null; dataDir: string }): Promise<CloudDatabase> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8 ? toNumber : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig,
    });
    const db = new Kysely<CloudDB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db, kind: 'postgres',
      listen: async (channel, onPayload) => {
        const client = await pool.connect();
        const handler = (message: pg.Notification) => {
          if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
        };
        client.on('notification', handler);
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        return async () => {
          client.off('notification', handler);
          await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
          client.release();
        };
      },
      close: () => db.destroy(),
    };
  }
  const unlock = lockFolder(options.dataDir);
  let pglite: PGlite;
  try {
    pglite = new PGlite(path.join(options.dataDir, 'pgdata'), { parsers: { [INT8]: toNumber } });
    await pglite.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const db = new Kysely<CloudDB>({ dialect: new PostgresDialect({ pool: pglitePool(pglite) }) });
  return {
    db, kind: 'pglite',
    // Called at start-up, before any request holds PGlite's one connection.
    listen: async (channel, onPayload) => pglite.listen(channel, onPayload).then((stop) => async () => stop()),
    close: async () => {
      await db.destroy();
      await pglite.close();
      unlock();
    },
  };
}
