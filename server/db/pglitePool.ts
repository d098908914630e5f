// Kysely's PostgreSQL dialect over PGlite. PGlite is one connection in this process, so the "pool"
// hands out that connection to one borrower at a time; a transaction holds it until it ends.
// (Kysely 0.29 ships a PGlite dialect but needs Node 22; the community kysely-pglite brings a CLI
// tool chain with it. This is the whole of what the dialect needs.)
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

/** What Kysely needs to report affected rows; our code never asks that of a WITH … statement. */
function commandOf(sql: string): Command {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  return word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE' ? word : 'SELECT';
}

export function pglitePool(db: PGlite): PostgresPool {
  let queue: Promise<void> = Promise.resolve();
  return {
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const turn = new Promise<void>((resolve) => (release = resolve));
      const before = queue;
      queue = before.then(() => turn);
      await before;
      let released = false;
      const client = {
        async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
          if (parameters.length === 0) {
            // Migrations are several statements in one string, which only the simple protocol takes (as pg does).
            const results = await db.exec(sql);
            const last = results.at(-1);
            return { command: commandOf(sql), rowCount: last?.affectedRows ?? last?.rows.length ?? 0, rows: (last?.rows ?? []) as R[] };
          }
          const result = await db.query<R>(sql, [...parameters]);
          return { command: commandOf(sql), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
        },
        release() {
          if (released) return;
          released = true;
          release();
        },
      };
      return client as PostgresPoolClient;
    },
    async end() {
      await queue;
    },
  };
}
