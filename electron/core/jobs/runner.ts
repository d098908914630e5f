// The worker loop: takes due jobs provider by provider inside the rate limit and the circuit
// breaker, runs them with a lease, and turns every failure into the queue's next step.
import { MAX_RATE_LIMITED, PROVIDER_LABELS, PROVIDERS, type JobKind, type JobList, type JobView, type Provider, type ProviderStatus } from '../../../shared/domain/jobs';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import { DEFAULT_BACKOFF, rateLimitDelayMs, retryDelayMs, type BackoffPolicy } from './backoff';
import { CircuitBreaker, DEFAULT_BREAKER, type BreakerPolicy } from './breaker';
import { maskDeep } from '../secrets';
import { asJobFailure, JobFailure } from './failure';
import { TokenBucket } from './rateLimit';
import * as repo from './repo';
import { toJobView } from './view';

export interface JobAttempt {
  job: repo.JobRow;
  payload: unknown;
  /** 1 for the first attempt. */
  attempt: number;
  /** Aborted when the job is cancelled or the app stops. */
  signal: AbortSignal;
  progress(fraction: number, label: string): void;
}

export interface JobOutcome {
  result: unknown;
  /** Runs in the transaction that marks the job done, so its effect lands exactly once. */
  commit?: () => void;
  /** Runs after that transaction (announcements). */
  after?: () => void;
}

export type JobHandler = (attempt: JobAttempt) => Promise<JobOutcome>;

export interface ProviderPolicy {
  requestsPerMinute(): number;
  maxConcurrent: number;
  /** Null when jobs can run; otherwise why not, in words a person can act on. */
  blockedReason(): string | null;
  /**
   * Jobs run strictly in the order they were queued, one at a time: a job waiting for its retry
   * holds the line instead of being overtaken (KRA eTIMS wants a branch's documents in order).
   * A failed or cancelled job leaves the line; Retry puts it back in its old place.
   */
  ordered?: boolean;
}

export interface EnqueueInput {
  kind: JobKind;
  provider: Provider;
  payload: unknown;
  priority?: number;
  idempotencyKey?: string;
  maxAttempts?: number;
  subjectId?: string;
  subjectLabel?: string;
  batchId?: string;
  /** Queue time (ms, see currentTime) before which it does not run: a scheduled send. */
  runAt?: number;
}

export interface JobRunnerOptions {
  handlers: Partial<Record<JobKind, JobHandler>>;
  providers: Record<Provider, ProviderPolicy>;
  /** Wall time in ms. Separate from the business clock: backoff and leases need time that moves. */
  now?: () => number;
  random?: () => number;
  leaseMs?: number;
  backoff?: BackoffPolicy;
  breaker?: BreakerPolicy;
  /** How long a provider that could not be reached is left alone before the next try. */
  offlineRecheckMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export class JobRunner {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly leaseMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly offlineRecheckMs: number;
  private readonly owner: string;
  private claims = 0;
  private readonly breakers = new Map<Provider, CircuitBreaker>();
  private readonly buckets = new Map<Provider, TokenBucket>();
  private readonly inFlight = new Map<Provider, number>();
  private readonly running = new Map<string, { holder: string; abort: AbortController; heartbeat: NodeJS.Timeout; done: Promise<void> }>();
  /** A provider that could not be reached is treated as offline until this time. */
  private readonly unreachable = new Map<Provider, { until: number; reason: string }>();
  /** Jobs added since the last wake, announced once their transaction has committed. */
  private readonly added: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private sweepTimer: NodeJS.Timeout | null = null;
  private started = false;
  private stopping = false;
  private pumping = false;
  private pumpAgain = false;

  constructor(private readonly ctx: CoreContext, private readonly options: JobRunnerOptions) {
    this.now = options.now ?? (() => Date.now());
    this.random = options.random ?? Math.random;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.offlineRecheckMs = options.offlineRecheckMs ?? 10_000;
    this.owner = newId(ctx.clock);
    for (const provider of PROVIDERS) {
      this.breakers.set(provider, new CircuitBreaker(options.breaker ?? DEFAULT_BREAKER));
      this.buckets.set(provider, new TokenBucket(options.providers[provider].requestsPerMinute(), 1, this.now()));
      this.inFlight.set(provider, 0);
    }
  }

  /** Recovers jobs whose process died mid-run, then starts working. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.sweepLeases();
    // The sweep also looks for work: jobs another process added, or a wake that was missed.
    this.sweepTimer = setInterval(() => {
      this.sweepLeases();
      this.pump();
    }, Math.max(1000, this.leaseMs));
    this.sweepTimer.unref();
    this.wake();
  }

  /**
   * Stops taking jobs. Attempts under way are abandoned and their jobs queued again with the
   * attempt given back, at once, so the books can be closed right after.
   */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const run of this.running.values()) {
      clearInterval(run.heartbeat);
      run.abort.abort(new JobFailure('offline', 'Billbook is closing'));
    }
    if (!this.started) return;
    try {
      const released = this.ctx.sql.transaction(() => repo.releaseOwned(this.ctx.sql, this.owner, this.now()));
      for (const row of released) this.announce(row);
    } catch (error) {
      this.options.log?.('Could not hand back running jobs', error);
    }
  }

  /** The queue's own time (ms), which run_at is written in. */
  currentTime(): number {
    return this.now();
  }

  /** Resolves when attempts under way have settled (tests and benchmarks wait for quiet). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  /** Adds a job (or returns the one already under its idempotency key). May run inside the caller's transaction; call wake() after it commits. */
  enqueue(input: EnqueueInput): JobView {
    if (input.idempotencyKey) {
      const existing = repo.findByIdempotencyKey(this.ctx.sql, input.idempotencyKey);
      if (existing) return toJobView(existing);
    }
    const id = newId(this.ctx.clock);
    const now = this.now();
    repo.insertJob(this.ctx.sql, {
      id, kind: input.kind, provider: input.provider, payload: input.payload, priority: input.priority ?? 0,
      idempotencyKey: input.idempotencyKey ?? null, maxAttempts: input.maxAttempts ?? 5, runAt: Math.max(now, input.runAt ?? now),
      subjectId: input.subjectId ?? null, subjectLabel: input.subjectLabel ?? '', batchId: input.batchId ?? null, now,
    });
    this.added.push(id);
    return toJobView(repo.getJob(this.ctx.sql, id)!);
  }

  /** Announces new jobs and looks for work (after an enqueue, a settings change, the network coming back). */
  wake(): void {
    for (const id of this.added.splice(0)) {
      // A job whose transaction rolled back is simply not there.
      const row = repo.getJob(this.ctx.sql, id);
      if (row) this.announce(row);
    }
    if (!this.started || this.stopping) return;
    queueMicrotask(() => this.pump());
  }

  list(filter: repo.JobFilter): JobList {
    return {
      jobs: repo.listJobs(this.ctx.sql, filter).map(toJobView),
      counts: repo.countByState(this.ctx.sql),
      providers: PROVIDERS.map((p) => this.providerStatus(p)),
    };
  }

  get(id: string): JobView {
    const row = repo.getJob(this.ctx.sql, id);
    if (!row) throw new AppError('not_found', 'That job no longer exists.');
    return toJobView(row);
  }

  cancel(id: string): JobView {
    const row = this.ctx.sql.transaction(() => repo.cancel(this.ctx.sql, id, this.now()));
    if (!row) {
      const current = this.get(id);
      throw new AppError('conflict', `This job has already ${current.state === 'succeeded' ? 'finished' : current.state}; there is nothing to cancel.`);
    }
    this.running.get(id)?.abort.abort(new JobFailure('permanent', 'Cancelled'));
    this.announce(row);
    return toJobView(row);
  }

  /** Cancels every job of a kind for one subject that has not finished (a draft finalized or discarded ends its refinement). */
  cancelForSubject(subjectId: string, kind: JobKind): number {
    const live = this.ctx.sql
      .prepare("SELECT id FROM jobs WHERE subject_id = ? AND kind = ? AND state IN ('queued', 'running', 'offline')")
      .all(subjectId, kind) as { id: string }[];
    for (const { id } of live) {
      try {
        this.cancel(id);
      } catch {
        // Finished meanwhile: nothing left to end.
      }
    }
    return live.length;
  }

  retryNow(id: string): JobView {
    const row = this.ctx.sql.transaction(() => repo.retryNow(this.ctx.sql, id, this.now()));
    if (!row) {
      const current = this.get(id);
      throw new AppError('conflict', current.state === 'running' ? 'This job is running now.' : 'This job has already finished.');
    }
    // A person asking to retry is a fresh reason to try an unreachable provider at once.
    this.unreachable.delete(row.provider as Provider);
    this.announce(row);
    this.wake();
    return toJobView(row);
  }

  providerStatus(provider: Provider): ProviderStatus {
    const now = this.now();
    const breaker = this.breakers.get(provider)!;
    const reason = this.blockedReason(provider, now);
    const openUntil = breaker.openUntilTime();
    return {
      provider,
      breaker: breaker.state(now),
      openUntil: openUntil === null ? null : new Date(openUntil).toISOString(),
      consecutiveFailures: breaker.consecutiveFailures,
      requestsPerMinute: this.options.providers[provider].requestsPerMinute(),
      ready: reason === null,
      notReadyReason: reason,
    };
  }

  private blockedReason(provider: Provider, now: number): string | null {
    const own = this.options.providers[provider].blockedReason();
    if (own) return own;
    const away = this.unreachable.get(provider);
    if (away && now < away.until) return away.reason;
    return null;
  }

  private announce(row: repo.JobRow): void {
    this.ctx.events.emit('jobs.changed', { job: toJobView(row) });
  }

  private sweepLeases(): void {
    if (this.stopping) return;
    try {
      // Our own attempts are alive, however late their heartbeat (a laptop waking from sleep): they
      // are never taken over by this process's sweep.
      for (const [id, run] of this.running) repo.extendLease(this.ctx.sql, id, run.holder, this.now() + this.leaseMs);
      const recovered = this.ctx.sql.transaction(() => repo.recoverExpiredLeases(this.ctx.sql, this.now()));
      for (const row of recovered) this.announce(row);
    } catch (error) {
      this.options.log?.('Job lease sweep failed', error);
    }
  }

  private schedule(at: number): void {
    if (this.stopping || !Number.isFinite(at)) return;
    if (this.timer && at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(0, at - this.now()));
    this.timer.unref();
  }

  private pump(): void {
    if (!this.started || this.stopping) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        for (const provider of PROVIDERS) this.pumpProvider(provider);
      } while (this.pumpAgain);
    } catch (error) {
      this.options.log?.('The job queue could not look for work', error);
      this.schedule(this.now() + 1000);
    } finally {
      this.pumping = false;
    }
  }

  private pumpProvider(provider: Provider): void {
    const policy = this.options.providers[provider];
    const sql = this.ctx.sql;
    const now = this.now();
    const blocked = this.blockedReason(provider, now);
    const reason = blocked === null ? null : this.ctx.mask(blocked);
    if (reason) {
      const parked = sql.transaction(() => repo.parkOffline(sql, provider, reason, now));
      for (const row of parked) this.announce(row);
      // Only work that is waiting is worth checking on again; an idle queue sleeps.
      if (repo.hasWaiting(sql, provider)) {
        const away = this.unreachable.get(provider);
        this.schedule(away && away.until > now ? away.until : now + this.offlineRecheckMs);
      }
      return;
    }
    const back = sql.transaction(() => repo.unparkOffline(sql, provider, now));
    for (const row of back) this.announce(row);

    const bucket = this.buckets.get(provider)!;
    bucket.setRate(policy.requestsPerMinute());
    const breaker = this.breakers.get(provider)!;
    const limit = policy.ordered ? 1 : policy.maxConcurrent;
    while ((this.inFlight.get(provider) ?? 0) < limit) {
      const due = policy.ordered ? this.headOfLine(provider) : repo.nextDue(sql, provider, this.now());
      if (!due) {
        // An ordered provider waits for its head: a running one wakes the queue when it ends.
        const head = policy.ordered ? repo.headOfLine(sql, provider) : undefined;
        const next = policy.ordered ? (head && head.row.state === 'queued' ? head.runAt : null) : repo.earliestRunAt(sql, provider);
        if (next !== null) this.schedule(next);
        return;
      }
      const wait = bucket.waitMs(this.now());
      if (wait > 0) return this.schedule(this.now() + wait);
      const holder = `${this.owner}:${++this.claims}`;
      const blocked = breaker.blockedUntil(this.now());
      if (blocked !== null || !breaker.allow(this.now(), holder)) return this.schedule(blocked ?? this.now() + 1000);
      const claimed = sql.transaction(() => repo.claim(sql, due.id, holder, this.now() + this.leaseMs, this.now()));
      if (!claimed) {
        breaker.onNeutral(holder);
        continue;
      }
      bucket.take(this.now());
      this.run(provider, claimed, holder);
    }
  }

  /** An ordered provider's first job in line, when it is due now (and none of its jobs runs). */
  private headOfLine(provider: Provider): repo.JobRow | undefined {
    const head = repo.headOfLine(this.ctx.sql, provider);
    if (!head || head.row.state !== 'queued' || head.runAt > this.now()) return undefined;
    return head.row;
  }

  private run(provider: Provider, job: repo.JobRow, holder: string): void {
    const handler = this.options.handlers[job.kind as JobKind];
    const abort = new AbortController();
    this.inFlight.set(provider, (this.inFlight.get(provider) ?? 0) + 1);
    this.announce(job);
    const heartbeat = setInterval(() => {
      try {
        // The claim is gone (cancelled elsewhere, or taken over): stop working for nothing.
        if (!repo.extendLease(this.ctx.sql, job.id, holder, this.now() + this.leaseMs)) abort.abort(new JobFailure('permanent', 'This job was cancelled or taken over'));
      } catch (error) {
        this.options.log?.('Could not extend a job lease', error);
      }
    }, Math.max(250, Math.floor(this.leaseMs / 3)));
    heartbeat.unref();
    const done = (async () => {
      let outcome: JobOutcome | null = null;
      let failure: JobFailure | null = null;
      try {
        if (!handler) throw new JobFailure('permanent', `This version of Billbook cannot run "${job.kind}" jobs.`);
        outcome = await handler({
          job, payload: JSON.parse(job.payload) as unknown, attempt: job.attempts, signal: abort.signal,
          progress: (fraction, label) => this.progress(job.id, holder, fraction, label),
        });
      } catch (error) {
        failure = abort.signal.aborted && abort.signal.reason instanceof JobFailure ? abort.signal.reason : asJobFailure(error);
      }
      if (this.stopping) return;
      // Saving the answer is apart from getting it: a save that fails is not the provider's failure.
      if (outcome) this.succeed(provider, job, holder, outcome);
      else this.fail(provider, job, holder, failure!);
    })()
      .catch((error: unknown) => this.options.log?.(`Job ${job.id} could not be recorded`, error))
      .finally(() => {
        clearInterval(heartbeat);
        if (this.running.get(job.id)?.holder === holder) this.running.delete(job.id);
        this.inFlight.set(provider, (this.inFlight.get(provider) ?? 1) - 1);
        this.wake();
      });
    this.running.set(job.id, { holder, abort, heartbeat, done });
  }

  private progress(id: string, holder: string, fraction: number, label: string): void {
    const clamped = Math.min(1, Math.max(0, fraction));
    if (repo.setProgress(this.ctx.sql, id, holder, clamped, label, this.now())) this.ctx.events.emit('jobs.progress', { id, progress: clamped, label });
  }

  private succeed(provider: Provider, job: repo.JobRow, holder: string, outcome: JobOutcome): void {
    const sql = this.ctx.sql;
    this.breakers.get(provider)!.onSuccess();
    this.buckets.get(provider)!.speedUp();
    this.unreachable.delete(provider);
    let landed = false;
    try {
      landed = sql.transaction(() => {
        // Cancelled or retried meanwhile, or taken over after a lost lease: this result is not ours to keep.
        if (!repo.stillHeld(sql, job.id, holder)) return false;
        outcome.commit?.();
        repo.markSucceeded(sql, job.id, maskDeep(outcome.result, this.ctx.mask), this.now());
        return true;
      });
    } catch (error) {
      // The transaction rolled back whole; the answer cannot be kept, and asking again would not help.
      const reason = error instanceof AppError ? error.message : 'an unexpected error';
      if (!(error instanceof AppError)) this.options.log?.(`Job ${job.id} could not save its result`, error);
      const row = sql.transaction(() => {
        if (!repo.stillHeld(sql, job.id, holder)) return undefined;
        repo.markFailed(sql, job.id, `The answer arrived but could not be saved: ${reason}`, 'permanent', this.now());
        return repo.getJob(sql, job.id);
      });
      if (row) this.announce(row);
      return;
    }
    if (!landed) return;
    this.announce(repo.getJob(sql, job.id)!);
    try {
      outcome.after?.();
    } catch (error) {
      this.options.log?.('A finished job could not announce itself', error);
    }
  }

  private fail(provider: Provider, job: repo.JobRow, holder: string, given: JobFailure): void {
    // A provider's words may echo a key or password: masked before they are kept or shown.
    const failure = new JobFailure(given.failureClass, this.ctx.mask(given.message), given.retryAfterMs, given.outcomeUnknown);
    const sql = this.ctx.sql;
    const now = this.now();
    const breaker = this.breakers.get(provider)!;
    if (failure.failureClass === 'transient') breaker.onFailure(now, holder);
    else breaker.onNeutral(holder);
    if (failure.failureClass === 'rate_limit') this.buckets.get(provider)!.slowDown();
    const row = sql.transaction(() => {
      if (!repo.stillHeld(sql, job.id, holder)) return undefined;
      switch (failure.failureClass) {
        case 'offline':
          this.unreachable.set(provider, { until: now + this.offlineRecheckMs, reason: failure.message });
          repo.requeue(sql, job.id, 'offline', now, failure.message, 'offline', true, now);
          break;
        case 'permanent':
          repo.markFailed(sql, job.id, failure.message, 'permanent', now);
          break;
        case 'rate_limit':
          // The provider pacing us is not the job failing: it waits as told and spends no attempt,
          // up to a cap of its own so a key that is never let through still ends.
          if (job.rate_limited + 1 >= MAX_RATE_LIMITED) {
            repo.markFailed(sql, job.id, `Gave up after ${PROVIDER_LABELS[provider]} rate limited this job ${job.rate_limited + 1} times. Last answer: ${failure.message} Lower the ${provider === 'gemini' ? 'requests' : 'messages'} per minute in Settings, or try later.`, 'rate_limit', now);
          } else {
            const delay = rateLimitDelayMs(job.rate_limited + 1, this.backoff, this.random, failure.retryAfterMs);
            repo.requeue(sql, job.id, 'queued', now + delay, failure.message, 'rate_limit', true, now);
          }
          break;
        default:
          if (job.attempts >= job.max_attempts) {
            repo.markFailed(sql, job.id, `Gave up after ${job.attempts} attempts. Last error: ${failure.message}`, failure.failureClass, now);
          } else {
            const delay = retryDelayMs(job.attempts, this.backoff, this.random, failure.retryAfterMs);
            repo.requeue(sql, job.id, 'queued', now + delay, failure.message, failure.failureClass, false, now);
          }
      }
      return repo.getJob(sql, job.id);
    });
    if (row) this.announce(row);
  }
}
