import type { CoreContext } from '../context';
import { packedColumns } from '../db/pack';
import { storedInstant } from '../db/instant';
import { packSummary } from '../db/summaryPack';
import { storedUuid } from '../db/uuidKey';
import { storedHistoryWord } from '../db/historyWords';
import { newId } from '../ids';
import { identityOf } from '../sync/identity';
import { KEPT_ALONE, settleAlone } from '../sync/outbox';
import { clearDirtyRows, takeDirtyRows } from '../sync/track';

export interface MutationRecord {
  entity: string;
  entityId: string;
  /** The service operation's name, e.g. "customers.update"; sync replays it by this name. */
  mutation: string;
  /** What a person reads in the Activity tab. */
  summary: string;
  action: string;
  args: unknown;
  details?: unknown;
  /**
   * false: the history line and the touched rows' bookkeeping without the outbox row. Only for a
   * bulk write into books that work alone, for changes settleAlone would remove before its
   * transaction ends (the caller notes that with noteSettledAlone, as settleAlone does).
   */
  outbox?: boolean;
}

// Bound by position, with the stored forms (migrations 18, 22 and 29) made in JS rather than by SQL
// functions (see storedInstant, storedUuid, storedHistoryWord): an import writes one line per customer.
// Details nobody added are NULL (migration 29), read back as '{}'.
const INSERT_ACTIVITY = `INSERT INTO audit_log (at, entity, entity_id, action, summary, details, sync_id, actor, device_name)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function storedDetails(details: unknown): string | null {
  const text = JSON.stringify(details);
  return text === '{}' ? null : text;
}

/** A line in an entity's history (a customer's Activity tab) with no outbox row of its own. */
export function recordActivity(ctx: CoreContext, entity: string, entityId: string, action: string, summary: string, details: unknown = {}): void {
  const { actor, deviceName } = identityOf(ctx.sql);
  ctx.sql
    .prepare(INSERT_ACTIVITY)
    .run(
      storedInstant(ctx.clock.now().toISOString()), storedHistoryWord(entity), storedUuid(entityId), storedHistoryWord(action), packSummary(summary) ?? summary, storedDetails(details),
      storedUuid(newId(ctx.clock)), actor, deviceName,
    );
}

/**
 * Writes the audit row and the outbox row for one mutation. Call it inside the transaction that
 * writes the data, so the three land together or not at all.
 */
export function recordMutation(ctx: CoreContext, record: MutationRecord): void {
  const at = ctx.clock.now().toISOString();
  recordActivity(ctx, record.entity, record.entityId, record.action, record.summary, record.details);
  if (record.outbox === false) {
    // Books that work alone stamp nothing (takeDirtyRows stamps only while syncing): clear what the writes noted.
    clearDirtyRows(ctx.sql);
    return;
  }
  // Inside the write lock the newest outbox row is the newest stamp from any process on these
  // books, so moving past it keeps stamps unique and in order even with two windows open.
  const last = ctx.sql.prepare('SELECT hlc FROM changes ORDER BY counter DESC LIMIT 1').get() as { hlc: string } | undefined;
  const stamp = ctx.nextStamp(last?.hlc);
  const rows = takeDirtyRows(ctx.sql, stamp);
  // The arguments are kept packed (db/pack.ts): they are most of the outbox's bytes.
  const args = packedColumns(JSON.stringify(record.args));
  const { lastInsertRowid } = ctx.sql
    .prepare(
      'INSERT INTO changes (device_id, mutation, entity, entity_id, args, args_packed, hlc, schema_version, created_at, rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(ctx.deviceId, record.mutation, record.entity, record.entityId, args.text, args.packed, stamp, ctx.schemaVersion, at, JSON.stringify(rows));
  // Books that work alone keep only their newest changes (sync/outbox.ts settleAlone); settling
  // once every KEPT_ALONE writes makes it one batch delete instead of a delete on every write.
  if (Number(lastInsertRowid) % KEPT_ALONE === 0) settleAlone(ctx.sql);
  // Sync soon (a moment after this transaction commits); nothing happens while the books work alone.
  if (rows.length > 0) ctx.sync?.nudge();
}
