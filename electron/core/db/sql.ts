import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type Database from 'better-sqlite3';
import type { SqliteDatabase } from './open';

export type Statement = Database.Statement<unknown[], unknown>;
import type { DB } from './schema';

/**
 * Kysely builds typed SQL; better-sqlite3 runs it synchronously. Synchronous statements make a
 * transaction a plain function call, which is what SQLite in one process wants.
 */
export interface Sql {
  readonly db: SqliteDatabase;
  readonly qb: Kysely<DB>;
  all<R>(query: Compilable<R>): R[];
  get<R>(query: Compilable<R>): R | undefined;
  run(query: Compilable<unknown>): { changes: number; lastInsertRowid: number | bigint };
  /** A raw statement, prepared once per connection. */
  prepare(source: string): Statement;
  /** How many prepared statements the connection keeps. */
  statementCount(): number;
  transaction<T>(work: () => T): T;
}

/**
 * Prepared statements kept per connection, least recently used dropped first. Each holds native
 * memory until dropped; the app's fixed queries number in the low hundreds, so this keeps them all
 * while SQL that still varies per call (IN lists, report shapes) cannot grow without end.
 */
export const STATEMENT_CACHE_SIZE = 500;

export function createSql(db: SqliteDatabase): Sql {
  const qb = new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new SqliteIntrospector(k),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  // A Map iterates in insertion order: re-inserting on each use keeps the least recently used first.
  const statements = new Map<string, Statement>();
  const prepare = (source: string) => {
    let statement = statements.get(source);
    if (statement) {
      statements.delete(source);
    } else {
      statement = db.prepare<unknown[], unknown>(source);
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
    }
    statements.set(source, statement);
    return statement;
  };
  const compiled = (query: Compilable<unknown>) => {
    const { sql, parameters } = query.compile();
    return { statement: prepare(sql), parameters: parameters as unknown[] };
  };
  return {
    db,
    qb,
    prepare,
    statementCount: () => statements.size,
    all: <R>(query: Compilable<R>) => {
      const { statement, parameters } = compiled(query);
      return statement.all(...parameters) as R[];
    },
    get: <R>(query: Compilable<R>) => {
      const { statement, parameters } = compiled(query);
      return statement.get(...parameters) as R | undefined;
    },
    run: (query) => {
      const { statement, parameters } = compiled(query);
      return statement.run(...parameters);
    },
    // IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout instead of
    // one failing when it upgrades from reading to writing.
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
  };
}
