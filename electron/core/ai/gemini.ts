// One call to Gemini's generateContent through @google/genai, with every way it can go wrong
// turned into a JobFailure the queue knows how to treat. The SDK never retries: the queue does.
import { ApiError, GoogleGenAI, type Schema } from '@google/genai';
import { JobFailure } from '../jobs/failure';

export interface GeminiCall {
  apiKey: string;
  baseUrl: string;
  model: string;
  timeoutMs: number;
  signal: AbortSignal;
  systemInstruction: string;
  userText: string;
  responseSchema: Schema;
  maxOutputTokens: number;
}

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL']);
const BLOCKED_FINISH = new Set(['SAFETY', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'RECITATION', 'IMAGE_SAFETY']);

/** Returns the reply's text (JSON by the response schema), or throws a JobFailure. */
export async function generateJson(call: GeminiCall): Promise<string> {
  const host = hostOf(call.baseUrl);
  // The SDK keeps only the body of an error; the Retry-After header is read here on the way past.
  let retryAfterHeader: string | null = null;
  const ai = new GoogleGenAI({
    // The Gemini API with a key, whatever GOOGLE_GENAI_USE_VERTEXAI says in the environment.
    vertexai: false,
    apiKey: call.apiKey,
    httpOptions: {
      baseUrl: call.baseUrl,
      timeout: call.timeoutMs,
      retryOptions: { attempts: 1 },
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        retryAfterHeader = response.headers.get('retry-after');
        return response;
      },
    },
  });
  let response;
  try {
    response = await ai.models.generateContent({
      model: call.model,
      contents: call.userText,
      config: {
        systemInstruction: call.systemInstruction,
        responseMimeType: 'application/json',
        responseSchema: call.responseSchema,
        temperature: 0.1,
        maxOutputTokens: call.maxOutputTokens,
        // Reading a sentence into lines needs no long reasoning, and thinking tokens would count against the output limit.
        thinkingConfig: { thinkingBudget: 0 },
        abortSignal: call.signal,
      },
    });
  } catch (error) {
    if (call.signal.aborted) throw call.signal.reason instanceof JobFailure ? call.signal.reason : new JobFailure('permanent', 'Cancelled');
    throw classifyGeminiError(error, { host, model: call.model, timeoutMs: call.timeoutMs, retryAfterHeader });
  }

  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason) {
    throw new JobFailure('permanent', `Gemini refused this sentence (${blockReason}). The offline draft stands; edit it by hand or reword the sentence.`);
  }
  const candidate = response.candidates?.[0];
  const finish = candidate?.finishReason;
  if (finish && BLOCKED_FINISH.has(finish)) {
    throw new JobFailure('permanent', `Gemini stopped its answer for ${finish === 'RECITATION' ? 'recitation' : 'safety'} reasons (${finish}). The offline draft stands; edit it by hand or reword the sentence.`);
  }
  if (finish === 'MAX_TOKENS') {
    throw new JobFailure('permanent', 'Gemini\'s answer was cut off before it finished (MAX_TOKENS). The offline draft stands; split the sentence into shorter ones and try again.');
  }
  const text = response.text;
  if (!text) throw new JobFailure('transient', 'Gemini sent an empty answer.');
  return text;
}

interface ErrorContext {
  host: string;
  model: string;
  timeoutMs: number;
  retryAfterHeader: string | null;
}

export function classifyGeminiError(error: unknown, context: ErrorContext): JobFailure {
  if (error instanceof ApiError) return classifyStatus(error.status, error.message, context);
  const name = (error as { name?: string } | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') {
    const seconds = Math.round(context.timeoutMs / 1000);
    return new JobFailure('transient', `Gemini did not answer within ${seconds} second${seconds === 1 ? '' : 's'}.`);
  }
  const code = causeCode(error);
  if (code && OFFLINE_CODES.has(code)) {
    return new JobFailure('offline', `Could not reach ${context.host} (${code}). The job will run when the connection is back.`);
  }
  if (code) return new JobFailure('transient', `The connection to ${context.host} failed (${code}).`);
  const message = error instanceof Error ? error.message : String(error);
  return new JobFailure('transient', `Calling Gemini failed: ${message.slice(0, 200)}`);
}

function classifyStatus(status: number, body: string, context: ErrorContext): JobFailure {
  const detail = readErrorBody(body);
  const said = detail.message ? `: ${detail.message.slice(0, 200).replace(/\.+$/, '')}.` : '.';
  if (status === 429) {
    const retryAfterMs = detail.retryDelayMs ?? parseRetryAfter(context.retryAfterHeader);
    return new JobFailure('rate_limit', `Gemini is rate limiting this key (429)${said}`, retryAfterMs);
  }
  // Gemini answers a wrong key with 400 API_KEY_INVALID rather than 401.
  if (status === 401 || status === 403 || /API_KEY_INVALID|API key not valid/i.test(body)) {
    return new JobFailure('permanent', `Gemini refused the API key (${status})${said} Check the key in Settings → AI drafting.`);
  }
  if (status === 404) {
    return new JobFailure('permanent', `Gemini does not know the model "${context.model}" (404). Check the model name in Settings → AI drafting.`);
  }
  if (status === 408 || status >= 500) {
    return new JobFailure('transient', `Gemini had a problem (${status})${said}`, parseRetryAfter(context.retryAfterHeader));
  }
  return new JobFailure('permanent', `Gemini rejected the request (${status})${said}`);
}

/** Gemini's error body: {"error":{"message":…,"details":[{"@type":"…RetryInfo","retryDelay":"17s"}]}}. */
export function readErrorBody(body: string): { message: string | null; retryDelayMs: number | null } {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown; details?: unknown } };
    const message = typeof parsed.error?.message === 'string' ? parsed.error.message : null;
    let retryDelayMs: number | null = null;
    if (Array.isArray(parsed.error?.details)) {
      for (const detail of parsed.error.details as { '@type'?: unknown; retryDelay?: unknown }[]) {
        if (typeof detail?.['@type'] === 'string' && detail['@type'].endsWith('RetryInfo') && typeof detail.retryDelay === 'string') {
          retryDelayMs = parseDuration(detail.retryDelay);
        }
      }
    }
    return { message, retryDelayMs };
  } catch {
    return { message: body ? body.slice(0, 200) : null, retryDelayMs: null };
  }
}

/** protobuf Duration as JSON: "17s", "0.5s", "1.250s". */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(text.trim());
  return match ? Math.round(Number(match[1]) * 1000) : null;
}

/** Retry-After: seconds, or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function causeCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
