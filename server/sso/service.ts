// Single sign-on with OpenID Connect (openid-client), for organisations that ask for it. The app
// starts it and polls; the person signs in at their provider in a browser; the provider sends them
// back to this Cloud, which checks the answer (state, nonce, PKCE, the ID token's signature, issuer
// and audience) and hands the app a session. Only members, or people invited, get one.
import * as oidc from 'openid-client';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { ssoStartSchema } from '../../shared/cloud/api';
import type { CloudContext } from '../context';
import { recordAudit } from '../audit/repo';
import { newId } from '../ids';
import { hashToken, newToken } from '../http/tokens';

const SSO_MS = 10 * 60_000;

interface PendingSso {
  orgId: string;
  state: string;
  nonce: string;
  verifier: string;
}

async function configFor(ctx: CloudContext, org: { sso_issuer: string | null; sso_client_id: string | null; sso_client_secret: string | null }): Promise<oidc.Configuration> {
  if (!org.sso_issuer || !org.sso_client_id) throw new AppError('not_found', 'Single sign-on is not set up for this organisation.');
  const secret = org.sso_client_secret ? ctx.secrets.open(org.sso_client_secret) : undefined;
  const issuer = new URL(org.sso_issuer);
  // A provider on plain http is accepted only on this computer (tests, a local identity server).
  const local = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  // The ID token's signature is checked against the provider's published keys even though it came
  // straight from the token endpoint (which the spec allows to skip), with the algorithm pinned.
  const metadata = { id_token_signed_response_alg: 'RS256', ...(secret ? { client_secret: secret } : {}) };
  const config = await oidc.discovery(issuer, org.sso_client_id, metadata, secret ? oidc.ClientSecretPost(secret) : oidc.None(), local ? { execute: [oidc.allowInsecureRequests] } : undefined);
  oidc.enableNonRepudiationChecks(config);
  return config;
}

export function ssoRedirectUri(ctx: CloudContext): string {
  return `${ctx.config.publicUrl}/v1/sso/callback`;
}

export async function startSso(ctx: CloudContext, input: z.output<typeof ssoStartSchema>): Promise<{ authorizationUrl: string; pollToken: string }> {
  const domain = input.email.split('@')[1] ?? '';
  const org = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'sso_issuer', 'sso_client_id', 'sso_client_secret'])
    .where('sso_domain', '=', domain)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!org) throw new AppError('not_found', `No organisation signs in with single sign-on for ${domain}. Use your password or an emailed link.`, { email: 'No single sign-on for this domain' });
  const config = await configFor(ctx, org);
  const pending: PendingSso = { orgId: org.id, state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: ssoRedirectUri(ctx), scope: 'openid email profile', state: pending.state, nonce: pending.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier), code_challenge_method: 'S256', login_hint: input.email,
  });
  const pollToken = newToken('bbp');
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('sign_in_links')
    .values({
      token_hash: hashToken(pollToken), email: input.email, purpose: 'sso', account_id: null, state: hashToken(pending.state), details: JSON.stringify(pending),
      created_at: now, expires_at: new Date(now.getTime() + SSO_MS), used_at: null,
    })
    .execute();
  return { authorizationUrl: url.href, pollToken };
}

/** The provider's redirect back. Returns what the browser page should say. */
export async function finishSso(ctx: CloudContext, callbackUrl: URL, requestId: string): Promise<{ ok: boolean; message: string }> {
  const state = callbackUrl.searchParams.get('state') ?? '';
  const now = ctx.clock.now();
  const row = state
    ? await ctx.db.selectFrom('sign_in_links').selectAll().where('purpose', '=', 'sso').where('state', '=', hashToken(state)).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst()
    : undefined;
  if (!row?.details) return { ok: false, message: 'This sign-in has expired or was already used. Start again from Billbook.' };
  const pending = JSON.parse(row.details) as PendingSso;
  const org = await ctx.db.selectFrom('orgs').select(['id', 'name', 'sso_issuer', 'sso_client_id', 'sso_client_secret']).where('id', '=', pending.orgId).executeTakeFirstOrThrow();
  let claims: oidc.IDToken | undefined;
  try {
    const config = await configFor(ctx, org);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { expectedState: pending.state, expectedNonce: pending.nonce, pkceCodeVerifier: pending.verifier, idTokenExpected: true });
    claims = tokens.claims();
  } catch (error) {
    return { ok: false, message: `Your sign-in provider’s answer could not be accepted (${(error as Error).message}). Try again, or ask your administrator.` };
  }
  const email = typeof claims?.email === 'string' ? claims.email.toLowerCase() : '';
  if (!email || claims?.email_verified === false) return { ok: false, message: 'Your sign-in provider did not give a verified email address.' };
  const account = await ctx.db.selectFrom('accounts').select(['id', 'email', 'name']).where('email', '=', email).executeTakeFirst();
  const member = account ? await ctx.db.selectFrom('memberships').select('role').where('org_id', '=', org.id).where('account_id', '=', account.id).executeTakeFirst() : undefined;
  const invited = await ctx.db.selectFrom('invitations').select('id').where('org_id', '=', org.id).where('email', '=', email).where('accepted_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  if (!member && !invited) return { ok: false, message: `${email} is not a member of ${org.name}. Ask its owner to invite you.` };
  const accountId = account?.id ?? newId();
  if (!account) {
    const name = typeof claims?.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 100) : email.split('@')[0]!;
    await ctx.db.insertInto('accounts').values({ id: accountId, email, name, password_hash: null, created_at: now, updated_at: now }).execute();
  }
  if (!member && invited) {
    // The provider vouched for the address the invitation was sent to: that is the acceptance.
    await ctx.db.transaction().execute(async (trx) => {
      const invitation = await trx.updateTable('invitations').set({ accepted_at: now }).where('id', '=', invited.id).returning('role').executeTakeFirstOrThrow();
      await trx.insertInto('memberships').values({ org_id: org.id, account_id: accountId, role: invitation.role, created_at: now }).onConflict((oc) => oc.columns(['org_id', 'account_id']).doNothing()).execute();
      await recordAudit(trx, { orgId: org.id, at: now, accountId, deviceId: null, action: 'person.joined', target: email, details: { role: invitation.role, via: 'sso' }, requestId });
    });
  }
  await ctx.db.updateTable('sign_in_links').set({ used_at: now, account_id: accountId }).where('token_hash', '=', row.token_hash).execute();
  await recordAudit(ctx.db, { orgId: org.id, at: now, accountId, deviceId: null, action: 'person.signed_in_sso', target: email, requestId });
  return { ok: true, message: `Signed in as ${email}. Go back to Billbook: it carries on by itself. You can close this tab.` };
}
