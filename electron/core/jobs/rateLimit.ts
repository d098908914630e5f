/**
 * A token bucket per provider, refilled continuously at the key's requests per minute. With a
 * bucket of one token, requests are spaced at least 60/rpm seconds apart, so no window of a minute
 * ever holds more than rpm requests. It paces at HEADROOM of the limit, so timer and network jitter
 * between us and the provider never push the provider's own count over.
 */
export const HEADROOM = 0.98;

export class TokenBucket {
  private tokens: number;
  private last: number;
  /** 0.1..1: how much of the limit is used now. A run of 429s lowers it; answers raise it back. */
  private pace = 1;

  constructor(private perMinute: number, private readonly capacity: number, now: number) {
    this.tokens = capacity;
    this.last = now;
  }

  setRate(perMinute: number): void {
    this.perMinute = perMinute;
  }

  get requestsPerMinute(): number {
    return this.perMinute;
  }

  /** The provider said "slow down": go 10% slower, down to a tenth of the limit. */
  slowDown(): void {
    this.pace = Math.max(0.1, this.pace * 0.9);
  }

  /** The provider answered: speed back up by 5% of the limit, never past it. */
  speedUp(): void {
    this.pace = Math.min(1, this.pace + 0.05);
  }

  private get rate(): number {
    return this.perMinute * HEADROOM * this.pace;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.last);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.rate) / 60_000);
    this.last = now;
  }

  /** Milliseconds until a token is free (0: one is free now). */
  waitMs(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) * 60_000) / this.rate);
  }

  /** Takes a token; call only when waitMs() was 0. */
  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }
}
