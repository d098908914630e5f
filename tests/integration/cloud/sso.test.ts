// Single sign-on through OpenID Connect against a local provider that speaks the protocol: the app
// starts it, the person signs in at the provider, the Cloud checks the answer and the app's poll
// collects a session. Forged and wrong answers are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollAnswer } from '../../../shared/cloud/api';
import { api, startCloud, type TestCloud } from '../../helpers/cloud';
import { registerDevice, signUp } from '../../helpers/cloudPeople';
import { startFakeOidc, type FakeOidc } from '../../helpers/fakeOidc';

/** What a browser does between the app opening the sign-in page and coming back to the Cloud. */
async function signInAtProvider(authorizationUrl: string): Promise<{ status: number; text: string }> {
  const atProvider = await fetch(authorizationUrl, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const back = await fetch(atProvider.headers.get('location')!, { redirect: 'manual' });
  return { status: back.status, text: await back.text() };
}

describe('single sign-on (OpenID Connect), PGlite', () => {
  let cloud: TestCloud;
  let idp: FakeOidc;
  let ownerToken: string;
  let orgId: string;
  const domain = 'amani-sso.co.ke';

  beforeAll(async () => {
    cloud = await startCloud('pglite');
    idp = await startFakeOidc();
    const owner = await registerDevice(cloud, await signUp(cloud, { email: `owner@${domain}`, orgName: 'Amani SSO Ltd' }));
    ownerToken = owner.deviceToken;
    orgId = owner.org.id;
    const configured = await api(cloud, 'PUT', '/v1/org/sso', { token: ownerToken, body: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, domain } });
    expect(configured.status).toBe(204);
  }, 120_000);
  afterAll(async () => {
    await cloud?.close();
    await idp?.close();
  });

  it('keeps the client secret sealed, never as typed', async () => {
    const row = await cloud.cloud.context.db.selectFrom('orgs').select('sso_client_secret').where('id', '=', orgId).executeTakeFirstOrThrow();
    expect(row.sso_client_secret).toMatch(/^v1\./);
    expect(row.sso_client_secret).not.toContain(idp.clientSecret);
  });

  it('signs an invited colleague in through the provider and makes them a member with their role', async () => {
    await api(cloud, 'POST', '/v1/org/invitations', { token: ownerToken, body: { email: `jane@${domain}`, role: 'accountant' } });
    idp.signInAs({ email: `Jane@${domain}`, name: 'Jane Wambui' });
    const start = await api<{ authorizationUrl: string; pollToken: string }>(cloud, 'POST', '/v1/sso/start', { body: { email: `jane@${domain}` } });
    expect(start.status).toBe(200);
    const url = new URL(start.body.authorizationUrl);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect((await api<PollAnswer>(cloud, 'POST', '/v1/sso/poll', { body: { pollToken: start.body.pollToken } })).body.status).toBe('pending');
    const page = await signInAtProvider(start.body.authorizationUrl);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Signed in as jane@${domain}`);
    const done = await api<PollAnswer>(cloud, 'POST', '/v1/sso/poll', { body: { pollToken: start.body.pollToken } });
    expect(done.body.status).toBe('done');
    expect(done.body.session?.account).toMatchObject({ email: `jane@${domain}`, name: 'Jane Wambui' });
    expect(done.body.session?.memberships).toEqual([{ orgId, orgName: 'Amani SSO Ltd', role: 'accountant' }]);
    // The answer is used once: the same callback again is refused.
    expect((await api<PollAnswer>(cloud, 'POST', '/v1/sso/poll', { body: { pollToken: start.body.pollToken } })).body.status).toBe('expired');
  });

  it('refuses someone the provider knows but the organisation never invited', async () => {
    idp.signInAs({ email: `stranger@${domain}`, name: 'Stranger' });
    const start = await api<{ authorizationUrl: string; pollToken: string }>(cloud, 'POST', '/v1/sso/start', { body: { email: `stranger@${domain}` } });
    const page = await signInAtProvider(start.body.authorizationUrl);
    expect(page.status).toBe(400);
    expect(page.text).toContain(`stranger@${domain} is not a member of Amani SSO Ltd. Ask its owner to invite you.`);
    expect((await api<PollAnswer>(cloud, 'POST', '/v1/sso/poll', { body: { pollToken: start.body.pollToken } })).body.status).toBe('pending');
  });

  it.each([
    ['an ID token for another client', { aud: 'someone-else' }],
    ['a replayed nonce', { nonce: 'not-the-nonce' }],
    ['a token signed with another key', { signWithOtherKey: true }],
    ['a token from another issuer', { issuer: 'https://evil.example' }],
  ])('refuses %s', async (_name, tamper) => {
    await api(cloud, 'POST', '/v1/org/invitations', { token: ownerToken, body: { email: `mallory@${domain}`, role: 'viewer' } });
    idp.signInAs({ email: `mallory@${domain}`, name: 'Mallory' });
    idp.tamperNext(tamper);
    const start = await api<{ authorizationUrl: string; pollToken: string }>(cloud, 'POST', '/v1/sso/start', { body: { email: `mallory@${domain}` } });
    const page = await signInAtProvider(start.body.authorizationUrl);
    expect(page.status).toBe(400);
    expect(page.text).toContain('could not be accepted');
    expect((await api<PollAnswer>(cloud, 'POST', '/v1/sso/poll', { body: { pollToken: start.body.pollToken } })).body.status).not.toBe('done');
  });

  it('says when a domain has no single sign-on', async () => {
    const res = await api<{ message: string }>(cloud, 'POST', '/v1/sso/start', { body: { email: 'someone@other.example' } });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('No organisation signs in with single sign-on for other.example. Use your password or an emailed link.');
  });
});
