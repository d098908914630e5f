// Builds Billbook Cloud's HTTP app from the per-domain route modules. No port, no process: main.ts
// listens; tests call it directly or on a port of their own.
import crypto from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Clock } from './clock';
import type { CloudConfig } from './config';
import type { CloudContext } from './context';
import type { CloudDatabase } from './db/connect';
import type { Mailer } from './mail/mailer';
import type { SecretBox } from './secrets/sealed';
import { accountRoutes } from './accounts/routes';
import { orgRoutes } from './orgs/routes';
import { ssoRoutes } from './sso/routes';
import { shapeOf } from './http/errors';
import { createPokeHub, type PokeHub } from './sync/pokes';
import { syncRoutes } from './sync/routes';
import { paymentRoutes, startPaymentPoller } from './payments/routes';

export interface CloudAppOptions {
  database: CloudDatabase;
  config: CloudConfig;
  clock: Clock;
  mailer: Mailer;
  secrets: SecretBox;
  /** Pino's logger options; false for none (tests). */
  logger?: boolean | { level: string };
  /** How often M-Pesa prompts with no answer are asked about; 0: never (tests ask themselves). */
  paymentPollMs?: number;
}

export interface CloudApp {
  app: FastifyInstance;
  context: CloudContext;
  pokes: PokeHub;
  /** Stops taking requests, lets those under way finish, then lets go of the database. */
  close(): Promise<void>;
}

/** Largest body a route takes unless it says otherwise; sync pushes have their own, larger, limit. */
export const BODY_LIMIT = 256 * 1024;

export async function buildCloudApp(options: CloudAppOptions): Promise<CloudApp> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: options.config.trustProxy,
    genReqId: (req) => {
      // A proxy's request id is kept (one id across the hops); otherwise a fresh one.
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,100}$/.test(given) ? given : crypto.randomUUID();
    },
    return503OnClosing: true,
  });
  const pokes = await createPokeHub(options.database);
  const context: CloudContext = {
    db: options.database.db, databaseKind: options.database.kind, clock: options.clock, config: options.config,
    mailer: options.mailer, secrets: options.secrets, poke: (orgId) => pokes.poke(orgId),
  };

  // JSON only (and the one form below): a text body is refused with 415 rather than half-read.
  app.removeContentTypeParser('text/plain');
  // The emailed link's confirm button posts a form.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = shapeOf(error);
    if (known) return reply.code(known.status).send(known.body);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // The route's own limit (a sync push takes 32 MB): the error does not carry it.
      const limit = request.routeOptions.bodyLimit ?? BODY_LIMIT;
      const size = limit >= 1024 * 1024 ? `${Math.round(limit / (1024 * 1024))} MB` : `${Math.round(limit / 1024)} KB`;
      return reply.code(413).send({ code: 'too_large', message: `The request is larger than this address takes (${size}).` });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ code: 'invalid_input', message: 'Send the body as JSON (Content-Type: application/json).' });
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.statusCode === 400) {
      return reply.code(400).send({ code: 'invalid_input', message: error.message.startsWith('Body') || error.message.includes('JSON') ? 'The request body is not valid JSON.' : error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ code: 'internal', message: `Something went wrong in Billbook Cloud. Nothing was changed; try again (request ${request.id}).` });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ code: 'not_found', message: `Billbook Cloud has nothing at ${request.method} ${request.url.split('?')[0]}.` });
  });

  app.get('/health', async () => {
    // Answers only once the database does: a load balancer sends no traffic to an instance that cannot serve it.
    await options.database.db.selectFrom('orgs').select('id').limit(1).execute();
    return { ok: true, database: options.database.kind };
  });

  accountRoutes(app, context);
  orgRoutes(app, context);
  ssoRoutes(app, context);
  syncRoutes(app, context, pokes);
  paymentRoutes(app, context);

  await app.ready();
  const stopPolling = (options.paymentPollMs ?? 10_000) > 0 ? startPaymentPoller(context, options.paymentPollMs ?? 10_000) : () => undefined;
  return {
    app, context, pokes,
    close: async () => {
      stopPolling();
      await app.close();
      await pokes.close();
      await options.database.close();
    },
  };
}
