// Devices: a computer registered under a person and an organisation, with its own token and a short
// code for its own number series. A revoked device can no longer read or write, and is told so.
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { DeviceAnswer, DeviceView, registerDeviceSchema, WhoAmI } from '../../shared/cloud/api';
import { can, refusalMessage, type Action, type Role } from '../../shared/permissions';
import type { CloudContext } from '../context';
import { recordAudit } from '../audit/repo';
import { inOrg } from '../db/tenant';
import { newId } from '../ids';
import { hashToken, newToken } from '../http/tokens';
import type { SignedIn } from '../accounts/service';

/** A device not heard from for this long must sign in again. */
export const DEVICE_IDLE_MS = 90 * 24 * 60 * 60_000;
/** last_seen_at is written at most this often per device: not a write on every request. */
const SEEN_EVERY_MS = 60_000;

export interface DevicePrincipal {
  deviceId: string;
  deviceName: string;
  deviceCode: string;
  seriesIndex: number;
  orgId: string;
  orgName: string;
  accountId: string;
  accountEmail: string;
  accountName: string;
  role: Role;
  lastMutationId: number;
}

/** A, B, … Z, AA, AB …: the {DEVICE} part of a device's numbers. */
export function deviceCodeFor(index: number): string {
  let n = index;
  let code = '';
  while (n > 0) {
    const digit = (n - 1) % 26;
    code = String.fromCharCode(65 + digit) + code;
    n = Math.floor((n - 1) / 26);
  }
  return code;
}

export async function registerDevice(ctx: CloudContext, who: SignedIn, orgId: string, input: z.output<typeof registerDeviceSchema>, requestId: string): Promise<DeviceAnswer> {
  const token = newToken('bbd');
  const now = ctx.clock.now();
  return inOrg(ctx.db, orgId, async (trx) => {
    const membership = await trx
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(['m.role', 'o.name', 'o.deleted_at'])
      .where('m.org_id', '=', orgId)
      .where('m.account_id', '=', who.accountId)
      .executeTakeFirst();
    if (!membership || membership.deleted_at) throw new AppError('not_found', 'You are not a member of that organisation. Ask its owner to invite you.');
    // Series are numbered in order; the org row lock keeps two registrations from taking one number.
    await sql`SELECT id FROM orgs WHERE id = ${orgId} FOR UPDATE`.execute(trx);
    const last = await trx.selectFrom('devices').select((eb) => eb.fn.max('series_index').as('max')).where('org_id', '=', orgId).executeTakeFirst();
    const seriesIndex = Number(last?.max ?? 0) + 1;
    const id = newId();
    const code = deviceCodeFor(seriesIndex);
    await trx
      .insertInto('devices')
      .values({
        id, org_id: orgId, account_id: who.accountId, name: input.name, code, series_index: seriesIndex, token_hash: hashToken(token),
        created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + DEVICE_IDLE_MS), revoked_at: null, revoked_by: null,
        app_version: input.appVersion, schema_version: input.schemaVersion,
      })
      .execute();
    await recordAudit(trx, { orgId, at: now, accountId: who.accountId, deviceId: id, action: 'device.registered', target: input.name, details: { code }, requestId });
    const device: DeviceView = {
      id, name: input.name, code, seriesIndex, accountId: who.accountId, accountName: who.name, accountEmail: who.email,
      createdAt: now.toISOString(), lastSeenAt: now.toISOString(), revokedAt: null, clockSkewMs: 0, appVersion: input.appVersion,
    };
    return { deviceToken: token, device, org: { id: orgId, name: membership.name }, role: membership.role, account: { id: who.accountId, email: who.email, name: who.name } };
  });
}

/**
 * Who a device token speaks for. Refused with a code the app acts on: 'revoked' (the app offers to
 * remove the local books), or 'unauthorized' (expired, or the person left the organisation).
 */
export async function authenticateDevice(ctx: CloudContext, token: string | null): Promise<DevicePrincipal> {
  if (!token) throw new AppError('unauthorized', 'This computer is not signed in to Billbook Cloud. Sign in under Settings → Account & sync.');
  const row = await ctx.db
    .selectFrom('devices as d')
    .innerJoin('orgs as o', 'o.id', 'd.org_id')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .leftJoin('memberships as m', (join) => join.onRef('m.org_id', '=', 'd.org_id').onRef('m.account_id', '=', 'd.account_id'))
    .select([
      'd.id', 'd.name', 'd.code', 'd.series_index', 'd.org_id', 'd.account_id', 'd.revoked_at', 'd.expires_at', 'd.last_seen_at', 'd.last_mutation_id',
      'o.name as org_name', 'o.deleted_at as org_deleted_at', 'a.email', 'a.name as account_name', 'm.role',
    ])
    .where('d.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) throw new AppError('unauthorized', 'Billbook Cloud does not know this computer. Sign in again under Settings → Account & sync.');
  if (row.revoked_at) {
    throw new AppError('revoked', `This computer (“${row.name}”) was removed from ${row.org_name}. It can no longer read or send the organisation’s books.`);
  }
  if (row.org_deleted_at) throw new AppError('revoked', `${row.org_name} was deleted by its owner.`);
  if (!row.role) throw new AppError('revoked', `${row.account_name} is no longer a member of ${row.org_name}.`);
  const now = ctx.clock.now();
  if (new Date(row.expires_at) <= now) throw new AppError('unauthorized', 'This computer has not been in touch for 90 days; sign in again under Settings → Account & sync.');
  if (now.getTime() - new Date(row.last_seen_at).getTime() > SEEN_EVERY_MS) {
    await ctx.db
      .updateTable('devices')
      .set({ last_seen_at: now, expires_at: new Date(now.getTime() + DEVICE_IDLE_MS) })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    deviceId: row.id, deviceName: row.name, deviceCode: row.code, seriesIndex: row.series_index, orgId: row.org_id, orgName: row.org_name,
    accountId: row.account_id, accountEmail: row.email, accountName: row.account_name, role: row.role, lastMutationId: row.last_mutation_id,
  };
}

export function requireAction(principal: { role: Role }, action: Action): void {
  if (!can(principal.role, action)) throw new AppError('forbidden', refusalMessage(principal.role, action));
}

function deviceView(row: {
  id: string; name: string; code: string; series_index: number; account_id: string; account_name: string; account_email: string;
  created_at: Date | string; last_seen_at: Date | string; revoked_at: Date | string | null; clock_skew_ms: number; app_version: string;
}): DeviceView {
  const iso = (d: Date | string) => new Date(d).toISOString();
  return {
    id: row.id, name: row.name, code: row.code, seriesIndex: row.series_index, accountId: row.account_id, accountName: row.account_name,
    accountEmail: row.account_email, createdAt: iso(row.created_at), lastSeenAt: iso(row.last_seen_at), revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
    clockSkewMs: row.clock_skew_ms, appVersion: row.app_version,
  };
}

function deviceRows(ctx: CloudContext, orgId: string) {
  return (trx: Parameters<Parameters<typeof inOrg>[2]>[0]) =>
    trx
      .selectFrom('devices as d')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .select([
        'd.id', 'd.name', 'd.code', 'd.series_index', 'd.account_id', 'a.name as account_name', 'a.email as account_email', 'd.created_at',
        'd.last_seen_at', 'd.revoked_at', 'd.clock_skew_ms', 'd.app_version',
      ])
      .where('d.org_id', '=', orgId);
}

export async function whoAmI(ctx: CloudContext, principal: DevicePrincipal): Promise<WhoAmI> {
  return inOrg(ctx.db, principal.orgId, async (trx) => {
    const row = await deviceRows(ctx, principal.orgId)(trx).where('d.id', '=', principal.deviceId).executeTakeFirstOrThrow();
    const org = await trx.selectFrom('orgs').select(['id', 'name', 'sso_domain']).where('id', '=', principal.orgId).executeTakeFirstOrThrow();
    return {
      device: deviceView(row), org: { id: org.id, name: org.name, ssoDomain: org.sso_domain }, role: principal.role,
      account: { id: principal.accountId, email: principal.accountEmail, name: principal.accountName },
    };
  });
}

export async function listDevices(ctx: CloudContext, principal: DevicePrincipal): Promise<DeviceView[]> {
  requireAction(principal, 'devices.manage');
  return inOrg(ctx.db, principal.orgId, async (trx) => (await deviceRows(ctx, principal.orgId)(trx).orderBy('d.created_at').execute()).map(deviceView));
}

export async function revokeDevice(ctx: CloudContext, principal: DevicePrincipal, deviceId: string, requestId: string): Promise<DeviceView> {
  requireAction(principal, 'devices.manage');
  const now = ctx.clock.now();
  return inOrg(ctx.db, principal.orgId, async (trx) => {
    // RLS hides another organisation's device: guessing its id finds nothing.
    const updated = await trx
      .updateTable('devices')
      .set({ revoked_at: now, revoked_by: principal.accountId })
      .where('id', '=', deviceId)
      .where('org_id', '=', principal.orgId)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name'])
      .executeTakeFirst();
    const row = await deviceRows(ctx, principal.orgId)(trx).where('d.id', '=', deviceId).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'There is no such device in this organisation.');
    if (updated) await recordAudit(trx, { orgId: principal.orgId, at: now, accountId: principal.accountId, deviceId: principal.deviceId, action: 'device.revoked', target: updated.name, details: { deviceId }, requestId });
    return deviceView(row);
  });
}

export async function signOutDevice(ctx: CloudContext, principal: DevicePrincipal, requestId: string): Promise<void> {
  const now = ctx.clock.now();
  await inOrg(ctx.db, principal.orgId, async (trx) => {
    await trx.updateTable('devices').set({ revoked_at: now, revoked_by: principal.accountId }).where('id', '=', principal.deviceId).execute();
    await recordAudit(trx, { orgId: principal.orgId, at: now, accountId: principal.accountId, deviceId: principal.deviceId, action: 'device.signed_out', target: principal.deviceName, requestId });
  });
}
