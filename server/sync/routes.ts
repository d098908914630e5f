import type { FastifyInstance } from 'fastify';
import type { CloudContext } from '../context';
import { authenticateDevice } from '../devices/service';
import { bearer } from '../http/auth';
import { parse } from '../http/errors';
import { claimsSchema, pullQuerySchema, pushSchema } from '../../shared/sync/protocol';
import type { PokeHub } from './pokes';
import { claim, pull, push } from './service';

/** A push carries at most a thousand changes; their rows may be big (a draft's versions, the message log). */
const PUSH_BODY_LIMIT = 32 * 1024 * 1024;

/** The sync API (server/PROTOCOL.md). */
export function syncRoutes(app: FastifyInstance, ctx: CloudContext, pokes: PokeHub): void {
  app.post('/v1/sync/push', { bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
    const principal = await authenticateDevice(ctx, bearer(request));
    return push(ctx, principal, parse(pushSchema, request.body, 'push'), request.id);
  });

  app.get('/v1/sync/pull', async (request) => {
    const principal = await authenticateDevice(ctx, bearer(request));
    const query = parse(pullQuerySchema, request.query);
    return pull(ctx, principal, query.cursor, query.limit);
  });

  app.post('/v1/sync/claims', async (request) => {
    const principal = await authenticateDevice(ctx, bearer(request));
    return claim(ctx, principal, parse(claimsSchema, request.body).keys);
  });

  // Open event streams end when the instance stops, so a graceful shutdown never waits on them.
  const streams = new Set<import('node:http').ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });

  // Server-sent events: "poke" when the organisation's books moved on, a comment every 25 s so
  // proxies keep the connection; the device pulls on each poke and every minute regardless.
  app.get('/v1/sync/events', async (request, reply) => {
    const principal = await authenticateDevice(ctx, bearer(request));
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive',
      'x-content-type-options': 'nosniff', 'x-request-id': request.id,
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = pokes.subscribe(principal.orgId, (version) => res.write(`event: poke\ndata: ${JSON.stringify({ version })}\n\n`));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    request.raw.on('close', end);
    res.on('close', end);
  });
}
