import type { Kysely, Transaction } from 'kysely';
import type { CloudDB } from '../db/schema';

export interface AuditEntry {
  orgId: string;
  at: Date;
  accountId: string | null;
  deviceId: string | null;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

/** One line of the organisation's audit log, written in the transaction that made the change. */
export async function recordAudit(db: Kysely<CloudDB> | Transaction<CloudDB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      org_id: entry.orgId, at: entry.at, account_id: entry.accountId, device_id: entry.deviceId, action: entry.action,
      target: entry.target ?? '', details: JSON.stringify(entry.details ?? {}), request_id: entry.requestId ?? '',
    })
    .execute();
}

export async function listAudit(trx: Transaction<CloudDB>, orgId: string, before: number | null, limit: number) {
  let query = trx
    .selectFrom('audit_events as e')
    .leftJoin('accounts as a', 'a.id', 'e.account_id')
    .leftJoin('devices as d', 'd.id', 'e.device_id')
    .select(['e.id', 'e.at', 'e.action', 'e.target', 'e.details', 'e.request_id', 'a.email as account_email', 'a.name as account_name', 'd.name as device_name'])
    .where('e.org_id', '=', orgId)
    .orderBy('e.id', 'desc')
    .limit(limit);
  if (before !== null) query = query.where('e.id', '<', before);
  return query.execute();
}
