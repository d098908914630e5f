// Safaricom's Daraja API, as one organisation's keys reach it: an OAuth token cached until it
// expires (in the database, so every instance shares it), the STK push and its query, and C2B URL
// registration. Replies are checked with zod; a failure says what went wrong in words.
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { darajaConfigSchema } from '../../shared/cloud/payments';
import type { OrgTransaction } from '../db/tenant';

export type DarajaConfig = z.output<typeof darajaConfigSchema>;

const HOSTS = { sandbox: 'https://sandbox.safaricom.co.ke', production: 'https://api.safaricom.co.ke' } as const;
export const darajaBase = (config: DarajaConfig) => (config.baseUrl || HOSTS[config.environment]).replace(/\/+$/, '');

/** YYYYMMDDHHmmss in Nairobi time, as Daraja wants the password's timestamp. */
export function darajaTimestamp(at: Date): string {
  const nairobi = new Date(at.getTime() + 3 * 3_600_000);
  return nairobi.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export const stkPassword = (config: DarajaConfig, timestamp: string) => Buffer.from(`${config.shortcode}${config.passkey}${timestamp}`).toString('base64');

async function post(url: string, token: string, body: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
  } catch (error) {
    throw new AppError('unavailable', `M-Pesa (Daraja) could not be reached (${(error as Error).message}). Try again in a minute.`);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('unavailable', `M-Pesa (Daraja) answered ${response.status} with something that is not JSON. Try again in a minute.`);
  }
  if (!response.ok) {
    const message = (parsed as { errorMessage?: string } | null)?.errorMessage ?? text.slice(0, 200);
    throw new AppError(response.status >= 500 ? 'unavailable' : 'invalid_input', `M-Pesa (Daraja) refused the request: ${message}`);
  }
  return parsed;
}

/** A token for this organisation's keys, reused until a minute before it expires. */
export async function darajaToken(trx: OrgTransaction, orgId: string, config: DarajaConfig, now: Date): Promise<string> {
  const cached = await trx.selectFrom('daraja_tokens').select(['token', 'expires_at']).where('org_id', '=', orgId).executeTakeFirst();
  if (cached && new Date(cached.expires_at).getTime() - 60_000 > now.getTime()) return cached.token;
  let response: Response;
  try {
    response = await fetch(`${darajaBase(config)}/oauth/v1/generate?grant_type=client_credentials`, {
      headers: { authorization: `Basic ${Buffer.from(`${config.consumerKey}:${config.consumerSecret}`).toString('base64')}` },
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    throw new AppError('unavailable', `M-Pesa (Daraja) could not be reached (${(error as Error).message}). Try again in a minute.`);
  }
  if (response.status === 400 || response.status === 401) throw new AppError('invalid_input', 'M-Pesa (Daraja) refused the consumer key and secret. Check them in Settings → Payments.');
  const body = z.object({ access_token: z.string().min(1), expires_in: z.union([z.string(), z.number()]) }).safeParse(await response.json().catch(() => null));
  if (!response.ok || !body.success) throw new AppError('unavailable', `M-Pesa (Daraja) did not give a token (answer ${response.status}). Try again in a minute.`);
  const expires = new Date(now.getTime() + Number(body.data.expires_in) * 1000);
  await sql`INSERT INTO daraja_tokens (org_id, token, expires_at) VALUES (${orgId}, ${body.data.access_token}, ${expires})
    ON CONFLICT (org_id) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at`.execute(trx);
  return body.data.access_token;
}

const stkAnswer = z.object({ CheckoutRequestID: z.string().min(1), MerchantRequestID: z.string().optional(), ResponseCode: z.union([z.string(), z.number()]), CustomerMessage: z.string().optional() });

export async function stkPush(token: string, config: DarajaConfig, request: { phone: string; amountMajor: number; accountReference: string; callbackUrl: string; description: string; at: Date }) {
  const timestamp = darajaTimestamp(request.at);
  const answer = stkAnswer.safeParse(await post(`${darajaBase(config)}/mpesa/stkpush/v1/processrequest`, token, {
    BusinessShortCode: config.shortcode, Password: stkPassword(config, timestamp), Timestamp: timestamp,
    TransactionType: config.kind === 'till' ? 'CustomerBuyGoodsOnline' : 'CustomerPayBillOnline',
    Amount: request.amountMajor, PartyA: request.phone, PartyB: config.shortcode, PhoneNumber: request.phone,
    CallBackURL: request.callbackUrl, AccountReference: request.accountReference, TransactionDesc: request.description.slice(0, 13),
  }));
  if (!answer.success || String(answer.data.ResponseCode) !== '0') throw new AppError('unavailable', 'M-Pesa (Daraja) did not accept the payment request. Try again in a minute.');
  return { checkoutId: answer.data.CheckoutRequestID };
}

const queryAnswer = z.object({ ResultCode: z.union([z.string(), z.number()]).optional(), ResultDesc: z.string().optional(), errorCode: z.string().optional() });

/** What Daraja itself says about a prompt: settled with a code, or still waiting (null). */
export async function stkQuery(token: string, config: DarajaConfig, checkoutId: string, at: Date): Promise<{ code: string; description: string } | null> {
  const timestamp = darajaTimestamp(at);
  let raw: unknown;
  try {
    raw = await post(`${darajaBase(config)}/mpesa/stkpushquery/v1/query`, token, { BusinessShortCode: config.shortcode, Password: stkPassword(config, timestamp), Timestamp: timestamp, CheckoutRequestID: checkoutId });
  } catch (error) {
    // "The transaction is being processed" comes back as an error answer: still waiting.
    if (error instanceof AppError && /being processed/i.test(error.message)) return null;
    throw error;
  }
  const answer = queryAnswer.safeParse(raw);
  if (!answer.success || answer.data.ResultCode === undefined) return null;
  return { code: String(answer.data.ResultCode), description: answer.data.ResultDesc ?? '' };
}

export async function registerC2bUrls(token: string, config: DarajaConfig, urls: { confirmation: string; validation: string }): Promise<void> {
  await post(`${darajaBase(config)}/mpesa/c2b/v1/registerurl`, token, { ShortCode: config.shortcode, ResponseType: 'Completed', ConfirmationURL: urls.confirmation, ValidationURL: urls.validation });
}

/** Daraja's STK callback, as it posts it. */
export const stkCallbackSchema = z.object({
  Body: z.object({
    stkCallback: z.object({
      MerchantRequestID: z.string().optional(),
      CheckoutRequestID: z.string().min(1),
      ResultCode: z.union([z.number(), z.string()]),
      ResultDesc: z.string().default(''),
      CallbackMetadata: z.object({ Item: z.array(z.object({ Name: z.string(), Value: z.union([z.string(), z.number()]).optional() })) }).optional(),
    }),
  }),
});

/** Daraja's C2B confirmation (and validation), as it posts it. */
export const c2bSchema = z.object({
  TransID: z.string().min(1).max(40),
  TransTime: z.string().default(''),
  TransAmount: z.union([z.string(), z.number()]),
  BillRefNumber: z.string().default(''),
  MSISDN: z.string().default(''),
  FirstName: z.string().default(''),
  MiddleName: z.string().default(''),
  LastName: z.string().default(''),
  BusinessShortCode: z.union([z.string(), z.number()]).optional(),
});

/** "20261121143000" (Nairobi) as an ISO instant; the Cloud's clock when unreadable. */
export function darajaTime(text: string, fallback: Date): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return fallback;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]) - 3, Number(m[5]), Number(m[6]));
  return Number.isNaN(at) ? fallback : new Date(at);
}
