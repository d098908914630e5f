// Paystack, with one organisation's secret key: start a payment (a link the customer opens), check a
// reference with Paystack itself before recording anything, and verify a webhook's signature over
// the raw bytes it arrived as (hashing re-serialised JSON, as a widely copied snippet does, fails on
// any difference in spacing or key order — and accepts forgeries that match it).
import crypto from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { paystackConfigSchema } from '../../shared/cloud/payments';

export type PaystackConfig = z.output<typeof paystackConfigSchema>;

const base = (config: PaystackConfig) => (config.baseUrl || 'https://api.paystack.co').replace(/\/+$/, '');

async function call(config: PaystackConfig, method: string, path: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${base(config)}${path}`, {
      method, headers: { authorization: `Bearer ${config.secretKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    throw new AppError('unavailable', `Paystack could not be reached (${(error as Error).message}). Try again in a minute.`);
  }
  const parsed: unknown = await response.json().catch(() => null);
  if (response.status === 401) throw new AppError('invalid_input', 'Paystack refused the secret key. Check it in Settings → Payments.');
  if (!response.ok) throw new AppError(response.status >= 500 ? 'unavailable' : 'invalid_input', `Paystack refused: ${(parsed as { message?: string } | null)?.message ?? response.status}`);
  return parsed;
}

export async function initialize(config: PaystackConfig, request: { amountMinor: number; email: string; reference: string; callbackUrl: string; metadata: Record<string, string> }): Promise<{ url: string }> {
  const answer = z.object({ status: z.literal(true), data: z.object({ authorization_url: z.url(), reference: z.string() }) }).safeParse(
    await call(config, 'POST', '/transaction/initialize', {
      amount: request.amountMinor, currency: 'KES', email: request.email, reference: request.reference, callback_url: request.callbackUrl,
      channels: ['card', 'mobile_money'], metadata: request.metadata,
    }),
  );
  if (!answer.success) throw new AppError('unavailable', 'Paystack did not give a payment link. Try again in a minute.');
  return { url: answer.data.data.authorization_url };
}

const verified = z.object({
  status: z.literal(true),
  data: z.object({ status: z.string(), reference: z.string(), amount: z.number().int(), currency: z.string(), paid_at: z.string().nullable().optional(), channel: z.string().optional(), customer: z.object({ email: z.string().optional(), phone: z.string().nullable().optional() }).optional() }),
});

/** Paystack's own word on a reference: what was paid, or null when it was not (yet) a success. */
export async function verify(config: PaystackConfig, reference: string): Promise<z.output<typeof verified>['data'] | null> {
  const answer = verified.safeParse(await call(config, 'GET', `/transaction/verify/${encodeURIComponent(reference)}`));
  if (!answer.success || answer.data.data.status !== 'success') return null;
  return answer.data.data;
}

/** HMAC-SHA512 of the raw body under the secret key, compared in constant time. */
export function signatureMatches(config: PaystackConfig, rawBody: Buffer, signature: string | undefined): boolean {
  if (!signature || !/^[0-9a-f]{128}$/i.test(signature)) return false;
  const expected = crypto.createHmac('sha512', config.secretKey).update(rawBody).digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export const webhookSchema = z.object({ event: z.string(), data: z.object({ reference: z.string().min(1).max(100) }).passthrough() });
