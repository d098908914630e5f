// One set of migrations for PGlite and PostgreSQL, numbered and forward-only. Several instances may
// start at once against one PostgreSQL: an advisory lock lets one migrate while the others wait.
import { sql, type Kysely } from 'kysely';

export interface CloudMigration {
  version: number;
  name: string;
  up: string;
}

/** Any number that is ours alone: the advisory lock key for migrations. */
const MIGRATION_LOCK = 4_211_872_026;

export interface MigrationResult {
  from: number;
  to: number;
}

export async function migrateCloud<DB>(db: Kysely<DB>, migrations: readonly CloudMigration[]): Promise<MigrationResult> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS cloud_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
    const { rows } = await sql<{ version: number | null }>`SELECT max(version) AS version FROM cloud_migrations`.execute(trx);
    const from = Number(rows[0]?.version ?? 0);
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    if (from > newest) {
      throw new Error(`The database was migrated by a newer Billbook Cloud (version ${from}; this one knows up to ${newest}). Deploy the newer release.`);
    }
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (migration.version <= from) continue;
      await sql.raw(migration.up).execute(trx);
      await sql`INSERT INTO cloud_migrations (version, name) VALUES (${migration.version}, ${migration.name})`.execute(trx);
    }
    return { from, to: Math.max(from, newest) };
  });
}
