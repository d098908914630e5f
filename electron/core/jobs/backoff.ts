export interface BackoffPolicy {
  /** The first retry's ceiling; each later one doubles it. */
  baseMs: number;
  /** No wait is ever longer than this, except a provider's own Retry-After. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * Exponential backoff with full jitter (a uniform wait between 0 and the ceiling), so that many
 * jobs failing together do not retry together. A provider's Retry-After or RetryInfo is a floor:
 * we never come back sooner than it asked.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: () => number, retryAfterMs: number | null): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, jittered);
}

/**
 * After a 429: when the provider said when to come back (Retry-After, RetryInfo), then, plus up to a
 * quarter more so the jobs it turned away do not all return in the same instant; otherwise backoff.
 */
export function rateLimitDelayMs(count: number, policy: BackoffPolicy, random: () => number, retryAfterMs: number | null): number {
  if (retryAfterMs === null) return retryDelayMs(count, policy, random, null);
  return retryAfterMs + Math.floor(random() * retryAfterMs * 0.25);
}
