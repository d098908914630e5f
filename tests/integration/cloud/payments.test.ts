// Money arriving through Billbook Cloud, against local servers that speak Daraja and Paystack: an
// M-Pesa prompt settled by callback (checked against Daraja's query) or by polling, Paybill money
// matched by the account typed, Paystack's signed webhook verified with Paystack; each receipt
// recorded once however often, and the customer's page for an invoice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentRequestView, PaymentsSetupView } from '../../../shared/cloud/payments';
import type { PullAnswer, PushAnswer } from '../../../shared/sync/protocol';
import type { SyncRow } from '../../../shared/sync/tables';
import { pollPendingStk } from '../../../server/payments/requests';
import { api, CLOUD_KINDS, startCloud, type TestCloud } from '../../helpers/cloud';
import { registerDevice, signUp, teamWith } from '../../helpers/cloudPeople';
import { startFakeDaraja, stkCallbackBody, type FakeDaraja } from '../../helpers/fakeDaraja';
import { startFakePaystack, type FakePaystack } from '../../helpers/fakePaystack';

let seq = 0;
const uuid = () => `0190c0de-0000-7000-8000-${(++seq).toString(16).padStart(12, '0')}`;
const stampOf = (device: string) => `2026-11-21T08:00:00.000Z-${(++seq % 0xffff).toString(16).padStart(4, '0')}-${device}`;

describe.each(CLOUD_KINDS)('getting paid through the Cloud (%s)', (kind) => {
  let cloud: TestCloud;
  let daraja: FakeDaraja;
  let paystack: FakePaystack;
  beforeAll(async () => {
    [cloud, daraja, paystack] = await Promise.all([startCloud(kind), startFakeDaraja(), startFakePaystack()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([cloud?.close(), daraja?.close(), paystack?.close()]);
  });

  let mutationId = 0;
  const push = (token: string, name: string, rows: SyncRow[]) => api<PushAnswer>(cloud, 'POST', '/v1/sync/push', { token, body: { schemaVersion: 10, mutations: [{ id: ++mutationId, name, stamp: rows[0]!.stamps['*'], rows }] } });
  const pullAll = async (token: string) => (await api<PullAnswer>(cloud, 'GET', '/v1/sync/pull?cursor=0&limit=1000', { token })).body.rows;

  /** An organisation with M-Pesa and Paystack set up, a customer, and final invoices on the Cloud. */
  async function shop(invoices: { number: string; totalMinor: number; dueDate?: string }[] = [{ number: 'INV-2026-0001', totalMinor: 1_500_000 }]) {
    mutationId = 0;
    const session = await signUp(cloud);
    const device = await registerDevice(cloud, session, 'Till');
    const token = device.deviceToken;
    const customerId = uuid();
    const d = device.device.id;
    const c = stampOf(d);
    expect((await push(token, 'customers.create', [{ table: 'customers', id: customerId, stamps: { '*': c }, data: { code: 'CUST-0001', name: 'Wanjiku Stores', email: 'accounts@wanjiku.co.ke', phone: '0722000111', currency: 'KES', created_at: '2026-11-01T08:00:00.000Z', deleted_at: null } }])).body.refused).toEqual([]);
    const made = [];
    for (const inv of invoices) {
      const id = uuid();
      const shareToken = `share${id.replace(/-/g, '')}`;
      const at = stampOf(d);
      const res = await push(token, 'invoices.finalize', [{
        table: 'invoices', id, stamps: { '*': at },
        data: {
          customer_id: customerId, number: inv.number, lifecycle: 'final', currency: 'KES', issue_date: '2026-11-01', due_date: inv.dueDate ?? '2026-11-15', total_minor: inv.totalMinor,
          finalized_at: '2026-11-01T08:00:00.000Z', share_token: shareToken, lines: [{ position: 0, description: 'Web hosting, November', quantity_milli: 1000, unit_price_minor: inv.totalMinor, amount_minor: inv.totalMinor }],
        },
      }]);
      expect(res.body.refused).toEqual([]);
      made.push({ id, number: inv.number, shareToken });
    }
    const setup = await api<PaymentsSetupView & { notice: string }>(cloud, 'PUT', '/v1/payments/setup/daraja', {
      token, body: { shortcode: daraja.keys.shortcode, kind: 'paybill', consumerKey: daraja.keys.consumerKey, consumerSecret: daraja.keys.consumerSecret, passkey: daraja.keys.passkey, baseUrl: daraja.url },
    });
    expect(setup.status, JSON.stringify(setup.body)).toBe(200);
    await api(cloud, 'PUT', '/v1/payments/setup/paystack', { token, body: { secretKey: paystack.secretKey, baseUrl: paystack.url } });
    return { session, device, token, customerId, invoices: made, setup: setup.body };
  }

  const rowsOf = (rows: SyncRow[], table: string) => rows.filter((r) => r.table === table);

  it('sends an M-Pesa prompt and records the payment once, when Daraja’s query agrees with the callback', async () => {
    const s = await shop();
    expect(s.setup.callbacks.darajaStk).toMatch(/\/v1\/hooks\/[\w-]{20,}\/mpesa\/stk$/);
    expect(daraja.registered?.confirmation).toBe(s.setup.callbacks.darajaConfirmation);
    const asked = await api<PaymentRequestView>(cloud, 'POST', '/v1/payments/stk', { token: s.token, body: { invoiceId: s.invoices[0]!.id, phone: '0722 000 111' } });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.status).toBe('pending');
    const sent = daraja.stk.at(-1)!;
    // INV-2026-0001 is 13 characters; Daraja takes 12 letters and digits.
    expect([sent.phone, sent.amount, sent.accountReference, sent.transactionType]).toEqual(['254722000111', 15_000, 'INV20260001', 'CustomerPayBillOnline']);
    expect(daraja.problems).toEqual([]);

    await daraja.settle(sent.checkoutId, { code: '0', receipt: 'QK7X1Y2Z3A' });
    // Daraja retries callbacks it thinks were lost: the same receipt again changes nothing.
    await daraja.postStkCallback(sent.checkoutId, stkCallbackBody(sent, { code: '0', receipt: 'QK7X1Y2Z3A' }));
    const other = await registerDevice(cloud, s.session, 'Office');
    const rows = await pullAll(other.deviceToken);
    const payments = rowsOf(rows, 'payments');
    expect(payments.map((p) => [p.data.amount_minor, p.data.method, p.data.reference])).toEqual([[1_500_000, 'mpesa', 'QK7X1Y2Z3A']]);
    expect(rowsOf(rows, 'payment_allocations').map((a) => [a.data.invoice_id, a.data.amount_minor])).toEqual([[s.invoices[0]!.id, 1_500_000]]);
    expect(rowsOf(rows, 'incoming_payments').map((i) => [i.data.receipt, i.data.status, i.data.source])).toEqual([['QK7X1Y2Z3A', 'recorded', 'mpesa_stk']]);
    expect(rowsOf(rows, 'payment_requests').map((r) => [r.data.status, r.data.result_text])).toEqual([['paid', expect.stringContaining('QK7X1Y2Z3A')]]);
  });

  it('believes Daraja’s query over a callback that contradicts it, and words each refusal', async () => {
    const s = await shop();
    await api(cloud, 'POST', '/v1/payments/stk', { token: s.token, body: { invoiceId: s.invoices[0]!.id, phone: '0722000111' } });
    const forged = daraja.stk.at(-1)!;
    // A "paid" callback while Daraja itself says the customer cancelled: nothing is recorded.
    await daraja.settle(forged.checkoutId, { code: '0', queryCode: '1032', receipt: 'QKFORGED01' });
    await api(cloud, 'POST', '/v1/payments/stk', { token: s.token, body: { invoiceId: s.invoices[0]!.id, phone: '0722000111' } });
    const wrongPin = daraja.stk.at(-1)!;
    await daraja.settle(wrongPin.checkoutId, { code: '2001', description: 'The initiator information is invalid.' });
    const rows = await pullAll(s.token);
    expect(rowsOf(rows, 'payments')).toEqual([]);
    const requests = rowsOf(rows, 'payment_requests').map((r) => [r.data.status, r.data.result_text]);
    expect(requests).toEqual([
      ['cancelled', 'Cancelled by the customer on their phone.'],
      ['failed', expect.stringContaining('wrong M-Pesa PIN')],
    ]);
  });

  it('settles a prompt whose callback never comes by asking Daraja, and refuses a callback on an unknown path', async () => {
    const s = await shop();
    await api(cloud, 'POST', '/v1/payments/stk', { token: s.token, body: { invoiceId: s.invoices[0]!.id, phone: '254722000111', amountMinor: 500_000 } });
    const silent = daraja.stk.at(-1)!;
    expect(silent.amount).toBe(5_000);
    // Still being processed: polling leaves it pending.
    cloud.clock.advance(60_000);
    await pollPendingStk(cloud.cloud.context);
    expect(rowsOf(await pullAll(s.token), 'payments')).toEqual([]);
    await daraja.settle(silent.checkoutId, { code: '0', callback: false });
    cloud.clock.advance(120_000);
    await pollPendingStk(cloud.cloud.context);
    const rows = await pullAll(s.token);
    expect(rowsOf(rows, 'payments').map((p) => p.data.amount_minor)).toEqual([500_000]);
    expect(rowsOf(rows, 'payment_requests').map((r) => r.data.status)).toEqual(['paid']);
    // A late callback for the settled prompt adds nothing.
    await daraja.postStkCallback(silent.checkoutId, stkCallbackBody(silent, { code: '0', receipt: 'QKLATE0001' }));
    expect(rowsOf(await pullAll(s.token), 'payments')).toHaveLength(1);
    const unknown = await api(cloud, 'POST', '/v1/hooks/not-this-organisations-path-at-all/mpesa/stk', { body: stkCallbackBody(silent, { code: '0' }) });
    expect(unknown.status).toBe(404);
  });

  it('matches Paybill money by the account typed, forgivingly; the rest waits in Unmatched; each receipt once', async () => {
    const s = await shop([{ number: 'INV-2026-0001', totalMinor: 1_000_000, dueDate: '2026-11-10' }, { number: 'INV-2026-0002', totalMinor: 400_000, dueDate: '2026-11-20' }]);
    expect((await daraja.confirmC2b({ receipt: 'QKC2B00001', amount: 300, account: 'inv 2026 1' })).body).toEqual({ ResultCode: 0, ResultDesc: 'Success' });
    await daraja.confirmC2b({ receipt: 'QKC2B00001', amount: 300, account: 'inv 2026 1' });
    // Overpays INV-2026-0002 (4,000 owed): the rest settles the customer's oldest unpaid invoice.
    await daraja.confirmC2b({ receipt: 'QKC2B00002', amount: 5_000, account: '20260002' });
    await daraja.confirmC2b({ receipt: 'QKC2B00003', amount: 1_200, account: 'school fees' });
    const rows = await pullAll(s.token);
    expect(rowsOf(rows, 'payments').map((p) => [p.data.reference, p.data.amount_minor])).toEqual([['QKC2B00001', 30_000], ['QKC2B00002', 500_000]]);
    const byInvoice = (id: string) => rowsOf(rows, 'payment_allocations').filter((a) => a.data.invoice_id === id).map((a) => a.data.amount_minor);
    expect(byInvoice(s.invoices[0]!.id)).toEqual([30_000, 100_000]);
    expect(byInvoice(s.invoices[1]!.id)).toEqual([400_000]);
    const unmatched = rowsOf(rows, 'incoming_payments').filter((i) => i.data.status === 'unmatched');
    expect(unmatched.map((i) => [i.data.receipt, i.data.account_reference, i.data.amount_minor, i.data.payer_name])).toEqual([['QKC2B00003', 'school fees', 120_000, 'JANE WANJIKU']]);
    // Another shortcode's payment on this organisation's path is not booked.
    await daraja.confirmC2b({ receipt: 'QKC2B00004', amount: 100, account: 'INV-2026-0001', shortcode: '999999' });
    expect(rowsOf(await pullAll(s.token), 'incoming_payments')).toHaveLength(3);
  });

  it('records a Paystack payment only with the signature over the raw bytes and Paystack’s own verification', async () => {
    const s = await shop();
    const link = await api<PaymentRequestView>(cloud, 'POST', '/v1/payments/paystack-link', { token: s.token, body: { invoiceId: s.invoices[0]!.id } });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(link.body.url).toMatch(/\/checkout\/bb_/);
    const t = paystack.transactions.at(-1)!;
    expect([t.amount, t.currency, t.email, t.channels]).toEqual([1_500_000, 'KES', 'accounts@wanjiku.co.ke', ['card', 'mobile_money']]);
    const hook = s.setup.callbacks.paystackWebhook;
    // Not paid yet: a correctly signed webhook is still checked with Paystack, and nothing is recorded.
    expect(await paystack.sendWebhook(hook, t.reference, { amount: 1_500_000 })).toBe(200);
    paystack.pay(t.reference, { channel: 'mobile_money' });
    expect(await paystack.sendWebhook(hook, t.reference, { signature: 'wrong' })).toBe(401);
    expect(await paystack.sendWebhook(hook, t.reference, { signature: 'none' })).toBe(401);
    expect(await paystack.sendWebhook(hook, t.reference, { signature: 'reserialized' })).toBe(401);
    expect(rowsOf(await pullAll(s.token), 'payments')).toEqual([]);
    expect(await paystack.sendWebhook(hook, t.reference)).toBe(200);
    expect(await paystack.sendWebhook(hook, t.reference)).toBe(200);
    const rows = await pullAll(s.token);
    expect(rowsOf(rows, 'payments').map((p) => [p.data.reference, p.data.amount_minor, p.data.method])).toEqual([[t.reference, 1_500_000, 'mpesa']]);
    expect(rowsOf(rows, 'payment_requests').map((r) => r.data.status)).toEqual(['paid']);
  });

  it('lets only the owner set up payments, and no one read the keys back', async () => {
    const team = await teamWith(cloud, 'sales');
    const refused = await api<{ code: string; message: string }>(cloud, 'PUT', '/v1/payments/setup/paystack', { token: team.colleague.deviceToken, body: { secretKey: paystack.secretKey, baseUrl: paystack.url } });
    expect([refused.status, refused.body.message]).toEqual([403, expect.stringContaining('owner')]);
    const s = await shop();
    const view = await api<PaymentsSetupView>(cloud, 'GET', '/v1/payments/setup', { token: s.token });
    expect(JSON.stringify(view.body)).not.toContain(daraja.keys.consumerSecret);
    expect(JSON.stringify(view.body)).not.toContain(paystack.secretKey);
    expect(view.body.daraja).toMatchObject({ set: true, shortcode: daraja.keys.shortcode });
    const bad = await api<{ message: string }>(cloud, 'PUT', '/v1/payments/setup/daraja', { token: s.token, body: { shortcode: daraja.keys.shortcode, kind: 'paybill', consumerKey: 'wrong', consumerSecret: 'wrong', passkey: 'x', baseUrl: daraja.url } });
    expect([bad.status, bad.body.message]).toEqual([400, expect.stringContaining('consumer key and secret')]);
  });

  it('shows the customer one invoice on its link, takes an M-Pesa number there, logs the view, and honours links off', async () => {
    const s = await shop();
    const token = s.invoices[0]!.shareToken;
    const page = await fetch(`${cloud.url}/p/${token}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Invoice INV-2026-0001');
    expect(html).toContain('KES 15,000.00');
    expect(html).toContain('Account number <strong>INV20260001</strong>');
    expect(html).not.toMatch(/<script/i);
    const form = await fetch(`${cloud.url}/p/${token}/mpesa`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'phone=0722+000+111', redirect: 'manual' });
    expect([form.status, form.headers.get('location')]).toEqual([303, `/p/${token}?sent=1`]);
    expect(daraja.stk.at(-1)!.phone).toBe('254722000111');
    const wrong = await fetch(`${cloud.url}/p/${token}/mpesa`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'phone=12' });
    expect([wrong.status, await wrong.text()]).toEqual([400, expect.stringContaining('Enter a Kenyan mobile number')]);
    const views = rowsOf(await pullAll(s.token), 'audit_log').filter((r) => r.data.action === 'viewed');
    expect(views.map((v) => v.data.summary)).toEqual(['INV-2026-0001 viewed by the customer (invoice link)']);
    expect((await fetch(`${cloud.url}/p/${'x'.repeat(32)}`)).status).toBe(404);
    await api(cloud, 'PUT', '/v1/payments/setup/links', { token: s.token, body: { enabled: true, days: 10 } });
    cloud.clock.set('2026-11-12T08:00:00.000Z');
    const expired = await fetch(`${cloud.url}/p/${token}`);
    expect([expired.status, await expired.text()]).toEqual([404, expect.stringContaining('expired')]);
    cloud.clock.set('2026-11-21T09:00:00.000Z');
    await api(cloud, 'PUT', '/v1/payments/setup/links', { token: s.token, body: { enabled: false, days: 0 } });
    const off = await fetch(`${cloud.url}/p/${token}`);
    expect([off.status, await off.text()]).toEqual([404, expect.stringContaining('switched off')]);
  });
});
