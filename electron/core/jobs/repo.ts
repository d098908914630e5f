// SQL for the job queue. Every function is one statement (or one small read-then-write the
// caller wraps in a transaction).
import type { FailureClass, JobKind, JobState, Provider } from '../../../shared/domain/jobs';
import type { Sql } from '../db/sql';
import type { JobsTable } from '../db/schema';

export type JobRow = Omit<JobsTable, 'seq'> & { seq: number };

const iso = (ms: number) => new Date(ms).toISOString();

export interface NewJob {
  id: string;
  kind: JobKind;
  provider: Provider;
  payload: unknown;
  priority: number;
  idempotencyKey: string | null;
  maxAttempts: number;
  runAt: number;
  subjectId: string | null;
  subjectLabel: string;
  batchId: string | null;
  now: number;
}

export function findByIdempotencyKey(sql: Sql, key: string): JobRow | undefined {
  return sql.prepare('SELECT * FROM jobs WHERE idempotency_key = ?').get(key) as JobRow | undefined;
}

export function insertJob(sql: Sql, job: NewJob): void {
  sql
    .prepare(
      `INSERT INTO jobs (id, kind, provider, state, priority, payload, idempotency_key, attempts, max_attempts, run_at,
         subject_id, subject_label, batch_id, created_at, updated_at)
       VALUES (?, ?, ?, 'queued', ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(job.id, job.kind, job.provider, job.priority, JSON.stringify(job.payload), job.idempotencyKey, job.maxAttempts, iso(job.runAt),
      job.subjectId, job.subjectLabel, job.batchId, iso(job.now), iso(job.now));
}

export function getJob(sql: Sql, id: string): JobRow | undefined {
  return sql.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
}

/** The next job of a provider that may run now: highest priority, then the longest waiting. */
export function nextDue(sql: Sql, provider: Provider, now: number): JobRow | undefined {
  return sql
    .prepare(
      `SELECT * FROM jobs INDEXED BY jobs_runnable WHERE state = 'queued' AND provider = ? AND run_at <= ?
       ORDER BY priority DESC, run_at, seq LIMIT 1`,
    )
    .get(provider, iso(now)) as JobRow | undefined;
}

/**
 * The first job in line of an ordered provider: the earliest queued (or running) one, whatever its
 * run_at. With its run time in ms, so the worker can wait for it rather than run the one behind it.
 */
export function headOfLine(sql: Sql, provider: Provider): { row: JobRow; runAt: number } | undefined {
  const row = sql
    .prepare("SELECT * FROM jobs WHERE state IN ('queued', 'running') AND provider = ? ORDER BY seq LIMIT 1")
    .get(provider) as JobRow | undefined;
  return row ? { row, runAt: Date.parse(row.run_at) } : undefined;
}

/** When the provider's next queued job becomes due, or null when none is queued. */
export function earliestRunAt(sql: Sql, provider: Provider): number | null {
  const row = sql.prepare("SELECT min(run_at) AS at FROM jobs WHERE state = 'queued' AND provider = ?").get(provider) as { at: string | null };
  return row.at ? Date.parse(row.at) : null;
}

/**
 * Takes a queued job: one attempt is spent and a lease held under `holder`, a token unique to this
 * claim, so a stale attempt of the same process can never finish a later one. Null when another
 * process took it first.
 */
export function claim(sql: Sql, id: string, holder: string, leaseUntil: number, now: number): JobRow | undefined {
  return sql
    .prepare(
      `UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = ?, lease_until = ?, progress = 0,
         progress_label = 'Starting', updated_at = ?
       WHERE id = ? AND state = 'queued' RETURNING *`,
    )
    .get(holder, iso(leaseUntil), iso(now), id) as JobRow | undefined;
}

/** False when the claim is gone (cancelled, or taken over after a lost lease). */
export function extendLease(sql: Sql, id: string, holder: string, leaseUntil: number): boolean {
  return sql.prepare("UPDATE jobs SET lease_until = ? WHERE id = ? AND state = 'running' AND lease_owner = ?").run(iso(leaseUntil), id, holder).changes > 0;
}

export function setProgress(sql: Sql, id: string, holder: string, progress: number, label: string, now: number): boolean {
  return (
    sql
      .prepare("UPDATE jobs SET progress = ?, progress_label = ?, updated_at = ? WHERE id = ? AND state = 'running' AND lease_owner = ?")
      .run(progress, label, iso(now), id, holder).changes > 0
  );
}

/** True while this claim still holds the job: not cancelled, not retried, not taken over after a lost lease. */
export function stillHeld(sql: Sql, id: string, holder: string): boolean {
  return sql.prepare("SELECT 1 FROM jobs WHERE id = ? AND state = 'running' AND lease_owner = ?").get(id, holder) !== undefined;
}

/** Whether a provider has work waiting (queued or offline): only then is it worth checking again. */
export function hasWaiting(sql: Sql, provider: Provider): boolean {
  return sql.prepare("SELECT 1 FROM jobs INDEXED BY jobs_runnable WHERE state IN ('queued', 'offline') AND provider = ? LIMIT 1").get(provider) !== undefined;
}

export function markSucceeded(sql: Sql, id: string, result: unknown, now: number): void {
  sql
    .prepare(
      `UPDATE jobs SET state = 'succeeded', result = ?, lease_owner = NULL, lease_until = NULL, progress = 1, progress_label = 'Done',
         last_error = NULL, last_error_class = NULL, updated_at = ?, finished_at = ? WHERE id = ?`,
    )
    .run(JSON.stringify(result ?? null), iso(now), iso(now), id);
}

export function markFailed(sql: Sql, id: string, message: string, failureClass: FailureClass, now: number): void {
  sql
    .prepare(
      `UPDATE jobs SET state = 'failed', last_error = ?, last_error_class = ?, lease_owner = NULL, lease_until = NULL, progress = NULL,
         progress_label = '', updated_at = ?, finished_at = ? WHERE id = ?`,
    )
    .run(message, failureClass, iso(now), iso(now), id);
}

/**
 * Back to the queue after a failed attempt. `refund` gives the attempt back: an offline wait costs
 * none, and a 429 counts in rate_limited instead.
 */
export function requeue(sql: Sql, id: string, state: 'queued' | 'offline', runAt: number, message: string | null, failureClass: FailureClass | null, refund: boolean, now: number): void {
  sql
    .prepare(
      `UPDATE jobs SET state = ?, run_at = ?, last_error = ?, last_error_class = ?, attempts = max(0, attempts - ?),
         rate_limited = rate_limited + ?, lease_owner = NULL, lease_until = NULL, progress = NULL, progress_label = '',
         updated_at = ? WHERE id = ?`,
    )
    .run(state, iso(runAt), message, failureClass, refund ? 1 : 0, failureClass === 'rate_limit' ? 1 : 0, iso(now), id);
}

/** Queued jobs of a provider that cannot run now go to `offline`, with the reason; none spends an attempt. */
export function parkOffline(sql: Sql, provider: Provider, reason: string, now: number): JobRow[] {
  return sql
    .prepare(
      `UPDATE jobs SET state = 'offline', last_error = ?, last_error_class = 'offline', updated_at = ?
       WHERE state = 'queued' AND provider = ? AND run_at <= ? RETURNING *`,
    )
    .all(reason, iso(now), provider, iso(now)) as JobRow[];
}

/** The provider is reachable again: its waiting jobs go back to the queue, due now. */
export function unparkOffline(sql: Sql, provider: Provider, now: number): JobRow[] {
  return sql
    .prepare(
      `UPDATE jobs SET state = 'queued', run_at = ?, last_error = NULL, last_error_class = NULL, updated_at = ?
       WHERE state = 'offline' AND provider = ? RETURNING *`,
    )
    .all(iso(now), iso(now), provider) as JobRow[];
}

/** Running jobs whose lease ran out (their process died) go back to the queue; those out of attempts fail. */
export function recoverExpiredLeases(sql: Sql, now: number): JobRow[] {
  return sql
    .prepare(
      `UPDATE jobs SET
         state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
         last_error = CASE WHEN attempts >= max_attempts
           THEN 'Billbook stopped while this job was running, and it has no attempts left. Use Retry to run it again.'
           ELSE 'Billbook stopped while this job was running; it will run again.' END,
         last_error_class = 'transient', run_at = ?, lease_owner = NULL, lease_until = NULL, progress = NULL, progress_label = '',
         updated_at = ?, finished_at = CASE WHEN attempts >= max_attempts THEN ? ELSE NULL END
       WHERE state = 'running' AND lease_until < ? RETURNING *`,
    )
    .all(iso(now), iso(now), iso(now), iso(now)) as JobRow[];
}

export function cancel(sql: Sql, id: string, now: number): JobRow | undefined {
  return sql
    .prepare(
      `UPDATE jobs SET state = 'cancelled', lease_owner = NULL, lease_until = NULL, progress = NULL, progress_label = '',
         last_error = 'Cancelled', last_error_class = NULL, updated_at = ?, finished_at = ?
       WHERE id = ? AND state IN ('queued', 'running', 'offline') RETURNING *`,
    )
    .get(iso(now), iso(now), id) as JobRow | undefined;
}

/** Due now; a finished job gets a fresh set of attempts. */
export function retryNow(sql: Sql, id: string, now: number): JobRow | undefined {
  return sql
    .prepare(
      `UPDATE jobs SET
         attempts = CASE WHEN state IN ('failed', 'cancelled') THEN 0 ELSE attempts END,
         rate_limited = CASE WHEN state IN ('failed', 'cancelled') THEN 0 ELSE rate_limited END,
         state = 'queued', run_at = ?, finished_at = NULL, updated_at = ?
       WHERE id = ? AND state IN ('queued', 'offline', 'failed', 'cancelled') RETURNING *`,
    )
    .get(iso(now), iso(now), id) as JobRow | undefined;
}

export interface JobFilter {
  states?: JobState[];
  kind?: JobKind;
  batchId?: string;
  subjectId?: string;
  limit: number;
}

/** Live jobs first (running, then by when they run), then the most recently finished. */
export function listJobs(sql: Sql, filter: JobFilter): JobRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.states?.length) {
    where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
    params.push(...filter.states);
  }
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`${column} = ?`);
    params.push(value);
  };
  equal('kind', filter.kind);
  equal('batch_id', filter.batchId);
  equal('subject_id', filter.subjectId);
  return sql
    .prepare(
      `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY CASE state WHEN 'running' THEN 0 WHEN 'queued' THEN 1 WHEN 'offline' THEN 1 ELSE 2 END,
         CASE WHEN state IN ('queued', 'offline') THEN run_at END, updated_at DESC, seq DESC
       LIMIT ?`,
    )
    .all(...params, filter.limit) as JobRow[];
}

export function countByState(sql: Sql): Record<JobState, number> {
  const counts: Record<JobState, number> = { queued: 0, running: 0, offline: 0, succeeded: 0, failed: 0, cancelled: 0 };
  const rows = sql.prepare('SELECT state, count(*) AS n FROM jobs GROUP BY state').all() as { state: JobState; n: number }[];
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

/** The newest job about a subject (e.g. a draft's latest AI refinement). */
export function latestForSubject(sql: Sql, subjectId: string, kind: JobKind): JobRow | undefined {
  return sql
    .prepare('SELECT * FROM jobs INDEXED BY jobs_subject WHERE subject_id = ? AND kind = ? ORDER BY seq DESC LIMIT 1')
    .get(subjectId, kind) as JobRow | undefined;
}

/** This process is stopping: its running jobs go back to the queue, the attempt given back. */
export function releaseOwned(sql: Sql, owner: string, now: number): JobRow[] {
  return sql
    .prepare(
      `UPDATE jobs SET state = 'queued', attempts = max(0, attempts - 1), lease_owner = NULL, lease_until = NULL, progress = NULL,
         progress_label = '', run_at = ?, updated_at = ? WHERE state = 'running' AND lease_owner LIKE ? RETURNING *`,
    )
    .all(iso(now), iso(now), `${owner}:%`) as JobRow[];
}
