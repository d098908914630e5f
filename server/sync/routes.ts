import type { FastifyInstance } from 'fastify';
import type { CloudContext } from '../context';
import { authenticateDevice } from '../devices/service';
import { bearer } from '../http/auth';
import type { PokeHub } from './pokes';

/** The sync API (server/PROTOCOL.md). */
export function syncRoutes(app: FastifyInstance, ctx: CloudContext, pokes: PokeHub): void {
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
    const unsubscribe = pokes.subscribe(principal.orgId, (version) => res.write(`event: poke\ndata: ${JSON.stringify({ version })}\n\n`));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    request.raw.on('close', end);
    res.on('close', end);
  });
}
