import type { BreakerState } from '../../../shared/domain/jobs';

export interface BreakerPolicy {
  /** Failures in a row that open the circuit. */
  threshold: number;
  /** How long it stays open before one probe may go. */
  openMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { threshold: 5, openMs: 60_000 };

/**
 * A circuit breaker per provider: after `threshold` failures in a row it stops all calls for
 * `openMs`, then lets exactly one probe through; the probe's result closes or reopens it.
 * Only outages count (server errors, timeouts): a 429 is the provider pacing us, which the
 * backoff and the rate limit already answer. Each call carries a token, so a call that started
 * before the circuit opened cannot stand in for the probe.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil: number | null = null;
  private probe: string | null = null;

  constructor(private readonly policy: BreakerPolicy) {}

  state(now: number): BreakerState {
    if (this.openUntil === null) return 'closed';
    return now < this.openUntil ? 'open' : 'half_open';
  }

  /** When a closed-off provider may next be tried, or null when it may be tried now. */
  blockedUntil(now: number): number | null {
    const state = this.state(now);
    if (state === 'open') return this.openUntil;
    if (state === 'half_open' && this.probe !== null) return now + Math.min(1000, this.policy.openMs);
    return null;
  }

  /** Takes permission for the call `token`; in half-open state only the first caller gets it, as the probe. */
  allow(now: number, token: string): boolean {
    const state = this.state(now);
    if (state === 'closed') return true;
    if (state === 'open' || this.probe !== null) return false;
    this.probe = token;
    return true;
  }

  /** The provider answered: whoever asked, it is up. */
  onSuccess(): void {
    this.failures = 0;
    this.openUntil = null;
    this.probe = null;
  }

  onFailure(now: number, token: string): void {
    if (this.openUntil !== null && token !== this.probe) return;
    this.failures += 1;
    if (this.probe !== null || this.failures >= this.policy.threshold) this.openUntil = now + this.policy.openMs;
    this.probe = null;
  }

  /** A call that proved nothing either way (rate limited, cancelled, offline): the probe may go again. */
  onNeutral(token: string): void {
    if (token === this.probe) this.probe = null;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  openUntilTime(): number | null {
    return this.openUntil;
  }
}
