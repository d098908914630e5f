// Billbook Cloud's HTTP API: request bodies as zod schemas (the Cloud parses with them) and the
// answers as types (the desktop's client reads them). Errors are always { code, message, fields? }.
import { z } from 'zod';
import { ROLES, type Role } from '../permissions';
import { oneLine } from '../text';

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'Enter an email address like name@example.com' }));
export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(200, 'Use at most 200 characters')
  .refine((p) => p.trim().length >= 10, 'Use at least 10 characters that are not spaces');
const personName = oneLine(z.string().trim().min(1, 'Enter your name').max(100));
const orgName = oneLine(z.string().trim().min(1, 'Enter the business name').max(120));
const deviceName = oneLine(z.string().trim().min(1, 'Name this computer, like “Shop laptop”').max(60));

/** With an invitation code, a person joins that organisation instead of starting their own. */
export const signUpSchema = z
  .object({ email: emailSchema, password: passwordSchema, name: personName, orgName: orgName.optional(), invitationToken: z.string().trim().min(10).max(200).optional() })
  .refine((v) => v.orgName !== undefined || v.invitationToken !== undefined, { message: 'Enter the business name, or the invitation code you were sent', path: ['orgName'] });
export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1, 'Enter your password').max(200) });
export const emailLinkSchema = z.object({ email: emailSchema, deviceName: deviceName.optional() });
export const pollSchema = z.object({ pollToken: z.string().min(10).max(200) });
export const createOrgSchema = z.object({ name: orgName });
export const registerDeviceSchema = z.object({
  name: deviceName,
  appVersion: z.string().max(40).default(''),
  schemaVersion: z.number().int().min(0).max(10_000).default(0),
});
export const INVITABLE_ROLES = ROLES.filter((r): r is Exclude<Role, 'owner'> => r !== 'owner');
export const inviteSchema = z.object({ email: emailSchema, role: z.enum(INVITABLE_ROLES) });
export const acceptInvitationSchema = z.object({ token: z.string().min(10).max(200) });
export const changeRoleSchema = z.object({ role: z.enum(ROLES) });
export const ssoStartSchema = z.object({ email: emailSchema, deviceName: deviceName.optional() });
export const ssoConfigSchema = z.object({
  issuer: z.url({ protocol: /^https?$/, error: 'Enter the provider’s issuer address, like https://login.example.com' }),
  clientId: oneLine(z.string().trim().min(1, 'Enter the client id').max(200)),
  clientSecret: z.string().max(500).optional(),
  domain: z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'Enter the email domain, like example.co.ke'),
});

export interface AccountView {
  id: string;
  email: string;
  name: string;
}

export interface MembershipView {
  orgId: string;
  orgName: string;
  role: Role;
}

export interface SessionAnswer {
  /** For choosing an organisation and registering this device; lasts a day. */
  sessionToken: string;
  account: AccountView;
  memberships: MembershipView[];
}

export interface DeviceView {
  id: string;
  name: string;
  code: string;
  seriesIndex: number;
  accountId: string;
  accountName: string;
  accountEmail: string;
  createdAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
  clockSkewMs: number;
  appVersion: string;
}

export interface DeviceAnswer {
  /** Kept in the secret store; every organisation request and sync carries it. */
  deviceToken: string;
  device: DeviceView;
  org: { id: string; name: string };
  role: Role;
  account: AccountView;
}

export interface WhoAmI {
  device: DeviceView;
  org: { id: string; name: string; ssoDomain: string | null };
  role: Role;
  account: AccountView;
}

export interface PersonView {
  accountId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

export interface PeopleAnswer {
  people: PersonView[];
  invitations: InvitationView[];
}

export interface AuditEventView {
  id: number;
  at: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
  who: string | null;
  device: string | null;
}

export interface PollAnswer {
  status: 'pending' | 'done' | 'expired';
  session?: SessionAnswer;
}
