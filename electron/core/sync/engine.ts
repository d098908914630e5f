// The main process's background sync (server/PROTOCOL.md): push what changed here, pull what changed
// elsewhere, then wait for a poke from the Cloud, a local change, a minute, or "Sync now". When the
// Cloud cannot be reached it waits with backoff and jitter and spends nothing; everything it needs
// to carry on after a crash (what was acknowledged, the pull cursor) is in the books.
import type { SyncStatus } from '../../../shared/channels/cloud';
import type { WhoAmI } from '../../../shared/cloud/api';
import type { ClaimsAnswer, PullAnswer, PushAnswer } from '../../../shared/sync/protocol';
import { MAX_PUSH_MUTATIONS } from '../../../shared/sync/protocol';
import type { SyncRow, SyncedTableName } from '../../../shared/sync/tables';
import type { CoreContext } from '../context';
import { forgetParsedSettings } from '../settings/service';
import { thankCloudPayments } from '../cloudPayments/thanks';
import { applyPulledRows, forceCloudState, type Applied } from './apply';
import { cloudClient, CloudRefused, CloudUnreachable, type CloudClient } from './client';
import { acknowledge, nextBatch, pendingCount, renumberAfter } from './outbox';
import { tellHeldShortfalls } from './overapplied';
import { recordProblem, openProblemCount } from './problems';
import { recordBackground } from './track';
import { CLOCK_SKEW_KEY, cloudLink, CURSOR_KEY, LAST_SYNCED_KEY, readMetaValue, saveCloudLink, writeMeta } from './state';

/** Set while this computer's first download of the organisation's books is under way. */
const FIRST_DOWNLOAD_KEY = 'sync.first_download';

export interface SyncEngineOptions {
  /** Pull at least this often without a poke (default a minute). */
  pollMs?: number;
  /** Backoff bounds while the Cloud is unreachable (default 1 s to 5 min). */
  backoff?: { firstMs: number; maxMs: number };
  /** Changes per push (default 500). */
  batch?: number;
  /** Rows per pull page (default 2,000). */
  page?: number;
  random?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export interface SyncEngine {
  start(): void;
  stop(): void;
  /** Runs a round now (or right after the one under way); resolves when it is done. */
  syncNow(): Promise<SyncStatus>;
  status(): SyncStatus;
  /** A local change was made: sync soon. */
  nudge(): void;
}

type Phase = 'idle' | 'syncing' | 'offline' | 'problem' | 'revoked' | 'signed_out';

const ROUND_PAUSE_MS = 400;

export function createSyncEngine(ctx: CoreContext, options: SyncEngineOptions = {}): SyncEngine {
  const pollMs = options.pollMs ?? 60_000;
  const backoff = options.backoff ?? { firstMs: 1_000, maxMs: 5 * 60_000 };
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => undefined);
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<void> | null = null;
  let again = false;
  let failures = 0;
  let phase: Phase = 'idle';
  let message: string | null = null;
  let toDownload = 0;
  let events: AbortController | null = null;
  let eventsFailures = 0;
  let lastWhoAmI = 0;

  const token = () => ctx.secrets.get('cloudDeviceToken');
  const client = (): CloudClient | null => {
    const link = cloudLink(ctx.sql);
    return link?.joined ? cloudClient(link.url) : null;
  };

  function status(): SyncStatus {
    const link = cloudLink(ctx.sql);
    const pending = link ? pendingCount(ctx.sql) : 0;
    const lastSyncedAt = readMetaValue(ctx.sql, LAST_SYNCED_KEY);
    const clockSkewMs = Number(readMetaValue(ctx.sql, CLOCK_SKEW_KEY) ?? '0');
    const problems = link ? openProblemCount(ctx.sql) : 0;
    if (!link) return { state: 'local', summary: 'Not synced: these books are on this computer only', lastSyncedAt: null, pending: 0, toDownload: 0, problems: 0, clockSkewMs: 0, message: null };
    if (!link.joined) return { state: 'needs_choice', summary: 'Choose what to do with the books on this computer', lastSyncedAt, pending, toDownload, problems, clockSkewMs, message };
    const at = lastSyncedAt ? new Date(lastSyncedAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }) : null;
    const waiting = `${pending} change${pending === 1 ? '' : 's'} waiting`;
    switch (phase) {
      case 'revoked': return { state: 'revoked', summary: 'This computer was removed from the organisation', lastSyncedAt, pending, toDownload, problems, clockSkewMs, message };
      case 'signed_out': return { state: 'signed_out', summary: 'Signed out: sign in again to sync', lastSyncedAt, pending, toDownload, problems, clockSkewMs, message };
      case 'offline': return { state: 'offline', summary: pending > 0 ? `Offline · ${waiting}` : `Offline${at ? ` · last synced ${at}` : ''}`, lastSyncedAt, pending, toDownload, problems, clockSkewMs, message };
      case 'syncing': return { state: 'syncing', summary: toDownload > 0 ? `Syncing · ${toDownload.toLocaleString('en-GB')} to download` : pending > 0 ? `Syncing · ${pending} to send` : 'Syncing…', lastSyncedAt, pending, toDownload, problems, clockSkewMs, message };
      default:
        if (problems > 0) return { state: 'problem', summary: `${problems} sync problem${problems === 1 ? '' : 's'} to look at`, lastSyncedAt, pending, toDownload, problems, clockSkewMs, message };
        return { state: 'synced', summary: at ? `Synced ${at}` : 'Synced', lastSyncedAt, pending, toDownload, problems, clockSkewMs, message };
    }
  }

  let lastAnnounced = '';
  const announce = () => {
    const now = status();
    const key = JSON.stringify({ ...now, lastSyncedAt: null });
    if (key === lastAnnounced) return;
    lastAnnounced = key;
    ctx.events.emit('sync.status', now);
  };

  const schedule = (ms: number) => {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void runRound(), ms);
    timer.unref?.();
  };

  function announceApplied(applied: Applied): void {
    if (applied.rows === 0) return;
    forgetParsedSettings(ctx);
    ctx.events.emit('sync.applied', { customerIds: [...applied.customers], invoiceIds: [...applied.invoices] });
    ctx.events.emit('customers.changed', { ids: [...applied.customers] });
    ctx.events.emit('invoices.changed', { ids: [...applied.invoices], customerIds: [...applied.customers] });
    ctx.events.emit('settings.changed', {});
  }

  async function refreshWho(c: CloudClient, t: string): Promise<void> {
    if (Date.now() - lastWhoAmI < 60_000) return;
    const who = await c.request<WhoAmI>('GET', '/v1/device', { token: t });
    lastWhoAmI = Date.now();
    const link = cloudLink(ctx.sql)!;
    if (who.role !== link.role || who.org.name !== link.orgName) saveCloudLink(ctx.sql, { ...link, role: who.role, orgName: who.org.name });
  }

  async function push(c: CloudClient, t: string): Promise<void> {
    recordBackground(ctx);
    for (;;) {
      const batch = nextBatch(ctx.sql, options.batch ?? Math.min(500, MAX_PUSH_MUTATIONS));
      if (batch.length === 0) return;
      let answer: PushAnswer;
      try {
        answer = await c.request<PushAnswer>('POST', '/v1/sync/push', { token: t, body: { schemaVersion: ctx.schemaVersion, clientTime: ctx.clock.now().toISOString(), mutations: batch } });
      } catch (error) {
        const serverLast = error instanceof CloudRefused && error.status === 409 ? Number(error.fields?.lastMutationId) : NaN;
        if (Number.isInteger(serverLast)) {
          // The Cloud counts from elsewhere (a lost answer, or books restored from a backup).
          renumberAfter(ctx.sql, serverLast);
          continue;
        }
        throw error;
      }
      const at = ctx.clock.now().toISOString();
      if (answer.lastMutationId > batch[batch.length - 1]!.id) {
        // The Cloud has seen later changes from this computer than these books remember: they were
        // restored from a backup. Send what is new after the Cloud's count, and fetch everything again.
        renumberAfter(ctx.sql, answer.lastMutationId);
        ctx.sql.transaction(() => writeMeta(ctx.sql, CURSOR_KEY, '0'));
        continue;
      }
      if (answer.restamped.length > 0) adoptRestamps(answer.restamped);
      if (answer.refused.length > 0) {
        const entries = answer.refused.flatMap((r) => {
          const sent = batch.find((m) => m.id === r.id);
          const keys = new Map<string, { table: SyncedTableName; id: string; row: SyncRow | null }>();
          for (const row of sent?.rows ?? []) keys.set(`${row.table}\u0000${row.id}`, { table: row.table, id: row.id, row: null });
          for (const row of r.rows) keys.set(`${row.table}\u0000${row.id}`, { table: row.table, id: row.id, row });
          // Undone whole: its history entry goes with it (the sync problem says what happened).
          return [...keys.values()];
        });
        announceApplied(forceCloudState(ctx, entries));
        for (const r of answer.refused) {
          const sent = batch.find((m) => m.id === r.id);
          const main = sent?.rows.find((row) => row.table !== 'audit_log');
          recordProblem(ctx, { kind: 'refused', code: r.code, message: r.message, mutation: sent?.name ?? null, entity: main?.table ?? null, entityId: main?.id ?? null });
        }
      }
      writeMeta(ctx.sql, CLOCK_SKEW_KEY, String(answer.clockSkewMs));
      if (answer.clockSkewMs > 0) {
        const days = answer.clockSkewMs / 86_400_000;
        const ahead = days >= 1 ? `${Math.round(days)} day${Math.round(days) === 1 ? '' : 's'}` : `${Math.round(answer.clockSkewMs / 60_000)} minutes`;
        recordProblem(ctx, {
          kind: 'clock', code: 'clock', entity: null, entityId: null, mutation: null,
          message: `This computer’s clock is ${ahead} ahead of Billbook Cloud. Its changes still went up, stamped with the Cloud’s time. Set the date and time right (automatic time is best).`,
        }, { once: true });
      }
      acknowledge(ctx.sql, answer.lastMutationId, at);
    }
  }

  function adoptRestamps(restamped: PushAnswer['restamped']): void {
    ctx.sql.transaction(() => {
      const rows = ctx.sql.prepare('SELECT tbl, row_id, stamps FROM sync_stamps WHERE stamps LIKE ?');
      const write = ctx.sql.prepare('UPDATE sync_stamps SET stamps = ? WHERE tbl = ? AND row_id = ?');
      for (const r of restamped) {
        for (const row of rows.all(`%${r.from}%`) as { tbl: string; row_id: string; stamps: string }[]) {
          write.run(row.stamps.split(r.from).join(r.to), row.tbl, row.row_id);
        }
      }
    });
  }

  async function pull(c: CloudClient, t: string): Promise<void> {
    // A first download: nothing synced here yet. Noted in the books, so one interrupted and taken up
    // again later is still one (and a restore from a backup, which pulls from 0 again, is not).
    if (Number(readMetaValue(ctx.sql, CURSOR_KEY) ?? '0') === 0 && !ctx.sql.prepare('SELECT 1 FROM sync_stamps LIMIT 1').get()) {
      writeMeta(ctx.sql, FIRST_DOWNLOAD_KEY, '1');
    }
    for (;;) {
      const cursor = Number(readMetaValue(ctx.sql, CURSOR_KEY) ?? '0');
      const answer = await c.request<PullAnswer>('GET', `/v1/sync/pull?cursor=${cursor}&limit=${options.page ?? 2_000}`, { token: t });
      toDownload = answer.more ? Math.max(0, answer.version - answer.cursor) : 0;
      const applied = applyPulledRows(ctx, answer.rows);
      ctx.sql.transaction(() => writeMeta(ctx.sql, CURSOR_KEY, String(answer.cursor)));
      announceApplied(applied);
      announce();
      if (!answer.more) break;
    }
    // Once every page is in: a reversal's rows may come a page apart.
    tellHeldShortfalls(ctx, readMetaValue(ctx.sql, FIRST_DOWNLOAD_KEY) !== '1');
    writeMeta(ctx.sql, FIRST_DOWNLOAD_KEY, null);
    await thankCloudPayments(ctx, (keys) => c.request<ClaimsAnswer>('POST', '/v1/sync/claims', { token: t, body: { keys } }))
      .catch((error: unknown) => log('Thanking customers for payments the Cloud recorded failed; it is tried again next sync', error));
  }

  function listen(c: CloudClient, t: string): void {
    if (events || !running) return;
    const controller = new AbortController();
    events = controller;
    void c
      .events('/v1/sync/events', t, (name) => {
        eventsFailures = 0;
        if (name === 'poke') nudge();
      }, controller.signal)
      .catch((error: unknown) => {
        if (error instanceof CloudRefused && (error.code === 'revoked' || error.code === 'unauthorized')) return;
        eventsFailures += 1;
      })
      .finally(() => {
        if (events === controller) events = null;
        // The stream ended (a proxy timeout, the Cloud restarting): open it again, a little later each time.
        if (running && !controller.signal.aborted) setTimeout(() => nudge(), Math.min(60_000, 1_000 * 2 ** Math.min(eventsFailures, 6))).unref?.();
      });
  }

  async function once(): Promise<void> {
    if (!running) return;
    const c = client();
    const t = token();
    if (!c) return;
    if (!t) {
      phase = 'signed_out';
      message = 'This computer has no Billbook Cloud sign-in. Sign in again under Settings → Account & sync.';
      return;
    }
    if (!ctx.network.isOnline()) {
      phase = 'offline';
      message = 'This computer is offline.';
      return;
    }
    phase = 'syncing';
    announce();
    try {
      await refreshWho(c, t);
      await push(c, t);
      await pull(c, t);
      // What others changed meanwhile may have been refused to us: one more push if anything waits.
      if (pendingCount(ctx.sql) > 0) await push(c, t);
      failures = 0;
      phase = 'idle';
      message = null;
      writeMeta(ctx.sql, LAST_SYNCED_KEY, ctx.clock.now().toISOString());
      listen(c, t);
    } catch (error) {
      if (!running) return;
      if (error instanceof CloudUnreachable) {
        failures += 1;
        phase = 'offline';
        message = error.message;
        return;
      }
      if (error instanceof CloudRefused && error.code === 'revoked') {
        phase = 'revoked';
        message = error.message;
        recordProblem(ctx, { kind: 'revoked', code: 'revoked', message: `${error.message} You can remove its copy of the books (a backup is kept) under Settings → Account & sync.`, mutation: null, entity: null, entityId: null }, { once: true });
        return;
      }
      if (error instanceof CloudRefused && error.code === 'unauthorized') {
        phase = 'signed_out';
        message = error.message;
        return;
      }
      failures += 1;
      phase = 'problem';
      message = (error as Error).message;
      log('Sync round failed', error);
    }
  }

  async function runRound(): Promise<void> {
    if (!running) return;
    if (round) {
      again = true;
      return round;
    }
    round = (async () => {
      do {
        again = false;
        await once();
        // The books closed while the round was out talking to the Cloud: nothing more to do here.
        if (!running) return;
        announce();
      } while (again && running && phase !== 'revoked' && phase !== 'signed_out');
    })().catch((error: unknown) => {
      if (running) log('Sync round failed', error);
    }).finally(() => {
      round = null;
      if (phase === 'revoked' || phase === 'signed_out') {
        events?.abort();
        return;
      }
      const wait = failures > 0 ? Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(failures - 1, 20)) * (0.5 + random()) : pollMs;
      schedule(wait);
    });
    return round;
  }

  let nudgeTimer: NodeJS.Timeout | null = null;
  function nudge(): void {
    if (!running || nudgeTimer) return;
    nudgeTimer = setTimeout(() => {
      nudgeTimer = null;
      void runRound();
    }, ROUND_PAUSE_MS);
    nudgeTimer.unref?.();
  }

  return {
    start() {
      if (running) return;
      running = true;
      phase = 'idle';
      schedule(0);
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      if (nudgeTimer) clearTimeout(nudgeTimer);
      timer = null;
      nudgeTimer = null;
      events?.abort();
      events = null;
    },
    async syncNow() {
      if (!running) {
        running = true;
        phase = 'idle';
      }
      failures = 0;
      lastWhoAmI = 0;
      await runRound();
      if (again || round) await runRound();
      return status();
    },
    status,
    nudge,
  };
}

