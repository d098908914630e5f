// A local HTTP server that speaks Gemini's generateContent REST shape
// (POST /v1beta/models/{model}:generateContent), so the real @google/genai SDK can be driven
// through good answers, 429 storms, 5xx, hangs, malformed JSON, MAX_TOKENS and safety blocks.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeGeminiRequest {
  /** Arrival time, ms (Date.now). */
  at: number;
  model: string;
  apiKey: string | null;
  body: { contents?: { parts?: { text?: string }[] }[]; systemInstruction?: unknown; generationConfig?: Record<string, unknown> };
  /** The person's sentence, read back out of the prompt. */
  sentence: string;
}

export interface FakeReply {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Never answer (until the server closes). */
  hang?: boolean;
}

export type Responder = (request: FakeGeminiRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeGemini {
  url: string;
  port: number;
  requests: FakeGeminiRequest[];
  setResponder(responder: Responder): void;
  /** Resolves when n requests have arrived. */
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeGemini(responder: Responder, port = 0): Promise<FakeGemini> {
  let current = responder;
  const requests: FakeGeminiRequest[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const match = /\/models\/([^/:]+):generateContent/.exec(req.url ?? '');
        if (req.method !== 'POST' || !match) {
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } }));
          return;
        }
        let body: FakeGeminiRequest['body'] = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FakeGeminiRequest['body'];
        } catch {
          // answered below like any other request; the test sees an empty body
        }
        const prompt = body.contents?.[0]?.parts?.map((p) => p.text ?? '').join('') ?? '';
        const sentence = /"""([\s\S]*?)"""/.exec(prompt)?.[1] ?? prompt;
        const request: FakeGeminiRequest = { at: Date.now(), model: match[1]!, apiKey: (req.headers['x-goog-api-key'] as string | undefined) ?? null, body, sentence };
        requests.push(request);
        for (const w of waiters.filter((w) => requests.length >= w.n)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
        const reply = await current(request, requests.length - 1);
        if (reply.hang) return;
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (res.destroyed) return;
        const payload = reply.text ?? JSON.stringify(reply.json ?? {});
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers }).end(payload);
      })();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    requests,
    setResponder: (next) => (current = next),
    waitForRequests: (n, timeoutMs = 20_000) =>
      requests.length >= n
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`fake Gemini saw ${requests.length} requests, not ${n}`)), timeoutMs);
            waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
          }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface ReplyItem {
  description: string;
  quantity: number;
  unit?: string;
  unitPrice: number;
  amount?: number;
  taxRatePercent?: number | null;
}

/** The invoice JSON our response schema asks for; amounts and totals worked out unless given. */
export function invoiceJson(items: ReplyItem[], extra: Record<string, unknown> = {}) {
  const full = items.map((i) => ({
    description: i.description, quantity: i.quantity, unit: i.unit ?? '', unitPrice: i.unitPrice,
    amount: i.amount ?? Math.round(i.quantity * i.unitPrice * 100) / 100, taxRatePercent: i.taxRatePercent === undefined ? 16 : i.taxRatePercent,
  }));
  const subtotal = full.reduce((s, i) => s + i.amount, 0);
  const tax = Math.round(full.reduce((s, i) => s + (i.amount * (i.taxRatePercent ?? 0)) / 100, 0) * 100) / 100;
  return {
    items: full, pricesIncludeTax: false, discount: { kind: 'none', value: 0 }, dueDate: '', notes: '',
    subtotal, tax, total: subtotal + tax, confidence: 0.93, missing: [], ...extra,
  };
}

/** A generateContent response carrying `text` as the model's answer. */
export function candidateReply(text: string, finishReason = 'STOP'): FakeReply {
  return {
    json: {
      candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason, index: 0 }],
      usageMetadata: { promptTokenCount: 420, candidatesTokenCount: 120, totalTokenCount: 540 },
      modelVersion: 'gemini-2.5-flash',
    },
  };
}

export function goodReply(items: ReplyItem[], extra: Record<string, unknown> = {}): FakeReply {
  return candidateReply(JSON.stringify(invoiceJson(items, extra)));
}

/** 429 RESOURCE_EXHAUSTED with RetryInfo, which @google/genai leaves inside the error message's JSON. */
export function rateLimited(retryDelay = '1s'): FakeReply {
  return {
    status: 429,
    json: {
      error: {
        code: 429,
        message: 'You exceeded your current quota, please check your plan and billing details.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests' }] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
        ],
      },
    },
  };
}

export function serverError(status = 500): FakeReply {
  return { status, json: { error: { code: status, message: 'An internal error has occurred. Please retry.', status: status === 503 ? 'UNAVAILABLE' : 'INTERNAL' } } };
}

export function safetyBlock(): FakeReply {
  return {
    json: {
      candidates: [{ finishReason: 'SAFETY', index: 0, safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }] }],
      modelVersion: 'gemini-2.5-flash',
    },
  };
}
