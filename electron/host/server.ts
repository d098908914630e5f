// The contract over HTTP + server-sent events, for `npm run web` and the end-to-end tests.
// Loopback only, a per-run token on every request, foreign Host/Origin refused (DNS rebinding).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Core } from '../core/app';
import { callChannel } from '../core/handlers';
import type { AppErrorShape } from '../../shared/errors';
import { CONTENT_SECURITY_POLICY } from './policy';

export interface HostOptions {
  core: Core;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port: number;
  token?: string;
  /** Largest request body accepted; an import file is the biggest thing sent. */
  maxBodyBytes?: number;
  /** Event streams open at once (a window or tab each); more would let one page exhaust the process. */
  maxEventStreams?: number;
}

export interface Host {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const STATUS_OF: Record<AppErrorShape['code'], number> = {
  invalid_input: 400, not_found: 404, conflict: 409, forbidden: 403, storage: 503, internal: 500,
  unauthorized: 401, revoked: 401, rate_limited: 429, too_large: 413, unavailable: 503,
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.json': 'application/json',
};

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

function fail(res: http.ServerResponse, status: number, code: AppErrorShape['code'], message: string): void {
  send(res, status, { ok: false, error: { code, message } });
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new RangeError('too large'));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Keep reading and dropping the rest, so the caller gets the 413 instead of a reset connection.
        if (chunks.length > 0) chunks.length = 0;
        reject(new RangeError('too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? crypto.randomBytes(24).toString('hex');
  const maxBody = options.maxBodyBytes ?? 48 * 1024 * 1024;
  const maxStreams = options.maxEventStreams ?? 16;
  const { core } = options;
  const sseClients = new Set<http.ServerResponse>();
  let port = options.port;

  const unsubscribe = core.events.onAny((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const indexHtml = () => {
    const file = path.join(options.staticDir, 'index.html');
    if (!fs.existsSync(file)) return null;
    return fs
      .readFileSync(file, 'utf8')
      .replace(/<meta name="billbook-token" content="[^"]*"\s*\/?>/, `<meta name="billbook-token" content="${token}" />`);
  };

  // Cookies are per host, not per port: two hosts on one machine must not overwrite each other's key.
  const keyCookie = () => `billbook-key-${port}`;

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL, relative: string): void {
    const headers: Record<string, string> = {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-frame-options': 'DENY',
    };
    const file = path.resolve(options.staticDir, relative === '' ? 'index.html' : relative);
    const inside = file.startsWith(path.resolve(options.staticDir) + path.sep);
    const isAsset = relative !== '' && relative !== 'index.html' && inside && fs.existsSync(file) && fs.statSync(file).isFile();
    if (isAsset) {
      // Scripts and styles are the same for everyone; only the page, which carries the key, is guarded.
      res.writeHead(200, { ...headers, 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
      return;
    }
    if (relative === 'favicon.ico') {
      // Browsers ask for it on their own, without the key; there is none, and that is no error.
      res.writeHead(204, headers).end();
      return;
    }
    if (sameToken(url.searchParams.get('token'), token)) {
      // The key has been read: keep it in a cookie only this host's pages send, and take it out of
      // the address bar (and so out of history, bookmarks and screenshots) with a redirect.
      res.writeHead(303, { ...headers, location: '/', 'cache-control': 'no-store', 'set-cookie': `${keyCookie()}=${token}; HttpOnly; SameSite=Strict; Path=/` });
      res.end();
      return;
    }
    if (!sameToken(cookieValue(req.headers.cookie, keyCookie()), token)) {
      res.writeHead(401, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end('Billbook: open the full address that `npm run web` printed (it carries the key for this run).');
      return;
    }
    const html = indexHtml();
    if (html === null) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Billbook: the interface is not built yet. Run `npm run build:renderer`, then reload.');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': CONTENT_TYPES['.html']!, 'cache-control': 'no-store' });
    res.end(html);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return fail(res, 403, 'forbidden', 'Unknown Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
      return fail(res, 403, 'forbidden', 'Requests from other sites are refused');
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return fail(res, 400, 'invalid_input', 'Malformed address');
    }

    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return fail(res, 405, 'invalid_input', 'Use POST');
      if (!sameToken(req.headers['x-billbook-token'] as string | undefined, token)) return fail(res, 401, 'forbidden', 'Missing or wrong token');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return fail(res, 415, 'invalid_input', 'Send JSON');
      let body: string;
      try {
        body = await readBody(req, maxBody);
      } catch {
        return fail(res, 413, 'invalid_input', `The request is larger than ${Math.round(maxBody / 1024 / 1024)} MB. Split the file and try again.`);
      }
      let input: unknown;
      try {
        input = body === '' ? {} : JSON.parse(body);
      } catch {
        return fail(res, 400, 'invalid_input', 'The request body is not valid JSON');
      }
      const envelope = await callChannel(core.api, pathname.slice('/rpc/'.length), input);
      return send(res, envelope.ok ? 200 : STATUS_OF[envelope.error.code], envelope);
    }

    if (url.pathname === '/events') {
      if (!sameToken(url.searchParams.get('token'), token)) return fail(res, 401, 'forbidden', 'Missing or wrong token');
      if (sseClients.size >= maxStreams) {
        res.setHeader('retry-after', '10');
        return fail(res, 503, 'conflict', `Too many Billbook windows or tabs are open (${maxStreams} at most receive updates). Close some of them, then reload this one.`);
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'invalid_input', 'Method not allowed');
    serveStatic(req, res, url, pathname.replace(/^\/+/, ''));
  }

  const server = http.createServer((req, res) => {
    // Every answer, whatever its type or status: no browser may guess a type and run it as a script.
    res.setHeader('x-content-type-options', 'nosniff');
    handle(req, res).catch((error: unknown) => {
      console.error('Host request failed', error);
      if (!res.headersSent) fail(res, 500, 'internal', 'Something went wrong inside Billbook');
      else res.end();
    });
  });
  server.requestTimeout = 120_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        token,
        port,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            clearInterval(heartbeat);
            for (const client of sseClients) client.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
