import type { Core } from '../../electron/core/app';

/** Runs `run` while noting the SQL text of every statement the core prepares, and gives both back. */
export async function withPreparedSql<T>(core: Core, run: () => Promise<T>): Promise<{ result: T; sources: string[] }> {
  const sql = core.context.sql;
  const prepare = sql.prepare;
  const sources: string[] = [];
  sql.prepare = (source: string) => {
    sources.push(source);
    return prepare(source);
  };
  try {
    return { result: await run(), sources };
  } finally {
    sql.prepare = prepare;
  }
}
