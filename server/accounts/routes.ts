import type { FastifyInstance } from 'fastify';
import { acceptInvitationSchema, createOrgSchema, emailLinkSchema, pollSchema, registerDeviceSchema, signInSchema, signUpSchema } from '../../shared/cloud/api';
import { z } from 'zod';
import type { CloudContext } from '../context';
import { bearer } from '../http/auth';
import { parse } from '../http/errors';
import { hit } from '../http/rateLimit';
import { page } from '../http/page';
import { acceptInvitation, createOrg } from '../orgs/service';
import { registerDevice } from '../devices/service';
import * as accounts from './service';

const MINUTE = 60_000;

export function accountRoutes(app: FastifyInstance, ctx: CloudContext): void {
  app.post('/v1/auth/sign-up', async (request, reply) => {
    await hit(ctx, `sign-up:${request.ip}`, ctx.config.limits.signUpsPerHour, 60 * MINUTE, 'sign-ups');
    const input = parse(signUpSchema, request.body, 'sign-up');
    reply.code(201);
    return accounts.signUp(ctx, input, request.id);
  });

  app.post('/v1/auth/sign-in', async (request) => {
    await hit(ctx, `sign-in:${request.ip}`, ctx.config.limits.signInsPerMinute, MINUTE, 'sign-in attempts');
    const input = parse(signInSchema, request.body, 'sign-in');
    await hit(ctx, `sign-in:${input.email}`, ctx.config.limits.signInsPerMinutePerEmail, MINUTE, 'sign-in attempts for this email');
    return accounts.signIn(ctx, input);
  });

  app.post('/v1/auth/email-link', async (request, reply) => {
    await hit(ctx, `email-link:${request.ip}`, ctx.config.limits.emailLinksPerQuarterHour, 15 * MINUTE, 'sign-in emails');
    const input = parse(emailLinkSchema, request.body);
    await hit(ctx, `email-link:${input.email}`, ctx.config.limits.emailLinksPerQuarterHourPerEmail, 15 * MINUTE, 'sign-in emails to this address');
    reply.code(202);
    return accounts.startEmailLink(ctx, input);
  });

  // The page the emailed link opens: a button, so a mail scanner following links signs nobody in.
  app.get('/v1/auth/email-link/open', async (request, reply) => {
    const token = z.object({ token: z.string().max(200).default('') }).parse(request.query).token;
    const row = token ? await accounts.linkByLinkToken(ctx, token) : undefined;
    const usable = row && row.account_id && !row.used_at && new Date(row.expires_at) > ctx.clock.now();
    reply.type('text/html; charset=utf-8');
    if (!usable) return page('Sign-in link expired', '<p>This link has expired or was already used. Ask Billbook for a new one.</p>');
    return page(
      'Sign in to Billbook',
      `<p>Sign in to Billbook as <strong>${escapeHtml(row.email)}</strong>?</p>
       <form method="post" action="/v1/auth/email-link/open"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Sign in</button></form>`,
    );
  });

  app.post('/v1/auth/email-link/open', async (request, reply) => {
    const token = z.object({ token: z.string().max(200) }).parse(request.body).token;
    const outcome = await accounts.confirmEmailLink(ctx, token);
    reply.type('text/html; charset=utf-8');
    return outcome === 'confirmed'
      ? page('Signed in', '<p>You are signed in. Go back to Billbook: it carries on by itself. You can close this tab.</p>')
      : page('Sign-in link expired', '<p>This link has expired or was already used. Ask Billbook for a new one.</p>');
  });

  app.post('/v1/auth/email-link/poll', async (request) => {
    const input = parse(pollSchema, request.body);
    return accounts.pollSignIn(ctx, input.pollToken, 'email_link');
  });

  app.get('/v1/me', async (request) => {
    const token = bearer(request);
    const who = await accounts.authenticateSession(ctx, token);
    return accounts.sessionAnswerFor(ctx, token!, who);
  });

  app.post('/v1/auth/sign-out', async (request, reply) => {
    const token = bearer(request);
    if (token) await accounts.signOutSession(ctx, token);
    reply.code(204);
  });

  app.post('/v1/orgs', async (request, reply) => {
    const who = await accounts.authenticateSession(ctx, bearer(request));
    const input = parse(createOrgSchema, request.body);
    reply.code(201);
    return createOrg(ctx, who, input, request.id);
  });

  app.post('/v1/orgs/:orgId/devices', async (request, reply) => {
    const who = await accounts.authenticateSession(ctx, bearer(request));
    const { orgId } = parse(z.object({ orgId: z.uuid({ error: 'Not an organisation id' }) }), request.params);
    const input = parse(registerDeviceSchema, request.body);
    reply.code(201);
    return registerDevice(ctx, who, orgId, input, request.id);
  });

  app.post('/v1/invitations/accept', async (request) => {
    const who = await accounts.authenticateSession(ctx, bearer(request));
    const input = parse(acceptInvitationSchema, request.body);
    return acceptInvitation(ctx, who, input.token.trim(), request.id);
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
