import type { FailureClass } from '../../../shared/domain/jobs';

/**
 * How a job attempt failed, classified so the queue knows what to do next:
 * rate_limit and transient are retried with backoff, permanent fails at once, offline waits
 * for the network without spending an attempt.
 */
export class JobFailure extends Error {
  constructor(
    readonly failureClass: FailureClass,
    message: string,
    /** The provider's own "try again after" (Retry-After, Gemini's RetryInfo), when it gave one. */
    readonly retryAfterMs: number | null = null,
    /** The request may have reached the provider (a timeout or a reset mid-answer): a sender must not simply repeat it. */
    readonly outcomeUnknown = false,
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}

export function asJobFailure(error: unknown): JobFailure {
  if (error instanceof JobFailure) return error;
  // Our own bug or an unexpected library error: worth another try, and the message says what it was.
  const message = error instanceof Error ? error.message : String(error);
  return new JobFailure('transient', `Unexpected error: ${message.slice(0, 300)}`);
}
