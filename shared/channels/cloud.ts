// Billbook Cloud from the app: the account, the organisation's people and devices, and sync.
import { z } from 'zod';
import type { AuditEventView, DeviceView, MembershipView, PeopleAnswer } from '../cloud/api';
import { INVITABLE_ROLES } from '../cloud/api';
import { ROLES, type Role } from '../permissions';
import { oneLine } from '../text';
import { idSchema } from './common';
import { output } from './output';

export type SyncState =
  /** Not signed in: the books are this computer's alone. */
  | 'local'
  /** Signed in; choosing an organisation and naming this computer is next. */
  | 'choosing'
  | 'synced'
  | 'syncing'
  | 'offline'
  | 'problem'
  /** This computer was removed from the organisation. */
  | 'revoked'
  /** The sign-in ended (expired): sign in again. */
  | 'signed_out'
  /** Books here and books in the organisation: the person chooses. */
  | 'needs_choice';

export interface SyncStatus {
  state: SyncState;
  /** A sentence for the sidebar: "Synced 09:41", "3 changes waiting (offline)". */
  summary: string;
  lastSyncedAt: string | null;
  /** Changes made here not yet accepted by the Cloud. */
  pending: number;
  /** Rows still to download on a new device (an estimate from the organisation's version). */
  toDownload: number;
  problems: number;
  clockSkewMs: number;
  message: string | null;
}

export interface CloudAccountView {
  serverUrl: string;
  /** Signed in (a session, before choosing an organisation) or linked (a device of one). */
  signedIn: boolean;
  account: { id: string; email: string; name: string } | null;
  memberships: MembershipView[];
  org: { id: string; name: string } | null;
  role: Role | null;
  device: { id: string; name: string; code: string; seriesIndex: number } | null;
  sync: SyncStatus;
}

export interface SyncProblemView {
  id: number;
  at: string;
  kind: 'refused' | 'clock' | 'revoked' | 'overapplied' | 'error';
  code: string;
  message: string;
  mutation: string | null;
  entity: string | null;
  entityId: string | null;
}

const email = z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'Enter an email address like name@example.com' }));
const deviceName = oneLine(z.string().trim().min(1, 'Name this computer, like “Shop laptop”').max(60));

export const cloudChannels = {
  'cloud.account': { input: z.object({}).default({}), output: output<CloudAccountView>() },
  'cloud.setServer': {
    input: z.object({ url: z.string().trim().max(300).refine((u) => u === '' || /^(https?:\/\/)?[\w.-]+(:\d+)?(\/[\w./-]*)?$/i.test(u), 'Enter the server address, like cloud.example.co.ke') }),
    output: output<CloudAccountView>(),
  },
  'cloud.signUp': {
    input: z.object({
      email, password: z.string().max(200), name: oneLine(z.string().trim().max(100)), orgName: oneLine(z.string().trim().max(120)).optional(),
      invitationToken: z.string().trim().max(200).optional(),
    }),
    output: output<CloudAccountView>(),
  },
  'cloud.signIn': { input: z.object({ email, password: z.string().min(1, 'Enter your password').max(200) }), output: output<CloudAccountView>() },
  /** Emails a sign-in link; the app then waits for it (cloud.finishSignIn). */
  'cloud.emailLink': { input: z.object({ email, deviceName: deviceName.optional() }), output: output<{ pending: true }>() },
  'cloud.sso': { input: z.object({ email }), output: output<{ authorizationUrl: string }>() },
  /** Asks whether the emailed link was confirmed or single sign-on finished. */
  'cloud.finishSignIn': { input: z.object({}).default({}), output: output<{ status: 'pending' | 'done' | 'expired'; account: CloudAccountView }>() },
  'cloud.acceptInvitation': { input: z.object({ token: z.string().trim().min(10, 'Paste the whole invitation code').max(200) }), output: output<CloudAccountView>() },
  'cloud.createOrg': { input: z.object({ name: oneLine(z.string().trim().min(1, 'Enter the business name').max(120)) }), output: output<CloudAccountView>() },
  /** Registers this computer in an organisation and starts syncing (upload, download, or a choice). */
  'cloud.join': {
    input: z.object({ orgId: idSchema, deviceName, replaceLocalBooks: z.boolean().default(false) }),
    output: output<CloudAccountView>(),
  },
  'cloud.signOut': { input: z.object({}).default({}), output: output<CloudAccountView>() },
  /** After this computer was removed: its copy of the organisation's books goes (a backup is kept). */
  'cloud.removeLocalBooks': { input: z.object({}).default({}), output: output<CloudAccountView>() },
  'cloud.people': { input: z.object({}).default({}), output: output<PeopleAnswer>() },
  'cloud.invite': { input: z.object({ email, role: z.enum(INVITABLE_ROLES) }), output: output<PeopleAnswer>() },
  'cloud.changeRole': { input: z.object({ accountId: idSchema, role: z.enum(ROLES) }), output: output<PeopleAnswer>() },
  'cloud.removePerson': { input: z.object({ accountId: idSchema }), output: output<PeopleAnswer>() },
  'cloud.revokeInvitation': { input: z.object({ invitationId: idSchema }), output: output<PeopleAnswer>() },
  'cloud.devices': { input: z.object({}).default({}), output: output<DeviceView[]>() },
  'cloud.revokeDevice': { input: z.object({ deviceId: idSchema }), output: output<DeviceView[]>() },
  'cloud.audit': { input: z.object({ before: z.number().int().positive().optional() }).default({}), output: output<AuditEventView[]>() },
  'sync.status': { input: z.object({}).default({}), output: output<SyncStatus>() },
  'sync.now': { input: z.object({}).default({}), output: output<SyncStatus>() },
  'sync.problems': { input: z.object({}).default({}), output: output<SyncProblemView[]>() },
  'sync.dismissProblem': { input: z.object({ id: z.number().int().positive() }), output: output<SyncProblemView[]>() },
} as const;
