// People, organisations and devices on Billbook Cloud, on the embedded PGlite and on PostgreSQL:
// the stories a business lives through, from signing up to a lost laptop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceView, PeopleAnswer, PollAnswer, SessionAnswer, WhoAmI } from '../../../shared/cloud/api';
import { api, CLOUD_KINDS, startCloud, type TestCloud } from '../../helpers/cloud';
import { mailTo, PASSWORD, registerDevice, signUp, teamWith, uniqueEmail } from '../../helpers/cloudPeople';

describe.each(CLOUD_KINDS)('people, organisations and devices on %s', (kind) => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startCloud(kind);
  }, 120_000);
  afterAll(() => cloud?.close());

  it('answers its health check with a request id', async () => {
    const res = await api<{ ok: boolean; database: string }>(cloud, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, database: kind });
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('signs a new person up as the owner of their business, and signs them in again', async () => {
    const email = uniqueEmail('wanjiku');
    const session = await signUp(cloud, { email, orgName: 'Wanjiku Traders' });
    expect(session.account.email).toBe(email);
    expect(session.memberships).toEqual([{ orgId: expect.any(String), orgName: 'Wanjiku Traders', role: 'owner' }]);
    const again = await api<SessionAnswer>(cloud, 'POST', '/v1/auth/sign-in', { body: { email: email.toUpperCase(), password: PASSWORD } });
    expect(again.status).toBe(200);
    expect(again.body.memberships[0]!.orgName).toBe('Wanjiku Traders');
    const me = await api<SessionAnswer>(cloud, 'GET', '/v1/me', { token: again.body.sessionToken });
    expect(me.body.account.email).toBe(email);
    // The same email cannot sign up twice.
    const twice = await api<{ code: string; fields: Record<string, string> }>(cloud, 'POST', '/v1/auth/sign-up', { body: { email, password: PASSWORD, name: 'Again', orgName: 'Another' } });
    expect([twice.status, twice.body.code, twice.body.fields.email]).toEqual([409, 'conflict', 'Already has an account']);
  });

  it('keeps only a hash of the password: argon2id with its parameters written in the hash', async () => {
    const email = uniqueEmail('hash');
    await signUp(cloud, { email });
    const row = await cloud.cloud.context.db.selectFrom('accounts').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('refuses a wrong password without saying whether the account exists, and locks out after five', async () => {
    const email = uniqueEmail('locked');
    await signUp(cloud, { email });
    const wrong = await api<{ code: string; message: string }>(cloud, 'POST', '/v1/auth/sign-in', { body: { email, password: 'not the password' } });
    const nobody = await api<{ code: string; message: string }>(cloud, 'POST', '/v1/auth/sign-in', { body: { email: uniqueEmail('nobody'), password: 'not the password' } });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'unauthorized']);
    expect(nobody.body.message).toBe(wrong.body.message);
    for (let i = 0; i < 3; i++) await api(cloud, 'POST', '/v1/auth/sign-in', { body: { email, password: 'not the password' } });
    const fifth = await api<{ code: string; message: string }>(cloud, 'POST', '/v1/auth/sign-in', { body: { email, password: 'not the password' } });
    expect([fifth.status, fifth.body.code]).toEqual([429, 'rate_limited']);
    expect(fifth.body.message).toMatch(/locked for 15 minutes/);
    // Even the right password waits out the lock.
    const right = await api<{ message: string }>(cloud, 'POST', '/v1/auth/sign-in', { body: { email, password: PASSWORD } });
    expect(right.status).toBe(429);
    expect(right.body.message).toMatch(/locked for \d+ more minutes?/);
    cloud.clock.advance(16 * 60_000);
    expect((await api(cloud, 'POST', '/v1/auth/sign-in', { body: { email, password: PASSWORD } })).status).toBe(200);
  });

  it('signs in by an emailed link: nothing until the person presses Sign in, then one session, once', async () => {
    const email = uniqueEmail('link');
    await signUp(cloud, { email });
    const start = await api<{ pollToken: string }>(cloud, 'POST', '/v1/auth/email-link', { body: { email, deviceName: 'Shop laptop' } });
    expect(start.status).toBe(202);
    const mail = await mailTo(cloud, email, /sign-in link/);
    expect(mail.parsed.text).toContain('“Shop laptop”');
    const link = /(http:\/\/\S+\/v1\/auth\/email-link\/open\?token=\S+)/.exec(mail.parsed.text ?? '')![1]!;
    // Opening the link (or a mail scanner following it) shows a button and signs nobody in.
    const opened = await fetch(link);
    expect(await opened.text()).toContain('<button type="submit">Sign in</button>');
    expect((await api<PollAnswer>(cloud, 'POST', '/v1/auth/email-link/poll', { body: start.body })).body.status).toBe('pending');
    const token = new URL(link).searchParams.get('token')!;
    const confirmed = await fetch(`${cloud.url}/v1/auth/email-link/open`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
    expect(await confirmed.text()).toContain('You are signed in');
    const done = await api<PollAnswer>(cloud, 'POST', '/v1/auth/email-link/poll', { body: start.body });
    expect(done.body.status).toBe('done');
    expect(done.body.session?.account.email).toBe(email);
    expect((await api<PollAnswer>(cloud, 'POST', '/v1/auth/email-link/poll', { body: start.body })).body.status).toBe('expired');
    // The link works once.
    const reused = await fetch(`${cloud.url}/v1/auth/email-link/open`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
    expect(await reused.text()).toContain('expired or was already used');
  });

  it('sends no link to an address without an account, and answers the same', async () => {
    const before = cloud.mail.received.length;
    const res = await api<{ pollToken: string }>(cloud, 'POST', '/v1/auth/email-link', { body: { email: uniqueEmail('stranger') } });
    expect(res.status).toBe(202);
    expect(res.body.pollToken).toMatch(/^bbp_/);
    await new Promise((r) => setTimeout(r, 200));
    expect(cloud.mail.received.length).toBe(before);
  });

  it('registers devices with their own tokens and codes, and each knows who it is', async () => {
    const session = await signUp(cloud);
    const first = await registerDevice(cloud, session, 'Shop laptop');
    const second = await registerDevice(cloud, session, 'Office desktop');
    expect([first.device.code, first.device.seriesIndex, second.device.code, second.device.seriesIndex]).toEqual(['A', 1, 'B', 2]);
    expect(first.deviceToken).not.toBe(second.deviceToken);
    const who = await api<WhoAmI>(cloud, 'GET', '/v1/device', { token: second.deviceToken });
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ role: 'owner', device: { name: 'Office desktop', code: 'B' }, org: { name: 'Amani Hardware' } });
    const stored = await cloud.cloud.context.db.selectFrom('devices').select('token_hash').where('id', '=', first.device.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(first.deviceToken);
  });

  it('invites a colleague by email with a role; they join, and the owner changes their role', async () => {
    const { owner, colleague, email, colleagueSession } = await teamWith(cloud, 'sales', 'Baraka Stores');
    expect(colleagueSession.memberships).toEqual([{ orgId: owner.org.id, orgName: 'Baraka Stores', role: 'sales' }]);
    expect(colleague.role).toBe('sales');
    const people = await api<PeopleAnswer>(cloud, 'GET', '/v1/org/people', { token: owner.deviceToken });
    expect(people.body.people.map((p) => [p.email, p.role]).sort()).toEqual([[email, 'sales'], [owner.account.email, 'owner']].sort());
    expect(people.body.invitations).toEqual([]);
    const changed = await api<PeopleAnswer>(cloud, 'PATCH', `/v1/org/people/${colleague.account.id}`, { token: owner.deviceToken, body: { role: 'accountant' } });
    expect(changed.status).toBe(200);
    expect((await api<WhoAmI>(cloud, 'GET', '/v1/device', { token: colleague.deviceToken })).body.role).toBe('accountant');
    // The last owner cannot step down.
    const last = await api<{ code: string; message: string }>(cloud, 'PATCH', `/v1/org/people/${owner.account.id}`, { token: owner.deviceToken, body: { role: 'admin' } });
    expect([last.status, last.body.message]).toEqual([409, 'An organisation needs at least one owner. Make someone else an owner first.']);
  });

  it('cuts a revoked laptop off mid-session: its next request is told so, while the others go on', async () => {
    const { owner, colleague } = await teamWith(cloud, 'sales');
    expect((await api(cloud, 'GET', '/v1/device', { token: colleague.deviceToken })).status).toBe(200);
    const devices = await api<DeviceView[]>(cloud, 'GET', '/v1/org/devices', { token: owner.deviceToken });
    expect(devices.body.map((d) => d.name)).toEqual(['Owner laptop', 'sales laptop']);
    const revoked = await api<DeviceView>(cloud, 'POST', `/v1/org/devices/${colleague.device.id}/revoke`, { token: owner.deviceToken });
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await api<{ code: string; message: string }>(cloud, 'GET', '/v1/device', { token: colleague.deviceToken });
    expect([after.status, after.body.code]).toEqual([401, 'revoked']);
    expect(after.body.message).toMatch(/“sales laptop”\) was removed from Amani Hardware/);
    expect((await api(cloud, 'GET', '/v1/device', { token: owner.deviceToken })).status).toBe(200);
  });

  it('removing a person from the organisation cuts off their devices', async () => {
    const { owner, colleague } = await teamWith(cloud, 'viewer');
    expect((await api(cloud, 'DELETE', `/v1/org/people/${colleague.account.id}`, { token: owner.deviceToken })).status).toBe(204);
    const after = await api<{ code: string }>(cloud, 'GET', '/v1/device', { token: colleague.deviceToken });
    expect([after.status, after.body.code]).toEqual([401, 'revoked']);
  });

  it('lets sessions expire after a day and devices after 90 days without contact', async () => {
    const session = await signUp(cloud);
    const device = await registerDevice(cloud, session);
    cloud.clock.advance(25 * 60 * 60_000);
    const expired = await api<{ code: string; message: string }>(cloud, 'GET', '/v1/me', { token: session.sessionToken });
    expect([expired.status, expired.body.message]).toEqual([401, 'This sign-in has expired. Sign in again.']);
    // The device was in touch a day ago: still fine, and that contact moves its expiry on.
    expect((await api(cloud, 'GET', '/v1/device', { token: device.deviceToken })).status).toBe(200);
    cloud.clock.advance(89 * 24 * 60 * 60_000);
    expect((await api(cloud, 'GET', '/v1/device', { token: device.deviceToken })).status).toBe(200);
    cloud.clock.advance(91 * 24 * 60 * 60_000);
    const stale = await api<{ code: string; message: string }>(cloud, 'GET', '/v1/device', { token: device.deviceToken });
    expect([stale.status, stale.body.code]).toEqual([401, 'unauthorized']);
    expect(stale.body.message).toMatch(/not been in touch for 90 days/);
  });

  it('writes every change to the audit log with who, which device and when; the owner reads it, a sales person may not', async () => {
    const { owner, colleague } = await teamWith(cloud, 'sales', 'Audit Traders');
    await api(cloud, 'PATCH', `/v1/org/people/${colleague.account.id}`, { token: owner.deviceToken, body: { role: 'viewer' } });
    const log = await api<{ action: string; who: string | null; device: string | null; target: string }[]>(cloud, 'GET', '/v1/org/audit', { token: owner.deviceToken });
    expect(log.status).toBe(200);
    expect(log.body.map((e) => e.action)).toEqual(['person.role_changed', 'device.registered', 'person.joined', 'person.invited', 'device.registered', 'org.created']);
    expect(log.body[0]).toMatchObject({ who: `Amani Owner <${owner.account.email}>`, device: 'Owner laptop' });
    const refused = await api<{ code: string; message: string }>(cloud, 'GET', '/v1/org/audit', { token: colleague.deviceToken });
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    expect(refused.body.message).toMatch(/^As a viewer you cannot read the audit log\. Owner, Admin, Accountant can/);
  });
});
