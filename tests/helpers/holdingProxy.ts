// An HTTP proxy between a desktop and the Cloud that can hold an answer (the Cloud did the work, the
// desktop never hears) or a request (the Cloud never hears), so a test can kill either side at the
// worst moment. The target can change, as when the Cloud restarts on another port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldingProxy {
  url: string;
  target: string;
  /** The next answer to a path starting with `prefix` is kept from the desktop; resolves once the Cloud has answered. */
  holdAnswer(prefix: string): Promise<void>;
  /** The next request to `prefix` is forwarded, and `onForwarded` runs once its whole body has gone to the Cloud. */
  onForwarded(prefix: string, callback: () => void): void;
  close(): Promise<void>;
}

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const holds: { prefix: string; arrived: () => void }[] = [];
  const watches: { prefix: string; callback: () => void }[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const proxy: HoldingProxy = {
    url: '', target,
    holdAnswer: (prefix) => new Promise<void>((resolve) => holds.push({ prefix, arrived: resolve })),
    onForwarded: (prefix, callback) => watches.push({ prefix, callback }),
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const hold = holds.findIndex((h) => path.startsWith(h.prefix));
    const held = hold >= 0 ? holds.splice(hold, 1)[0]! : null;
    const watch = watches.findIndex((w) => path.startsWith(w.prefix));
    const watched = watch >= 0 ? watches.splice(watch, 1)[0]! : null;
    const upstream = http.request(`${proxy.target}${path}`, { method: req.method, headers: { ...req.headers, host: new URL(proxy.target).host } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        if (held) {
          held.arrived();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(Buffer.concat(chunks));
      });
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
    });
    // The desktop went (killed, or its stream closed): the Cloud's side goes too.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
    req.on('end', () => watched?.callback());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
