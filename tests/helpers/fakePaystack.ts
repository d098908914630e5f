// A local HTTP server that speaks Paystack's transaction API closely enough for Billbook Cloud:
// initialize (Bearer secret key, amount in kobo/cents, a reference, an authorization URL back),
// verify (what was really paid), and the charge.success webhook posted with an HMAC-SHA512 of the
// exact bytes it sends — or a wrong one, when the test forges it.
// No test-framework imports: vitest and the Playwright test process both start it.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePaystackTransaction {
  reference: string;
  amount: number;
  email: string;
  currency: string;
  callbackUrl: string;
  channels: string[];
  status: 'pending' | 'success' | 'failed';
  channel: string;
  paidAmount: number;
}

export interface FakePaystack {
  url: string;
  secretKey: string;
  transactions: FakePaystackTransaction[];
  verifications: number;
  /** Marks a transaction paid (Paystack's verify then says so). */
  pay(reference: string, options?: { channel?: 'card' | 'mobile_money'; amount?: number }): void;
  /** Posts charge.success for a reference to the webhook address, signed (or not) over the bytes sent. */
  sendWebhook(webhookUrl: string, reference: string, options?: { signature?: 'right' | 'wrong' | 'none' | 'reserialized'; amount?: number }): Promise<number>;
  close(): Promise<void>;
}

export async function startFakePaystack(secretKey = 'sk_test_fake0123456789'): Promise<FakePaystack> {
  const fake: FakePaystack = {
    url: '', secretKey, transactions: [], verifications: 0,
    pay(reference, options = {}) {
      const t = fake.transactions.find((x) => x.reference === reference);
      if (!t) throw new Error(`no Paystack transaction ${reference}`);
      t.status = 'success';
      t.channel = options.channel ?? 'card';
      t.paidAmount = options.amount ?? t.amount;
    },
    async sendWebhook(webhookUrl, reference, options = {}) {
      const t = fake.transactions.find((x) => x.reference === reference);
      const event = { event: 'charge.success', data: { id: 302961, status: 'success', reference, amount: options.amount ?? t?.paidAmount ?? 0, currency: 'KES', channel: t?.channel ?? 'card', customer: { email: t?.email ?? '' } } };
      // Spaced and ordered as Paystack's own bytes may be: a signature over re-serialized JSON would not match these.
      const raw = JSON.stringify(event, null, 1);
      const sign = (text: string) => crypto.createHmac('sha512', secretKey).update(text).digest('hex');
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const kind = options.signature ?? 'right';
      if (kind === 'right') headers['x-paystack-signature'] = sign(raw);
      if (kind === 'wrong') headers['x-paystack-signature'] = crypto.createHmac('sha512', 'sk_test_someone_else').update(raw).digest('hex');
      if (kind === 'reserialized') headers['x-paystack-signature'] = sign(JSON.stringify(event));
      const response = await fetch(webhookUrl, { method: 'POST', headers, body: raw });
      await response.arrayBuffer();
      return response.status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${secretKey}`) return send(401, { status: false, message: 'Invalid key' });
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method === 'POST' && path === '/transaction/initialize') {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          return send(400, { status: false, message: 'Invalid JSON' });
        }
        if (!Number.isInteger(body.amount) || (body.amount as number) < 100) return send(400, { status: false, message: 'Invalid amount' });
        if (typeof body.email !== 'string' || !body.email.includes('@')) return send(400, { status: false, message: 'Invalid email address passed' });
        const reference = String(body.reference ?? crypto.randomBytes(6).toString('hex'));
        if (fake.transactions.some((t) => t.reference === reference)) return send(400, { status: false, message: 'Duplicate Transaction Reference' });
        fake.transactions.push({
          reference, amount: body.amount as number, email: body.email, currency: String(body.currency ?? 'NGN'), callbackUrl: String(body.callback_url ?? ''),
          channels: (body.channels as string[] | undefined) ?? [], status: 'pending', channel: '', paidAmount: 0,
        });
        return send(200, { status: true, message: 'Authorization URL created', data: { authorization_url: `${fake.url}/checkout/${reference}`, access_code: reference.slice(-10), reference } });
      }
      const verifying = /^\/transaction\/verify\/(.+)$/.exec(path);
      if (req.method === 'GET' && verifying) {
        fake.verifications += 1;
        const t = fake.transactions.find((x) => x.reference === decodeURIComponent(verifying[1]!));
        if (!t) return send(400, { status: false, message: 'Transaction reference not found' });
        return send(200, {
          status: true, message: 'Verification successful',
          data: { status: t.status === 'success' ? 'success' : 'abandoned', reference: t.reference, amount: t.status === 'success' ? t.paidAmount : t.amount, currency: t.currency, paid_at: t.status === 'success' ? '2026-11-21T11:30:00.000Z' : null, channel: t.channel || 'card', customer: { email: t.email, phone: null } },
        });
      }
      return send(404, { status: false, message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
