import type { FastifyInstance } from 'fastify';
import { pollSchema, ssoStartSchema } from '../../shared/cloud/api';
import type { CloudContext } from '../context';
import { escapeHtml } from '../accounts/routes';
import { pollSignIn } from '../accounts/service';
import { parse } from '../http/errors';
import { hit } from '../http/rateLimit';
import { page } from '../http/page';
import { finishSso, startSso } from './service';

export function ssoRoutes(app: FastifyInstance, ctx: CloudContext): void {
  app.post('/v1/sso/start', async (request) => {
    await hit(ctx, `sso:${request.ip}`, 30, 60_000, 'single sign-on attempts');
    return startSso(ctx, parse(ssoStartSchema, request.body));
  });

  app.get('/v1/sso/callback', async (request, reply) => {
    const url = new URL(request.url, ctx.config.publicUrl);
    const outcome = await finishSso(ctx, url, request.id);
    reply.type('text/html; charset=utf-8').code(outcome.ok ? 200 : 400);
    return page(outcome.ok ? 'Signed in' : 'Not signed in', `<p>${escapeHtml(outcome.message)}</p>`);
  });

  app.post('/v1/sso/poll', async (request) => pollSignIn(ctx, parse(pollSchema, request.body).pollToken, 'sso'));
}
