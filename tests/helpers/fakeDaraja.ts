// A local HTTP server that speaks Safaricom's Daraja API closely enough to check what Billbook Cloud
// sends and to drive it the way M-Pesa does: OAuth (Basic auth -> a token with an expiry), STK push
// (password = base64(shortcode + passkey + timestamp), AccountReference at most 12 letters and
// digits), the STK query ("being processed" until settled), C2B URL registration, and the callbacks
// Daraja posts — sent when the test says, as often as it says, or never.
// No test-framework imports: vitest and the Playwright test process both start it.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeDarajaKeys {
  shortcode: string;
  consumerKey: string;
  consumerSecret: string;
  passkey: string;
}

export interface FakeStk {
  checkoutId: string;
  phone: string;
  amount: number;
  accountReference: string;
  callbackUrl: string;
  transactionType: string;
  /** What the query answers: null while "being processed". */
  result: { code: string; description: string } | null;
}

export interface FakeDaraja {
  url: string;
  keys: FakeDarajaKeys;
  stk: FakeStk[];
  tokensIssued: number;
  queries: number;
  registered: { confirmation: string; validation: string } | null;
  /** Problems the fake found in requests (a wrong password, a long account reference...). */
  problems: string[];
  /** Settles a prompt as M-Pesa would: the query's answer, and unless told otherwise the callback. */
  settle(checkoutId: string, outcome: { code: string; description?: string; receipt?: string; amount?: number; callback?: boolean; queryCode?: string }): Promise<void>;
  /** Posts an STK callback body as given (forged, replayed, late). */
  postStkCallback(checkoutId: string, body: unknown): Promise<number>;
  /** Posts a C2B confirmation to the registered address, as Daraja does after a Paybill payment. */
  confirmC2b(payment: { receipt: string; amount: number; account: string; phone?: string; name?: string; time?: string; shortcode?: string }): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { status: response.status, body: parsed };
}

export async function startFakeDaraja(keys: Partial<FakeDarajaKeys> = {}): Promise<FakeDaraja> {
  const full: FakeDarajaKeys = { shortcode: '174379', consumerKey: 'ck_test', consumerSecret: 'cs_test', passkey: 'passkey-test', ...keys };
  const tokens = new Set<string>();
  const fake: FakeDaraja = {
    url: '', keys: full, stk: [], tokensIssued: 0, queries: 0, registered: null, problems: [],
    async settle(checkoutId, outcome) {
      const request = fake.stk.find((s) => s.checkoutId === checkoutId);
      if (!request) throw new Error(`no STK request ${checkoutId}`);
      request.result = { code: outcome.queryCode ?? outcome.code, description: outcome.description ?? (outcome.code === '0' ? 'The service request is processed successfully.' : 'Request cancelled by user') };
      if (outcome.callback === false) return;
      await fake.postStkCallback(checkoutId, stkCallbackBody(request, outcome));
    },
    async postStkCallback(checkoutId, body) {
      const request = fake.stk.find((s) => s.checkoutId === checkoutId);
      if (!request) throw new Error(`no STK request ${checkoutId}`);
      return (await postJson(request.callbackUrl, body)).status;
    },
    async confirmC2b(payment) {
      if (!fake.registered) throw new Error('no C2B URLs registered');
      return postJson(fake.registered.confirmation, {
        TransactionType: 'Pay Bill', TransID: payment.receipt, TransTime: payment.time ?? '20261121143000', TransAmount: String(payment.amount),
        BusinessShortCode: payment.shortcode ?? full.shortcode, BillRefNumber: payment.account, InvoiceNumber: '', OrgAccountBalance: '', ThirdPartyTransID: '',
        MSISDN: payment.phone ?? '254722000111', FirstName: payment.name ?? 'JANE', MiddleName: '', LastName: 'WANJIKU',
      });
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
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'GET' && path === '/oauth/v1/generate') {
        const expected = `Basic ${Buffer.from(`${full.consumerKey}:${full.consumerSecret}`).toString('base64')}`;
        if (req.headers.authorization !== expected) return send(400, { errorCode: '400.008.01', errorMessage: 'Invalid Authentication passed' });
        const token = randomBytes(12).toString('hex');
        tokens.add(token);
        fake.tokensIssued += 1;
        return send(200, { access_token: token, expires_in: '3599' });
      }
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!bearer || !tokens.has(bearer)) return send(401, { errorCode: '404.001.03', errorMessage: 'Invalid Access Token' });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return send(400, { errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid JSON' });
      }
      const passwordOk = () => {
        const expected = Buffer.from(`${full.shortcode}${full.passkey}${String(body.Timestamp)}`).toString('base64');
        if (body.Password !== expected || !/^\d{14}$/.test(String(body.Timestamp))) {
          fake.problems.push(`wrong password or timestamp (${String(body.Timestamp)})`);
          return false;
        }
        return true;
      };
      if (req.method === 'POST' && path === '/mpesa/stkpush/v1/processrequest') {
        if (!passwordOk()) return send(400, { errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid Password' });
        const reference = String(body.AccountReference ?? '');
        if (reference.length > 12 || !/^[A-Za-z0-9]+$/.test(reference)) {
          fake.problems.push(`account reference ${reference} is not 1-12 letters and digits`);
          return send(400, { errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid AccountReference' });
        }
        if (!Number.isInteger(body.Amount) || (body.Amount as number) < 1) return send(400, { errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid Amount' });
        const checkoutId = `ws_CO_${randomBytes(8).toString('hex')}`;
        fake.stk.push({
          checkoutId, phone: String(body.PhoneNumber), amount: body.Amount as number, accountReference: reference, callbackUrl: String(body.CallBackURL),
          transactionType: String(body.TransactionType), result: null,
        });
        return send(200, { MerchantRequestID: randomBytes(6).toString('hex'), CheckoutRequestID: checkoutId, ResponseCode: '0', ResponseDescription: 'Success. Request accepted for processing', CustomerMessage: 'Success. Request accepted for processing' });
      }
      if (req.method === 'POST' && path === '/mpesa/stkpushquery/v1/query') {
        fake.queries += 1;
        if (!passwordOk()) return send(400, { errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid Password' });
        const request = fake.stk.find((s) => s.checkoutId === body.CheckoutRequestID);
        if (!request) return send(400, { errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid CheckoutRequestID' });
        if (!request.result) return send(500, { requestId: '1', errorCode: '500.001.1001', errorMessage: 'The transaction is being processed' });
        return send(200, { ResponseCode: '0', ResponseDescription: 'The service request has been accepted successsfully', MerchantRequestID: '1', CheckoutRequestID: request.checkoutId, ResultCode: request.result.code, ResultDesc: request.result.description });
      }
      if (req.method === 'POST' && path === '/mpesa/c2b/v1/registerurl') {
        if (String(body.ShortCode) !== full.shortcode) return send(400, { errorCode: '400.003.02', errorMessage: 'Bad Request - Invalid ShortCode' });
        fake.registered = { confirmation: String(body.ConfirmationURL), validation: String(body.ValidationURL) };
        return send(200, { OriginatorCoversationID: '1', ResponseCode: '0', ResponseDescription: 'Success' });
      }
      return send(404, { errorCode: '404.001.01', errorMessage: 'Resource not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** The body Daraja posts for a settled prompt. */
export function stkCallbackBody(request: FakeStk, outcome: { code: string; description?: string; receipt?: string; amount?: number }) {
  const paid = outcome.code === '0';
  return {
    Body: {
      stkCallback: {
        MerchantRequestID: '29115-34620561-1', CheckoutRequestID: request.checkoutId, ResultCode: Number(outcome.code),
        ResultDesc: outcome.description ?? (paid ? 'The service request is processed successfully.' : 'Request cancelled by user'),
        ...(paid ? {
          CallbackMetadata: {
            Item: [
              { Name: 'Amount', Value: outcome.amount ?? request.amount }, { Name: 'MpesaReceiptNumber', Value: outcome.receipt ?? 'QK7X1Y2Z3A' },
              { Name: 'Balance' }, { Name: 'TransactionDate', Value: 20261121143000 }, { Name: 'PhoneNumber', Value: Number(request.phone) },
            ],
          },
        } : {}),
      },
    },
  };
}
