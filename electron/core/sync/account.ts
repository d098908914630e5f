// Settings → Account & sync: the Cloud's address, signing up or in (password, emailed link, single
// sign-on), choosing the organisation and naming this computer, and what happens to the books here
// when it joins: they go up (the organisation has none), the organisation's come down (this
// computer has none), or the person chooses. The device token goes to the secret store, never into
// the books.
import type { CloudAccountView, SyncStatus } from '../../../shared/channels/cloud';
import type { AuditEventView, DeviceAnswer, DeviceView, MembershipView, PeopleAnswer, PollAnswer, SessionAnswer } from '../../../shared/cloud/api';
import { AppError } from '../../../shared/errors';
import type { Role } from '../../../shared/permissions';
import type { PullAnswer } from '../../../shared/sync/protocol';
import { SYNCED_TABLE_NAMES, SYNCED_TABLES } from '../../../shared/sync/tables';
import type { CoreContext } from '../context';
import type { Sql } from '../db/sql';
import { cloudClient, CloudUnreachable, normaliseCloudUrl, type RequestOptions } from './client';
import type { SyncEngine } from './engine';
import { keyText, readStamps, uploadOrder, writeStamps } from './rows';
import { CURSOR_KEY, LAST_SYNCED_KEY, NEXT_MUTATION_KEY, CLOCK_SKEW_KEY, cloudLink, readMetaValue, saveCloudLink, SERVER_URL_KEY, writeMeta } from './state';
import { compact, SETTLED_ALONE_KEY } from './outbox';
import { forgetSearchBacklog } from '../customers/searchBacklog';

/** The sign-in in progress: the session lasts a day and lives only in memory, never on disk. */
interface PendingSignIn {
  session: SessionAnswer | null;
  poll: { kind: 'email_link' | 'sso'; token: string } | null;
}

export interface CloudAccount {
  view(): CloudAccountView;
  setServer(url: string): CloudAccountView;
  signUp(input: { email: string; password: string; name: string; orgName?: string; invitationToken?: string }): Promise<CloudAccountView>;
  signIn(input: { email: string; password: string }): Promise<CloudAccountView>;
  emailLink(input: { email: string; deviceName?: string }): Promise<{ pending: true }>;
  sso(input: { email: string }): Promise<{ authorizationUrl: string }>;
  finishSignIn(): Promise<{ status: PollAnswer['status']; account: CloudAccountView }>;
  acceptInvitation(token: string): Promise<CloudAccountView>;
  createOrg(name: string): Promise<CloudAccountView>;
  join(input: { orgId: string; deviceName: string; replaceLocalBooks: boolean }): Promise<CloudAccountView>;
  signOut(): Promise<CloudAccountView>;
  removeLocalBooks(): Promise<CloudAccountView>;
  people(): Promise<PeopleAnswer>;
  invite(input: { email: string; role: Exclude<Role, 'owner'> }): Promise<PeopleAnswer>;
  changeRole(accountId: string, role: Role): Promise<PeopleAnswer>;
  removePerson(accountId: string): Promise<PeopleAnswer>;
  revokeInvitation(invitationId: string): Promise<PeopleAnswer>;
  devices(): Promise<DeviceView[]>;
  revokeDevice(deviceId: string): Promise<DeviceView[]>;
  audit(before?: number): Promise<AuditEventView[]>;
  /** A request to the organisation's Cloud as this computer; fails in words when not linked or offline. */
  request<T>(method: string, path: string, options?: Pick<RequestOptions, 'body' | 'raw'>): Promise<T>;
  /** The Cloud's address while this computer belongs to an organisation there. */
  cloudUrl(): string | null;
}

/** The tables holding a business's records: any row in one means this computer has books of its own. */
const BOOK_TABLES = ['customers', 'invoices', 'payments', 'credit_notes'] as const;

export function hasBooks(sql: Sql): boolean {
  return BOOK_TABLES.some((t) => sql.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined);
}

const UPLOAD_PAGE = 500;

/**
 * Books made before signing in go up as they stand now (not as the history of how they got here):
 * every row of every synced table, parents first, in `sync.upload` changes the push sends like any
 * other. The outbox before it is settled by it.
 */
export function queueUpload(ctx: CoreContext): number {
  let queued = 0;
  ctx.sql.transaction(() => {
    const now = ctx.clock.now().toISOString();
    ctx.sql.prepare("UPDATE changes SET pushed_at = ? WHERE pushed_at IS NULL").run(now);
    const order = [...SYNCED_TABLE_NAMES].sort((a, b) => SYNCED_TABLES[a].rank - SYNCED_TABLES[b].rank);
    for (const table of order) {
      // In the key's index order (for draft version ids kept as 16 bytes, the order of their text); the history in the order it was written.
      const ids = (ctx.sql.prepare(`SELECT ${keyText(table)} AS id FROM ${table} ORDER BY ${uploadOrder(table)}`).all() as { id: string | null }[]).flatMap((r) => (r.id ? [r.id] : []));
      for (let i = 0; i < ids.length; i += UPLOAD_PAGE) {
        const page = ids.slice(i, i + UPLOAD_PAGE);
        const last = ctx.sql.prepare('SELECT hlc FROM changes ORDER BY counter DESC LIMIT 1').get() as { hlc: string } | undefined;
        const stamp = ctx.nextStamp(last?.hlc);
        const held = readStamps(ctx.sql, table, page);
        for (const id of page) if (!held.has(id)) writeStamps(ctx.sql, table, id, { '*': stamp });
        ctx.sql
          .prepare("INSERT INTO changes (device_id, mutation, entity, entity_id, args, hlc, schema_version, created_at, rows) VALUES (?, 'sync.upload', ?, '', '{}', ?, ?, ?, ?)")
          .run(ctx.deviceId, table, stamp, ctx.schemaVersion, now, JSON.stringify(page.map((id) => [table, id])));
        queued += page.length;
      }
    }
    compact(ctx.sql);
    writeMeta(ctx.sql, SETTLED_ALONE_KEY, null);
  });
  return queued;
}

/** Empties the books (after a backup): their records, what is worked out from them, the outbox and the queue. */
export function clearBooks(ctx: CoreContext): void {
  const db = ctx.sql.db;
  db.pragma('foreign_keys = OFF');
  try {
    ctx.sql.transaction(() => {
      // Invoices before their lines: a finalized invoice's lines are frozen by trigger while it is there.
      // Payments before their allocations: each allocation removed would write its payment's invoice numbers again (migration 19).
      for (const table of [
        'notifications', 'incoming_payments', 'payment_requests', 'payments', 'payment_allocations', 'credit_notes', 'draft_versions', 'invoices', 'invoice_lines', 'customer_tags',
        'customer_balances', 'customers', 'items', 'saved_reports', 'audit_log', 'settings', 'sync_stamps', 'sync_dirty', 'sync_problems', 'jobs', 'sequences',
      ] as const) ctx.sql.prepare(`DELETE FROM ${table}`).run();
      ctx.sql.prepare("INSERT INTO customer_search (customer_search) VALUES ('delete-all')").run();
      forgetSearchBacklog(ctx.sql);
      ctx.sql.prepare("INSERT INTO invoice_search (invoice_search) VALUES ('delete-all')").run();
      ctx.sql.prepare("INSERT INTO item_search (item_search) VALUES ('delete-all')").run();
      ctx.sql.prepare('DELETE FROM changes WHERE counter < (SELECT max(counter) FROM changes)').run();
      ctx.sql.prepare('UPDATE changes SET pushed_at = coalesce(pushed_at, created_at)').run();
      for (const key of [CURSOR_KEY, NEXT_MUTATION_KEY, LAST_SYNCED_KEY, CLOCK_SKEW_KEY, SETTLED_ALONE_KEY]) writeMeta(ctx.sql, key, null);
    });
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

export function createCloudAccount(ctx: CoreContext, engine: SyncEngine, backup: () => string): CloudAccount {
  const pending: PendingSignIn = { session: null, poll: null };
  const serverUrl = () => readMetaValue(ctx.sql, SERVER_URL_KEY) ?? '';
  const requireServer = () => {
    const url = serverUrl();
    if (!url) throw new AppError('invalid_input', 'Enter the address of your Billbook Cloud first.', { serverUrl: 'Enter the server address' });
    return cloudClient(url);
  };
  const linked = () => {
    const link = cloudLink(ctx.sql);
    const token = ctx.secrets.get('cloudDeviceToken');
    if (!link || !token) throw new AppError('invalid_input', 'This computer is not signed in to Billbook Cloud. Sign in under Settings → Account & sync.');
    return { link, token, client: cloudClient(link.url) };
  };

  function view(): CloudAccountView {
    const link = cloudLink(ctx.sql);
    const sync: SyncStatus = engine.status();
    if (link) {
      return {
        serverUrl: link.url, signedIn: true, account: { id: link.accountId, email: link.accountEmail, name: link.accountName },
        memberships: pending.session?.memberships ?? [{ orgId: link.orgId, orgName: link.orgName, role: link.role }],
        org: { id: link.orgId, name: link.orgName }, role: link.role,
        device: { id: link.deviceId, name: link.deviceName, code: link.deviceCode, seriesIndex: link.seriesIndex }, sync,
      };
    }
    const session = pending.session;
    return {
      serverUrl: serverUrl(), signedIn: session !== null, account: session?.account ?? null, memberships: session?.memberships ?? [],
      org: null, role: null, device: null, sync: session ? { ...sync, state: 'choosing', summary: 'Choose the organisation for this computer' } : sync,
    };
  }

  const signedIn = (session: SessionAnswer) => {
    pending.session = session;
    pending.poll = null;
    return view();
  };

  async function refreshSession(): Promise<MembershipView[]> {
    if (!pending.session) return [];
    const me = await requireServer().request<SessionAnswer>('GET', '/v1/me', { token: pending.session.sessionToken });
    pending.session = { ...me, sessionToken: pending.session.sessionToken };
    return me.memberships;
  }

  async function join(input: { orgId: string; deviceName: string; replaceLocalBooks: boolean }): Promise<CloudAccountView> {
    if (!pending.session) throw new AppError('invalid_input', 'Sign in first, then choose the organisation.');
    if (cloudLink(ctx.sql)) throw new AppError('conflict', 'This computer is already in an organisation. Sign out first to move it to another.');
    const client = requireServer();
    const here = hasBooks(ctx.sql);
    const answer = await client.request<DeviceAnswer>('POST', `/v1/orgs/${input.orgId}/devices`, {
      token: pending.session.sessionToken, body: { name: input.deviceName, appVersion: process.env.npm_package_version ?? '', schemaVersion: ctx.schemaVersion },
    });
    const probe = await client.request<PullAnswer>('GET', '/v1/sync/pull?cursor=0&limit=1', { token: answer.deviceToken });
    const there = probe.rows.length > 0;
    if (here && there && !input.replaceLocalBooks) {
      // Nothing is merged behind the person's back: two sets of books would give two invoices with one number.
      await client.request('POST', '/v1/device/sign-out', { token: answer.deviceToken }).catch(() => undefined);
      throw new AppError(
        'conflict',
        `${answer.org.name} already has books in Billbook Cloud, and this computer has books of its own. Billbook will not mix the two. ` +
          'Either keep working alone on this computer, or replace its books with the organisation’s (a backup of these books is kept first).',
        { replaceLocalBooks: 'Choose' },
      );
    }
    if (here && there) {
      const file = backup();
      ctx.events.emit('notify', { level: 'info', message: `This computer’s books were saved to ${file} before the organisation’s books replaced them.` });
      clearBooks(ctx);
    }
    ctx.secrets.set('cloudDeviceToken', answer.deviceToken);
    ctx.sql.transaction(() => {
      saveCloudLink(ctx.sql, {
        url: client.url, orgId: answer.org.id, orgName: answer.org.name, deviceId: answer.device.id, deviceName: answer.device.name,
        deviceCode: answer.device.code, seriesIndex: answer.device.seriesIndex, accountId: answer.account.id, accountEmail: answer.account.email,
        accountName: answer.account.name, role: answer.role, joined: true,
      });
      // The computer that brings the organisation its books keeps its plain number series; every other takes its code.
      writeMeta(ctx.sql, 'cloud.plain_series', here && !there ? '1' : answer.device.seriesIndex === 1 && !there ? '1' : '0');
      writeMeta(ctx.sql, CURSOR_KEY, '0');
    });
    // Books that worked alone and settled their outbox (outbox.ts settleAlone) have only the upload
    // to bring what those changes would have: their settings and items, say, to an organisation with books.
    if (here ? !there : readMetaValue(ctx.sql, SETTLED_ALONE_KEY) === '1') queueUpload(ctx);
    pending.session = null;
    engine.start();
    void engine.syncNow().catch(() => undefined);
    return view();
  }

  async function people(): Promise<PeopleAnswer> {
    const { client, token } = linked();
    return client.request<PeopleAnswer>('GET', '/v1/org/people', { token });
  }

  async function devices(): Promise<DeviceView[]> {
    const { client, token } = linked();
    return client.request<DeviceView[]>('GET', '/v1/org/devices', { token });
  }

  async function signOutHere(): Promise<void> {
    engine.stop();
    ctx.secrets.set('cloudDeviceToken', null);
    ctx.sql.transaction(() => {
      saveCloudLink(ctx.sql, null);
      for (const key of [CURSOR_KEY, LAST_SYNCED_KEY, CLOCK_SKEW_KEY]) writeMeta(ctx.sql, key, null);
    });
    ctx.events.emit('sync.status', engine.status());
  }

  return {
    view,
    setServer(url) {
      if (cloudLink(ctx.sql)) throw new AppError('conflict', 'Sign out before changing the server: this computer belongs to an organisation on the current one.');
      let normalised = '';
      try {
        normalised = url.trim() ? normaliseCloudUrl(url) : '';
      } catch {
        throw new AppError('invalid_input', 'That is not a server address. Enter it like cloud.example.co.ke.', { url: 'Not an address' });
      }
      writeMeta(ctx.sql, SERVER_URL_KEY, normalised || null);
      pending.session = null;
      return view();
    },
    async signUp(input) {
      if (input.password.length < 10) throw new AppError('invalid_input', 'Use at least 10 characters for the password.', { password: 'Use at least 10 characters' });
      return signedIn(await requireServer().request<SessionAnswer>('POST', '/v1/auth/sign-up', { body: input }));
    },
    async signIn(input) {
      return signedIn(await requireServer().request<SessionAnswer>('POST', '/v1/auth/sign-in', { body: input }));
    },
    async emailLink(input) {
      const { pollToken } = await requireServer().request<{ pollToken: string }>('POST', '/v1/auth/email-link', { body: input });
      pending.poll = { kind: 'email_link', token: pollToken };
      return { pending: true };
    },
    async sso(input) {
      const answer = await requireServer().request<{ authorizationUrl: string; pollToken: string }>('POST', '/v1/sso/start', { body: input });
      pending.poll = { kind: 'sso', token: answer.pollToken };
      return { authorizationUrl: answer.authorizationUrl };
    },
    async finishSignIn() {
      if (!pending.poll) return { status: 'expired', account: view() };
      const path = pending.poll.kind === 'sso' ? '/v1/sso/poll' : '/v1/auth/email-link/poll';
      const answer = await requireServer().request<PollAnswer>('POST', path, { body: { pollToken: pending.poll.token } });
      if (answer.status === 'done' && answer.session) return { status: 'done', account: signedIn(answer.session) };
      if (answer.status === 'expired') pending.poll = null;
      return { status: answer.status, account: view() };
    },
    async acceptInvitation(token) {
      if (!pending.session) throw new AppError('invalid_input', 'Sign in (or sign up) as the person the invitation was sent to, then paste the code.');
      await requireServer().request('POST', '/v1/invitations/accept', { token: pending.session.sessionToken, body: { token } });
      await refreshSession();
      return view();
    },
    async createOrg(name) {
      if (!pending.session) throw new AppError('invalid_input', 'Sign in first.');
      await requireServer().request('POST', '/v1/orgs', { token: pending.session.sessionToken, body: { name } });
      await refreshSession();
      return view();
    },
    join,
    async signOut() {
      const link = cloudLink(ctx.sql);
      const token = ctx.secrets.get('cloudDeviceToken');
      if (link && token) {
        // Changes not yet sent would be stranded: refuse, and say how many.
        const waiting = (ctx.sql.prepare("SELECT count(*) AS n FROM changes WHERE pushed_at IS NULL AND rows <> '[]'").get() as { n: number }).n;
        if (waiting > 0 && engine.status().state !== 'revoked') {
          throw new AppError('conflict', `${waiting} change${waiting === 1 ? ' has' : 's have'} not reached Billbook Cloud yet. Sync first (the Cloud must be reachable), then sign out.`);
        }
        await cloudClient(link.url).request('POST', '/v1/device/sign-out', { token }).catch(() => undefined);
      }
      pending.session = null;
      await signOutHere();
      return view();
    },
    async removeLocalBooks() {
      const status = engine.status();
      if (status.state !== 'revoked') throw new AppError('conflict', 'Only a computer removed from its organisation removes its copy of the books this way.');
      const file = backup();
      clearBooks(ctx);
      await signOutHere();
      ctx.events.emit('notify', { level: 'info', message: `The organisation’s books were removed from this computer; a backup is at ${file}.` });
      ctx.events.emit('customers.changed', { ids: [] });
      ctx.events.emit('invoices.changed', { ids: [], customerIds: [] });
      return view();
    },
    people,
    async invite(input) {
      const { client, token } = linked();
      await client.request('POST', '/v1/org/invitations', { token, body: input });
      return people();
    },
    async changeRole(accountId, role) {
      const { client, token } = linked();
      return client.request<PeopleAnswer>('PATCH', `/v1/org/people/${accountId}`, { token, body: { role } });
    },
    async removePerson(accountId) {
      const { client, token } = linked();
      await client.request('DELETE', `/v1/org/people/${accountId}`, { token });
      return people();
    },
    async revokeInvitation(invitationId) {
      const { client, token } = linked();
      await client.request('DELETE', `/v1/org/invitations/${invitationId}`, { token });
      return people();
    },
    devices,
    async revokeDevice(deviceId) {
      const { client, token } = linked();
      await client.request('POST', `/v1/org/devices/${deviceId}/revoke`, { token });
      return devices();
    },
    async audit(before) {
      const { client, token } = linked();
      return client.request<AuditEventView[]>('GET', `/v1/org/audit${before ? `?before=${before}` : ''}`, { token });
    },
    async request<T>(method: string, path: string, options: Pick<RequestOptions, 'body' | 'raw'> = {}): Promise<T> {
      const { client, token } = linked();
      try {
        return await client.request<T>(method, path, { ...options, token });
      } catch (error) {
        if (error instanceof CloudUnreachable) throw new AppError('unavailable', `${error.message.split('. ')[0]}. This needs the network: try again once this computer is online.`);
        throw error;
      }
    },
    cloudUrl: () => cloudLink(ctx.sql)?.url ?? null,
  };
}

