// Work done for one organisation runs as the application role with the organisation set, so
// row-level security holds even where a query forgets its WHERE org_id = … (the second wall).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CloudDB } from './schema';

export type OrgTransaction = Transaction<CloudDB>;

export async function inOrg<T>(db: Kysely<CloudDB>, orgId: string, work: (trx: OrgTransaction) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL ROLE billbook_app`.execute(trx);
    await sql`SELECT set_config('billbook.org_id', ${orgId}, true)`.execute(trx);
    return work(trx);
  });
}
