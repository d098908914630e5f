import type { Migration } from '../migrate';

export const migration0003: Migration = {
  version: 3,
  name: 'job queue, settings, draft warnings',
  up: `
    -- Slow or failure-prone work (AI drafting now; sending and sync later) as durable rows, so it
    -- survives a crash: a running job holds a lease, and an expired lease is queued again.
    CREATE TABLE jobs (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      provider TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'offline', 'succeeded', 'failed', 'cancelled')),
      priority INTEGER NOT NULL DEFAULT 0,
      payload TEXT NOT NULL,
      idempotency_key TEXT UNIQUE,
      attempts INTEGER NOT NULL DEFAULT 0,
      max_attempts INTEGER NOT NULL DEFAULT 5,
      -- Times the provider said "slow down" (429); they spend no attempt, up to a cap of their own.
      rate_limited INTEGER NOT NULL DEFAULT 0,
      run_at TEXT NOT NULL,
      lease_owner TEXT,
      lease_until TEXT,
      last_error TEXT,
      last_error_class TEXT,
      result TEXT,
      progress REAL,
      progress_label TEXT NOT NULL DEFAULT '',
      subject_id TEXT,
      subject_label TEXT NOT NULL DEFAULT '',
      batch_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      finished_at TEXT
    ) STRICT;
    -- The worker's pick: the next runnable job of a provider, highest priority first.
    CREATE INDEX jobs_runnable ON jobs (state, provider, priority DESC, run_at, seq);
    -- When the next queued job falls due, whatever its priority (the worker's timer).
    CREATE INDEX jobs_due ON jobs (state, provider, run_at);
    CREATE INDEX jobs_subject ON jobs (subject_id, seq);
    CREATE INDEX jobs_batch ON jobs (batch_id) WHERE batch_id IS NOT NULL;
    CREATE INDEX jobs_recent ON jobs (updated_at);

    -- Settings changed inside the app, one JSON document per section. Secrets never go here.
    CREATE TABLE settings (
      section TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    -- What a person must check on a draft version (from the offline parser or the AI checks).
    ALTER TABLE draft_versions ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
  `,
};
