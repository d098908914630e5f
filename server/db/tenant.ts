// Work done for one organisation runs as the application role with the organisation set, so
// row-level security holds even where a query forgets its WHERE org_id = … (the second wall).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CloudDB } from './schema';

export type OrgTransaction = Transaction<CloudDB>;

export async function inOrg<T>(db: Kysely<CloudDB>, orgId: string, work: (trx: OrgTransaction) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // One round trip for both: set_config('role', …, true) is SET LOCAL ROLE.
    await sql`SELECT set_config('role', 'billbook_app', true), set_config('billbook.org_id', ${orgId}, true)`.execute(trx);
    return work(trx);
  });
}
