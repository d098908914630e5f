// Signing people up, registering devices and inviting colleagues on a test Cloud, through its API.
import { expect } from 'vitest';
import type { DeviceAnswer, SessionAnswer } from '../../shared/cloud/api';
import type { Role } from '../../shared/permissions';
import { api, type TestCloud } from './cloud';
import { until } from './until';

let counter = 0;
export const uniqueEmail = (name: string) => `${name}.${Date.now().toString(36)}${(counter++).toString(36)}@example.co.ke`;
export const PASSWORD = 'correct horse battery';

export async function signUp(cloud: TestCloud, options: { email?: string; orgName?: string; name?: string } = {}): Promise<SessionAnswer> {
  const body = { email: options.email ?? uniqueEmail('owner'), password: PASSWORD, name: options.name ?? 'Amani Owner', orgName: options.orgName ?? 'Amani Hardware' };
  const res = await api<SessionAnswer>(cloud, 'POST', '/v1/auth/sign-up', { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function registerDevice(cloud: TestCloud, session: SessionAnswer, name = 'Shop laptop', orgId = session.memberships[0]!.orgId): Promise<DeviceAnswer> {
  const res = await api<DeviceAnswer>(cloud, 'POST', `/v1/orgs/${orgId}/devices`, { token: session.sessionToken, body: { name, appVersion: '0.1.0', schemaVersion: 6 } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The last email to `email` whose subject matches, once it has arrived. */
export async function mailTo(cloud: TestCloud, email: string, subject: RegExp) {
  const find = () => [...cloud.mail.received].reverse().find((m) => m.envelope.to.includes(email) && subject.test(m.parsed.subject ?? ''));
  const mail = await until(async () => find(), Boolean);
  return mail!;
}

/** The invitation code from the last invitation email to `email`. */
export async function invitationCodeFor(cloud: TestCloud, email: string): Promise<string> {
  const mail = await mailTo(cloud, email, /invited you/);
  const code = /\n(bbi_[\w-]+)\n/.exec(mail.parsed.text ?? '')?.[1];
  if (!code) throw new Error(`No invitation code in the email to ${email}`);
  return code;
}

/** An owner with a device, and a colleague of the given role with a device of their own. */
export async function teamWith(cloud: TestCloud, role: Exclude<Role, 'owner'>, orgName = 'Amani Hardware') {
  const ownerSession = await signUp(cloud, { orgName });
  const owner = await registerDevice(cloud, ownerSession, 'Owner laptop');
  const email = uniqueEmail(role);
  const invited = await api(cloud, 'POST', '/v1/org/invitations', { token: owner.deviceToken, body: { email, role } });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  const res = await api<SessionAnswer>(cloud, 'POST', '/v1/auth/sign-up', {
    body: { email, password: PASSWORD, name: `The ${role}`, invitationToken: await invitationCodeFor(cloud, email) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const colleague = await registerDevice(cloud, res.body, `${role} laptop`, owner.org.id);
  return { ownerSession, owner, colleagueSession: res.body, colleague, email };
}
