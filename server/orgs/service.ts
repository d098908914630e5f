// Organisations and the people in them: invitations by email with a role, role changes, removal.
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { AuditEventView, createOrgSchema, inviteSchema, MembershipView, PeopleAnswer, ssoConfigSchema } from '../../shared/cloud/api';
import { ROLE_LABELS, type Role } from '../../shared/permissions';
import type { CloudContext } from '../context';
import { listAudit, recordAudit } from '../audit/repo';
import { inOrg } from '../db/tenant';
import { newId } from '../ids';
import { hashToken, newToken } from '../http/tokens';
import type { SignedIn } from '../accounts/service';
import { requireAction, type DevicePrincipal } from '../devices/service';

const INVITATION_MS = 14 * 24 * 60 * 60_000;
const iso = (d: Date | string) => new Date(d).toISOString();

export async function createOrg(ctx: CloudContext, who: SignedIn, input: z.output<typeof createOrgSchema>, requestId: string): Promise<MembershipView> {
  const now = ctx.clock.now();
  const orgId = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('orgs').values({ id: orgId, name: input.name, created_at: now, sso_issuer: null, sso_client_id: null, sso_client_secret: null, sso_domain: null, deleted_at: null }).execute();
    await trx.insertInto('memberships').values({ org_id: orgId, account_id: who.accountId, role: 'owner', created_at: now }).execute();
    await recordAudit(trx, { orgId, at: now, accountId: who.accountId, deviceId: null, action: 'org.created', target: input.name, requestId });
  });
  return { orgId, orgName: input.name, role: 'owner' };
}

export async function listPeople(ctx: CloudContext, principal: DevicePrincipal): Promise<PeopleAnswer> {
  requireAction(principal, 'books.read');
  return inOrg(ctx.db, principal.orgId, async (trx) => {
    const people = await trx
      .selectFrom('memberships as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .select(['m.account_id', 'a.email', 'a.name', 'm.role', 'm.created_at'])
      .where('m.org_id', '=', principal.orgId)
      .orderBy('a.name')
      .execute();
    const invitations = await trx
      .selectFrom('invitations')
      .select(['id', 'email', 'role', 'created_at', 'expires_at'])
      .where('org_id', '=', principal.orgId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', ctx.clock.now())
      .orderBy('created_at')
      .execute();
    return {
      people: people.map((p) => ({ accountId: p.account_id, email: p.email, name: p.name, role: p.role, joinedAt: iso(p.created_at) })),
      invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, createdAt: iso(i.created_at), expiresAt: iso(i.expires_at) })),
    };
  });
}

export async function invite(ctx: CloudContext, principal: DevicePrincipal, input: z.output<typeof inviteSchema>, requestId: string): Promise<{ invitationId: string; token: string }> {
  requireAction(principal, 'people.manage');
  if (input.role === 'admin' && principal.role !== 'owner') throw new AppError('forbidden', 'Only an owner can invite an admin.', { role: 'Only an owner can give this role' });
  const token = newToken('bbi');
  const now = ctx.clock.now();
  const id = newId();
  await inOrg(ctx.db, principal.orgId, async (trx) => {
    const member = await trx
      .selectFrom('memberships as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .select('a.email')
      .where('m.org_id', '=', principal.orgId)
      .where('a.email', '=', input.email)
      .executeTakeFirst();
    if (member) throw new AppError('conflict', `${input.email} is already in ${principal.orgName}.`, { email: 'Already a member' });
    // A new invitation to the same address replaces the old one.
    await trx.updateTable('invitations').set({ revoked_at: now }).where('org_id', '=', principal.orgId).where('email', '=', input.email).where('accepted_at', 'is', null).execute();
    await trx
      .insertInto('invitations')
      .values({ id, org_id: principal.orgId, email: input.email, role: input.role, token_hash: hashToken(token), invited_by: principal.accountId, created_at: now, expires_at: new Date(now.getTime() + INVITATION_MS), accepted_at: null, revoked_at: null })
      .execute();
    await recordAudit(trx, { orgId: principal.orgId, at: now, accountId: principal.accountId, deviceId: principal.deviceId, action: 'person.invited', target: input.email, details: { role: input.role }, requestId });
  });
  await ctx.mailer.send({
    to: input.email,
    subject: `${principal.accountName} invited you to ${principal.orgName} on Billbook`,
    text:
      `${principal.accountName} (${principal.accountEmail}) invited you to keep the books of ${principal.orgName} as ${ROLE_LABELS[input.role].toLowerCase()}.\n\n` +
      `In Billbook, open Settings → Account & sync, set the server to ${ctx.config.publicUrl}, sign up or sign in as ${input.email}, and paste this invitation code:\n\n${token}\n\n` +
      'The code works once and expires in 14 days.',
  });
  return { invitationId: id, token };
}

/** An open invitation for this email, or the refusal that says why not. */
export async function openInvitation(ctx: CloudContext, token: string, email: string) {
  const now = ctx.clock.now();
  const invitation = await ctx.db
    .selectFrom('invitations as i')
    .innerJoin('orgs as o', 'o.id', 'i.org_id')
    .select(['i.id', 'i.org_id', 'i.email', 'i.role', 'i.expires_at', 'i.accepted_at', 'i.revoked_at', 'o.name'])
    .where('i.token_hash', '=', hashToken(token.trim()))
    .executeTakeFirst();
  if (!invitation || invitation.revoked_at || invitation.accepted_at || new Date(invitation.expires_at) <= now) {
    throw new AppError('not_found', 'That invitation code is not valid any more (used, replaced or expired). Ask for a new invitation.', { invitationToken: 'Not valid' });
  }
  if (invitation.email !== email) {
    throw new AppError('forbidden', `That invitation is for ${invitation.email}. Sign in as ${invitation.email} to accept it.`, { invitationToken: 'For another email' });
  }
  return invitation;
}

export async function acceptInvitation(ctx: CloudContext, who: SignedIn, token: string, requestId: string): Promise<MembershipView> {
  const now = ctx.clock.now();
  const invitation = await openInvitation(ctx, token, who.email);
  await inOrg(ctx.db, invitation.org_id, async (trx) => {
    await trx.updateTable('invitations').set({ accepted_at: now }).where('id', '=', invitation.id).execute();
    await trx.insertInto('memberships').values({ org_id: invitation.org_id, account_id: who.accountId, role: invitation.role, created_at: now }).onConflict((oc) => oc.columns(['org_id', 'account_id']).doNothing()).execute();
    await recordAudit(trx, { orgId: invitation.org_id, at: now, accountId: who.accountId, deviceId: null, action: 'person.joined', target: who.email, details: { role: invitation.role }, requestId });
  });
  return { orgId: invitation.org_id, orgName: invitation.name, role: invitation.role };
}

async function ownersLeft(trx: Parameters<Parameters<typeof inOrg>[2]>[0], orgId: string, without: string): Promise<number> {
  const row = await trx.selectFrom('memberships').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', orgId).where('role', '=', 'owner').where('account_id', '<>', without).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function changeRole(ctx: CloudContext, principal: DevicePrincipal, accountId: string, role: Role, requestId: string): Promise<void> {
  requireAction(principal, 'people.manage');
  const now = ctx.clock.now();
  await inOrg(ctx.db, principal.orgId, async (trx) => {
    await sql`SELECT id FROM orgs WHERE id = ${principal.orgId} FOR UPDATE`.execute(trx);
    const member = await trx.selectFrom('memberships').select('role').where('org_id', '=', principal.orgId).where('account_id', '=', accountId).executeTakeFirst();
    if (!member) throw new AppError('not_found', 'That person is not in this organisation.');
    if ((member.role === 'owner' || role === 'owner' || role === 'admin' || member.role === 'admin') && principal.role !== 'owner') {
      throw new AppError('forbidden', 'Only an owner can make or unmake owners and admins.', { role: 'Only an owner can give this role' });
    }
    if (member.role === 'owner' && role !== 'owner' && (await ownersLeft(trx, principal.orgId, accountId)) === 0) {
      throw new AppError('conflict', 'An organisation needs at least one owner. Make someone else an owner first.', { role: 'The last owner' });
    }
    await trx.updateTable('memberships').set({ role }).where('org_id', '=', principal.orgId).where('account_id', '=', accountId).execute();
    await recordAudit(trx, { orgId: principal.orgId, at: now, accountId: principal.accountId, deviceId: principal.deviceId, action: 'person.role_changed', target: accountId, details: { from: member.role, to: role }, requestId });
  });
}

export async function removePerson(ctx: CloudContext, principal: DevicePrincipal, accountId: string, requestId: string): Promise<void> {
  requireAction(principal, 'people.manage');
  const now = ctx.clock.now();
  await inOrg(ctx.db, principal.orgId, async (trx) => {
    await sql`SELECT id FROM orgs WHERE id = ${principal.orgId} FOR UPDATE`.execute(trx);
    const member = await trx.selectFrom('memberships').select('role').where('org_id', '=', principal.orgId).where('account_id', '=', accountId).executeTakeFirst();
    if (!member) throw new AppError('not_found', 'That person is not in this organisation.');
    if ((member.role === 'owner' || member.role === 'admin') && principal.role !== 'owner') throw new AppError('forbidden', 'Only an owner can remove an owner or an admin.');
    if (member.role === 'owner' && (await ownersLeft(trx, principal.orgId, accountId)) === 0) {
      throw new AppError('conflict', 'An organisation needs at least one owner. Make someone else an owner first.');
    }
    await trx.deleteFrom('memberships').where('org_id', '=', principal.orgId).where('account_id', '=', accountId).execute();
    // Their computers lose access with them.
    await trx.updateTable('devices').set({ revoked_at: now, revoked_by: principal.accountId }).where('org_id', '=', principal.orgId).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
    await recordAudit(trx, { orgId: principal.orgId, at: now, accountId: principal.accountId, deviceId: principal.deviceId, action: 'person.removed', target: accountId, details: { role: member.role }, requestId });
  });
}

export async function revokeInvitation(ctx: CloudContext, principal: DevicePrincipal, invitationId: string, requestId: string): Promise<void> {
  requireAction(principal, 'people.manage');
  const now = ctx.clock.now();
  await inOrg(ctx.db, principal.orgId, async (trx) => {
    const row = await trx.updateTable('invitations').set({ revoked_at: now }).where('id', '=', invitationId).where('org_id', '=', principal.orgId).where('accepted_at', 'is', null).returning('email').executeTakeFirst();
    if (!row) throw new AppError('not_found', 'There is no such open invitation.');
    await recordAudit(trx, { orgId: principal.orgId, at: now, accountId: principal.accountId, deviceId: principal.deviceId, action: 'person.invitation_revoked', target: row.email, requestId });
  });
}

export async function readAudit(ctx: CloudContext, principal: DevicePrincipal, before: number | null, limit: number): Promise<AuditEventView[]> {
  requireAction(principal, 'audit.read');
  return inOrg(ctx.db, principal.orgId, async (trx) =>
    (await listAudit(trx, principal.orgId, before, limit)).map((e) => ({
      id: Number(e.id), at: iso(e.at), action: e.action, target: e.target, details: e.details as Record<string, unknown>,
      who: e.account_name ? `${e.account_name} <${e.account_email}>` : null, device: e.device_name,
    })),
  );
}

export async function configureSso(ctx: CloudContext, principal: DevicePrincipal, input: z.output<typeof ssoConfigSchema>, requestId: string): Promise<void> {
  requireAction(principal, 'settings.write');
  const now = ctx.clock.now();
  await inOrg(ctx.db, principal.orgId, async (trx) => {
    await trx
      .updateTable('orgs')
      .set({ sso_issuer: input.issuer, sso_client_id: input.clientId, sso_domain: input.domain, ...(input.clientSecret !== undefined ? { sso_client_secret: input.clientSecret ? ctx.secrets.seal(input.clientSecret) : null } : {}) })
      .where('id', '=', principal.orgId)
      .execute();
    await recordAudit(trx, { orgId: principal.orgId, at: now, accountId: principal.accountId, deviceId: principal.deviceId, action: 'org.sso_configured', target: input.issuer, details: { domain: input.domain }, requestId });
  });
}
