// Each finalized invoice and credit note of a VAT-registered business goes to KRA eTIMS on the job
// queue, against a local OSCU server that checks what is sent; KRA's answer stays on the document.
import { afterEach, describe, expect, it } from 'vitest';
import { call, refused } from '../../helpers/core';
import { customer, invoice, line } from '../../helpers/billing';
import { startFakeEtims, type FakeEtimsServer } from '../../helpers/fakeEtims';
import { etimsBooks, PIN } from '../../helpers/etims';
import { until } from '../../helpers/until';
import type { Core } from '../../../electron/core/app';

const fakes: FakeEtimsServer[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function fake(options: Parameters<typeof startFakeEtims>[0] = {}) {
  const f = await startFakeEtims({ pin: PIN, branchId: '00', ...options });
  fakes.push(f);
  return f;
}

const signed = (core: Core, id: string) => until(() => call(core, 'invoices.get', { id }), (i) => i.etims?.state === 'signed');

describe('transmitting to KRA eTIMS', () => {
  it('initialises the device, keeps the key out of the books, and signs a finalized invoice with totals equal to the cent', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    const setup = await call(core, 'etims.setup', {});
    expect(setup).toMatchObject({ initialised: true, thisComputerTransmits: true, device: { cuId: kra.sdcId }, problem: null });
    expect(setup.codes.classes).toBeGreaterThan(10);
    const key = [...kra.keys.values()][0]!;
    const inBooks = core.context.sql.db.prepare("SELECT count(*) AS n FROM meta WHERE value LIKE '%' || ? || '%'").get(key) as { n: number };
    expect(inBooks.n).toBe(0);

    const buyer = await customer(core, { taxId: 'A123456789Z' });
    const inv = await invoice(core, buyer.id, { lines: [line('Cement 50kg', 10, 78_000), line('Maize flour', 3, 20_000, null), line('Diesel', 2, 18_000, 800), line('Bread', 5, 6_000, 0)] });
    const done = await signed(core, inv.id);
    expect(kra.sales).toHaveLength(1);
    const sale = kra.sales[0]!;
    expect(sale.invcNo).toBe(1);
    expect(sale.request).toMatchObject({ rcptTyCd: 'S', trdInvcNo: inv.number, orgInvcNo: 0, custTin: 'A123456789Z', taxRtB: 16, taxRtE: 8 });
    expect(Math.round((sale.request.totAmt as number) * 100)).toBe(inv.totals.totalMinor);
    expect(Math.round((sale.request.totTaxAmt as number) * 100)).toBe(inv.totals.taxMinor);
    const bands = Object.fromEntries(['A', 'B', 'C', 'E'].map((b) => [b, Math.round((sale.request[`taxblAmt${b}`] as number) * 100)]));
    expect(bands).toEqual({ A: 60_000, B: 780_000, C: 30_000, E: 36_000 });
    expect(done.etims?.receipt).toMatchObject({ invoiceNo: 1, cuId: kra.sdcId, signature: sale.receipt.rcptSign, internalData: sale.receipt.intrlData, receiptNo: 1 });
    expect(done.etimsPrint).toMatchObject({ state: 'signed', cuInvoiceNo: `${kra.sdcId}/1 NS`, kraInvoiceNo: '1' });
    expect(done.etimsPrint?.signature).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{1,4})+$/);
    expect(done.etimsPrint?.verifyUrl).toBe(`https://etims-sbx.kra.go.ke/common/link/etims/receipt/indexEtimsReceiptData?Data=${PIN}00${sale.receipt.rcptSign}`);
    expect(done.etimsPrint?.qr.length).toBeGreaterThan(20);
    // Every item was registered before the sale named it.
    for (const item of sale.request.itemList as { itemCd: string }[]) expect(kra.items.has(item.itemCd)).toBe(true);
    // KRA's answer never changes: not even a bug can overwrite it.
    expect(() => core.context.sql.db.prepare("UPDATE invoices SET etims_signature = 'X' WHERE id = ?").run(inv.id)).toThrow(/never change/);
  });

  it('sends invoices in the order they were finalized, with numbers 1, 2, 3 … and a credit note after its invoice, citing it', async () => {
    const kra = await fake();
    const { core, clock } = await etimsBooks(kra);
    const buyer = await customer(core);
    const first = await invoice(core, buyer.id);
    clock.advance(60_000);
    const second = await invoice(core, buyer.id, { lines: [line('Design', 1, 4_500_000)] });
    clock.advance(60_000);
    const note = await call(core, 'invoices.creditNote', { invoiceId: first.id, amountMinor: 1_000_000, reason: 'Hosting for one month not delivered' });
    clock.advance(60_000);
    const third = await invoice(core, buyer.id, { lines: [line('Support', 2, 250_000)] });
    await signed(core, third.id);
    const withNote = await until(() => call(core, 'invoices.get', { id: first.id }), (i) => i.creditNotes[0]?.etims?.state === 'signed');
    expect(kra.sales.map((s) => [s.invcNo, s.rcptTyCd, s.request.trdInvcNo])).toEqual([
      [1, 'S', first.number], [2, 'S', second.number], [3, 'R', note.number], [4, 'S', third.number],
    ]);
    const credit = kra.sales[2]!.request;
    expect(credit).toMatchObject({ orgInvcNo: 1, rfdRsnCd: '06' });
    expect(Math.round((credit.totAmt as number) * 100)).toBe(1_000_000);
    expect(withNote.creditNotes[0]!.etimsPrint).toMatchObject({ cuInvoiceNo: `${kra.sdcId}/1 NC`, originalCuInvoiceNo: `${kra.sdcId}/1 NS` });
  });

  it('sends nothing for a business that is not registered for VAT', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    await call(core, 'settings.update', { business: { name: 'Wanjiku Traders', taxId: PIN, vatRegistered: false, defaultTaxRateBp: null } });
    const buyer = await customer(core);
    const inv = await invoice(core, buyer.id, { lines: [line('Mandazi', 40, 2_000, null)] });
    await core.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(kra.requests.filter((r) => r.method === 'saveTrnsSalesOsdc')).toHaveLength(0);
    const read = await call(core, 'invoices.get', { id: inv.id });
    expect(read.etims?.state).toBe('not_applicable');
    expect(read.etimsPrint).toBeNull();
  });

  it('refuses to void an invoice KRA signed, and voiding one still waiting takes it out of the line without using a number', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    const buyer = await customer(core);
    const inv = await invoice(core, buyer.id);
    await signed(core, inv.id);
    expect((await refused(core, 'invoices.void', { id: inv.id, reason: 'Entered twice' })).message).toMatch(/signed by KRA eTIMS.*credit note/);

    await kra.goOffline();
    const waiting = await invoice(core, buyer.id);
    expect((await call(core, 'invoices.get', { id: waiting.id })).etimsPrint?.state).toBe('awaiting');
    await call(core, 'invoices.void', { id: waiting.id, reason: 'Wrong customer' });
    await kra.goOnline();
    const next = await invoice(core, buyer.id);
    await signed(core, next.id);
    expect(kra.sales.map((s) => [s.invcNo, s.request.trdInvcNo])).toEqual([[1, inv.number], [2, next.number]]);
  });
});
