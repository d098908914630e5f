// People: sign-up (which makes their business, with them as owner), sign-in by password or by an
// emailed link, sessions, and lock-out after repeated wrong passwords.
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { MembershipView, PollAnswer, SessionAnswer } from '../../shared/cloud/api';
import type { emailLinkSchema, signInSchema, signUpSchema } from '../../shared/cloud/api';
import type { CloudContext } from '../context';
import { recordAudit } from '../audit/repo';
import { newId } from '../ids';
import { hashToken, newToken } from '../http/tokens';
import { hashPassword, spendLikeAVerify, verifyPassword } from './passwords';
import * as repo from './repo';
import { acceptInvitation, openInvitation } from '../orgs/service';

const SESSION_MS = 24 * 60 * 60_000;
const LINK_MS = 15 * 60_000;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

export interface SignedIn {
  accountId: string;
  email: string;
  name: string;
}

async function memberships(ctx: CloudContext, accountId: string): Promise<MembershipView[]> {
  const rows = await repo.membershipsOf(ctx.db, accountId);
  return rows.map((r) => ({ orgId: r.org_id, orgName: r.org_name, role: r.role }));
}

export async function openSession(ctx: CloudContext, account: { id: string; email: string; name: string }): Promise<SessionAnswer> {
  const token = newToken('bbs');
  const now = ctx.clock.now();
  await repo.insertSession(ctx.db, hashToken(token), account.id, now, new Date(now.getTime() + SESSION_MS));
  return { sessionToken: token, account: { id: account.id, email: account.email, name: account.name }, memberships: await memberships(ctx, account.id) };
}

export async function signUp(ctx: CloudContext, input: z.output<typeof signUpSchema>, requestId: string): Promise<SessionAnswer> {
  // A wrong invitation code is refused before anything is made.
  if (input.invitationToken) await openInvitation(ctx, input.invitationToken, input.email);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const accountId = newId();
  const created = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('accounts')
      .values({ id: accountId, email: input.email, name: input.name, password_hash: passwordHash, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    if (input.orgName) {
      const orgId = newId();
      await trx.insertInto('orgs').values({ id: orgId, name: input.orgName, created_at: now, sso_issuer: null, sso_client_id: null, sso_client_secret: null, sso_domain: null, deleted_at: null }).execute();
      await trx.insertInto('memberships').values({ org_id: orgId, account_id: accountId, role: 'owner', created_at: now }).execute();
      await recordAudit(trx, { orgId, at: now, accountId, deviceId: null, action: 'org.created', target: input.orgName, details: { owner: input.email }, requestId });
    }
    return true;
  });
  if (!created) {
    throw new AppError('conflict', 'There is already an account for that email. Sign in instead, or use “Email me a sign-in link” if you forgot the password.', {
      email: 'Already has an account',
    });
  }
  const who = { accountId, email: input.email, name: input.name };
  // Joining by invitation is a separate step with its own checks; a bad code leaves the account made.
  if (input.invitationToken) await acceptInvitation(ctx, who, input.invitationToken, requestId);
  return openSession(ctx, { id: accountId, email: input.email, name: input.name });
}

const WRONG = 'That email and password do not match. Check both, or use “Email me a sign-in link”.';

export async function signIn(ctx: CloudContext, input: z.output<typeof signInSchema>): Promise<SessionAnswer> {
  const account = await repo.accountByEmail(ctx.db, input.email);
  const now = ctx.clock.now();
  if (!account || !account.password_hash) {
    await spendLikeAVerify(input.password);
    throw new AppError('unauthorized', WRONG);
  }
  if (account.locked_until && new Date(account.locked_until) > now) {
    const minutes = Math.ceil((new Date(account.locked_until).getTime() - now.getTime()) / 60_000);
    throw new AppError('rate_limited', `Too many wrong passwords: this account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}. Wait, or sign in with an emailed link.`);
  }
  if (!(await verifyPassword(account.password_hash, input.password))) {
    const failures = account.failed_sign_ins + 1;
    const lock = failures >= LOCK_AFTER_FAILURES;
    await ctx.db
      .updateTable('accounts')
      .set({ failed_sign_ins: lock ? 0 : failures, locked_until: lock ? new Date(now.getTime() + LOCK_MS) : account.locked_until })
      .where('id', '=', account.id)
      .execute();
    if (lock) throw new AppError('rate_limited', `Too many wrong passwords: this account is locked for ${LOCK_MS / 60_000} minutes. Wait, or sign in with an emailed link.`);
    throw new AppError('unauthorized', WRONG);
  }
  if (account.failed_sign_ins > 0 || account.locked_until) {
    await ctx.db.updateTable('accounts').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', account.id).execute();
  }
  return openSession(ctx, account);
}

/** The person behind a session token, or a 401 saying what to do. */
export async function authenticateSession(ctx: CloudContext, token: string | null): Promise<SignedIn> {
  if (!token) throw new AppError('unauthorized', 'Sign in first.');
  const row = await repo.sessionByHash(ctx.db, hashToken(token));
  if (!row || row.revoked_at) throw new AppError('unauthorized', 'This sign-in has ended. Sign in again.');
  if (new Date(row.expires_at) <= ctx.clock.now()) throw new AppError('unauthorized', 'This sign-in has expired. Sign in again.');
  return { accountId: row.account_id, email: row.email, name: row.name };
}

export async function sessionAnswerFor(ctx: CloudContext, token: string, who: SignedIn): Promise<SessionAnswer> {
  return { sessionToken: token, account: { id: who.accountId, email: who.email, name: who.name }, memberships: await memberships(ctx, who.accountId) };
}

export async function signOutSession(ctx: CloudContext, token: string): Promise<void> {
  await ctx.db.updateTable('sessions').set({ revoked_at: ctx.clock.now() }).where('token_hash', '=', hashToken(token)).execute();
}

/**
 * Sign-in by email: the app asks, and gets a poll token only it holds; the email carries a link to a
 * page on the Cloud with a confirm button. Confirming (a POST, so mail scanners that follow links do
 * not sign anyone in) lets the app's next poll collect a session.
 */
export async function startEmailLink(ctx: CloudContext, input: z.output<typeof emailLinkSchema>): Promise<{ pollToken: string }> {
  const pollToken = newToken('bbp');
  const linkToken = newToken('bbl');
  const now = ctx.clock.now();
  const account = await repo.accountByEmail(ctx.db, input.email);
  // The same answer whether or not the account exists: no way to learn who has one.
  await ctx.db
    .insertInto('sign_in_links')
    .values({
      token_hash: hashToken(pollToken), email: input.email, purpose: 'email_link', account_id: account?.id ?? null,
      state: hashToken(linkToken), details: null, created_at: now, expires_at: new Date(now.getTime() + LINK_MS), used_at: null,
    })
    .execute();
  if (account) {
    const link = `${ctx.config.publicUrl}/v1/auth/email-link/open?token=${encodeURIComponent(linkToken)}`;
    const from = input.deviceName ? ` on “${input.deviceName}”` : '';
    await ctx.mailer.send({
      to: input.email,
      subject: 'Your Billbook sign-in link',
      text:
        `Someone asked to sign in to Billbook as ${input.email}${from}.\n\n` +
        `If it was you, open this link within 15 minutes and press “Sign in”:\n${link}\n\n` +
        'If it was not you, ignore this email: nobody can sign in without pressing that button.',
    });
  }
  return { pollToken };
}

export async function linkByLinkToken(ctx: CloudContext, linkToken: string) {
  return ctx.db
    .selectFrom('sign_in_links')
    .selectAll()
    .where('state', '=', hashToken(linkToken))
    .where('purpose', '=', 'email_link')
    .executeTakeFirst();
}

export async function confirmEmailLink(ctx: CloudContext, linkToken: string): Promise<'confirmed' | 'expired'> {
  const now = ctx.clock.now();
  const row = await linkByLinkToken(ctx, linkToken);
  if (!row || !row.account_id || row.used_at || new Date(row.expires_at) <= now) return 'expired';
  await ctx.db.updateTable('sign_in_links').set({ used_at: now }).where('token_hash', '=', row.token_hash).where('used_at', 'is', null).execute();
  return 'confirmed';
}

/** The app's poll: pending until the link is confirmed, then one session, once. */
export async function pollSignIn(ctx: CloudContext, pollToken: string, purpose: 'email_link' | 'sso'): Promise<PollAnswer> {
  const now = ctx.clock.now();
  const row = await ctx.db.selectFrom('sign_in_links').selectAll().where('token_hash', '=', hashToken(pollToken)).where('purpose', '=', purpose).executeTakeFirst();
  if (!row) return { status: 'expired' };
  if (!row.used_at) return { status: new Date(row.expires_at) <= now ? 'expired' : 'pending' };
  if (!row.account_id) return { status: 'expired' };
  // Collected once: the row goes, so a second poll with the same token gets nothing.
  const taken = await ctx.db.deleteFrom('sign_in_links').where('token_hash', '=', row.token_hash).returning('account_id').executeTakeFirst();
  if (!taken?.account_id) return { status: 'expired' };
  const account = await repo.accountById(ctx.db, taken.account_id);
  if (!account) return { status: 'expired' };
  return { status: 'done', session: await openSession(ctx, account) };
}
