// The HTTP half both SMS providers share: one form POST with the job's signal and a timeout, and
// every way the network can fail turned into a JobFailure (the same classes as the Gemini client).
import { JobFailure } from '../../jobs/failure';

export interface FormPost {
  /** Who the request goes to, as a person knows them: "Africa's Talking", "Twilio". */
  providerLabel: string;
  url: string;
  headers: Record<string, string>;
  form: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  /** The body as text; providers parse it themselves because some answer errors in plain text. */
  body: string;
  contentType: string;
  retryAfterMs: number | null;
}

// No route to the host at all: the queue waits for the network instead of spending attempts.
/** The connection broke after the request went out: the provider may have taken the message. */
const UNKNOWN_OUTCOME_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED']);
const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL']);

/** Sends the form and returns whatever HTTP answer came back; throws a JobFailure only when none did. */
export async function postForm(request: FormPost): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...request.headers },
      body: new URLSearchParams(request.form).toString(),
      signal,
      // A redirect would resend the form (and the credentials) somewhere we did not choose.
      redirect: 'manual',
    });
    // The timeout covers the body too: a provider that sends headers and then stalls is as stuck as one that never answers.
    const body = await response.text();
    return {
      status: response.status,
      body,
      contentType: response.headers.get('content-type') ?? '',
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    };
  } catch (error) {
    if (request.signal.aborted) {
      const reason: unknown = request.signal.reason;
      throw reason instanceof JobFailure ? reason : new JobFailure('permanent', 'Cancelled');
    }
    throw classifyNetworkError(error, { providerLabel: request.providerLabel, host: hostOf(request.url), timeoutMs: request.timeoutMs, timedOut: timeout.aborted });
  }
}

export function classifyNetworkError(error: unknown, context: { providerLabel: string; host: string; timeoutMs: number; timedOut: boolean }): JobFailure {
  const name = (error as { name?: unknown } | null)?.name;
  if (context.timedOut || name === 'TimeoutError' || name === 'AbortError') {
    const seconds = Math.round(context.timeoutMs / 1000);
    // The provider may have taken the message before it went quiet; saying so lets a person check before a resend.
    return new JobFailure('transient', `${context.providerLabel} did not answer within ${seconds} second${seconds === 1 ? '' : 's'} (the message may still arrive).`, null, true);
  }
  const code = errorCode(error);
  if (code && OFFLINE_CODES.has(code)) {
    return new JobFailure('offline', `Could not reach ${context.host} (${code}). The message will go when the connection is back.`);
  }
  // A reset after the request went out leaves it unknown whether the provider took the message.
  if (code) return new JobFailure('transient', `The connection to ${context.host} failed (${code}).`, null, UNKNOWN_OUTCOME_CODES.has(code));
  const message = error instanceof Error ? (causeMessage(error) ?? error.message) : String(error);
  return new JobFailure('transient', `Calling ${context.providerLabel} failed: ${message.slice(0, 200)}`);
}

/** Retry-After: seconds, or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A body as one short line, for a message a person reads. */
export function shortText(body: string, max = 200): string {
  const line = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** fetch wraps the socket's error as `cause`; with several addresses tried, the codes sit in an AggregateError. */
function errorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner)) {
      for (const one of inner) {
        const innerCode = (one as { code?: unknown } | null)?.code;
        if (typeof innerCode === 'string') return innerCode;
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function causeMessage(error: Error): string | null {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message ? `${error.message} (${cause.message})` : null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The base URL without trailing slashes, so paths join cleanly. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * A 2xx we cannot read may still have sent the message: the failure is permanent (no silent retry)
 * and its outcome unknown, so the log shows it as not confirmed.
 */
export function unreadableReply(providerLabel: string, answer: HttpAnswer, whereToCheck: string): JobFailure {
  return new JobFailure(
    'permanent',
    `${providerLabel} answered ${answer.status} with something Billbook could not read (${shortText(answer.body, 120) || 'an empty body'}). The message may have gone out: check ${whereToCheck} before using Send again.`,
    null,
    true,
  );
}
