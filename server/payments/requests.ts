// Asking for money through the Cloud and hearing back: an M-Pesa prompt on the customer's phone
// (STK push), settled by Daraja's callback only once Daraja's own query agrees with it, or by
// polling that query when no callback comes; and a Paystack payment link, settled by a webhook whose
// signature is checked over the raw bytes and whose reference Paystack's verify endpoint confirms.
// Every outcome is written as the Cloud's own synced rows, so each computer sees it.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { v7 } from 'uuid';
import { paymentRequestStatus, type PaymentRequestView } from '../../shared/cloud/payments';
import { normalizePhone } from '../../shared/domain/phone';
import { AppError } from '../../shared/errors';
import { accountReferenceFor } from '../../shared/payments/accountReference';
import { MPESA_PAID, mpesaResultWords } from '../../shared/payments/mpesaResults';
import type { SyncData, SyncRow } from '../../shared/sync/tables';
import type { CloudContext } from '../context';
import { inOrg, type OrgTransaction } from '../db/tenant';
import { darajaTime, darajaToken, stkCallbackSchema, stkPush, stkQuery, c2bSchema } from './daraja';
import { initialize, signatureMatches, verify, webhookSchema } from './paystack';
import { cloudStamp, heldRow, invoicesWithBalance, recordIncoming, writeCloudRows, type OpenInvoice } from './record';
import { orgPayments, type OrgPayments } from './setup';

/** Waits between Daraja queries for a prompt with no answer yet: the customer has about a minute to enter the PIN. */
const QUERY_BACKOFF_S = [20, 30, 45, 60, 120, 300, 600];

/** "0722 123 456", "+254722123456", "722123456" -> "254722123456"; null when it is not a Kenyan mobile number. */
export function mpesaPhone(typed: string): string | null {
  const phone = normalizePhone(typed, 'KE');
  return phone.ok && /^\+254[17]\d{8}$/.test(phone.e164) ? phone.e164.slice(1) : null;
}

async function finalInvoice(trx: OrgTransaction, orgId: string, invoiceId: string): Promise<{ invoice: OpenInvoice; data: SyncData }> {
  const row = await heldRow(trx, orgId, 'invoices', invoiceId);
  if (!row || row.data.lifecycle !== 'final') {
    throw new AppError(row ? 'conflict' : 'not_found', row
      ? 'Only a final invoice that is not void can be paid this way.'
      : 'Billbook Cloud does not have this invoice yet. Sync this computer (Sync now), then ask again.');
  }
  const [invoice] = await invoicesWithBalance(trx, orgId, { invoiceIds: [invoiceId] });
  return { invoice: invoice!, data: row.data };
}

function requestRow(id: string, at: Date, data: SyncData): SyncRow {
  return { table: 'payment_requests', id, stamps: { '*': cloudStamp(at) }, data };
}

export function requestView(row: SyncRow): PaymentRequestView {
  return {
    id: row.id, kind: row.data.kind === 'paystack' ? 'paystack' : 'stk', invoiceId: String(row.data.invoice_id),
    status: paymentRequestStatus(row.data.status),
    resultText: String(row.data.result_text ?? ''), url: String(row.data.url ?? ''),
  };
}

async function updateRequest(ctx: CloudContext, trx: OrgTransaction, orgId: string, requestId: string, change: SyncData): Promise<void> {
  const now = ctx.clock.now();
  const held = await heldRow(trx, orgId, 'payment_requests', requestId);
  if (!held) return;
  await writeCloudRows(trx, orgId, [requestRow(requestId, now, { ...held.data, ...change, updated_at: now.toISOString() })]);
}

export interface StkAsk {
  invoiceId: string;
  phone: string;
  amountMinor?: number | undefined;
  requestedBy: string;
}

/** Sends the M-Pesa prompt for an invoice (its balance unless an amount is given) and notes it as pending. */
export async function requestStk(ctx: CloudContext, orgId: string, ask: StkAsk): Promise<PaymentRequestView> {
  const phone = mpesaPhone(ask.phone);
  if (!phone) throw new AppError('invalid_input', 'That is not an M-Pesa number. Enter a Kenyan mobile number like 0722 123456.', { phone: 'Enter a number like 0722 123456' });
  const prepared = await inOrg(ctx.db, orgId, async (trx) => {
    const setup = await orgPayments(ctx, trx, orgId);
    if (!setup.daraja) throw new AppError('conflict', 'M-Pesa is not set up for this organisation yet. The owner enters the Daraja keys in Settings → Payments.');
    const { invoice } = await finalInvoice(trx, orgId, ask.invoiceId);
    if (invoice.currency !== 'KES') throw new AppError('invalid_input', `M-Pesa takes Kenya shillings; this invoice is in ${invoice.currency}. Send a Paystack link or the bank details instead.`);
    const amountMinor = ask.amountMinor ?? invoice.balanceMinor;
    if (amountMinor <= 0) throw new AppError('conflict', `${invoice.number} is already paid in full.`);
    const token = await darajaToken(trx, orgId, setup.daraja, ctx.clock.now());
    return { setup, invoice, amountMinor, token };
  });
  const { setup, invoice, token } = prepared;
  // M-Pesa takes whole shillings: cents are rounded up, and the few cents over are kept as credit.
  const amountMajor = Math.ceil(prepared.amountMinor / 100);
  const now = ctx.clock.now();
  const { checkoutId } = await stkPush(token, setup.daraja!, {
    phone, amountMajor, accountReference: accountReferenceFor(invoice.number), callbackUrl: hookUrl(ctx, setup, 'mpesa/stk'),
    description: `Invoice ${invoice.number}`, at: now,
  });
  const id = v7();
  const row = requestRow(id, now, {
    kind: 'stk', invoice_id: invoice.id, phone, amount_minor: amountMajor * 100, currency: 'KES', status: 'pending', result_code: '',
    result_text: `Waiting for the customer to enter their M-Pesa PIN on ${phone}.`, checkout_id: checkoutId, reference: accountReferenceFor(invoice.number),
    url: '', requested_by: ask.requestedBy, created_at: now.toISOString(), updated_at: now.toISOString(),
  });
  await inOrg(ctx.db, orgId, async (trx) => {
    await trx.insertInto('stk_requests').values({
      id, org_id: orgId, checkout_id: checkoutId, invoice_id: invoice.id, amount_minor: amountMajor * 100, phone, status: 'pending',
      receipt: null, next_query_at: new Date(now.getTime() + QUERY_BACKOFF_S[0]! * 1000), created_at: now,
    }).execute();
    await writeCloudRows(trx, orgId, [row]);
  });
  return requestView(row);
}

export function hookUrl(ctx: CloudContext, setup: OrgPayments, tail: string): string {
  return `${ctx.config.publicUrl.replace(/\/+$/, '')}/v1/hooks/${setup.hook}/${tail}`;
}

interface StkSettlement {
  code: string;
  description: string;
  receipt?: string | undefined;
  amountMinor?: number | undefined;
  paidAt?: Date | undefined;
}

/** Settles a prompt once: paid (recorded as a payment) or not (with words saying why). */
async function settleStk(ctx: CloudContext, orgId: string, checkoutId: string, result: StkSettlement): Promise<'settled' | 'already'> {
  return inOrg(ctx.db, orgId, async (trx) => {
    const request = await sql<{ id: string; invoice_id: string; amount_minor: number; phone: string; status: string }>`
      SELECT id, invoice_id, amount_minor, phone, status FROM stk_requests WHERE org_id = ${orgId} AND checkout_id = ${checkoutId} FOR UPDATE`.execute(trx);
    const held = request.rows[0];
    if (!held || held.status !== 'pending') return 'already';
    const now = ctx.clock.now();
    if (result.code === MPESA_PAID) {
      // The query confirms payment but carries no receipt; the callback's receipt is used when it came.
      const receipt = result.receipt ?? `STK-${checkoutId}`.slice(0, 40);
      const outcome = await recordIncoming(ctx, trx, orgId, {
        source: 'mpesa_stk', receipt, amountMinor: result.amountMinor ?? Number(held.amount_minor), currency: 'KES', payerPhone: held.phone, payerName: '',
        accountReference: '', paidAt: result.paidAt ?? now, invoiceId: held.invoice_id, method: 'mpesa', label: 'M-Pesa (payment request)',
      });
      await trx.updateTable('stk_requests').set({ status: 'paid', receipt }).where('id', '=', held.id).execute();
      const words = outcome.kind === 'recorded' ? `Paid: M-Pesa ${receipt}, recorded as ${outcome.number}.` : `Paid: M-Pesa ${receipt} (already recorded).`;
      await updateRequest(ctx, trx, orgId, held.id, { status: 'paid', result_code: '0', result_text: words });
      return 'settled';
    }
    const status = result.code === '1032' ? 'cancelled' : 'failed';
    await trx.updateTable('stk_requests').set({ status }).where('id', '=', held.id).execute();
    await updateRequest(ctx, trx, orgId, held.id, { status, result_code: result.code, result_text: mpesaResultWords(result.code, result.description) });
    return 'settled';
  });
}

const item = (items: { Name: string; Value?: string | number | undefined }[], name: string) => items.find((i) => i.Name === name)?.Value;

/**
 * Daraja's answer to a prompt. Daraja signs nothing, so the callback is only a hint: its result is
 * recorded when Daraja's own query says the same; when the query says otherwise, the query's word
 * stands; when the query has no answer yet, the prompt stays pending and the poller settles it.
 */
export async function onStkCallback(ctx: CloudContext, orgId: string, body: unknown): Promise<void> {
  const parsed = stkCallbackSchema.safeParse(body);
  if (!parsed.success) return;
  const callback = parsed.data.Body.stkCallback;
  const found = await inOrg(ctx.db, orgId, (trx) => trx.selectFrom('stk_requests').select(['status']).where('checkout_id', '=', callback.CheckoutRequestID).executeTakeFirst());
  if (!found || found.status !== 'pending') return;
  const query = await queryStk(ctx, orgId, callback.CheckoutRequestID);
  if (query === null) return;
  const items = callback.CallbackMetadata?.Item ?? [];
  const agrees = query.code === String(callback.ResultCode);
  const receipt = item(items, 'MpesaReceiptNumber');
  const amount = Number(item(items, 'Amount'));
  await settleStk(ctx, orgId, callback.CheckoutRequestID, {
    code: query.code, description: query.description,
    receipt: agrees && typeof receipt === 'string' && /^[A-Z0-9]{6,20}$/.test(receipt) ? receipt : undefined,
    amountMinor: agrees && Number.isFinite(amount) && amount > 0 ? Math.round(amount * 100) : undefined,
    paidAt: agrees ? darajaTime(String(item(items, 'TransactionDate') ?? ''), ctx.clock.now()) : undefined,
  });
}

async function queryStk(ctx: CloudContext, orgId: string, checkoutId: string) {
  const { setup, token } = await inOrg(ctx.db, orgId, async (trx) => {
    const s = await orgPayments(ctx, trx, orgId);
    if (!s.daraja) return { setup: s, token: '' };
    return { setup: s, token: await darajaToken(trx, orgId, s.daraja, ctx.clock.now()) };
  });
  if (!setup.daraja) return null;
  return stkQuery(token, setup.daraja, checkoutId, ctx.clock.now());
}

/**
 * Asks Daraja about prompts whose callback has not come (callbacks are sometimes never sent). Runs
 * across organisations; each prompt is asked about on a widening schedule and given up after the
 * last wait with words saying what to check.
 */
export async function pollPendingStk(ctx: CloudContext, limit = 50): Promise<number> {
  const now = ctx.clock.now();
  const due = await sql<{ org_id: string; checkout_id: string; queries: number }>`
    SELECT org_id, checkout_id, queries FROM stk_requests WHERE status = 'pending' AND next_query_at <= ${now} ORDER BY next_query_at LIMIT ${limit}`.execute(ctx.db);
  let settled = 0;
  for (const request of due.rows) {
    let answer: Awaited<ReturnType<typeof queryStk>> = null;
    try {
      answer = await queryStk(ctx, request.org_id, request.checkout_id);
    } catch {
      answer = null;
    }
    if (answer) {
      if ((await settleStk(ctx, request.org_id, request.checkout_id, answer)) === 'settled') settled += 1;
      continue;
    }
    const queries = Number(request.queries) + 1;
    if (queries >= QUERY_BACKOFF_S.length) {
      await settleStk(ctx, request.org_id, request.checkout_id, { code: 'no_answer', description: '' }).then(() => undefined);
      continue;
    }
    await inOrg(ctx.db, request.org_id, (trx) => trx.updateTable('stk_requests')
      .set({ queries, next_query_at: new Date(now.getTime() + QUERY_BACKOFF_S[queries]! * 1000) })
      .where('checkout_id', '=', request.checkout_id).execute());
  }
  return settled;
}

/** A Paybill/Till payment Daraja reports: recorded once per receipt, matched by the account typed. */
export async function onC2bConfirmation(ctx: CloudContext, orgId: string, body: unknown): Promise<'recorded' | 'unmatched' | 'duplicate' | 'ignored'> {
  const parsed = c2bSchema.safeParse(body);
  if (!parsed.success) return 'ignored';
  const c2b = parsed.data;
  const amount = Number(c2b.TransAmount);
  if (!Number.isFinite(amount) || amount <= 0) return 'ignored';
  return inOrg(ctx.db, orgId, async (trx) => {
    const setup = await orgPayments(ctx, trx, orgId);
    // Another shortcode's payment on this path would mean the path leaked: refuse to book it.
    if (setup.daraja && c2b.BusinessShortCode !== undefined && String(c2b.BusinessShortCode) !== setup.daraja.shortcode) return 'ignored';
    const outcome = await recordIncoming(ctx, trx, orgId, {
      source: 'mpesa_c2b', receipt: c2b.TransID.toUpperCase(), amountMinor: Math.round(amount * 100), currency: 'KES', payerPhone: c2b.MSISDN,
      payerName: [c2b.FirstName, c2b.MiddleName, c2b.LastName].filter(Boolean).join(' '), accountReference: c2b.BillRefNumber,
      paidAt: darajaTime(c2b.TransTime, ctx.clock.now()), method: 'mpesa', label: 'M-Pesa Paybill',
    });
    return outcome.kind;
  });
}

export interface PaystackAsk {
  invoiceId: string;
  email?: string | undefined;
  requestedBy: string;
  /** Where Paystack sends the customer back to. */
  returnUrl?: string | undefined;
}

/** Starts a Paystack payment for an invoice's balance and returns its link. */
export async function paystackLink(ctx: CloudContext, orgId: string, ask: PaystackAsk): Promise<PaymentRequestView> {
  const prepared = await inOrg(ctx.db, orgId, async (trx) => {
    const setup = await orgPayments(ctx, trx, orgId);
    if (!setup.paystack) throw new AppError('conflict', 'Paystack is not set up for this organisation yet. The owner enters the secret key in Settings → Payments.');
    const { invoice, data } = await finalInvoice(trx, orgId, ask.invoiceId);
    if (invoice.currency !== 'KES') throw new AppError('invalid_input', `Paystack links are made in Kenya shillings; this invoice is in ${invoice.currency}.`);
    if (invoice.balanceMinor <= 0) throw new AppError('conflict', `${invoice.number} is already paid in full.`);
    const customer = await heldRow(trx, orgId, 'customers', invoice.customerId);
    const email = ask.email ?? (typeof customer?.data.email === 'string' && customer.data.email !== '' ? customer.data.email : null);
    if (!email) throw new AppError('invalid_input', 'Paystack needs the customer’s email address. Add it to the customer, then make the link again.');
    return { setup, invoice, email, shareToken: typeof data.share_token === 'string' ? data.share_token : null };
  });
  const { setup, invoice, email } = prepared;
  const reference = `bb_${crypto.randomBytes(12).toString('hex')}`;
  const now = ctx.clock.now();
  const publicUrl = ctx.config.publicUrl.replace(/\/+$/, '');
  const { url } = await initialize(setup.paystack!, {
    amountMinor: invoice.balanceMinor, email, reference,
    callbackUrl: ask.returnUrl ?? (prepared.shareToken ? `${publicUrl}/p/${prepared.shareToken}` : publicUrl),
    metadata: { invoice_number: invoice.number, invoice_id: invoice.id },
  });
  const id = v7();
  const row = requestRow(id, now, {
    kind: 'paystack', invoice_id: invoice.id, phone: '', amount_minor: invoice.balanceMinor, currency: 'KES', status: 'pending', result_code: '',
    result_text: 'Pay now link made; waiting for the customer to pay.', checkout_id: '', reference, url, requested_by: ask.requestedBy,
    created_at: now.toISOString(), updated_at: now.toISOString(),
  });
  await inOrg(ctx.db, orgId, async (trx) => {
    await trx.insertInto('paystack_references').values({ reference, org_id: orgId, request_id: id, invoice_id: invoice.id, amount_minor: invoice.balanceMinor, created_at: now }).execute();
    await writeCloudRows(trx, orgId, [row]);
  });
  return requestView(row);
}

/**
 * Paystack's webhook. Its signature is checked over the exact bytes that arrived before anything in
 * it is read; a charge is recorded once per reference, and only as Paystack's verify endpoint tells it.
 */
export async function onPaystackWebhook(ctx: CloudContext, orgId: string, raw: Buffer, signature: string | undefined): Promise<'recorded' | 'unmatched' | 'duplicate' | 'ignored'> {
  const setup = await inOrg(ctx.db, orgId, (trx) => orgPayments(ctx, trx, orgId));
  if (!setup.paystack || !signatureMatches(setup.paystack, raw, signature)) {
    throw new AppError('unauthorized', 'The Paystack signature does not match this organisation’s secret key.');
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'ignored';
  }
  const event = webhookSchema.safeParse(body);
  if (!event.success || event.data.event !== 'charge.success') return 'ignored';
  const reference = event.data.data.reference;
  const known = await inOrg(ctx.db, orgId, (trx) => trx.selectFrom('paystack_references').selectAll().where('reference', '=', reference).executeTakeFirst());
  if (!known) return 'ignored';
  const paid = await verify(setup.paystack, reference);
  if (!paid || paid.currency !== 'KES' || paid.amount <= 0) return 'ignored';
  return inOrg(ctx.db, orgId, async (trx) => {
    const outcome = await recordIncoming(ctx, trx, orgId, {
      source: 'paystack', receipt: reference, amountMinor: paid.amount, currency: 'KES', payerPhone: paid.customer?.phone ?? '', payerName: paid.customer?.email ?? '',
      accountReference: '', paidAt: paid.paid_at ? new Date(paid.paid_at) : ctx.clock.now(), invoiceId: known.invoice_id,
      method: paid.channel === 'mobile_money' ? 'mpesa' : 'card', label: paid.channel === 'mobile_money' ? 'Paystack (mobile money)' : 'Paystack (card)',
    });
    if (outcome.kind !== 'duplicate') {
      await updateRequest(ctx, trx, orgId, known.request_id, {
        status: 'paid', result_code: 'success',
        result_text: outcome.kind === 'recorded' ? `Paid by ${paid.channel === 'mobile_money' ? 'mobile money' : 'card'} through Paystack, recorded as ${outcome.number}.` : 'Paid through Paystack; waiting in Unmatched payments.',
      });
    }
    return outcome.kind;
  });
}
