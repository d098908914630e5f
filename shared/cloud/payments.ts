// Getting paid through Billbook Cloud: the request bodies the Cloud parses (zod) and the answers the
// app reads. Keys go to the Cloud and stay there, sealed; the app only ever sees whether they are set.
import { z } from 'zod';
import { oneLine } from '../text';

const key = (what: string) => oneLine(z.string().trim().min(1, `Enter the ${what}`).max(500));

export const darajaConfigSchema = z.object({
  shortcode: z.string().trim().regex(/^\d{5,7}$/, 'A Paybill or Till number has 5 to 7 digits'),
  kind: z.enum(['paybill', 'till']),
  consumerKey: key('consumer key'),
  consumerSecret: key('consumer secret'),
  passkey: key('Lipa na M-Pesa passkey'),
  environment: z.enum(['sandbox', 'production']).default('sandbox'),
  /** Tests and proxies; empty: Safaricom's own for the environment. */
  baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
});
export const paystackConfigSchema = z.object({
  secretKey: key('secret key').refine((k) => /^sk_(test|live)_/.test(k), 'A Paystack secret key starts sk_test_ or sk_live_'),
  baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
});
export const customerLinksSchema = z.object({ enabled: z.boolean(), days: z.number().int().min(0).max(3650) });

export const stkRequestSchema = z.object({
  invoiceId: z.string().min(1).max(100),
  phone: oneLine(z.string().trim().min(9, 'Enter the M-Pesa number, like 0722 123456').max(20)),
  amountMinor: z.number().int().positive().optional(),
});
export const paystackLinkSchema = z.object({ invoiceId: z.string().min(1).max(100), email: z.email().optional() });

export interface PaymentsSetupView {
  daraja: { set: boolean; shortcode: string; kind: 'paybill' | 'till'; environment: 'sandbox' | 'production' } | null;
  paystack: { set: boolean; mode: 'test' | 'live' } | null;
  /** The addresses to give Safaricom and Paystack (they carry this organisation's secret path). */
  callbacks: { darajaConfirmation: string; darajaValidation: string; darajaStk: string; paystackWebhook: string };
  links: { enabled: boolean; days: number };
}

export const PAYMENT_REQUEST_STATUSES = ['pending', 'paid', 'failed', 'cancelled'] as const;
export type PaymentRequestStatus = (typeof PAYMENT_REQUEST_STATUSES)[number];

/** A request's status as stored (synced text); anything unknown reads as still pending. */
export const paymentRequestStatus = (value: unknown): PaymentRequestStatus =>
  (PAYMENT_REQUEST_STATUSES as readonly unknown[]).includes(value) ? (value as PaymentRequestStatus) : 'pending';

export interface PaymentRequestView {
  id: string;
  kind: 'stk' | 'paystack';
  invoiceId: string;
  status: PaymentRequestStatus;
  resultText: string;
  url: string;
}
