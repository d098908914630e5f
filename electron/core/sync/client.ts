// The desktop's client of Billbook Cloud's HTTP API. Every failure becomes one of a few kinds the
// sync loop and the screens act on: the Cloud cannot be reached (wait, spend nothing), it refused
// with its own { code, message, fields } (say so), or it answered something unreadable.
import { AppError, isAppErrorShape, type AppErrorShape } from '../../../shared/errors';

export class CloudUnreachable extends Error {
  constructor(readonly url: string, reason: string) {
    super(`Billbook Cloud at ${url} cannot be reached (${reason}). Your work is kept on this computer and goes up when it is back.`);
    this.name = 'CloudUnreachable';
  }
}

export class CloudRefused extends AppError {
  constructor(readonly status: number, shape: AppErrorShape) {
    super(shape.code, shape.message, shape.fields);
    this.name = 'CloudRefused';
  }
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  /** Bytes sent as they are (an invoice's PDF), instead of a JSON body. */
  raw?: { contentType: string; bytes: Uint8Array };
  timeoutMs?: number;
}

export interface CloudClient {
  readonly url: string;
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  /** Server-sent events: calls onEvent for each event until the stream ends or `signal` aborts. */
  events(path: string, token: string, onEvent: (name: string, data: string) => void, signal: AbortSignal): Promise<void>;
}

/** Accepts "cloud.example.co.ke", "https://cloud.example.co.ke/", "http://127.0.0.1:8787". */
export function normaliseCloudUrl(typed: string): string {
  const text = typed.trim();
  const withScheme = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  const url = new URL(withScheme);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') return 'no answer in time';
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN') return 'the server name is unknown';
  if (cause?.code === 'ECONNRESET') return 'the connection was cut';
  return cause?.code ?? (error as Error).message ?? 'network error';
}

export function cloudClient(url: string): CloudClient {
  return {
    url,
    async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      if (options.raw) headers['content-type'] = options.raw.contentType;
      let response: Response;
      try {
        response = await fetch(`${url}${path}`, {
          method, headers, body: options.raw ? Buffer.from(options.raw.bytes) : options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        throw new CloudUnreachable(url, reasonOf(error));
      }
      const text = await response.text().catch(() => '');
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      if (response.ok) return body as T;
      if (isAppErrorShape(body)) throw new CloudRefused(response.status, body);
      if (response.status >= 500 || response.status === 429) throw new CloudUnreachable(url, `the server answered ${response.status}`);
      throw new CloudRefused(response.status, { code: 'internal', message: `Billbook Cloud answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}. Is ${url} a Billbook Cloud?` });
    },
    async events(path, token, onEvent, signal) {
      let response: Response;
      try {
        response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal });
      } catch (error) {
        throw new CloudUnreachable(url, reasonOf(error));
      }
      if (!response.ok || !response.body) {
        const text = await response.text().catch(() => '');
        let body: unknown = null;
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
        if (isAppErrorShape(body)) throw new CloudRefused(response.status, body);
        throw new CloudUnreachable(url, `the server answered ${response.status}`);
      }
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let name = 'message';
            const data: string[] = [];
            for (const line of frame.split('\n')) {
              if (line.startsWith('event:')) name = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trim());
            }
            if (data.length > 0) onEvent(name, data.join('\n'));
          }
        }
      } catch (error) {
        if (signal.aborted) return;
        throw new CloudUnreachable(url, reasonOf(error));
      }
    },
  };
}
