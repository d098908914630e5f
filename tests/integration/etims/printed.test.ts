// What KRA's answer puts on paper: the invoice PDF (every template) prints the control unit's
// invoice number, its date, KRA's invoice number, internal data and signature in groups of four, and
// a QR code leading to KRA's verification page; a credit note's line cites its own CU number; the
// payment receipt cites the CU numbers of the invoices it settled.
import QRCode from 'qrcode';
import { afterEach, describe, expect, it } from 'vitest';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { call } from '../../helpers/core';
import { customer, invoice } from '../../helpers/billing';
import { startFakeEtims, type FakeEtimsServer } from '../../helpers/fakeEtims';
import { etimsBooks, PIN } from '../../helpers/etims';
import { until } from '../../helpers/until';
import { pdfText } from '../../helpers/pdfText';
import type { Core } from '../../../electron/core/app';

const fakes: FakeEtimsServer[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function fake() {
  const f = await startFakeEtims({ pin: PIN, branchId: '00' });
  fakes.push(f);
  return f;
}

const signed = (core: Core, id: string) => until(() => call(core, 'invoices.get', { id }), (i) => i.etims?.state === 'signed');

async function pdfOf(core: Core, invoiceId: string, template?: string): Promise<Buffer> {
  const out = await call(core, 'pdf.render', { invoiceId, template: template as 'professional' | undefined });
  return Buffer.from(out.base64, 'base64');
}

/** pdf.js's path codes (DrawOPS) and how many numbers follow each. */
const ARGS = [2, 2, 6, 4, 0];

/** The most squares any one path on the first page draws: the QR code is one path of unit squares. */
async function mostSquaresInOnePath(bytes: Buffer): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await doc.getPage(1);
  const ops = await page.getOperatorList();
  let most = 0;
  ops.fnArray.forEach((fn, i) => {
    if (fn !== OPS.constructPath) return;
    // pdf.js 5: [paint op, [path data], bounds]; the data is codes each followed by its coordinates.
    const data = ((ops.argsArray[i] as unknown[])[1] as ArrayLike<number>[] | undefined)?.[0];
    if (!data) return;
    let closes = 0;
    for (let k = 0; k < data.length; ) {
      const code = data[k]!;
      if (code === 4) closes++;
      k += 1 + (ARGS[code] ?? 0);
    }
    most = Math.max(most, closes);
  });
  await doc.destroy();
  return most;
}

describe('KRA eTIMS on paper', () => {
  it('a signed invoice prints the CU invoice number, date, internal data and signature in fours, and a QR code of KRA’s verification link', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    const buyer = await customer(core);
    const inv = await invoice(core, buyer.id);
    const done = await signed(core, inv.id);
    const sale = kra.sales[0]!;
    const print = done.etimsPrint!;
    const fours = (s: string) => s.match(/.{1,4}/g)!.join('-');
    expect(print.signature).toBe(fours(sale.receipt.rcptSign));
    expect(print.internalData).toBe(fours(sale.receipt.intrlData));
    // The QR code is exactly the one for KRA's verification link.
    const link = `https://etims-sbx.kra.go.ke/common/link/etims/receipt/indexEtimsReceiptData?Data=${PIN}00${sale.receipt.rcptSign}`;
    const qr = QRCode.create(link, { errorCorrectionLevel: 'M' });
    expect(print.qr).toHaveLength(qr.modules.size);
    expect(print.qr.join('')).toBe([...qr.modules.data].map((m) => (m ? '1' : '0')).join(''));

    for (const template of ['professional', 'simple', 'detailed']) {
      const bytes = await pdfOf(core, inv.id, template);
      const text = await pdfText(bytes);
      expect(text, template).toContain('KRA eTIMS');
      expect(text, template).toMatch(new RegExp(`CU invoice no\\.\\s+${kra.sdcId}/1 NS`));
      expect(text, template).toMatch(/KRA invoice no\.\s+1\b/);
      // The signature may wrap: compare without the spaces a wrap adds.
      expect(text.replace(/\s+/g, ''), template).toContain(`Receiptsignature${print.signature}`);
      expect(text.replace(/\s+/g, ''), template).toContain(`Internaldata${print.internalData}`);
      expect(text, template).toContain('Scan to check with KRA');
      expect(text, template).not.toContain('Awaiting eTIMS');
      const dark = print.qr.join('').split('').filter((m) => m === '1').length;
      expect(await mostSquaresInOnePath(bytes), template).toBe(dark);
    }
  });

  it('the credit note’s line on the invoice cites its CU number, and the receipt for a payment cites the invoice’s', async () => {
    const kra = await fake();
    const { core } = await etimsBooks(kra);
    const buyer = await customer(core);
    const inv = await invoice(core, buyer.id);
    await signed(core, inv.id);
    await call(core, 'invoices.creditNote', { invoiceId: inv.id, amountMinor: 1_000_000, reason: 'One month not delivered' });
    await until(() => call(core, 'invoices.get', { id: inv.id }), (i) => i.creditNotes[0]?.etims?.state === 'signed');
    const text = await pdfText(await pdfOf(core, inv.id, 'detailed'));
    expect(text).toMatch(new RegExp(`CU invoice no\\.`));
    expect(text).toContain(`${kra.sdcId}/1 NC`);

    const payment = await call(core, 'payments.record', { customerId: buyer.id, amountMinor: 500_000, method: 'bank', reference: 'FT2611', paidOn: '2026-11-21', allocations: [{ invoiceId: inv.id, amountMinor: 500_000 }] });
    const receipt = await call(core, 'payments.receiptPdf', { id: payment.id });
    const receiptText = await pdfText(Buffer.from(receipt.base64, 'base64'));
    expect(receiptText).toContain(`CU invoice no. ${kra.sdcId}/1 NS`);
  });
});
