// The durable job queue as the screens see it: AI drafting now; sending and sync reuse it.

export const JOB_STATES = ['queued', 'running', 'offline', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const JOB_STATE_LABELS: Record<JobState, string> = {
  queued: 'Queued', running: 'Running', offline: 'Waiting (cannot run yet)', succeeded: 'Done', failed: 'Failed', cancelled: 'Cancelled',
};
/** States a job can still leave on its own. */
export const LIVE_JOB_STATES: readonly JobState[] = ['queued', 'running', 'offline'];

/** Why an attempt failed, which decides what happens next. */
export const FAILURE_CLASSES = ['rate_limit', 'transient', 'permanent', 'offline'] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];

export const JOB_KINDS = ['ai.draft', 'send.email', 'send.sms', 'etims.transmit'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_KIND_LABELS: Record<JobKind, string> = {
  'ai.draft': 'Refine draft with AI', 'send.email': 'Send email', 'send.sms': 'Send SMS', 'etims.transmit': 'Transmit to KRA eTIMS',
};

export const PROVIDERS = ['gemini', 'smtp', 'sms', 'etims'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const PROVIDER_LABELS: Record<Provider, string> = { gemini: 'Gemini', smtp: 'Email (SMTP)', sms: 'SMS', etims: 'KRA eTIMS' };

/** A job the provider keeps rate limiting gives up after this many 429s, attempts aside. */
export const MAX_RATE_LIMITED = 20;

export interface JobView {
  id: string;
  kind: JobKind;
  provider: Provider;
  state: JobState;
  /** Higher runs first. */
  priority: number;
  /** Attempts spent; a wait for the network or a provider's "slow down" (429) spends none. */
  attempts: number;
  maxAttempts: number;
  /** Times the provider answered 429 and the job waited as told. */
  rateLimitedCount: number;
  /** When it will next run (queued or offline), ISO UTC. */
  runAt: string;
  /** What went wrong last, in words a person can act on. */
  lastError: string | null;
  lastErrorClass: FailureClass | null;
  /** 0..1 while running, else null. */
  progress: number | null;
  progressLabel: string;
  /** The thing the job works on, e.g. the draft's id, and how a person names it. */
  subjectId: string | null;
  subjectLabel: string;
  /** Jobs started together (a bulk drafting run) share a batch. */
  batchId: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface ProviderStatus {
  provider: Provider;
  breaker: BreakerState;
  /** While open: when the one probe may go. */
  openUntil: string | null;
  consecutiveFailures: number;
  requestsPerMinute: number;
  /** False when nothing can run: no API key, or no network. */
  ready: boolean;
  /** Why not, when not ready. */
  notReadyReason: string | null;
}

export interface JobCounts {
  queued: number;
  running: number;
  offline: number;
  succeeded: number;
  failed: number;
  cancelled: number;
}

export interface JobList {
  jobs: JobView[];
  counts: JobCounts;
  providers: ProviderStatus[];
}

export interface JobEvents {
  'jobs.changed': { job: JobView };
  'jobs.progress': { id: string; progress: number; label: string };
}
