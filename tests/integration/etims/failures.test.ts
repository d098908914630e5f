// What KRA refuses, what fails on the way, and what is lost: each becomes a message saying what to
// fix or a wait, numbers stay gapless, and nothing is recorded twice.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { noticeLate } from '../../../electron/core/etims/watch';
import type { EventMap } from '../../../shared/contract';
import { call } from '../../helpers/core';
import { customer, invoice, line } from '../../helpers/billing';
import { startFakeEtims, type FakeEtimsServer } from '../../helpers/fakeEtims';
import { etimsBooks, PIN } from '../../helpers/etims';
import { until } from '../../helpers/until';
import { pdfText } from '../../helpers/pdfText';

const fakes: FakeEtimsServer[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function fake(options: Parameters<typeof startFakeEtims>[0] = {}) {
  const f = await startFakeEtims({ pin: PIN, branchId: '00', ...options });
  fakes.push(f);
  return f;
}

const stateOf = (core: Core, id: string, state: string) => until(() => call(core, 'invoices.get', { id }), (i) => i.etims?.state === state, 60_000);
const saleRequests = (kra: FakeEtimsServer) => kra.requests.filter((r) => r.method === 'saveTrnsSalesOsdc');

describe('KRA refusals become what to fix', () => {
  it('a number KRA already has (994) fails that invoice with what to do; Retry takes the next free number, and the line goes on', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    const buyer = await customer(core);
    kra.script('saveTrnsSalesOsdc', { kind: 'result', resultCd: '994', resultMsg: 'There is an overlapped Data' });
    const first = await invoice(core, buyer.id);
    const failed = await stateOf(core, first.id, 'failed');
    expect(failed.etims?.message).toMatch(/KRA already has eTIMS invoice number 1 for branch 00.*This computer transmits.*Retry/);
    const second = await invoice(core, buyer.id);
    await stateOf(core, second.id, 'signed');
    await call(core, 'etims.retry', { kind: 'invoice', id: first.id });
    const done = await stateOf(core, first.id, 'signed');
    // 1 was someone else's: the second invoice took 2, the retried first one 3.
    expect(kra.sales.map((s) => [s.invcNo, s.request.trdInvcNo])).toEqual([[2, second.number], [3, first.number]]);
    expect(done.etims?.receipt?.invoiceNo).toBe(3);
  });

  it('an unknown classification code is refused at the item with where to fix it; after fixing, Retry signs it', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    const cement = await call(core, 'items.create', { name: 'Cement 50kg', unit: 'bag', priceMinor: 78_000, taxRateBp: 1600 });
    await call(core, 'etims.setItem', { id: cement.id, version: cement.version, etims: { classCode: '12345678', itemType: '2', packagingUnit: 'BG', quantityUnit: 'BG', originCountry: 'KE' } });
    const buyer = await customer(core);
    const inv = await invoice(core, buyer.id, { lines: [{ ...line('Cement 50kg', 10, 78_000), itemId: cement.id }] });
    const failed = await stateOf(core, inv.id, 'failed');
    expect(failed.etims?.message).toMatch(/KRA refused the item “Cement 50kg”: check its KRA classification \(Items → Cement 50kg → eTIMS/);
    expect(saleRequests(kra)).toHaveLength(0);
    const latest = await call(core, 'items.get', { id: cement.id });
    await call(core, 'etims.setItem', { id: cement.id, version: latest.version, etims: { classCode: '30111601', itemType: '2', packagingUnit: 'BG', quantityUnit: 'BG', originCountry: 'KE' } });
    await call(core, 'etims.retry', { kind: 'invoice', id: inv.id });
    await stateOf(core, inv.id, 'signed');
    const item = (kra.sales[0]!.request.itemList as { itemCd: string; itemClsCd: string }[])[0]!;
    expect(item).toMatchObject({ itemClsCd: '30111601' });
    expect(item.itemCd).toMatch(/^KE2BGBG\d{7}$/);
    expect((await call(core, 'etims.item', { id: cement.id })).itemCode).toBe(item.itemCd);
    expect(kra.sales[0]!.invcNo).toBe(1);
  });

  it('a wrong tax band (an item registered at 16% sold as exempt) is refused with what to check, and gives its number back', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    const design = await call(core, 'items.create', { name: 'Logo design', priceMinor: 2_000_000, taxRateBp: 1600 });
    await call(core, 'etims.setItem', { id: design.id, version: design.version, etims: { classCode: '82141500', itemType: '3', packagingUnit: 'OU', quantityUnit: 'U', originCountry: 'KE' } });
    const buyer = await customer(core);
    const wrong = await invoice(core, buyer.id, { lines: [{ ...line('Logo design', 1, 2_000_000, null), itemId: design.id }] });
    const failed = await stateOf(core, wrong.id, 'failed');
    expect(failed.etims?.message).toMatch(/tax band on INV-2026-0001 is wrong.*KRA: 910 taxTyCd A/);
    const right = await invoice(core, buyer.id, { lines: [{ ...line('Logo design', 1, 2_000_000), itemId: design.id }] });
    await stateOf(core, right.id, 'signed');
    expect(kra.sales.map((s) => s.invcNo)).toEqual([1]);
  });

  it('what cannot go at all says why before anything is sent: a rate KRA has no band for, an invoice not in shillings', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    const buyer = await customer(core);
    const odd = await invoice(core, buyer.id, { lines: [line('Old stock', 1, 100_000, 1400)] });
    expect((await stateOf(core, odd.id, 'failed')).etims?.message).toMatch(/no tax band for VAT at 14%: only 16%, 8%, 0% and exempt/);
    const dollars = await customer(core, { name: 'Acme Ltd', email: 'ap@acme.example', phone: '0733 000000', currency: 'USD' });
    const usd = await invoice(core, dollars.id, { lines: [line('Consulting', 1, 100_000)] });
    expect((await stateOf(core, usd.id, 'failed')).etims?.message).toMatch(/in USD; eTIMS records sales in Kenya shillings only/);
    expect(saleRequests(kra)).toHaveLength(0);
  });
});

describe('nothing is sent twice', () => {
  it('an answer lost after KRA recorded the sale: the retry asks KRA first and keeps its receipt, sending nothing again', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    const buyer = await customer(core);
    kra.script('saveTrnsSalesOsdc', { kind: 'acceptThenDrop' });
    const inv = await invoice(core, buyer.id);
    const done = await stateOf(core, inv.id, 'signed');
    expect(saleRequests(kra)).toHaveLength(1);
    expect(kra.requests.filter((r) => r.method === 'selectInvoiceDtl').map((r) => r.body.invcNo)).toEqual([1]);
    expect(done.etims?.receipt).toMatchObject({ invoiceNo: 1, signature: kra.sales[0]!.receipt.rcptSign });
  });

  it('a timeout: KRA recorded it but never answered; the next attempt finds it under the same number', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    const buyer = await customer(core);
    kra.script('saveTrnsSalesOsdc', { kind: 'acceptThenHold' });
    // KRA is slow to answer the lookup too, so "Checking with KRA" lasts long enough to be seen on a busy machine.
    kra.script('selectInvoiceDtl', { kind: 'normal', delayMs: 2_000 });
    const inv = await invoice(core, buyer.id);
    const doubt = await stateOf(core, inv.id, 'in_doubt');
    expect(doubt.etims?.message).toMatch(/did not answer within 5 seconds.*will ask KRA about invoice number 1 before sending anything again/);
    await stateOf(core, inv.id, 'signed');
    expect(saleRequests(kra)).toHaveLength(1);
    expect(kra.sales).toHaveLength(1);
  }, 150_000);

  it('an HTML error page from a gateway (KRA down): asked about, not found, sent again once, signed under the same number', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    const buyer = await customer(core);
    kra.script('saveTrnsSalesOsdc', { kind: 'http', status: 502, html: true });
    const inv = await invoice(core, buyer.id);
    await stateOf(core, inv.id, 'signed');
    const shown = kra.requests.filter((r) => r.method === 'saveTrnsSalesOsdc' || r.method === 'selectInvoiceDtl').map((r) => [r.method, r.body.invcNo]);
    expect(shown).toEqual([['saveTrnsSalesOsdc', 1], ['selectInvoiceDtl', 1], ['saveTrnsSalesOsdc', 1]]);
    expect(kra.sales.map((s) => s.invcNo)).toEqual([1]);
  });

  it('without KRA’s lookup, a resend of the same request is refused as a duplicate (994): the sale stays recorded once and the person is told', async () => {
    const kra = await fake({ lookup: false });
    const { core } = await etimsBooks(kra);
    const buyer = await customer(core);
    kra.script('saveTrnsSalesOsdc', { kind: 'acceptThenDrop' });
    const inv = await invoice(core, buyer.id);
    const failed = await stateOf(core, inv.id, 'failed');
    expect(failed.etims?.message).toMatch(/KRA already holds eTIMS invoice number 1.*most likely INV-2026-0001 itself.*eTIMS portal/);
    expect(kra.sales).toHaveLength(1);
    // The number stays used: the next invoice takes 2.
    const next = await invoice(core, buyer.id);
    await stateOf(core, next.id, 'signed');
    expect(kra.sales.map((s) => s.invcNo)).toEqual([1, 2]);
  });
});

describe('offline and late', () => {
  it('offline: the invoice is "Awaiting eTIMS" (on screen and on its PDF), and goes when KRA can be reached, in order', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    const buyer = await customer(core);
    await kra.goOffline();
    const a = await invoice(core, buyer.id);
    const b = await invoice(core, buyer.id, { lines: [line('Design', 1, 900_000)] });
    const waiting = await until(() => call(core, 'invoices.get', { id: a.id }), (i) => i.etims?.message?.includes('Could not reach') === true);
    expect(waiting.etims?.state).toBe('awaiting');
    expect(waiting.etimsPrint).toMatchObject({ state: 'awaiting' });
    // A PDF sent meanwhile says so.
    const pdf = await call(core, 'pdf.render', { invoiceId: a.id });
    expect(await pdfText(Buffer.from(pdf.base64, "base64"))).toMatch(/Awaiting eTIMS\s*\nKRA has not signed this invoice yet/);
    await kra.goOnline();
    await stateOf(core, b.id, 'signed');
    expect(kra.sales.map((s) => [s.invcNo, s.request.trdInvcNo])).toEqual([[1, a.number], [2, b.number]]);
  });

  it('tells the person, once, of each document still waiting after a working day (a weekend does not count)', async () => {
    const kra = await fake();
    // Friday 14:00 in Nairobi.
    const { core, clock } = await etimsBooks(kra, { start: '2026-11-20T11:00:00.000Z' });
    const buyer = await customer(core);
    await kra.goOffline();
    const inv = await invoice(core, buyer.id, { issueDate: '2026-11-20' });
    // In the line (the clock stands still, so it joined on Friday afternoon) and told why it waits.
    await until(() => call(core, 'invoices.get', { id: inv.id }), (i) => i.etims?.state === 'awaiting' && i.etims.message !== null);
    const seen: EventMap['activity'][] = [];
    core.events.onAny((event, payload) => {
      if (event === 'activity') seen.push(payload as EventMap['activity']);
    });
    clock.set('2026-11-23T10:00:00.000Z'); // Monday 13:00: not yet a working day
    expect(noticeLate(core.context)).toBe(0);
    clock.set('2026-11-23T11:30:00.000Z'); // Monday 14:30
    expect(noticeLate(core.context)).toBe(1);
    expect(noticeLate(core.context)).toBe(0);
    expect(seen).toEqual([expect.objectContaining({ kind: 'etims_waiting', title: `${inv.number} still awaits KRA eTIMS`, href: '#/etims' })]);
  });
});
