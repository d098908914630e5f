import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { changeRoleSchema, inviteSchema, ssoConfigSchema } from '../../shared/cloud/api';
import type { CloudContext } from '../context';
import { authenticateDevice, listDevices, revokeDevice, signOutDevice, whoAmI } from '../devices/service';
import { bearer } from '../http/auth';
import { parse } from '../http/errors';
import * as orgs from './service';

const id = (what: string) => z.uuid({ error: `Not a valid ${what} id` });

export function orgRoutes(app: FastifyInstance, ctx: CloudContext): void {
  const device = (request: FastifyRequest) => authenticateDevice(ctx, bearer(request));

  app.get('/v1/device', async (request) => whoAmI(ctx, await device(request)));

  app.post('/v1/device/sign-out', async (request, reply) => {
    await signOutDevice(ctx, await device(request), request.id);
    reply.code(204);
  });

  app.get('/v1/org/people', async (request) => orgs.listPeople(ctx, await device(request)));

  app.post('/v1/org/invitations', async (request, reply) => {
    const principal = await device(request);
    const input = parse(inviteSchema, request.body, 'invitation');
    const { invitationId } = await orgs.invite(ctx, principal, input, request.id);
    reply.code(201);
    return { invitationId };
  });

  app.delete('/v1/org/invitations/:invitationId', async (request, reply) => {
    const principal = await device(request);
    const { invitationId } = parse(z.object({ invitationId: id('invitation') }), request.params);
    await orgs.revokeInvitation(ctx, principal, invitationId, request.id);
    reply.code(204);
  });

  app.patch('/v1/org/people/:accountId', async (request) => {
    const principal = await device(request);
    const { accountId } = parse(z.object({ accountId: id('person') }), request.params);
    const { role } = parse(changeRoleSchema, request.body);
    await orgs.changeRole(ctx, principal, accountId, role, request.id);
    return orgs.listPeople(ctx, principal);
  });

  app.delete('/v1/org/people/:accountId', async (request, reply) => {
    const principal = await device(request);
    const { accountId } = parse(z.object({ accountId: id('person') }), request.params);
    await orgs.removePerson(ctx, principal, accountId, request.id);
    reply.code(204);
  });

  app.get('/v1/org/devices', async (request) => listDevices(ctx, await device(request)));

  app.post('/v1/org/devices/:deviceId/revoke', async (request) => {
    const principal = await device(request);
    const { deviceId } = parse(z.object({ deviceId: id('device') }), request.params);
    return revokeDevice(ctx, principal, deviceId, request.id);
  });

  app.get('/v1/org/audit', async (request) => {
    const principal = await device(request);
    const query = parse(z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }), request.query);
    return orgs.readAudit(ctx, principal, query.before ?? null, query.limit);
  });

  app.put('/v1/org/sso', async (request, reply) => {
    const principal = await device(request);
    await orgs.configureSso(ctx, principal, parse(ssoConfigSchema, request.body, 'single sign-on settings'), request.id);
    reply.code(204);
  });
}
