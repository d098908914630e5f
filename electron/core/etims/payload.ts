// An invoice or credit note as KRA's TrnsSalesSaveWrReq (saveTrnsSalesOsdc). Pure: the same
// document gives the same request, byte for byte, which is what a resend after a lost answer needs.
//
// Amounts: Billbook's own line figures (shared/totals.ts) are sent as they are, so the bands and the
// totals KRA records equal the invoice's to the cent by construction: taxblAmt is a line's taxable
// value after discount, VAT excluded, taxAmt its VAT, totAmt the two together (as Odoo's certified
// requests send them; KRA's spec samples show VAT-inclusive taxable amounts, which Odoo does not).
import { TAX_BAND_PERCENT, TAX_BANDS, taxBandOf, type TaxBand } from '../../../shared/domain/etims';
import { taxIncludedIn, taxRateLabel, type Discount, type TaxRateBp, type TaxSummaryRow } from '../../../shared/totals';
import { nairobiStamp } from './client';

/** The KRA item a line is sold as. */
export interface SaleItemRef {
  itemCode: string;
  classCode: string;
  packagingUnit: string;
  quantityUnit: string;
}

export interface SaleLine {
  description: string;
  quantityMilli: number;
  unitPriceMinor: number;
  taxRateBp: TaxRateBp;
  /** Whether this line's price includes its VAT (the line's own say, else the invoice's). */
  priceIncludesTax: boolean;
  amountMinor: number;
  discountMinor: number;
  netMinor: number;
  taxMinor: number;
  item: SaleItemRef;
}

export interface SaleDocument {
  kind: 'invoice' | 'credit_note';
  /** Billbook's number (trdInvcNo). */
  number: string;
  currency: string;
  issueDate: string;
  /** When it was finalized (an invoice) or issued (a credit note), ISO. */
  confirmedAt: string;
  customer: { pin: string; name: string; phone: string; address: string };
  discount: Discount;
  lines: SaleLine[];
  /** The document's own totals, which the request must equal. */
  totalMinor: number;
  taxMinor: number;
  /** A credit note: the KRA invoice number of the invoice it corrects. */
  originalInvoiceNo: number | null;
  /** Who made it, as KRA's regrId/regrNm. */
  user: { id: string; name: string };
}

export interface SaleRequest {
  [field: string]: unknown;
  invcNo: number;
  itemList: Record<string, unknown>[];
}

/** Integer minor units (cents) as KRA's NUMBER(18,2). */
export const amount = (minor: number) => minor / 100;

/** Thousandths as KRA's NUMBER(13,2), half up. */
function quantity(milli: number): number {
  return Math.floor((milli + 5) / 10) / 100;
}

const KRA_PIN = /^[AP]\d{9}[A-Z]$/;
const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/** What stops a document from being sent as it is, in words a person can act on; [] when nothing. */
export function saleProblems(doc: SaleDocument): string[] {
  const problems: string[] = [];
  if (doc.currency !== 'KES') problems.push(`${doc.number} is in ${doc.currency}; eTIMS records sales in Kenya shillings only. Issue it in KES (a credit note for this one, then a new invoice).`);
  const rates = new Set<string>();
  for (const line of doc.lines) {
    if (taxBandOf(line.taxRateBp) === null) rates.add(taxRateLabel(line.taxRateBp));
    if (!line.item.classCode) problems.push(`“${line.description}” has no KRA item classification: choose one for its item (Items → eTIMS) or a default one (Settings → eTIMS).`);
  }
  if (rates.size > 0) problems.push(`eTIMS has no tax band for VAT at ${[...rates].join(', ')}: only 16%, 8%, 0% and exempt. Correct ${doc.number} with a credit note and a new invoice.`);
  if (doc.lines.length === 0) problems.push(`${doc.number} has no lines to send.`);
  return [...new Set(problems)];
}

function itemOf(line: SaleLine, seq: number, discount: Discount) {
  const band = taxBandOf(line.taxRateBp) as TaxBand;
  // Supply and discount VAT excluded, as taxblAmt is: for a VAT-inclusive price, the VAT inside it comes off.
  const supply = line.priceIncludesTax ? line.amountMinor - taxIncludedIn(line.amountMinor, line.taxRateBp) : line.amountMinor;
  const discountExTax = supply - line.netMinor;
  const unitPrice = line.priceIncludesTax ? line.unitPriceMinor - taxIncludedIn(line.unitPriceMinor, line.taxRateBp) : line.unitPriceMinor;
  const discountRate = discount?.kind === 'percent' ? discount.bp / 100 : supply > 0 ? Math.round((discountExTax * 10_000) / supply) / 100 : 0;
  return {
    itemSeq: seq,
    itemCd: line.item.itemCode,
    itemClsCd: line.item.classCode,
    itemNm: cut(line.description, 200),
    pkgUnitCd: line.item.packagingUnit,
    pkg: quantity(line.quantityMilli),
    qtyUnitCd: line.item.quantityUnit,
    qty: quantity(line.quantityMilli),
    prc: amount(unitPrice),
    splyAmt: amount(supply),
    dcRt: discountRate,
    dcAmt: amount(discountExTax),
    taxTyCd: band,
    taxblAmt: amount(line.netMinor),
    taxAmt: amount(line.taxMinor),
    totAmt: amount(line.netMinor + line.taxMinor),
  };
}

/** The request for invoice number `invoiceNo`. Call saleProblems first: this assumes none. */
export function buildSaleRequest(doc: SaleDocument, invoiceNo: number): SaleRequest {
  const sums = Object.fromEntries(TAX_BANDS.map((b) => [b, { net: 0, tax: 0 }])) as Record<TaxBand, { net: number; tax: number }>;
  for (const line of doc.lines) {
    const band = taxBandOf(line.taxRateBp) as TaxBand;
    sums[band].net += line.netMinor;
    sums[band].tax += line.taxMinor;
  }
  const net = TAX_BANDS.reduce((a, b) => a + sums[b].net, 0);
  const tax = TAX_BANDS.reduce((a, b) => a + sums[b].tax, 0);
  const confirmed = nairobiStamp(doc.confirmedAt);
  const pin = KRA_PIN.test(doc.customer.pin.toUpperCase()) ? doc.customer.pin.toUpperCase() : null;
  const receipt: Record<string, unknown> = { custTin: pin, rcptPbctDt: confirmed, prchrAcptcYn: 'N' };
  if (doc.customer.phone) receipt.custMblNo = cut(doc.customer.phone, 20);
  if (doc.customer.address) receipt.adrs = cut(doc.customer.address, 200);
  const request: SaleRequest = {
    invcNo: invoiceNo,
    trdInvcNo: cut(doc.number, 50),
    orgInvcNo: doc.originalInvoiceNo ?? 0,
    custTin: pin,
    custNm: cut(doc.customer.name, 60),
    rcptTyCd: doc.kind === 'invoice' ? 'S' : 'R',
    // Billbook's invoices are paid after they are issued: "credit" (code class 07).
    pmtTyCd: '02',
    salesSttsCd: '02',
    cfmDt: confirmed,
    salesDt: doc.issueDate.replace(/-/g, ''),
    totItemCnt: doc.lines.length,
    ...Object.fromEntries(TAX_BANDS.flatMap((b) => [
      [`taxblAmt${b}`, amount(sums[b].net)],
      [`taxRt${b}`, TAX_BAND_PERCENT[b]],
      [`taxAmt${b}`, amount(sums[b].tax)],
    ])),
    totTaxblAmt: amount(net),
    totTaxAmt: amount(tax),
    totAmt: amount(net + tax),
    prchrAcptcYn: 'N',
    regrId: cut(doc.user.id, 20),
    regrNm: cut(doc.user.name, 60),
    modrId: cut(doc.user.id, 20),
    modrNm: cut(doc.user.name, 60),
    receipt,
    itemList: doc.lines.map((line, i) => itemOf(line, i + 1, doc.discount)),
  };
  if (doc.kind === 'credit_note') {
    // Credit note reasons are code class 32; "06 Refund" is in every list published.
    request.rfdRsnCd = '06';
    request.rfdDt = confirmed;
  }
  return request;
}

/**
 * A credit note's lines. One that credits a whole invoice repeats its lines; any other has one line
 * per VAT rate it credits, sold as the item of the invoice's largest line at that rate.
 */
export function creditNoteLines(invoiceLines: readonly SaleLine[], invoiceTotalMinor: number, noteSummary: readonly TaxSummaryRow[], noteAmountMinor: number, reason: string, invoiceNumber: string): SaleLine[] {
  if (noteAmountMinor === invoiceTotalMinor) return invoiceLines.map((l) => ({ ...l }));
  return noteSummary.map((row) => {
    const atRate = invoiceLines.filter((l) => l.taxRateBp === row.taxRateBp).sort((a, b) => b.netMinor - a.netMinor)[0] ?? invoiceLines[0]!;
    return {
      description: cut(`Credit on ${invoiceNumber}: ${reason}`, 200),
      quantityMilli: 1000,
      unitPriceMinor: row.netMinor,
      taxRateBp: row.taxRateBp,
      priceIncludesTax: false,
      amountMinor: row.netMinor,
      discountMinor: 0,
      netMinor: row.netMinor,
      taxMinor: row.taxMinor,
      item: atRate.item,
    };
  });
}
