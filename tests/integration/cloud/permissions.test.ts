// The permission table (shared/permissions.ts) as the Cloud enforces it on its own endpoints: for
// each role, each request is allowed, or refused with the message that names the role and who can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalMessage, ROLES, type Action, type Role } from '../../../shared/permissions';
import { api, startCloud, type TestCloud } from '../../helpers/cloud';
import { registerDevice, signUp, teamWith, uniqueEmail } from '../../helpers/cloudPeople';

// One request per guarded action of the Cloud's own API (the books' actions are checked on sync).
const REQUESTS: { action: Action; call: (cloud: TestCloud, token: string) => ReturnType<typeof api> }[] = [
  { action: 'books.read', call: (cloud, token) => api(cloud, 'GET', '/v1/org/people', { token }) },
  { action: 'people.manage', call: (cloud, token) => api(cloud, 'POST', '/v1/org/invitations', { token, body: { email: uniqueEmail('invitee'), role: 'viewer' } }) },
  { action: 'devices.manage', call: (cloud, token) => api(cloud, 'GET', '/v1/org/devices', { token }) },
  { action: 'audit.read', call: (cloud, token) => api(cloud, 'GET', '/v1/org/audit', { token }) },
  {
    action: 'settings.write',
    call: (cloud, token) => api(cloud, 'PUT', '/v1/org/sso', { token, body: { issuer: 'https://login.example.com', clientId: 'billbook', domain: 'example.com' } }),
  },
];

const EXPECTED: Record<Role, Action[]> = {
  owner: ['books.read', 'people.manage', 'devices.manage', 'audit.read', 'settings.write'],
  admin: ['books.read', 'people.manage', 'devices.manage', 'audit.read', 'settings.write'],
  accountant: ['books.read', 'audit.read'],
  sales: ['books.read'],
  viewer: ['books.read'],
};

describe('every role against every guarded request (PGlite)', () => {
  let cloud: TestCloud;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    cloud = await startCloud('pglite');
    const owner = await registerDevice(cloud, await signUp(cloud, { orgName: 'Roles Ltd' }));
    tokens.owner = owner.deviceToken;
    for (const role of ROLES.filter((r): r is Exclude<Role, 'owner'> => r !== 'owner')) {
      tokens[role] = (await teamWith(cloud, role, `Roles of ${role}`)).colleague.deviceToken;
    }
  }, 120_000);
  afterAll(() => cloud?.close());

  for (const role of ROLES) {
    it(`${role}: allowed exactly ${EXPECTED[role].join(', ')}`, async () => {
      for (const request of REQUESTS) {
        const res = (await request.call(cloud, tokens[role])) as { status: number; body: { code?: string; message?: string } };
        if (EXPECTED[role].includes(request.action)) {
          expect(res.status, `${role} ${request.action}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
        } else {
          expect([res.status, res.body.code, res.body.message], `${role} ${request.action}`).toEqual([403, 'forbidden', refusalMessage(role, request.action)]);
        }
      }
    });
  }

  it('an admin may invite but not make admins; only an owner gives the admin or owner role', async () => {
    const adminToken = tokens.admin;
    const res = await api<{ code: string; fields: Record<string, string> }>(cloud, 'POST', '/v1/org/invitations', { token: adminToken, body: { email: uniqueEmail('boss'), role: 'admin' } });
    expect([res.status, res.body.fields.role]).toEqual([403, 'Only an owner can give this role']);
  });

  it('refuses sign-ups beyond the limit from one address, saying how long to wait', async () => {
    const tight = await startCloud('pglite', { limits: { signUpsPerHour: 2 } });
    try {
      const attempt = () => api<{ code: string; message: string }>(tight, 'POST', '/v1/auth/sign-up', { body: { email: uniqueEmail('burst'), password: 'correct horse battery', name: 'Burst', orgName: 'Burst Ltd' } });
      expect((await attempt()).status).toBe(201);
      expect((await attempt()).status).toBe(201);
      const third = await attempt();
      expect([third.status, third.body.code]).toEqual([429, 'rate_limited']);
      expect(third.body.message).toMatch(/^Too many sign-ups from here\. Wait \d+ minutes and try again\.$/);
    } finally {
      await tight.close();
    }
  });
});
