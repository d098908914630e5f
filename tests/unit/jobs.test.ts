// The queue's pacing rules on a clock the test drives: backoff, the circuit breaker, the token bucket,
// and how a Gemini error's RetryInfo and Retry-After are read.
import { describe, expect, it } from 'vitest';
import { parseDuration, parseRetryAfter, readErrorBody } from '../../electron/core/ai/gemini';
import { rateLimitDelayMs, retryDelayMs } from '../../electron/core/jobs/backoff';
import { CircuitBreaker } from '../../electron/core/jobs/breaker';
import { TokenBucket } from '../../electron/core/jobs/rateLimit';

describe('backoff with full jitter', () => {
  const policy = { baseMs: 1000, capMs: 30_000 };
  it('waits between nothing and a ceiling that doubles with each attempt, up to the cap', () => {
    expect(retryDelayMs(1, policy, () => 0, null)).toBe(0);
    expect(retryDelayMs(1, policy, () => 0.999, null)).toBe(999);
    expect(retryDelayMs(2, policy, () => 0.999, null)).toBe(1998);
    expect(retryDelayMs(4, policy, () => 0.5, null)).toBe(4000);
    expect(retryDelayMs(20, policy, () => 0.999, null)).toBe(29_970);
  });
  it('after a 429 comes back when told, spread over a quarter more; without a time, backs off', () => {
    expect(rateLimitDelayMs(3, policy, () => 0, 1000)).toBe(1000);
    expect(rateLimitDelayMs(3, policy, () => 0.999, 1000)).toBe(1249);
    expect(rateLimitDelayMs(3, policy, () => 0.5, null)).toBe(2000);
  });
  it('never comes back sooner than the provider asked', () => {
    expect(retryDelayMs(1, policy, () => 0.1, 17_000)).toBe(17_000);
    expect(retryDelayMs(6, policy, () => 0.9, 1000)).toBe(27_000);
  });
});

describe('circuit breaker', () => {
  it('opens after five failures in a row, lets one probe through after 60 s, and closes on its success', () => {
    const breaker = new CircuitBreaker({ threshold: 5, openMs: 60_000 });
    for (let i = 0; i < 4; i++) breaker.onFailure(1000, `call${i}`);
    expect(breaker.state(1000)).toBe('closed');
    breaker.onSuccess();
    for (let i = 0; i < 5; i++) breaker.onFailure(2000, `call${i}`);
    expect(breaker.state(2000)).toBe('open');
    expect(breaker.allow(61_999, 'early')).toBe(false);
    expect(breaker.state(62_000)).toBe('half_open');
    expect(breaker.allow(62_000, 'probe')).toBe(true);
    expect(breaker.allow(62_001, 'second')).toBe(false);
    breaker.onSuccess();
    expect(breaker.state(62_002)).toBe('closed');
    expect(breaker.allow(62_002, 'after')).toBe(true);
  });
  it('reopens for another 60 s when the probe fails; only the probe\'s own result frees or reopens it', () => {
    const breaker = new CircuitBreaker({ threshold: 5, openMs: 60_000 });
    for (let i = 0; i < 5; i++) breaker.onFailure(0, `call${i}`);
    expect(breaker.allow(60_000, 'probe')).toBe(true);
    // A call from before the circuit opened ends now: it neither frees nor reopens it.
    breaker.onNeutral('old');
    breaker.onFailure(60_001, 'old');
    expect(breaker.allow(60_001, 'another')).toBe(false);
    breaker.onNeutral('probe');
    expect(breaker.allow(60_002, 'probe2')).toBe(true);
    breaker.onFailure(60_003, 'probe2');
    expect(breaker.state(60_004)).toBe('open');
    expect(breaker.allow(120_002, 'early')).toBe(false);
    expect(breaker.allow(120_003, 'probe3')).toBe(true);
  });
});

describe('token bucket', () => {
  it('never lets more than the rate through in any minute, however greedy the caller', () => {
    const rpm = 90;
    const bucket = new TokenBucket(rpm, 1, 0);
    const sent: number[] = [];
    let now = 0;
    while (now < 10 * 60_000) {
      const wait = bucket.waitMs(now);
      if (wait === 0) {
        bucket.take(now);
        sent.push(now);
      }
      now += wait === 0 ? 1 : wait;
    }
    let peak = 0;
    for (let i = 0, j = 0; i < sent.length; i++) {
      while (sent[j]! < sent[i]! - 59_999) j++;
      peak = Math.max(peak, i - j + 1);
    }
    expect(peak).toBeLessThanOrEqual(rpm);
    expect(sent.length).toBeGreaterThanOrEqual(Math.floor(rpm * 0.98 * 10) - 1);
  });
  it('slows down after 429s, never below a tenth of the limit, and speeds back up with answers', () => {
    const bucket = new TokenBucket(600, 1, 0);
    bucket.take(0);
    expect(bucket.waitMs(0)).toBe(103);
    for (let i = 0; i < 50; i++) bucket.slowDown();
    expect(bucket.waitMs(0)).toBe(1021);
    for (let i = 0; i < 30; i++) bucket.speedUp();
    expect(bucket.waitMs(0)).toBe(103);
  });
  it('follows a new rate at once', () => {
    const bucket = new TokenBucket(60, 1, 0);
    bucket.take(0);
    expect(bucket.waitMs(0)).toBe(1021);
    bucket.setRate(600);
    expect(bucket.waitMs(0)).toBe(103);
  });
});

describe('reading Gemini\'s errors', () => {
  it('finds RetryInfo\'s retryDelay inside the error body the SDK keeps as its message', () => {
    const body = JSON.stringify({
      error: {
        code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure' }, { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '17s' }],
      },
    });
    expect(readErrorBody(body)).toEqual({ message: 'Quota exceeded', retryDelayMs: 17_000 });
    expect(readErrorBody('upstream connect error')).toEqual({ message: 'upstream connect error', retryDelayMs: null });
  });
  it('reads protobuf durations and both forms of Retry-After', () => {
    expect(parseDuration('0.5s')).toBe(500);
    expect(parseDuration('1.250s')).toBe(1250);
    expect(parseDuration('soon')).toBeNull();
    expect(parseRetryAfter('30')).toBe(30_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:10 GMT', Date.parse('2026-11-21T09:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter(null)).toBeNull();
  });
});
