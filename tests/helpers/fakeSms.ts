// Local HTTP servers that speak Africa's Talking's bulk SMS API and Twilio's Messages API closely
// enough to check what the app sends: they record every request, check credentials and required
// fields the way the real ones do, answer a realistic 201, and can be scripted to fail or hang.
// No test-framework imports: vitest tests and the Playwright test process both start these.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FakeSmsProviderName = 'africastalking' | 'twilio';

export interface FakeSmsRequest {
  /** Arrival time, ms (Date.now). */
  at: number;
  method: string;
  /** The path without the query, e.g. "/version1/messaging". */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The url-encoded body, parsed; a repeated field keeps its last value. */
  form: Record<string, string>;
  rawBody: string;
  /** The credentials the request carried: Africa's Talking's form username + apiKey header; Twilio's Basic auth. */
  auth: { user: string; secret: string } | null;
  /** The HTTP status the fake answered, or 'held' while it holds the request open. */
  answer: number | 'held';
}

/** A message the fake took, as the provider would deliver it. */
export interface FakeSmsMessage {
  id: string;
  to: string;
  text: string;
  /** AT: the sender ID (null for the default); Twilio: the From number or the Messaging Service SID. */
  from: string | null;
}

/**
 * One scripted answer. Steps are used, in order, by the next requests that pass the fake's own
 * checks (credentials, required fields); once they run out the fake accepts again.
 */
export type FakeSmsStep =
  /** The realistic 201. */
  | { kind: 'accept'; delayMs?: number }
  /**
   * An HTTP error in the provider's own shape: Africa's Talking answers in plain text; Twilio in JSON
   * with `code` (defaults: 400→21211, 401→20003, 404→20404, 429→20429, 5xx→20500).
   */
  | { kind: 'http'; status: number; code?: number; message?: string; retryAfter?: string; delayMs?: number }
  /** Africa's Talking only: a 201 whose recipient has this statusCode (101 sent, 102 queued, 405 InsufficientBalance, 500 …). */
  | { kind: 'recipient'; statusCode: number; delayMs?: number }
  /** Never answer until release() or close(). */
  | { kind: 'hold' }
  /** Exactly this answer, for replies no provider should send. */
  | { kind: 'raw'; status: number; body: string; headers?: Record<string, string>; delayMs?: number };

export interface FakeSmsServer {
  readonly provider: FakeSmsProviderName;
  /** The base URL to give the app (settings' baseUrl or BILLBOOK_SMS_BASE_URL), e.g. "http://127.0.0.1:40123". */
  readonly url: string;
  readonly port: number;
  /** Every request, in arrival order, including refused ones. */
  readonly requests: FakeSmsRequest[];
  /** The messages the fake accepted. */
  readonly messages: FakeSmsMessage[];
  /** Appends steps to the script. */
  script(...steps: FakeSmsStep[]): void;
  /** Steps not used yet. */
  pending(): number;
  /** Answers every held request with the realistic 201. */
  release(): void;
  /** Resolves when n requests have arrived. */
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface FakeAfricasTalkingOptions {
  /** The username it accepts; any non-empty one when not given. */
  username?: string;
  /** The API key it accepts; any non-empty one when not given. */
  apiKey?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface FakeTwilioOptions {
  /** The Account SID it accepts; any AC… SID when not given. */
  accountSid?: string;
  /** The auth token it accepts; any non-empty one when not given. */
  authToken?: string;
  port?: number;
}

type Reply = { status: number; body: string; headers: Record<string, string>; message?: FakeSmsMessage };
/** What the provider-specific half decides: answer now, or consult the script then fall back to `accept`. */
type Verdict = { reply: Reply } | { scripted: (step: FakeSmsStep | undefined) => Reply };

const E164 = /^\+[1-9]\d{6,14}$/;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

// ---------------------------------------------------------------- Africa's Talking

const AT_STATUS: Record<number, string> = {
  100: 'Processed', 101: 'Success', 102: 'Queued', 401: 'RiskHold', 402: 'InvalidSenderId', 403: 'InvalidPhoneNumber',
  404: 'UnsupportedNumberType', 405: 'InsufficientBalance', 406: 'UserInBlacklist', 407: 'CouldNotRoute',
  500: 'InternalServerError', 501: 'GatewayError', 502: 'RejectedByGateway',
};

export function startFakeAfricasTalking(options: FakeAfricasTalkingOptions = {}): Promise<FakeSmsServer> {
  return startFake('africastalking', options.port ?? 0, (request) => {
    const text = (status: number, body: string): { reply: Reply } => ({ reply: { status, body, headers: { 'content-type': 'text/plain; charset=utf-8' } } });
    if (request.method !== 'POST' || request.path !== '/version1/messaging') return text(404, 'Not Found');
    const apiKey = request.headers.apikey ?? '';
    const username = request.form.username ?? '';
    request.auth = apiKey || username ? { user: username, secret: apiKey } : null;
    // The real API answers a bad key or username with 401 and a plain-text body.
    if (!apiKey || !username || (options.apiKey !== undefined && apiKey !== options.apiKey) || (options.username !== undefined && username !== options.username)) {
      return text(401, 'The supplied authentication is invalid');
    }
    for (const field of ['to', 'message'] as const) {
      if (!request.form[field]) return text(400, `Request is missing required form field '${field}'`);
    }
    const to = request.form.to!;
    const json = (request.headers.accept ?? '').includes('application/json');
    const answer = (statusCode: number): Reply => {
      // A bad number is not a refused request: it is a 201 whose recipient says 403.
      const code = statusCode === 101 && !E164.test(to) ? 403 : statusCode;
      const accepted = code >= 100 && code <= 102;
      const recipient = {
        statusCode: code, number: to, status: AT_STATUS[code] ?? 'Failed',
        cost: accepted ? 'KES 0.8000' : '0', messageId: accepted ? `ATXid_${hex(16)}` : 'None',
      };
      const message = accepted ? `Sent to 1/1 Total Cost: KES 0.8000` : 'Sent to 0/1 Total Cost: 0';
      const taken = accepted ? { id: recipient.messageId, to, text: request.form.message!, from: request.form.from ?? null } : undefined;
      // Without Accept: application/json the real API answers in XML.
      const body = json
        ? JSON.stringify({ SMSMessageData: { Message: message, Recipients: [recipient] } })
        : `<?xml version="1.0" encoding="UTF-8"?><AfricasTalkingResponse><SMSMessageData><Message>${message}</Message><Recipients><Recipient><statusCode>${code}</statusCode><number>${to}</number><status>${recipient.status}</status><cost>${recipient.cost}</cost><messageId>${recipient.messageId}</messageId></Recipient></Recipients></SMSMessageData></AfricasTalkingResponse>`;
      return { status: 201, body, headers: { 'content-type': json ? 'application/json' : 'application/xml' }, message: taken };
    };
    return {
      scripted: (step) => {
        if (!step || step.kind === 'accept') return answer(101);
        if (step.kind === 'recipient') return answer(step.statusCode);
        if (step.kind === 'raw') return { status: step.status, body: step.body, headers: { 'content-type': 'text/plain', ...step.headers } };
        if (step.kind === 'http') {
          const words: Record<number, string> = { 401: 'The supplied authentication is invalid', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };
          return {
            status: step.status,
            body: step.message ?? words[step.status] ?? http.STATUS_CODES[step.status] ?? 'Error',
            headers: { 'content-type': 'text/plain; charset=utf-8', ...(step.retryAfter ? { 'retry-after': step.retryAfter } : {}) },
          };
        }
        throw new Error(`fake Africa's Talking cannot play a ${step.kind} step here`);
      },
    };
  });
}

// ---------------------------------------------------------------- Twilio

const TWILIO_DEFAULT_CODES: Record<number, { code: number; message: string }> = {
  400: { code: 21211, message: "The 'To' number is not a valid phone number." },
  401: { code: 20003, message: 'Authenticate' },
  403: { code: 20003, message: 'Permission Denied' },
  404: { code: 20404, message: 'The requested resource was not found' },
  429: { code: 20429, message: 'Too Many Requests' },
  500: { code: 20500, message: 'Internal Server Error' },
  503: { code: 20503, message: 'Service Unavailable' },
};

export function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeSmsServer> {
  return startFake('twilio', options.port ?? 0, (request) => {
    const error = (status: number, code: number, message: string, headers: Record<string, string> = {}): Reply => ({
      status,
      body: JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }),
      headers: { 'content-type': 'application/json', ...headers },
    });
    const route = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.path);
    if (request.method !== 'POST' || !route) return { reply: error(404, 20404, `The requested resource ${request.path} was not found`) };
    const pathSid = decodeURIComponent(route[1]!);
    const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      request.auth = colon < 0 ? { user: decoded, secret: '' } : { user: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
    }
    const auth = request.auth;
    if (
      !auth || !/^AC[0-9a-fA-F]{32}$/.test(auth.user) || !auth.secret ||
      (options.accountSid !== undefined && auth.user !== options.accountSid) ||
      (options.authToken !== undefined && auth.secret !== options.authToken)
    ) {
      return { reply: error(401, 20003, 'Authenticate', { 'www-authenticate': 'Basic realm="Twilio API"' }) };
    }
    if (pathSid !== auth.user) return { reply: error(404, 20404, `The requested resource ${request.path} was not found`) };
    const form = request.form;
    if (!form.To) return { reply: error(400, 21604, "A 'To' phone number is required.") };
    if (!form.Body) return { reply: error(400, 21602, 'Message body is required.') };
    if (!form.From && !form.MessagingServiceSid) return { reply: error(400, 21603, "A 'From' phone number is required.") };
    if (form.MessagingServiceSid && !/^MG[0-9a-fA-F]{32}$/.test(form.MessagingServiceSid)) {
      return { reply: error(400, 21701, `The Messaging Service Sid ${form.MessagingServiceSid} is invalid.`) };
    }
    if (form.From && !form.MessagingServiceSid && !E164.test(form.From)) {
      return { reply: error(400, 21212, `The 'From' number ${form.From} is not a valid phone number, shortcode, or alphanumeric sender ID.`) };
    }
    if (!E164.test(form.To)) return { reply: error(400, 21211, `The 'To' number ${form.To} is not a valid phone number.`) };
    const accept = (): Reply => {
      const sid = `SM${hex(16)}`;
      const now = new Date().toUTCString().replace('GMT', '+0000');
      const viaService = Boolean(form.MessagingServiceSid);
      const resource = {
        account_sid: auth.user, api_version: '2010-04-01', body: form.Body, date_created: now, date_sent: null, date_updated: now,
        direction: 'outbound-api', error_code: null, error_message: null, from: viaService ? null : form.From,
        messaging_service_sid: form.MessagingServiceSid ?? null, num_media: '0', num_segments: '1', price: null, price_unit: 'USD',
        sid, status: viaService ? 'accepted' : 'queued', subresource_uris: { media: `/2010-04-01/Accounts/${auth.user}/Messages/${sid}/Media.json` },
        to: form.To, uri: `/2010-04-01/Accounts/${auth.user}/Messages/${sid}.json`,
      };
      return {
        status: 201, body: JSON.stringify(resource), headers: { 'content-type': 'application/json' },
        message: { id: sid, to: form.To!, text: form.Body!, from: form.MessagingServiceSid ?? form.From ?? null },
      };
    };
    return {
      scripted: (step) => {
        if (!step || step.kind === 'accept') return accept();
        if (step.kind === 'raw') return { status: step.status, body: step.body, headers: { 'content-type': 'application/json', ...step.headers } };
        if (step.kind === 'http') {
          const known = TWILIO_DEFAULT_CODES[step.status] ?? TWILIO_DEFAULT_CODES[step.status >= 500 ? 500 : 400]!;
          return error(step.status, step.code ?? known.code, step.message ?? known.message, step.retryAfter ? { 'retry-after': step.retryAfter } : {});
        }
        throw new Error(`fake Twilio cannot play a ${step.kind} step`);
      },
    };
  });
}

// ---------------------------------------------------------------- the server both share

async function startFake(provider: FakeSmsProviderName, port: number, decide: (request: FakeSmsRequest) => Verdict): Promise<FakeSmsServer> {
  const requests: FakeSmsRequest[] = [];
  const messages: FakeSmsMessage[] = [];
  const steps: FakeSmsStep[] = [];
  const held: (() => void)[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();

  const send = (res: http.ServerResponse, request: FakeSmsRequest, reply: Reply) => {
    // The client may have given up (its timeout); a message it never heard about was still taken, as with the real ones.
    if (reply.message) messages.push(reply.message);
    request.answer = reply.status;
    if (res.destroyed) return;
    res.writeHead(reply.status, reply.headers).end(reply.body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      const form = (headers['content-type'] ?? '').includes('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(rawBody)) : {};
      const request: FakeSmsRequest = { at: Date.now(), method: req.method ?? 'GET', path: url.pathname, headers, form, rawBody, auth: null, answer: 'held' };
      requests.push(request);
      for (const waiter of waiters.filter((w) => requests.length >= w.n)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      let verdict: Verdict;
      try {
        verdict = decide(request);
      } catch (error) {
        send(res, request, { status: 500, body: String(error), headers: { 'content-type': 'text/plain' } });
        return;
      }
      if ('reply' in verdict) {
        send(res, request, verdict.reply);
        return;
      }
      const step = steps.shift();
      if (step?.kind === 'hold') {
        held.push(() => send(res, request, verdict.scripted(undefined)));
        return;
      }
      let reply: Reply;
      try {
        reply = verdict.scripted(step);
      } catch (error) {
        reply = { status: 500, body: String(error), headers: { 'content-type': 'text/plain' } };
      }
      const delayMs = step && 'delayMs' in step ? (step.delayMs ?? 0) : 0;
      if (delayMs > 0) setTimeout(() => send(res, request, reply), delayMs);
      else send(res, request, reply);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    provider,
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    requests,
    messages,
    script: (...more) => {
      if (provider === 'twilio' && more.some((s) => s.kind === 'recipient')) throw new Error('A recipient step is for Africa\'s Talking only');
      steps.push(...more);
    },
    pending: () => steps.length,
    release: () => {
      for (const answer of held.splice(0)) answer();
    },
    waitForRequests: (n, timeoutMs = 20_000) =>
      requests.length >= n
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`fake ${provider} saw ${requests.length} requests, not ${n}`)), timeoutMs);
            waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
          }),
    close: () =>
      new Promise<void>((resolve) => {
        held.splice(0);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
