import type { Kysely, Transaction } from 'kysely';
import type { CloudDB } from '../db/schema';

type Db = Kysely<CloudDB> | Transaction<CloudDB>;

export function accountByEmail(db: Db, email: string) {
  return db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
}

export function accountById(db: Db, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function membershipsOf(db: Db, accountId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.org_id', 'o.name as org_name', 'm.role'])
    .where('m.account_id', '=', accountId)
    .where('o.deleted_at', 'is', null)
    .orderBy('o.name')
    .execute();
}

export async function insertSession(db: Db, tokenHash: string, accountId: string, now: Date, expiresAt: Date): Promise<void> {
  await db.insertInto('sessions').values({ token_hash: tokenHash, account_id: accountId, created_at: now, expires_at: expiresAt, revoked_at: null }).execute();
}

export function sessionByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.account_id', 's.expires_at', 's.revoked_at', 'a.email', 'a.name'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
