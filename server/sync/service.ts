// Applying pushes exactly once and answering pulls (server/PROTOCOL.md). A push is one transaction:
// the device's row and the organisation's are locked, every mutation is judged in memory against the
// rows as they stand (shared/sync/merge.ts, the same merge the devices run), and what is accepted is
// written in a few set-based statements together with the device's new last mutation id.
import { sql } from 'kysely';
import { AppError } from '../../shared/errors';
import { can, refusalMessage, type Action } from '../../shared/permissions';
import { mergeRow, type Refusal } from '../../shared/sync/merge';
import { actionOfMutation } from '../../shared/sync/mutations';
import {
  MAX_CLOCK_AHEAD_MS, MIN_SCHEMA_VERSION,
  type ClaimsAnswer, type PullAnswer, type PulledRow, type PushAnswer, type PushMutation, type PushRefusal, type PushRequest,
} from '../../shared/sync/protocol';
import { SYNCED_TABLES, type SyncRow, type SyncedTableName } from '../../shared/sync/tables';
import type { CloudContext } from '../context';
import { recordAudit } from '../audit/repo';
import { inOrg, type OrgTransaction } from '../db/tenant';
import type { DevicePrincipal } from '../devices/service';
import { POKE_CHANNEL } from './pokes';

const key = (table: string, id: string) => `${table}\u0000${id}`;

interface Working {
  rows: Map<string, SyncRow>;
  /** number kind + number -> the row holding it. */
  numbers: Map<string, string>;
}

async function loadWorking(trx: OrgTransaction, orgId: string, mutations: readonly PushMutation[]): Promise<Working> {
  const tables: string[] = [];
  const ids: string[] = [];
  const numberKinds: string[] = [];
  const numbers: string[] = [];
  for (const m of mutations) {
    for (const row of m.rows) {
      tables.push(row.table);
      ids.push(row.id);
      const column = SYNCED_TABLES[row.table].numberColumn;
      const number = column ? row.data[column] : null;
      if (typeof number === 'string' && number !== '') {
        numberKinds.push(row.table);
        numbers.push(number);
      }
    }
  }
  const working: Working = { rows: new Map(), numbers: new Map() };
  if (tables.length > 0) {
    const { rows } = await sql<{ tbl: SyncedTableName; row_id: string; data: SyncRow['data']; stamps: SyncRow['stamps'] }>`
      SELECT s.tbl, s.row_id, s.data, s.stamps FROM sync_rows s
      JOIN unnest(${tables}::text[], ${ids}::text[]) AS k(tbl, row_id) ON s.tbl = k.tbl AND s.row_id = k.row_id
      WHERE s.org_id = ${orgId}`.execute(trx);
    for (const r of rows) working.rows.set(key(r.tbl, r.row_id), { table: r.tbl, id: r.row_id, data: r.data, stamps: r.stamps });
  }
  if (numbers.length > 0) {
    const { rows } = await sql<{ kind: string; number: string; row_id: string }>`
      SELECT n.kind, n.number, n.row_id FROM sync_numbers n
      JOIN unnest(${numberKinds}::text[], ${numbers}::text[]) AS k(kind, number) ON n.kind = k.kind AND n.number = k.number
      WHERE n.org_id = ${orgId}`.execute(trx);
    for (const r of rows) working.numbers.set(key(r.kind, r.number), r.row_id);
  }
  return working;
}

/** Brings stamps more than MAX_CLOCK_AHEAD_MS ahead of the Cloud's clock back to its time. */
function boundStamps(mutation: PushMutation, now: Date): { mutation: PushMutation; skewMs: number; to: string | null } {
  const bound = now.getTime() + MAX_CLOCK_AHEAD_MS;
  const at = Date.parse(mutation.stamp.slice(0, 24));
  if (!(at > bound)) return { mutation, skewMs: 0, to: null };
  const restamp = (stamp: string) => (Date.parse(stamp.slice(0, 24)) > bound ? `${now.toISOString()}${stamp.slice(24)}` : stamp);
  const rows = mutation.rows.map((row) => ({ ...row, stamps: Object.fromEntries(Object.entries(row.stamps).map(([f, s]) => [f, restamp(s)])) }));
  const to = restamp(mutation.stamp);
  return { mutation: { ...mutation, stamp: to, rows }, skewMs: at - now.getTime(), to };
}

interface Judged {
  store: SyncRow[];
  numbers: { kind: string; number: string; rowId: string }[];
  refusal: Refusal | null;
  /** Accepted, but not as sent (finalized twice): the device must put the Cloud's rows in place of its own. */
  correction?: Refusal;
}

/** Judges one mutation against the working set; changes nothing until it is accepted whole. */
function judge(mutation: PushMutation, working: Working, principal: DevicePrincipal): Judged {
  const refuse = (refusal: Refusal): Judged => ({ store: [], numbers: [], refusal });
  const named = actionOfMutation(mutation.name);
  if (!named) return refuse({ code: 'unknown_mutation', message: `Billbook Cloud does not know the change “${mutation.name}”. Update Billbook Cloud, or this computer’s Billbook, so both are the same release.` });
  if (mutation.name === 'sync.upload' && principal.role !== 'owner' && principal.role !== 'admin') {
    return refuse({ code: 'forbidden', message: 'Only an owner or an admin can bring a computer’s books into the organisation.' });
  }
  const needed = new Set<Action>([named]);
  let correction: Refusal | undefined;
  const store: SyncRow[] = [];
  const numbers: Judged['numbers'] = [];
  const staged = new Map<string, SyncRow>();
  const stagedNumbers = new Map<string, string>();
  const rowsWritten = mutation.rows.filter((r) => r.table !== 'audit_log').length;
  for (const incoming of mutation.rows) {
    if (incoming.table === 'audit_log' && rowsWritten === 0 && !can(principal.role, 'customers.write') && !can(principal.role, 'payments.record')) {
      return refuse({ code: 'forbidden', message: refusalMessage(principal.role, 'customers.write') });
    }
    const k = key(incoming.table, incoming.id);
    const current = staged.get(k) ?? working.rows.get(k) ?? null;
    const outcome = mergeRow(current, incoming);
    for (const action of outcome.actions) needed.add(action);
    if (outcome.kind === 'refused') return refuse(outcome.refusal);
    if (outcome.kind === 'same') {
      // The device holds something else of this row (a later reversal): it takes the Cloud's.
      if (outcome.kept) correction ??= outcome.kept;
      continue;
    }
    const toStore = outcome.kind === 'split' ? outcome.copy : outcome.row;
    if (outcome.kind === 'split') {
      const first = current?.data.number;
      correction = {
        code: 'finalized_elsewhere',
        message: `${String(toStore.data.number)} was made from a draft another computer had already finalized as ${String(first)}. Both are kept as invoices, so no number is lost: void the one the customer should not pay (with a credit note if it was sent).`,
      };
    }
    const column = SYNCED_TABLES[toStore.table].numberColumn;
    const number = column ? toStore.data[column] : null;
    if (typeof number === 'string' && number !== '') {
      const nk = key(toStore.table, number);
      const holder = stagedNumbers.get(nk) ?? working.numbers.get(nk);
      if (holder !== undefined && holder !== toStore.id) {
        // A receipt is money that arrived once; a second record of it is a copy, not a numbering clash.
        if (toStore.table === 'incoming_payments') {
          return refuse({ code: 'number_taken', message: `M-Pesa receipt ${number} was already recorded in this organisation (M-Pesa told Billbook Cloud, or another computer recorded it, before this one synced). It is kept once; this computer’s copy was undone and nothing else from its statement is affected.` });
        }
        return refuse({ code: 'number_taken', message: `The number ${number} is already used by another record in this organisation. Give this computer its own number series (Settings → Numbering) and record it again.` });
      }
      if (holder === undefined) {
        stagedNumbers.set(nk, toStore.id);
        numbers.push({ kind: toStore.table, number, rowId: toStore.id });
      }
    }
    staged.set(key(toStore.table, toStore.id), toStore);
    store.push(toStore);
  }
  for (const action of needed) {
    if (!can(principal.role, action)) return refuse({ code: 'forbidden', message: refusalMessage(principal.role, action) });
  }
  return { store, numbers, refusal: null, ...(correction ? { correction } : {}) };
}

export async function push(ctx: CloudContext, principal: DevicePrincipal, request: PushRequest, requestId: string): Promise<PushAnswer> {
  if (request.schemaVersion < MIN_SCHEMA_VERSION) {
    throw new AppError('conflict', `This computer’s Billbook is too old to sync (books version ${request.schemaVersion}; the Cloud needs ${MIN_SCHEMA_VERSION} or newer). Update Billbook and it will carry on.`);
  }
  const now = ctx.clock.now();
  const answer = await inOrg(ctx.db, principal.orgId, async (trx) => {
    const device = await sql<{ last_mutation_id: number }>`SELECT last_mutation_id FROM devices WHERE id = ${principal.deviceId} FOR UPDATE`.execute(trx);
    const org = await sql<{ version: number }>`SELECT version FROM orgs WHERE id = ${principal.orgId} FOR UPDATE`.execute(trx);
    let last = Number(device.rows[0]?.last_mutation_id ?? 0);
    let version = Number(org.rows[0]?.version ?? 0);
    const sorted = [...request.mutations].sort((a, b) => a.id - b.id);
    const fresh = sorted.filter((m) => m.id > last);
    if (fresh.length > 0 && fresh[0]!.id !== last + 1) {
      throw new AppError('conflict', `Changes ${last + 1} to ${fresh[0]!.id - 1} from this computer have not arrived; it sends again from ${last + 1}.`, { lastMutationId: String(last) });
    }
    for (let i = 1; i < fresh.length; i++) {
      if (fresh[i]!.id !== fresh[i - 1]!.id + 1) throw new AppError('invalid_input', 'A push must carry consecutive changes.');
    }
    // Already applied (a retried push): tell the device again what was refused among them.
    const repeated = sorted.filter((m) => m.id <= last).map((m) => m.id);
    const refused: PushRefusal[] = [];
    if (repeated.length > 0) {
      const earlier = await trx.selectFrom('sync_refusals').select(['mutation_id', 'code', 'message', 'rows']).where('device_id', '=', principal.deviceId).where('mutation_id', 'in', repeated).execute();
      for (const r of earlier) refused.push({ id: Number(r.mutation_id), code: r.code as Refusal['code'], message: r.message, rows: r.rows as SyncRow[] });
    }
    const restamped: PushAnswer['restamped'] = [];
    let skewMs = 0;
    const bounded = fresh.map((m) => {
      const b = boundStamps(m, now);
      if (b.to) {
        restamped.push({ id: m.id, from: m.stamp, to: b.to });
        skewMs = Math.max(skewMs, b.skewMs);
      }
      return b.mutation;
    });
    const working = await loadWorking(trx, principal.orgId, bounded);
    const toStore = new Map<string, SyncRow>();
    const numbers: Judged['numbers'] = [];
    const newRefusals: PushRefusal[] = [];
    const names = new Map<string, number>();
    for (const mutation of bounded) {
      const judged = judge(mutation, working, principal);
      last = mutation.id;
      if (judged.refusal) {
        const rows = mutation.rows.flatMap((r) => {
          const held = working.rows.get(key(r.table, r.id));
          return held ? [held] : [];
        });
        newRefusals.push({ id: mutation.id, ...judged.refusal, rows });
        continue;
      }
      names.set(mutation.name, (names.get(mutation.name) ?? 0) + 1);
      if (judged.correction) {
        const keys = new Set(mutation.rows.map((r) => key(r.table, r.id)));
        for (const row of judged.store) keys.add(key(row.table, row.id));
        const rows = [...keys].flatMap((k) => {
          const held = judged.store.find((r) => key(r.table, r.id) === k) ?? working.rows.get(k);
          return held ? [held] : [];
        });
        newRefusals.push({ id: mutation.id, ...judged.correction, rows });
      }
      for (const row of judged.store) {
        working.rows.set(key(row.table, row.id), row);
        toStore.set(key(row.table, row.id), row);
      }
      for (const n of judged.numbers) working.numbers.set(key(n.kind, n.number), n.rowId);
      numbers.push(...judged.numbers);
    }
    if (toStore.size > 0) {
      const rows = [...toStore.values()];
      const versions = rows.map((_, i) => version + i + 1);
      version += rows.length;
      await sql`
        INSERT INTO sync_rows (org_id, tbl, row_id, data, stamps, version, changed_by)
        SELECT ${principal.orgId}::uuid, k.tbl, k.row_id, k.data::jsonb, k.stamps::jsonb, k.version, ${principal.deviceId}::uuid
        FROM unnest(${rows.map((r) => r.table)}::text[], ${rows.map((r) => r.id)}::text[], ${rows.map((r) => JSON.stringify(r.data))}::text[],
                    ${rows.map((r) => JSON.stringify(r.stamps))}::text[], ${versions}::bigint[]) AS k(tbl, row_id, data, stamps, version)
        ON CONFLICT (org_id, tbl, row_id) DO UPDATE
          SET data = EXCLUDED.data, stamps = EXCLUDED.stamps, version = EXCLUDED.version, changed_by = EXCLUDED.changed_by`.execute(trx);
      await sql`UPDATE orgs SET version = ${version} WHERE id = ${principal.orgId}`.execute(trx);
      await sql`SELECT pg_notify(${POKE_CHANNEL}, ${`${principal.orgId}:${version}`})`.execute(trx);
    }
    if (numbers.length > 0) {
      await sql`
        INSERT INTO sync_numbers (org_id, kind, number, row_id)
        SELECT ${principal.orgId}::uuid, k.kind, k.number, k.row_id FROM unnest(${numbers.map((n) => n.kind)}::text[], ${numbers.map((n) => n.number)}::text[], ${numbers.map((n) => n.rowId)}::text[]) AS k(kind, number, row_id)`.execute(trx);
    }
    if (newRefusals.length > 0) {
      await trx
        .insertInto('sync_refusals')
        .values(newRefusals.map((r) => ({ org_id: principal.orgId, device_id: principal.deviceId, mutation_id: r.id, code: r.code, message: r.message, rows: JSON.stringify(r.rows), at: now })))
        .execute();
    }
    await trx
      .updateTable('devices')
      .set({ last_mutation_id: last, clock_skew_ms: skewMs, schema_version: request.schemaVersion, last_seen_at: now })
      .where('id', '=', principal.deviceId)
      .execute();
    if (fresh.length > 0) {
      await recordAudit(trx, {
        orgId: principal.orgId, at: now, accountId: principal.accountId, deviceId: principal.deviceId, action: 'sync.push', target: `${fresh.length} change${fresh.length === 1 ? '' : 's'}`,
        details: { changes: Object.fromEntries(names), refused: newRefusals.map((r) => ({ id: r.id, code: r.code })), rows: toStore.size, clockSkewMs: skewMs }, requestId,
      });
    }
    return { lastMutationId: last, refused: [...refused, ...newRefusals], restamped, clockSkewMs: skewMs, version };
  });
  if (answer.version > 0) ctx.poke(principal.orgId);
  return answer;
}

export async function pull(ctx: CloudContext, principal: DevicePrincipal, cursor: number, limit: number): Promise<PullAnswer> {
  return inOrg(ctx.db, principal.orgId, async (trx) => {
    const { rows } = await sql<{ tbl: SyncedTableName; row_id: string; data: SyncRow['data']; stamps: SyncRow['stamps']; version: number }>`
      SELECT tbl, row_id, data, stamps, version FROM sync_rows
      WHERE org_id = ${principal.orgId} AND version > ${cursor}
      ORDER BY version LIMIT ${limit}`.execute(trx);
    const org = await trx.selectFrom('orgs').select('version').where('id', '=', principal.orgId).executeTakeFirstOrThrow();
    const device = await trx.selectFrom('devices').select('last_mutation_id').where('id', '=', principal.deviceId).executeTakeFirstOrThrow();
    const pulled: PulledRow[] = rows.map((r) => ({ table: r.tbl, id: r.row_id, data: r.data, stamps: r.stamps, version: Number(r.version) }));
    return {
      rows: pulled,
      cursor: pulled.length > 0 ? pulled.at(-1)!.version : cursor,
      more: pulled.length === limit,
      version: Number(org.version),
      lastMutationId: Number(device.last_mutation_id),
    };
  });
}

/** First claim wins: the key (a reminder's) is this device's to send, or another's. */
export async function claim(ctx: CloudContext, principal: DevicePrincipal, keys: readonly string[]): Promise<ClaimsAnswer> {
  const now = ctx.clock.now();
  return inOrg(ctx.db, principal.orgId, async (trx) => {
    await trx
      .insertInto('sync_claims')
      .values(keys.map((k) => ({ org_id: principal.orgId, key: k, device_id: principal.deviceId, at: now })))
      .onConflict((oc) => oc.columns(['org_id', 'key']).doNothing())
      .execute();
    const held = await trx.selectFrom('sync_claims').select(['key', 'device_id']).where('org_id', '=', principal.orgId).where('key', 'in', [...keys]).execute();
    return {
      granted: held.filter((h) => h.device_id === principal.deviceId).map((h) => h.key),
      taken: held.filter((h) => h.device_id !== principal.deviceId).map((h) => h.key),
    };
  });
}
