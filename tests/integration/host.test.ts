import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../electron/host/server';
import { makeCore, tempDir } from '../helpers/core';
import { until } from '../helpers/until';

const hosts: Host[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function start(maxBodyBytes?: number, options: { built?: boolean } = {}) {
  const { core } = makeCore();
  const staticDir = tempDir();
  if (options.built !== false) fs.writeFileSync(path.join(staticDir, 'index.html'), '<html><head><meta name="billbook-token" content="" /></head><body>Billbook</body></html>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("billbook")');
  const host = await startHost({ core, staticDir, port: 0, maxBodyBytes });
  hosts.push(host);
  return host;
}

/** A raw request, so the test controls every header (fetch would not let it set Host). */
function request(host: Host, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const rpc = (host: Host, channel: string, input: unknown, headers: Record<string, string> = {}) =>
  request(host, {
    method: 'POST', path: `/rpc/${channel}`, body: JSON.stringify(input),
    headers: { 'content-type': 'application/json', 'x-billbook-token': host.token, ...headers },
  });

describe('browser host', () => {
  it('serves the contract to a caller with the token', async () => {
    const host = await start();
    const created = await rpc(host, 'customers.create', { name: 'Wanjiku Traders', phone: '0722 123456' });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { code: 'CUST-0001', phone: '+254722123456' } });
  });

  it('answers a failed validation with 400 and the field errors', async () => {
    const host = await start();
    const response = await rpc(host, 'customers.create', { name: '', email: 'nope' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error).toMatchObject({ code: 'invalid_input', fields: { name: 'Name is required', email: expect.any(String) } });
    expect((await rpc(host, 'customers.get', { id: '01890a5d-ac96-774b-bcce-b302099a8057' })).status).toBe(404);
    expect((await rpc(host, 'customers.nope', {})).status).toBe(404);
  });

  it('refuses requests without the token, from foreign hosts or origins, and oversized bodies', async () => {
    const host = await start(1024);
    expect((await rpc(host, 'customers.list', {}, { 'x-billbook-token': 'wrong' })).status).toBe(401);
    expect((await rpc(host, 'customers.list', {}, { host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await rpc(host, 'customers.list', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await rpc(host, 'customers.list', {}, { origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    const big = await rpc(host, 'customers.import.preview', { csvText: 'x'.repeat(4096) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.message).toMatch(/larger than/);
    expect((await request(host, { path: '/' })).status).toBe(401);
    expect((await request(host, { path: '/events' })).status).toBe(401);
  });

  it('serves the page with the token inside it and a strict CSP, only to a holder of the token', async () => {
    const host = await start();
    // The printed address carries the key; the host keeps it in a cookie for this port and sends the
    // browser on to an address without it.
    const opened = await request(host, { path: `/?token=${host.token}` });
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe('/');
    const cookie = opened.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toBe(`billbook-key-${host.port}=${host.token}; HttpOnly; SameSite=Strict; Path=/`);
    const page = await request(host, { path: '/', headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`content="${host.token}"`);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    // A reload without the cookie, or with another run's key, is refused.
    expect((await request(host, { path: '/' })).status).toBe(401);
    expect((await request(host, { path: '/', headers: { cookie: `billbook-key-${host.port}=${'0'.repeat(48)}` } })).status).toBe(401);
    expect((await request(host, { path: `/?token=${'0'.repeat(48)}` })).status).toBe(401);
    const script = await request(host, { path: '/assets/app.js' });
    expect([script.status, script.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    // An escape from the static folder is answered like an unknown page: the guarded index, not the file.
    const escape = await request(host, { path: '/..%2f..%2f..%2f..%2fetc%2fpasswd' });
    expect(escape.status).toBe(401);
    expect(escape.body).not.toContain('root:');
    expect((await request(host, { path: '/%E0%A4%A' })).status).toBe(400);
  });

  it('streams events to the page as server-sent events', async () => {
    const host = await start();
    const received = new Promise<string>((resolve) => {
      http.get({ host: '127.0.0.1', port: host.port, path: `/events?token=${host.token}`, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('event: customers.changed')) {
            res.destroy();
            resolve(text);
          }
        });
      });
    });
    await new Promise((r) => setTimeout(r, 100));
    await rpc(host, 'customers.create', { name: 'Event Co' });
    expect(await received).toMatch(/event: customers.changed\ndata: \{"ids":\["[0-9a-f-]{36}"\]\}/);
  });

  it('says nosniff on every response: JSON, errors, events, the page, its assets, plain-text refusals and empty answers', async () => {
    const host = await start(1024);
    const unbuilt = await start(undefined, { built: false });
    const responses = {
      'rpc 200': await rpc(host, 'customers.list', {}),
      'rpc 400': await rpc(host, 'customers.create', { name: '' }),
      'rpc 401': await rpc(host, 'customers.list', {}, { 'x-billbook-token': 'wrong' }),
      'rpc 403 host': await rpc(host, 'customers.list', {}, { host: `evil.example:${host.port}` }),
      'rpc 404': await rpc(host, 'customers.nope', {}),
      'rpc 405': await request(host, { path: '/rpc/customers.list' }),
      'rpc 413': await rpc(host, 'customers.import.preview', { csvText: 'x'.repeat(4096) }),
      'rpc 415': await request(host, { method: 'POST', path: '/rpc/customers.list', headers: { 'x-billbook-token': host.token, 'content-type': 'text/plain' }, body: '{}' }),
      'malformed 400': await request(host, { path: '/%E0%A4%A' }),
      'page 303': await request(host, { path: `/?token=${host.token}` }),
      'page 200': await request(host, { path: '/', headers: { cookie: `billbook-key-${host.port}=${host.token}` } }),
      'page 401': await request(host, { path: '/' }),
      'page 503': await request(unbuilt, { path: '/', headers: { cookie: `billbook-key-${unbuilt.port}=${unbuilt.token}` } }),
      'asset 200': await request(host, { path: '/assets/app.js' }),
      'favicon 204': await request(host, { path: '/favicon.ico' }),
      'events 401': await request(host, { path: '/events' }),
      'method 405': await request(host, { method: 'DELETE', path: '/' }),
    };
    const statuses = Object.fromEntries(Object.entries(responses).map(([name, r]) => [name, r.status]));
    expect(statuses).toEqual({
      'rpc 200': 200, 'rpc 400': 400, 'rpc 401': 401, 'rpc 403 host': 403, 'rpc 404': 404, 'rpc 405': 405, 'rpc 413': 413, 'rpc 415': 415,
      'malformed 400': 400, 'page 303': 303, 'page 200': 200, 'page 401': 401, 'page 503': 503, 'asset 200': 200, 'favicon 204': 204, 'events 401': 401, 'method 405': 405,
    });
    for (const [name, response] of Object.entries(responses)) expect(response.headers['x-content-type-options'], name).toBe('nosniff');
    const stream = await openEvents(host);
    expect(stream.status).toBe(200);
    expect(stream.headers['x-content-type-options']).toBe('nosniff');
  });

  it('keeps at most 16 event streams open; the 17th is refused with a message, and a freed place can be taken again', async () => {
    const host = await start();
    const open: Awaited<ReturnType<typeof openEvents>>[] = [];
    for (let i = 0; i < 16; i++) open.push(await openEvents(host));
    expect(open.map((s) => s.status)).toEqual(Array(16).fill(200));
    const refused = await openEvents(host);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(JSON.parse(await refused.ended).error.message).toMatch(/Too many Billbook windows or tabs.*close some/i);

    open.pop()!.close();
    const again = await until(() => openEvents(host), (s) => s.status === 200, 5000);
    expect(again.status).toBe(200);
    // The streams still open are still served.
    const received = open[0]!.next('customers.changed');
    await rpc(host, 'customers.create', { name: 'Event Co' });
    expect(await received).toContain('event: customers.changed');
  });
});

/** An event stream held open: its status and headers, the events as they come, and a way to close it. */
function openEvents(host: Host) {
  type Stream = { status: number; headers: http.IncomingHttpHeaders; close: () => void; next: (event: string) => Promise<string>; ended: Promise<string> };
  return new Promise<Stream>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: host.port, path: `/events?token=${host.token}`, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
      let text = '';
      const waiting: { event: string; resolve: (text: string) => void }[] = [];
      const ended = new Promise<string>((done) => res.on('end', () => done(text)));
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        for (const w of waiting.filter((w) => text.includes(`event: ${w.event}`))) w.resolve(text);
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        close: () => req.destroy(),
        next: (event) => new Promise((done) => waiting.push({ event, resolve: done })),
        ended,
      });
    });
    req.on('error', reject);
  });
}
